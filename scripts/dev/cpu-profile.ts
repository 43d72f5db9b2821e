/** Dev aid shared by profile-page.ts and profile-filter.ts: a CDP CPU profile of a page, summed by function. */
import type {Page} from "playwright-core";

interface Profile {
  nodes: {id: number; children?: number[]; callFrame: {functionName: string; url: string; lineNumber: number}; positionTicks?: {line: number; ticks: number}[]}[];
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
      // PROFILE_UNDER=<function key>: the total time of each function called beneath that one.
      const under = process.env.PROFILE_UNDER;
      if (under) {
        const beneath = new Map<string, number>();
        const collect = (id: number, inside: boolean, onStack: Set<string>): number => {
          const n = nodeById.get(id)!;
          const key = keyOf(n.callFrame);
          const here = inside || key.startsWith(under);
          const inner = new Set(onStack).add(key);
          let us = self.get(id) ?? 0;
          for (const c of n.children ?? []) us += collect(c, here, inner);
          if (here && !onStack.has(key)) beneath.set(key, (beneath.get(key) ?? 0) + us);
          return us;
        };
        collect(profile.nodes[0].id, false, new Set());
        print(`beneath ${under}`, beneath);
        // Self-time samples by source line of that function (1-based lines of the served file).
        const lines = new Map<string, number>();
        for (const n of profile.nodes) {
          if (!keyOf(n.callFrame).startsWith(under)) continue;
          for (const t of n.positionTicks ?? []) lines.set(`line ${t.line}`, (lines.get(`line ${t.line}`) ?? 0) + t.ticks);
        }
        console.log(`samples by line in ${under}`);
        for (const [k, v] of [...lines].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${String(v).padStart(6)}  ${k}`);
      }
    }
  };
}

function keyOf(frame: Profile["nodes"][number]["callFrame"]): string {
  return `${frame.functionName || "(anon)"} ${frame.url.split("/").pop()}:${frame.lineNumber}`;
}
