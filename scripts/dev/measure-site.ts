/** Dev aid: the browser bench's page measurements on an already built site (usage: tsx scripts/dev/measure-site.ts <scale> <dist>). */
import {measureSite} from "../../bench/browser.js";

const rows = await measureSite(process.argv[2] as "municipality" | "region", process.argv[3]);
for (const r of rows) console.log([r.measure, r.value, r.target ?? "", r.ok === undefined ? "" : r.ok ? "ok" : "MISSED"].join(" | "));
