/** Dev aid: main-thread CPU profile of a page until its first chart (usage: tsx scripts/dev/profile-page.ts <dist> <path>). */
import {openSite} from "../../test/browser/harness.js";

const [dist, path] = process.argv.slice(2);
const site = await openSite(dist);
try {
  const page = await site.browser.newPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", {interval: 1000});
  await cdp.send("Profiler.start");
  const t0 = Date.now();
  page.on("console", (m) => console.log(`  [${Date.now() - t0} ms] console: ${m.text().slice(0, 200)}`));
  await page.goto(site.url + path, {waitUntil: "domcontentloaded"});
  await page.waitForSelector("figure svg, svg[class*=plot]", {timeout: 90_000});
  console.log("first chart", Date.now() - t0, "ms");
  const {profile} = await cdp.send("Profiler.stop") as {profile: {nodes: {id: number; callFrame: {functionName: string; url: string; lineNumber: number}; }[]; samples: number[]; timeDeltas: number[]}};
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byFn = new Map<string, number>();
  for (const n of profile.nodes) {
    const key = `${n.callFrame.functionName || "(anon)"} ${n.callFrame.url.split("/").pop()}:${n.callFrame.lineNumber}`;
    byFn.set(key, (byFn.get(key) ?? 0) + (self.get(n.id) ?? 0));
  }
  for (const [k, us] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`);
} finally {
  await site.close();
}
