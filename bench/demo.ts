/** Demo deliveries for the benchmarks, generated once under bench/out/ (gitignored). */
import {existsSync} from "node:fs";
import {join} from "node:path";
import {writeDemo, type Scale} from "../lib/demo/index.js";

export const OUT = join(import.meta.dirname, "out");

export async function benchDemo(scale: Scale): Promise<string> {
  const dir = join(OUT, `demo-${scale}`);
  if (!existsSync(join(dir, "demo-sleutel.json"))) {
    console.error(`bench: generating the ${scale} demo in ${dir}`);
    await writeDemo({out: dir, scale, seed: 1});
  }
  return dir;
}
