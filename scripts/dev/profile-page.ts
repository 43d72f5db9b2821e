/** Dev aid: main-thread CPU profile of a page until its first chart (usage: tsx scripts/dev/profile-page.ts <dist> <path>). */
import {openSite} from "../../test/browser/harness.js";
import {startCpuProfile} from "./cpu-profile.js";

const [dist, path] = process.argv.slice(2);
const site = await openSite(dist);
try {
  const page = await site.browser.newPage();
  const profiler = await startCpuProfile(page, 1000);
  const t0 = Date.now();
  page.on("console", (m) => console.log(`  [${Date.now() - t0} ms] console: ${m.text().slice(0, 200)}`));
  await page.goto(site.url + path, {waitUntil: "domcontentloaded"});
  await page.waitForSelector("figure svg, svg[class*=plot]", {timeout: 90_000});
  console.log("first chart", Date.now() - t0, "ms");
  await profiler.stop(25);
} finally {
  await site.close();
}
