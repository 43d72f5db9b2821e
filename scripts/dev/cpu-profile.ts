/** Dev aid shared by profile-page.ts and profile-filter.ts: a CDP CPU profile of a page, summed by function. */
import type {Page} from "playwright-core";

interface Profile {
  nodes: {id: number; callFrame: {functionName: string; url: string; lineNumber: number}}[];
  samples: number[];
  timeDeltas: number[];
}

/** Starts sampling the page's main thread; `stop` prints the `top` functions by self time. */
export async function startCpuProfile(page: Page, intervalUs: number): Promise<{stop: (top?: number) => Promise<void>}> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", {interval: intervalUs});
  await cdp.send("Profiler.start");
  return {
    async stop(top = 25) {
      const {profile} = (await cdp.send("Profiler.stop")) as {profile: Profile};
      const self = new Map<number, number>();
      profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
      const byFn = new Map<string, number>();
      for (const n of profile.nodes) {
        const key = `${n.callFrame.functionName || "(anon)"} ${n.callFrame.url.split("/").pop()}:${n.callFrame.lineNumber}`;
        byFn.set(key, (byFn.get(key) ?? 0) + (self.get(n.id) ?? 0));
      }
      for (const [k, us] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`);
    }
  };
}
