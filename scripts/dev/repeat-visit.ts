import {readFileSync} from "node:fs";
import {openSite, visit} from "../../test/browser/harness.js";
const [dist, ...paths] = process.argv.slice(2);
const site = await openSite(dist);
try {
  for (const p of paths) {
    const v = await visit(site, p, {timeout: 90_000});
    await v.page.waitForLoadState("networkidle").catch(() => {});
    console.log(p, v.firstChartMs, readFileSync("/proc/loadavg", "utf8").trim());
    await v.page.close();
  }
} finally { await site.close(); }
