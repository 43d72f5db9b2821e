/** Dev aid: first-chart time of a page on a cold and on a warm cache, in one browser context (usage: tsx scripts/dev/warm-visit.ts <dist> <path>). */
import {openSite} from "../../test/browser/harness.js";

const [dist, path] = process.argv.slice(2);
const site = await openSite(dist);
try {
  const context = await site.browser.newContext();
  for (const label of ["cold", "warm", "warm"]) {
    const page = await context.newPage();
    const start = Date.now();
    await page.goto(site.url + path, {waitUntil: "domcontentloaded"});
    await page.waitForSelector("figure svg, svg[class*=plot]", {timeout: 90_000});
    const ms = Date.now() - start;
    const measures = await page.evaluate(() => performance.getEntriesByType("measure").map((e) => `${e.name} ${Math.round(e.startTime)}+${Math.round(e.duration)}`));
    console.log(label, ms, "ms", measures.join(", "));
    await page.waitForTimeout(1500);
    await page.close();
  }
} finally {
  await site.close();
}
