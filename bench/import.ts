/**
 * Issue 3 targets: importing 1M declaration lines (Dutch ;-CSV) with validation, pseudonyms and
 * reject accounting takes at most 2x a bare DuckDB COPY of the same file to Parquet (same run,
 * median of alternating repeats); 10M lines import with peak memory under 2 GB.
 *
 * References are timed in the same run, to show what part of the ratio any import that writes
 * sorted Parquet with lineage pays before it checks or pseudonymises a single cell: the file
 * copied sorted (all text, the import's Parquet settings); the file first numbered (a table: its
 * rowid is the line) and then copied sorted with that number; the same with the cells typed by
 * DuckDB's reader.
 */
import {execFileSync} from "node:child_process";
import {mkdtempSync, rmSync} from "node:fs";
import {join} from "node:path";
import {DuckDBInstance} from "@duckdb/node-api";
import {importDelivery} from "../lib/import/index.js";
import {ROW_GROUP_SIZE} from "../lib/import/write.js";
import {benchDemo, OUT} from "./demo.js";
import {median, megabytes, seconds, type Row} from "./rows.js";

/** Milliseconds of a bare DuckDB COPY of `csv` to Parquet in `out`: the yardstick of the import target. */
export function bareCopy(csv: string, out: string): Promise<number> {
  return timedSql([`COPY (SELECT * FROM read_csv('${csv}')) TO '${join(out, "bare.parquet")}' (FORMAT parquet)`]);
}

/** The import's sort order for the declaration export's own columns (gemeente, client, date, then the line's numbers). */
const SORTED_BY = `Gemeentecode, BSN, Begindatum, Declaratienummer, Regelnummer`;
const PARQUET = `FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE ${ROW_GROUP_SIZE}`;

/** Milliseconds of `statements` on a fresh DuckDB (the instance's start and close not counted). */
async function timedSql(statements: string[]): Promise<number> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const start = performance.now();
  for (const sql of statements) await connection.run(sql);
  const ms = performance.now() - start;
  connection.closeSync();
  instance.closeSync();
  return ms;
}

/** Reference: the declaration export read as text and written sorted like the import sorts, no typing or checks. */
export function sortedCopy(csv: string, out: string): Promise<number> {
  return timedSql([`COPY (SELECT * FROM read_csv('${csv}', all_varchar=true) ORDER BY ${SORTED_BY}) TO '${join(out, "sorted.parquet")}' (${PARQUET})`]);
}

/**
 * Reference: as sortedCopy, with each row's line number kept (lineage). DuckDB's read_csv gives
 * no line number, so the rows are first put in a table, whose rowid follows the file (the
 * import's way). The only other way that keeps the file's order, row_number() OVER () on the
 * scan, costs about as much (2026-12-07: 2.37 against 2.42 times the bare COPY; a sequence's
 * nextval is cheaper but numbers the parallel scan's chunks out of file order).
 */
export function numberedSortedCopy(csv: string, out: string): Promise<number> {
  return timedSql([
    `CREATE TEMP TABLE numbered AS SELECT * FROM read_csv('${csv}', all_varchar=true)`,
    `COPY (SELECT *, rowid + 2 AS source_row FROM numbered ORDER BY ${SORTED_BY}, rowid) TO '${join(out, "numbered.parquet")}' (${PARQUET})`
  ]);
}

/** The demo declaration export's columns in the types the model keeps (codes stay text: leading zeros). */
const DECLARATION_TYPES = {
  Declaratienummer: "VARCHAR", Regelnummer: "VARCHAR", Gemeentecode: "VARCHAR", Wet: "VARCHAR", BSN: "VARCHAR",
  Toewijzingnummer: "VARCHAR", Productcategorie: "VARCHAR", Productcode: "VARCHAR", "AGB-code": "VARCHAR",
  Begindatum: "DATE", Einddatum: "DATE", "Geleverd volume": "DOUBLE", Eenheid: "VARCHAR", Tarief: "DECIMAL(12,2)",
  Bedrag: "DECIMAL(14,2)", "Debet/Credit": "VARCHAR"
};

/**
 * Reference: numberedSortedCopy with the cells typed by DuckDB's own reader (dd-mm-jjjj dates,
 * decimal comma; a line it cannot type is skipped, not reported): the most favourable case for
 * numbering and sorting, without a single check, pseudonym or duplicate test.
 */
export function numberedTypedSortedCopy(csv: string, out: string): Promise<number> {
  const columns = `{${Object.entries(DECLARATION_TYPES).map(([c, t]) => `'${c}': '${t}'`).join(", ")}}`;
  return timedSql([
    `CREATE TEMP TABLE numbered AS SELECT * FROM read_csv('${csv}', delim=';', header=true, auto_detect=false, columns=${columns}, ` +
      `dateformat='%d-%m-%Y', decimal_separator=',', ignore_errors=true)`,
    `COPY (SELECT *, rowid + 2 AS source_row FROM numbered ORDER BY ${SORTED_BY}, rowid) TO '${join(out, "numbered-typed.parquet")}' (${PARQUET})`
  ]);
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
    const sorted: number[] = [];
    const numbered: number[] = [];
    const typed: number[] = [];
    for (let i = 0; i < 3; i++) {
      bare.push(await bareCopy(csv, tmp));
      ours.push(await warmkoudImport(csv, tmp));
      sorted.push(await sortedCopy(csv, tmp));
      numbered.push(await numberedSortedCopy(csv, tmp));
      typed.push(await numberedTypedSortedCopy(csv, tmp));
    }
    const ratio = median(ours) / median(bare);
    const reference = (ms: number[]) => `${(median(ms) / median(bare)).toFixed(2)} (${seconds(median(ms))})`;
    rows.push({section: "import", measure: "1M lines: bare DuckDB COPY to Parquet (median of 3)", value: seconds(median(bare))});
    rows.push({section: "import", measure: "1M lines: warmkoud import (median of 3)", value: seconds(median(ours))});
    rows.push({section: "import", measure: "1M lines: ratio warmkoud / bare COPY", value: ratio.toFixed(2), target: "<= 2", ok: ratio <= 2});
    rows.push({section: "import", measure: "1M lines: reference, file copied sorted (text, zstd) / bare", value: reference(sorted)});
    rows.push({section: "import", measure: "1M lines: reference, numbered then copied sorted / bare", value: reference(numbered)});
    rows.push({section: "import", measure: "1M lines: reference, typed by DuckDB, numbered, copied sorted / bare", value: reference(typed)});
    const region = join(await benchDemo("region"), "tweedelijn", "declaratieregels.csv");
    const {ms, maxRss} = peakMemory(region, tmp);
    rows.push({section: "import", measure: "10M lines: warmkoud import", value: seconds(ms)});
    rows.push({section: "import", measure: "10M lines: peak memory (max RSS)", value: megabytes(maxRss), target: "< 2 GB", ok: maxRss < 2 * 2 ** 30});
  } finally {
    rmSync(tmp, {recursive: true, force: true});
  }
  return rows;
}
