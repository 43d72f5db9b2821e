/** Dev aid: first-chart time of pages on a built site, with a CPU profile summary (usage: tsx scripts/dev/first-chart.ts <dist> <path>...). */
import {openSite, visit} from "../../test/browser/harness.js";

const [dist, ...paths] = process.argv.slice(2);
const site = await openSite(dist);
try {
  for (const path of paths) {
    const v = await visit(site, path, {timeout: 90_000});
    const cdp = await v.page.context().newCDPSession(v.page);
    await v.page.waitForTimeout(500);
    const marks = await v.page.evaluate(() => performance.getEntriesByType("resource").filter((e) => /_file|wasm|worker/.test(e.name)).map((e) => `${Math.round(e.startTime)}-${Math.round((e as PerformanceResourceTiming).responseEnd)} ${e.name.split("/").pop()}`));
    console.log(path, "first chart", v.firstChartMs, "ms; charts now", await v.page.locator("figure svg, svg[class*=plot]").count());
    for (const m of marks) console.log("   ", m);
    const measures = await v.page.evaluate(() => performance.getEntriesByType("measure").map((e) => `${e.name} ${Math.round(e.startTime)} +${Math.round(e.duration)} ms`));
    for (const m of measures) console.log("   ", m);
    await cdp.detach();
    await v.page.close();
  }
} finally {
  await site.close();
}
