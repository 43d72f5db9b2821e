/**
 * Dev aid: a Chrome timeline trace of N story filter changes (as the benchmark times them), summed
 * per change by main-thread event (script, layout, paint, commit) and by thread: where the time
 * goes that a CPU profile shows only as "(program)" (usage: tsx scripts/dev/trace-filter.ts <dist> <path> [N=10]).
 */
import {openSite} from "../../test/browser/harness.js";
import {TIMED_STORY_FILTER_CHANGE, timedNewViewChange} from "../../bench/browser.js";

interface TraceEvent {name: string; ph: string; pid: number; tid: number; dur?: number; args: {name?: string}}
const [dist, path, n = "10"] = process.argv.slice(2);
const site = await openSite(dist);
try {
  const page = await site.browser.newPage();
  await page.goto(site.url + path, {waitUntil: "networkidle"});
  await page.waitForFunction(() => document.body.dataset.renderCount !== undefined, null, {timeout: 90_000});
  await page.waitForTimeout(1500);
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on("Tracing.dataCollected", (e) => events.push(...(e.value as unknown as TraceEvent[])));
  const done = new Promise((r) => cdp.once("Tracing.tracingComplete", r));
  await cdp.send("Tracing.start", {categories: "devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,blink.user_timing", transferMode: "ReportEvents"});
  const times: number[] = [];
  for (let i = 0; i < Number(n); i++) { times.push(Math.round(Number(await page.evaluate(process.env.NEW_VIEWS ? timedNewViewChange(i + 1) : TIMED_STORY_FILTER_CHANGE)))); await page.waitForTimeout(200); }
  await cdp.send("Tracing.end");
  await done;
  console.log("changes (ms):", times.join(" "));
  // main thread: the thread with most FunctionCall events
  const byTid = new Map<string, number>();
  for (const e of events) if (e.name === "FunctionCall") byTid.set(`${e.pid}:${e.tid}`, (byTid.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
  const main = [...byTid].sort((a, b) => b[1] - a[1])[0][0];
  const sum = new Map<string, number>();
  for (const e of events) {
    if (`${e.pid}:${e.tid}` !== main || e.ph !== "X" || !e.dur) continue;
    sum.set(e.name, (sum.get(e.name) ?? 0) + e.dur / 1000);
  }
  for (const [k, v] of [...sum].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${(v / Number(n)).toFixed(1).padStart(8)} ms/change  ${k}`);
  const threads = new Map<string, number>();
  for (const e of events) if (e.ph === "X" && e.dur && e.name !== "ThreadControllerImpl::RunTask") threads.set(`${e.pid}:${e.tid}`, (threads.get(`${e.pid}:${e.tid}`) ?? 0) + e.dur / 1000);
  const names = new Map<string, string>();
  for (const e of events) if (e.ph === "M" && e.name === "thread_name") names.set(`${e.pid}:${e.tid}`, e.args.name ?? "?");
  for (const [k, v] of [...threads].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`thread ${names.get(k) ?? k}: ${(v / Number(n)).toFixed(1)} ms/change (nested sums)`);
} finally { await site.close(); }
