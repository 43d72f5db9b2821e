/**
 * Dev aid (issue 3): times the phases of one import of a declaration CSV against a bare DuckDB
 * COPY of the same file to Parquet, alternating, median of N (usage: tsx
 * scripts/dev/import-phases.ts <csv> <workdir> [N=3]). Phases are told apart by the SQL each
 * statement runs (the connection's methods are wrapped here, not in the import's code);
 * WARMKOUD_SQL_LOG=<file> also writes every statement with its time. CPU seconds (all threads of
 * the process) are printed too: on a shared machine their ratio varies less than the wall-clock
 * one. "sorted copy" is a reference, not a target: the file read as text and written sorted like
 * the import sorts (gemeente, client, date, then the line's own numbers) with the import's Parquet
 * settings, without typing or checks: the share of the ratio that sorting and zstd alone take.
 */
import {DuckDBConnection} from "@duckdb/node-api";
import {appendFileSync, mkdtempSync, rmSync} from "node:fs";
import {join} from "node:path";
import {importDelivery} from "../../lib/import/index.js";
import {bareCopy, sortedCopy} from "../../bench/import.js";
import {median} from "../../bench/rows.js";

const [csv, work, repeats = "3"] = process.argv.slice(2);
const log = process.env.WARMKOUD_SQL_LOG;

/** Phase of a statement, by the first pattern its SQL matches. */
const PHASES: [string, RegExp][] = [
  ["typed build", /TEMP TABLE "typed_decl_|"typed_decl_\d+" (ADD|SET __row)/],
  ["prescan", /"prescan_/],
  ["bsn lookup", /bsn_lookup_/],
  ["duplicates", /SET __rejects = list_append/],
  ["reports", /unnest\(__rejects\)|GROUP BY __file$/],
  ["write order", /count\(DISTINCT hash\(source_file/],
  ["write parquet", /^COPY /]
];
let current: Map<string, number> | undefined;
let depth = 0;
const proto = DuckDBConnection.prototype as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
for (const name of ["run", "runAndReadAll"]) {
  const original = proto[name];
  proto[name] = async function (this: unknown, sql: unknown, ...rest: unknown[]) {
    const start = performance.now();
    depth++;
    try {
      return await original.call(this, sql, ...rest);
    } finally {
      // runAndReadAll may call run: only the outer call counts.
      if (--depth === 0) {
        const ms = performance.now() - start;
        const text = String(sql).replace(/\s+/g, " ");
        const phase = PHASES.find(([, re]) => re.test(text))?.[0] ?? "other SQL";
        current?.set(phase, (current.get(phase) ?? 0) + ms);
        if (log) appendFileSync(log, `${ms.toFixed(0).padStart(6)} ms  ${text}\n`);
      }
    }
  };
}

/** Wall-clock and CPU milliseconds of `work`. */
async function timed(work: () => Promise<unknown>): Promise<{wall: number; cpu: number}> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await work();
  const used = process.cpuUsage(cpu);
  return {wall: performance.now() - start, cpu: (used.user + used.system) / 1000};
}

const dir = mkdtempSync(join(work, "phases-"));
const runs: Map<string, number>[] = [];
const bare: number[] = [];
const cpu = {bare: [] as number[], ours: [] as number[], sorted: [] as number[]};
const sorted: number[] = [];
try {
  for (let i = 0; i < Number(repeats); i++) {
    current = undefined;
    const b = await timed(() => bareCopy(csv, dir));
    bare.push(b.wall);
    cpu.bare.push(b.cpu);
    const s = await timed(() => sortedCopy(csv, dir));
    sorted.push(s.wall);
    cpu.sorted.push(s.cpu);
    current = new Map();
    const ours = await timed(() => importDelivery([csv], {out: join(dir, `model-${i}`), demo: true}));
    const total = ours.wall;
    cpu.ours.push(ours.cpu);
    const sql = [...current.values()].reduce((a, b) => a + b, 0);
    current.set("JS (hashing, pseudonyms, files)", total - sql);
    current.set("total", total);
    runs.push(current);
    current = undefined;
  }
} finally {
  rmSync(dir, {recursive: true, force: true});
}
const names = [...new Set(runs.flatMap((r) => [...r.keys()]))].filter((n) => n !== "total").concat("total");
for (const n of names) console.log(`${n.padEnd(34)} ${(median(runs.map((r) => r.get(n) ?? 0)) / 1000).toFixed(2)} s`);
console.log(`${"bare COPY".padEnd(34)} ${(median(bare) / 1000).toFixed(2)} s`);
console.log(`${"ratio (median total / median bare)".padEnd(34)} ${(median(runs.map((r) => r.get("total")!)) / median(bare)).toFixed(2)}`);
console.log(`${"sorted copy (reference) / bare".padEnd(34)} ${(median(sorted) / median(bare)).toFixed(2)}`);
const cpuRatio = (a: number[]) => (median(a) / median(cpu.bare)).toFixed(2);
console.log(`${"CPU s: bare, sorted copy, import".padEnd(34)} ${[cpu.bare, cpu.sorted, cpu.ours].map((a) => (median(a) / 1000).toFixed(2)).join(", ")} (ratios ${cpuRatio(cpu.sorted)}, ${cpuRatio(cpu.ours)})`);
