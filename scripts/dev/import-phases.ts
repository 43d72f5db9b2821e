/**
 * Dev aid (issue 3): times the phases of one import of a declaration CSV against a bare DuckDB
 * COPY of the same file to Parquet, alternating, median of N (usage: tsx
 * scripts/dev/import-phases.ts <csv> <workdir> [N=3]). Phases are told apart by the SQL each
 * statement runs (the connection's methods are wrapped here, not in the import's code);
 * WARMKOUD_SQL_LOG=<file> also writes every statement with its time.
 */
import {DuckDBConnection} from "@duckdb/node-api";
import {appendFileSync, mkdtempSync, rmSync} from "node:fs";
import {join} from "node:path";
import {importDelivery} from "../../lib/import/index.js";
import {bareCopy} from "../../bench/import.js";
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

const dir = mkdtempSync(join(work, "phases-"));
const runs: Map<string, number>[] = [];
const bare: number[] = [];
try {
  for (let i = 0; i < Number(repeats); i++) {
    current = undefined;
    bare.push(await bareCopy(csv, dir));
    current = new Map();
    const start = performance.now();
    await importDelivery([csv], {out: join(dir, `model-${i}`), demo: true});
    const total = performance.now() - start;
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
