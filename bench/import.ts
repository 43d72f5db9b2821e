/**
 * Issue 3 targets: importing 1M declaration lines (Dutch ;-CSV) with validation, pseudonyms and
 * reject accounting takes at most 2x a bare DuckDB COPY of the same file to Parquet (same run,
 * median of alternating repeats); 10M lines import with peak memory under 2 GB.
 */
import {execFileSync} from "node:child_process";
import {mkdtempSync, rmSync} from "node:fs";
import {join} from "node:path";
import {DuckDBInstance} from "@duckdb/node-api";
import {importDelivery} from "../lib/import/index.js";
import {benchDemo, OUT} from "./demo.js";
import {median, megabytes, seconds, type Row} from "./rows.js";

/** Milliseconds of a bare DuckDB COPY of `csv` to Parquet in `out`: the yardstick of the import target. */
export async function bareCopy(csv: string, out: string): Promise<number> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const start = performance.now();
  await connection.run(`COPY (SELECT * FROM read_csv('${csv}')) TO '${join(out, "bare.parquet")}' (FORMAT parquet)`);
  const ms = performance.now() - start;
  connection.closeSync();
  instance.closeSync();
  return ms;
}

async function warmkoudImport(csv: string, out: string): Promise<number> {
  const start = performance.now();
  await importDelivery([csv], {out: join(out, `model-${Date.now()}`), demo: true});
  return performance.now() - start;
}

/** Peak resident memory of a whole import in its own process (DuckDB's native memory included). */
function peakMemory(csv: string, out: string): {ms: number; maxRss: number} {
  const script = join(import.meta.dirname, "import-child.ts");
  const output = execFileSync(process.execPath, ["--import", "tsx", script, csv, out], {encoding: "utf8", stdio: ["ignore", "pipe", "inherit"]});
  return JSON.parse(output.trim().split("\n").pop()!);
}

export async function importBench(): Promise<Row[]> {
  const rows: Row[] = [];
  const csv = join(await benchDemo("municipality"), "tweedelijn", "declaratieregels.csv");
  const tmp = mkdtempSync(join(OUT, "import-"));
  try {
    const bare: number[] = [];
    const ours: number[] = [];
    for (let i = 0; i < 3; i++) {
      bare.push(await bareCopy(csv, tmp));
      ours.push(await warmkoudImport(csv, tmp));
    }
    const ratio = median(ours) / median(bare);
    rows.push({section: "import", measure: "1M lines: bare DuckDB COPY to Parquet (median of 3)", value: seconds(median(bare))});
    rows.push({section: "import", measure: "1M lines: warmkoud import (median of 3)", value: seconds(median(ours))});
    rows.push({section: "import", measure: "1M lines: ratio warmkoud / bare COPY", value: ratio.toFixed(2), target: "<= 2", ok: ratio <= 2});
    const region = join(await benchDemo("region"), "tweedelijn", "declaratieregels.csv");
    const {ms, maxRss} = peakMemory(region, tmp);
    rows.push({section: "import", measure: "10M lines: warmkoud import", value: seconds(ms)});
    rows.push({section: "import", measure: "10M lines: peak memory (max RSS)", value: megabytes(maxRss), target: "< 2 GB", ok: maxRss < 2 * 2 ** 30});
  } finally {
    rmSync(tmp, {recursive: true, force: true});
  }
  return rows;
}
