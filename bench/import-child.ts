// Runs one import in its own process and prints {ms, maxRss} (bytes) as its last stdout line.
import {join} from "node:path";
import {importDelivery} from "../lib/import/index.js";

const [csv, out] = process.argv.slice(2);
const start = performance.now();
await importDelivery([csv], {out: join(out, `model-child-${Date.now()}`), demo: true});
const ms = performance.now() - start;
console.log(JSON.stringify({ms, maxRss: process.resourceUsage().maxRSS * 1024}));
