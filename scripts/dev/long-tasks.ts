/**
 * Dev aid: the main thread's long tasks (> 50 ms) of a page until its first chart has been painted,
 * with what took the time inside each (usage: tsx scripts/dev/long-tasks.ts <dist> <path>).
 */
import {readFileSync} from "node:fs";
import {openSite, visit} from "../../test/browser/harness.js";

interface TraceEvent {name: string; ph: string; ts: number; dur?: number; tid: number; pid: number; args?: {name?: string; data?: {url?: string; functionName?: string}}}

const [dist, path] = process.argv.slice(2);
const site = await openSite(dist);
try {
  await site.browser.startTracing(undefined, {path: "/tmp/long-tasks.json", categories: ["devtools.timeline", "v8", "disabled-by-default-devtools.timeline", "blink.user_timing"]});
  const v = await visit(site, path, {timeout: 90_000});
  console.log("first chart painted at", v.firstChartMs, "ms");
  await site.browser.stopTracing();
  const events = (JSON.parse(readFileSync("/tmp/long-tasks.json", "utf8")).traceEvents ?? []) as TraceEvent[];
  const main = events.find((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain" && events.some((x) => x.tid === e.tid && x.name === "navigationStart"));
  const nav = events.find((e) => e.name === "navigationStart" && e.tid === main?.tid)?.ts ?? 0;
  const onMain = events.filter((e) => e.tid === main?.tid && e.ph === "X" && e.dur);
  const tasks = onMain.filter((e) => e.name === "RunTask" && e.dur! > 50_000);
  for (const t of tasks) {
    const inside = onMain.filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur! <= t.ts + t.dur! && e.name !== "RunTask");
    const top = inside.sort((a, b) => b.dur! - a.dur!).slice(0, 4).map((e) => `${e.name}${e.args?.data?.url ? ` ${e.args.data.url.split("/").pop()}` : ""}${e.args?.data?.functionName ? ` ${e.args.data.functionName}` : ""} ${(e.dur! / 1000).toFixed(0)}`);
    console.log(`${((t.ts - nav) / 1000).toFixed(0).padStart(6)} +${(t.dur! / 1000).toFixed(0).padStart(5)} ms  ${top.join(" | ")}`);
  }
} finally {
  await site.close();
}
