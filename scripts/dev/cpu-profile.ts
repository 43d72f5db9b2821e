/** Dev aid shared by profile-page.ts and profile-filter.ts: a CDP CPU profile of a page, summed by function. */
import type {Page} from "playwright-core";

interface Profile {
  nodes: {id: number; children?: number[]; callFrame: {functionName: string; url: string; lineNumber: number}}[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * Starts sampling the page's main thread; `stop` prints the `top` functions by self time, then by
 * total time (self and callees; a function calling itself is counted once per stack).
 */
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
        const key = keyOf(n.callFrame);
        byFn.set(key, (byFn.get(key) ?? 0) + (self.get(n.id) ?? 0));
      }
      const print = (title: string, m: Map<string, number>) => {
        console.log(title);
        for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`);
      };
      print("self time", byFn);
      const nodeById = new Map(profile.nodes.map((n) => [n.id, n]));
      const total = new Map<string, number>();
      const walk = (id: number, onStack: Set<string>): number => {
        const n = nodeById.get(id)!;
        const key = keyOf(n.callFrame);
        const inner = new Set(onStack).add(key);
        let us = self.get(id) ?? 0;
        for (const c of n.children ?? []) us += walk(c, inner);
        if (!onStack.has(key)) total.set(key, (total.get(key) ?? 0) + us);
        return us;
      };
      walk(profile.nodes[0].id, new Set());
      print("total time", total);
    }
  };
}

function keyOf(frame: Profile["nodes"][number]["callFrame"]): string {
  return `${frame.functionName || "(anon)"} ${frame.url.split("/").pop()}:${frame.lineNumber}`;
}
