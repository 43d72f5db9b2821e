/** Issue 6 target: the public build of the `municipality` demo in under 2 minutes; dist/ size. */
import {mkdtempSync, readdirSync, rmSync, statSync} from "node:fs";
import {join} from "node:path";
import {buildSite} from "./browser.js";
import {benchDemo, OUT} from "./demo.js";
import {megabytes, seconds, type Row} from "./rows.js";

function folderBytes(dir: string): number {
  let total = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    total += stat.isDirectory() ? folderBytes(path) : stat.size;
  }
  return total;
}

export async function publicBuildBench(): Promise<Row[]> {
  // From scratch: a fresh work folder, so the 1M-line import and every loader run (the target
  // applies to this); then the same build again, which reuses the model and the loaders' output.
  const work = mkdtempSync(join(OUT, "public-work-"));
  try {
    const env = {WARMKOUD_WORKDIR: work, WARMKOUD_DATA: await benchDemo("municipality")};
    const cold = buildSite("municipality", "public", env);
    const again = buildSite("municipality", "public", env);
    return [
      {section: "public", measure: "municipality: public build from the exports (import included)", value: seconds(cold.ms), target: "< 2 min", ok: cold.ms < 120_000},
      {section: "public", measure: "municipality: public build again (model and loader output reused)", value: seconds(again.ms)},
      {section: "public", measure: "municipality: dist/ size", value: megabytes(folderBytes(again.dist))}
    ];
  } finally {
    rmSync(work, {recursive: true, force: true});
  }
}
