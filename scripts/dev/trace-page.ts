/** Dev aid: main-thread trace summary of a page until its first chart (usage: tsx scripts/dev/trace-page.ts <dist> <path>). */
import {readFileSync} from "node:fs";
import {openSite} from "../../test/browser/harness.js";

const [dist, path] = process.argv.slice(2);
const site = await openSite(dist);
try {
  const page = await site.browser.newPage();
  await site.browser.startTracing(page, {path: "/tmp/trace.json", categories: ["devtools.timeline", "v8", "disabled-by-default-devtools.timeline", "v8.wasm"]});
  const t0 = Date.now();
  await page.goto(site.url + path, {waitUntil: "domcontentloaded"});
  await page.waitForSelector("figure svg, svg[class*=plot]", {timeout: 90_000});
  console.log("first chart", Date.now() - t0);
  await site.browser.stopTracing();
  const events = (JSON.parse(readFileSync("/tmp/trace.json", "utf8")).traceEvents ?? []) as {name: string; ph: string; dur?: number; tid: number; pid: number; args?: {name?: string}}[];
  const threads = new Map<string, string>();
  for (const e of events) if (e.name === "thread_name") threads.set(`${e.pid}:${e.tid}`, e.args?.name ?? "");
  const sums = new Map<string, number>();
  for (const e of events) if (e.ph === "X" && e.dur) {
    const key = `${threads.get(`${e.pid}:${e.tid}`) ?? "?"} | ${e.name}`;
    sums.set(key, (sums.get(key) ?? 0) + e.dur);
  }
  for (const [k, us] of [...sums].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`);
} finally {
  await site.close();
}
