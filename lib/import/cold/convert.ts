/**
 * The shared last step of every cold importer, entirely in SQL: from a raw table of VARCHAR
 * cells (with `__row`) to typed rows in a canonical staging table, every failed check becoming a
 * rejection with row, column and reason. No JS object per row: a 10M-line file stays in DuckDB.
 *
 * An importer describes its target columns as SQL expressions over the raw table and its checks
 * as SQL expressions that yield a reason (or NULL). A row with any reason is rejected whole.
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {sqlIdent, sqlString} from "../../formats/csv.ts";
import {table as tableSpec} from "../../model/schema.ts";
import type {FileReport, Rejection} from "../types.ts";

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
}

/** Builds temp table `typed` (target columns + helpers + `__row` + `__rejects`). */
export async function buildTyped(conn: DuckDBConnection, typed: string, c: Conversion): Promise<void> {
  const values = Object.entries({...c.values, ...c.helpers}).map(([k, sql]) => `${sql} AS ${sqlIdent(k)}`);
  const checks = c.checks.length
    ? `list_filter([${c.checks.map((k) => `{'column': ${sqlString(k.column)}, 'reason': (${k.reason})::VARCHAR}`).join(", ")}], x -> x.reason IS NOT NULL)`
    : `[]::STRUCT("column" VARCHAR, reason VARCHAR)[]`;
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${sqlIdent(typed)} AS SELECT ${[...values, "__row", `${checks} AS __rejects`].join(", ")} FROM ${c.from}`);
}

/**
 * Adds a rejection to the rows of `typed` that match `where` against the `from` relation (used for
 * duplicates, which are only known once every row is typed).
 */
export async function rejectMatching(conn: DuckDBConnection, typed: string, column: string, reasonSql: string, from: string, where: string): Promise<void> {
  const t = sqlIdent(typed);
  await conn.run(`UPDATE ${t} SET __rejects = list_append(${t}.__rejects, {'column': ${sqlString(column)}, 'reason': (${reasonSql})::VARCHAR}) FROM ${from} WHERE ${where}`);
}

/** Inserts the rows of `typed` without rejections into canonical `target`; `extra` sets lineage etc. */
export async function insertAccepted(conn: DuckDBConnection, typed: string, target: string, extra: Record<string, string> = {}, where = "true"): Promise<void> {
  const spec = tableSpec(target);
  const names = Object.keys(spec.columns);
  const have = new Set(await columnNames(conn, typed));
  const select = names.map((n) => {
    const sql = extra[n] ?? (have.has(n) ? sqlIdent(n) : "NULL");
    return `(${sql})::${spec.columns[n]}`;
  });
  await conn.run(`INSERT INTO ${sqlIdent(target)} (${names.map(sqlIdent).join(", ")}) SELECT ${select.join(", ")} FROM ${sqlIdent(typed)} WHERE len(__rejects) = 0 AND (${where})`);
}

async function columnNames(conn: DuckDBConnection, table: string): Promise<string[]> {
  const r = await conn.runAndReadAll(`SELECT column_name FROM duckdb_columns() WHERE table_name = ${sqlString(table)}`);
  return r.getColumnsJS()[0]?.map(String) ?? [];
}

/** Counts and rejections of `typed`, merged with earlier (structural) rejections. */
export async function report(conn: DuckDBConnection, typed: string, file: string, format: string, earlier: Rejection[] = [], warnings: string[] = []): Promise<FileReport> {
  const t = sqlIdent(typed);
  const [total, rejected] = (await conn.runAndReadAll(`SELECT count(*), count(*) FILTER (WHERE len(__rejects) > 0) FROM ${t}`)).getRows()[0].map(Number);
  const rows = (await conn.runAndReadAll(
    `SELECT __row AS row, r."column" AS "column", r.reason AS reason FROM (SELECT __row, unnest(__rejects) AS r FROM ${t} WHERE len(__rejects) > 0) ORDER BY __row, "column"`
  )).getRowObjectsJS();
  const rejects = [...earlier, ...rows.map((r) => ({row: Number(r.row), column: String(r.column), reason: String(r.reason)}))].sort((a, b) => a.row - b.row);
  const earlierRows = new Set(earlier.map((r) => r.row)).size;
  return {
    file, format,
    rows_read: total + earlierRows,
    rows_accepted: total - rejected,
    rows_rejected: rejected + earlierRows,
    rejects, warnings
  };
}

/** `count(*)` of a query, for warnings. */
export async function countWhere(conn: DuckDBConnection, typed: string, where: string): Promise<number> {
  return Number((await conn.runAndReadAll(`SELECT count(*) FROM ${sqlIdent(typed)} WHERE ${where}`)).getRows()[0][0]);
}
