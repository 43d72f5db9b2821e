/** Dev aid: resource timeline of a page (usage: tsx scripts/dev/timeline.ts <dist> <path>). */
import {openSite, visit} from "../../test/browser/harness.js";

const [dist, path] = process.argv.slice(2);
const site = await openSite(dist);
try {
  const v = await visit(site, path, {timeout: 90_000});
  console.log("first chart", v.firstChartMs);
  const rows = await v.page.evaluate(() => performance.getEntriesByType("resource").map((e) => {
    const r = e as PerformanceResourceTiming;
    return `${String(Math.round(r.startTime)).padStart(6)} ${String(Math.round(r.responseEnd)).padStart(6)} ${String(Math.round(r.encodedBodySize / 1024)).padStart(6)}k ${r.name.replace(/^https?:\/\/[^/]+/, "")}`;
  }));
  const nav = await v.page.evaluate(() => { const n = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming; return `dom ${Math.round(n.domContentLoadedEventEnd)} load ${Math.round(n.loadEventEnd)}`; });
  console.log(nav);
  for (const r of rows) console.log(r);
  for (const m of await v.page.evaluate(() => performance.getEntriesByType("measure").map((e) => `${e.name} ${Math.round(e.startTime)} +${Math.round(e.duration)}`))) console.log(m);
} finally {
  await site.close();
}
