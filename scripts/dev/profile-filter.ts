/**
 * Dev aid: main-thread CPU profile of 10 story filter changes (the first checkbox of the filter bar),
 * each timed in the page until the render is counted and painted
 * (usage: [NEW_VIEWS=1] [PROFILE_TOP=n] [PROFILE_UNDER=function] tsx scripts/dev/profile-filter.ts <dist> <path>).
 */
import {openSite} from "../../test/browser/harness.js";
import {TIMED_STORY_FILTER_CHANGE, timedNewViewChange} from "../../bench/browser.js";
import {startCpuProfile} from "./cpu-profile.js";

const [dist, path] = process.argv.slice(2);
const site = await openSite(dist);
try {
  const page = await site.browser.newPage();
  await page.goto(site.url + path, {waitUntil: "networkidle"});
  await page.waitForFunction(() => document.body.dataset.renderCount !== undefined, null, {timeout: 90_000});
  const profiler = await startCpuProfile(page, 500);
  const times: number[] = [];
  // NEW_VIEWS=1: each change to a view not shown before (the bench's second filter measure).
  const change = (i: number) => (process.env.NEW_VIEWS ? timedNewViewChange(i + 1) : TIMED_STORY_FILTER_CHANGE);
  for (let i = 0; i < 10; i++) times.push(Math.round(Number(await page.evaluate(change(i)))));
  console.log("filter changes (ms):", times.join(" "));
  await profiler.stop(Number(process.env.PROFILE_TOP ?? 30));
} finally {
  await site.close();
}
