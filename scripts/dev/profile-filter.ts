/**
 * Dev aid: main-thread CPU profile of 10 story filter changes (the first checkbox of the filter bar),
 * each timed in the page until the render is counted and painted
 * (usage: tsx scripts/dev/profile-filter.ts <dist> <path>).
 */
import {openSite} from "../../test/browser/harness.js";
import {TIMED_STORY_FILTER_CHANGE} from "../../bench/browser.js";

const [dist, path] = process.argv.slice(2);
const site = await openSite(dist);
try {
  const page = await site.browser.newPage();
  await page.goto(site.url + path, {waitUntil: "networkidle"});
  await page.waitForFunction(() => document.body.dataset.renderCount !== undefined, null, {timeout: 90_000});
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", {interval: 500});
  await cdp.send("Profiler.start");
  const times: number[] = [];
  for (let i = 0; i < 10; i++) times.push(Math.round(Number(await page.evaluate(TIMED_STORY_FILTER_CHANGE))));
  console.log("filter changes (ms):", times.join(" "));
  const {profile} = await cdp.send("Profiler.stop") as {profile: {nodes: {id: number; callFrame: {functionName: string; url: string; lineNumber: number}}[]; samples: number[]; timeDeltas: number[]}};
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byFn = new Map<string, number>();
  for (const n of profile.nodes) {
    const key = `${n.callFrame.functionName || "(anon)"} ${n.callFrame.url.split("/").pop()}:${n.callFrame.lineNumber}`;
    byFn.set(key, (byFn.get(key) ?? 0) + (self.get(n.id) ?? 0));
  }
  for (const [k, us] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`);
} finally {
  await site.close();
}
