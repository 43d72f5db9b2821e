/**
 * The shared last step of every cold importer, entirely in SQL: from a raw table of VARCHAR
 * cells (with `__row`) to typed rows in a canonical staging table, every failed check becoming a
 * rejection with row, column and reason. No JS object per row: a 10M-line file stays in DuckDB.
 *
 * An importer describes its target columns as SQL expressions over the raw table and its checks
 * as SQL expressions that yield a reason (or NULL). A row with any reason is rejected whole.
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {sqlIdent, sqlString} from "../../formats/csv.js";
import {table as tableSpec} from "../../model/schema.js";
import type {FileReport, Rejection} from "../types.js";
import {testBsnWarning} from "./common.js";

export interface Check {
  /** Column as named in the file (or XML element path), for the report. */
  column: string;
  /** SQL yielding the reason text, or NULL when the cell is fine. */
  reason: string;
}

export interface Conversion {
  /** FROM clause over the raw table (it may join lookup tables); must expose `__row`. */
  from: string;
  /** Target column -> SQL expression (missing columns of the target table become NULL). */
  values: Record<string, string>;
  checks: Check[];
  /** Extra helper columns kept in the typed table (e.g. duplicate keys), not inserted. */
  helpers?: Record<string, string>;
  /** SQL for the source file (relative path) of each row, kept as `__file`: one conversion may cover many files. */
  file: string;
  /**
   * SQL for the test-range flag of the row's BSN, kept as `__test` (default false) and written to
   * the target's `test_bsn` column; testFlagSql makes it false in demo mode.
   */
  test?: string;
  /**
   * When true, checks are evaluated over the typed row: they refer to the values by their names
   * and to the columns of `from` (other than __row/__file) unqualified, so that an expensive
   * conversion is computed once, not again in its check. `from` must be aliased `r`.
   */
  checksOnValues?: boolean;
  /**
   * When set, `from` has no `__row`: `__row` is numbered from this value in the typed table's
   * own order (its rowid). `from` must then keep the order of its scan (no join): DuckDB keeps the
   * insertion order of an order-preserving plan, as loadCsv's numbering relies on too.
   */
  firstRow?: number;
}

/**
 * Builds temp table `typed` (target columns + helpers + `__row`, `__file`, `__test`, `__rejects`);
 * returns its column names.
 */
export async function buildTyped(conn: DuckDBConnection, typed: string, c: Conversion): Promise<string[]> {
  const columns = {...c.values, ...c.helpers, __file: c.file, __test: c.test ?? "false"};
  const values = Object.entries(columns).map(([k, sql]) => `${sql} AS ${sqlIdent(k)}`);
  // The list of reasons is only built for rows that have one: building a list of structs for
  // every row of a 10M-line file costs more than the checks themselves.
  const empty = `[]::STRUCT("column" VARCHAR, reason VARCHAR)[]`;
  const checks = c.checks.length
    ? `CASE WHEN ${c.checks.map((k) => `(${k.reason}) IS NULL`).join(" AND ")} THEN ${empty} ELSE ` +
      `list_filter([${c.checks.map((k) => `{'column': ${sqlString(k.column)}, 'reason': (${k.reason})::VARCHAR}`).join(", ")}], x -> x.reason IS NOT NULL) END`
    : empty;
  const row = c.firstRow === undefined ? ["__row"] : [];
  if (c.checksOnValues) {
    // Helpers, like checks, are computed over the typed values.
    // The cells of `from` are only needed by the checks: they are not kept in the typed table
    // (on a 10M-line file that halves what is materialised).
    const ownColumns = {...c.values, __file: c.file, __test: c.test ?? "false"};
    const own = Object.entries(ownColumns).map(([k, sql]) => `${sql} AS ${sqlIdent(k)}`);
    const helpers = Object.entries(c.helpers ?? {}).map(([k, sql]) => `${sql} AS ${sqlIdent(k)}`);
    const inner = `SELECT ${[...own, ...row.map((r) => `r.${r} AS ${r}`), `r.* EXCLUDE (${[...row, "__file"].join(", ")})`].join(", ")} FROM ${c.from}`;
    const kept = [...Object.keys(ownColumns).map(sqlIdent), ...row, ...helpers, `${checks} AS __rejects`];
    await conn.run(`CREATE OR REPLACE TEMP TABLE ${sqlIdent(typed)} AS SELECT ${kept.join(", ")} FROM (${inner})`);
  } else {
    await conn.run(`CREATE OR REPLACE TEMP TABLE ${sqlIdent(typed)} AS SELECT ${[...values, ...row, `${checks} AS __rejects`].join(", ")} FROM ${c.from}`);
  }
  if (c.firstRow !== undefined) {
    // One pass over a single narrow column, instead of a raw table numbered before typing.
    await conn.run(`ALTER TABLE ${sqlIdent(typed)} ADD COLUMN __row INTEGER`);
    await conn.run(`UPDATE ${sqlIdent(typed)} SET __row = (rowid + ${c.firstRow})::INTEGER`);
  }
  return [...Object.keys(columns), "__row", "__rejects"];
}

/**
 * Adds a rejection to the rows of `typed` that match `where` against the `from` relation (used for
 * duplicates, which are only known once every row is typed).
 */
export async function rejectMatching(conn: DuckDBConnection, typed: string, column: string, reasonSql: string, from: string, where: string): Promise<void> {
  const t = sqlIdent(typed);
  await conn.run(`UPDATE ${t} SET __rejects = list_append(${t}.__rejects, {'column': ${sqlString(column)}, 'reason': (${reasonSql})::VARCHAR}) FROM ${from} WHERE ${where}`);
}

/**
 * Inserts the rows of `typed` (columns `typedColumns`, as returned by buildTyped) without
 * rejections into canonical `target`; `extra` overrides columns (lineage and `test_bsn` are filled in).
 */
export async function insertAccepted(conn: DuckDBConnection, typed: string, typedColumns: string[], target: string, extra: Record<string, string> = {}, where = "true"): Promise<void> {
  const names = Object.keys(tableSpec(target).columns);
  await conn.run(`INSERT INTO ${sqlIdent(target)} (${names.map(sqlIdent).join(", ")}) ${acceptedSelect(typed, typedColumns, target, extra, where)}`);
}

/** The SELECT insertAccepted runs: the rows of `typed` without rejections, in `target`'s columns and types. */
export function acceptedSelect(typed: string, typedColumns: string[], target: string, extra: Record<string, string> = {}, where = "true"): string {
  const spec = tableSpec(target);
  const have = new Set(typedColumns);
  extra = {source_file: "__file", source_row: "__row", test_bsn: "__test", ...extra};
  const select = Object.keys(spec.columns).map((n) => {
    const sql = extra[n] ?? (have.has(n) ? sqlIdent(n) : "NULL");
    return `(${sql})::${spec.columns[n]} AS ${sqlIdent(n)}`;
  });
  return `SELECT ${select.join(", ")} FROM ${sqlIdent(typed)} WHERE len(__rejects) = 0 AND (${where})`;
}

export interface ReportInput {
  /** Relative path, as in `__file`. */
  file: string;
  format: string;
  /** Rejections made before typing (lines DuckDB could not split). */
  structural?: Rejection[];
  warnings?: string[];
}

/**
 * One FileReport per file covered by `typed`, from two grouped queries (not two per file: a
 * delivery may hold hundreds of monthly messages). Adds the test-range warning when rows carry the
 * flag (never in demo mode: testFlagSql leaves it false there).
 */
export async function reports(conn: DuckDBConnection, typed: string, files: ReportInput[]): Promise<FileReport[]> {
  const t = sqlIdent(typed);
  const counts = new Map<string, number[]>();
  for (const r of (await conn.runAndReadAll(
    `SELECT __file, count(*), count(*) FILTER (WHERE len(__rejects) > 0), count(*) FILTER (WHERE __test AND len(__rejects) = 0) FROM ${t} GROUP BY __file`
  )).getRows()) counts.set(String(r[0]), r.slice(1).map(Number));
  const rejects = new Map<string, Rejection[]>();
  for (const r of (await conn.runAndReadAll(
    `SELECT __file, __row, x."column", x.reason FROM (SELECT __file, __row, unnest(__rejects) AS x FROM ${t} WHERE len(__rejects) > 0) ORDER BY __file, __row, x."column"`
  )).getRows()) {
    const list = rejects.get(String(r[0])) ?? [];
    list.push({row: Number(r[1]), column: String(r[2]), reason: String(r[3])});
    rejects.set(String(r[0]), list);
  }
  return files.map(({file, format, structural = [], warnings = []}) => {
    const [total, rejected, tests] = counts.get(file) ?? [0, 0, 0];
    const structuralRows = new Set(structural.map((r) => r.row)).size;
    const notes = tests > 0 ? [...warnings, testBsnWarning(tests)] : warnings;
    return {
      file, format,
      rows_read: total + structuralRows,
      rows_accepted: total - rejected,
      rows_rejected: rejected + structuralRows,
      rejects: [...structural, ...(rejects.get(file) ?? [])].sort((a, b) => a.row - b.row),
      warnings: notes
    };
  });
}
