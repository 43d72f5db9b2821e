/** `warmkoud demo`: writes the synthetic demo delivery (see docs/demo.md). */
import {parseArgs} from "node:util";
import {writeDemo, type Scale} from "../../lib/demo/index.js";

const USAGE = `usage: warmkoud demo --out <dir> [--seed N] [--scale small|municipality|region]

Writes the raw exports of a synthetic demo municipality into <dir> (an empty folder or an
earlier demo), plus LEESMIJ.txt and the answer key demo-sleutel.json.
  --seed N     integer seed (default 1); the same seed and scale give identical files
  --scale      small (default, calibrated), municipality (10,000 stories, 1M declaration lines),
               region (100,000 stories, 10M declaration lines, five municipalities)`;

const SCALES: readonly Scale[] = ["small", "municipality", "region"];

export async function run(args: string[]): Promise<number> {
  const {values} = parseArgs({
    args,
    options: {out: {type: "string"}, seed: {type: "string", default: "1"}, scale: {type: "string", default: "small"}, help: {type: "boolean", short: "h"}},
    strict: true
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const seed = Number(values.seed);
  const scale = values.scale as Scale;
  if (!values.out || !Number.isInteger(seed) || !SCALES.includes(scale)) {
    console.error(USAGE);
    return 2;
  }
  const started = performance.now();
  const key = await writeDemo({out: values.out, seed, scale});
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `demo (${scale}, seed ${seed}) written to ${values.out} in ${seconds} s: ${key.counts.stories} stories, ` +
      `${key.counts.cases} cases, ${key.counts.declaration_lines} declaration lines, ${key.planted.length} planted bad rows`
  );
  return 0;
}
