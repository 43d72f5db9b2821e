/**
 * Read access to a model folder (what `warmkoud import --out DIR` writes): one DuckDB in-memory
 * database in which every canonical table of lib/model/schema.ts is a view over its Parquet file(s).
 * Queries in this folder aggregate over those views so that millions of declaration lines never
 * become JavaScript objects; only small result tables are read back.
 *
 * A table lives in `<dir>/<table>.parquet`, or partitioned under `<dir>/<table>/**.parquet` (the
 * importer may split the large `declarations` table, e.g. hive-style `year=2024/`), or both. A table
 * with no file at all becomes an empty view with the schema's columns, so a model without budgets
 * or benchmark statistics still answers every query (with empty results).
 */
import {existsSync, readdirSync, statSync} from "node:fs";
import {join, resolve} from "node:path";
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {tables, type TableSpec} from "../schema.js";

/** SQL string literal. */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

function containsParquet(dir: string): boolean {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name.endsWith(".parquet")) return true;
    if (statSync(path).isDirectory() && containsParquet(path)) return true;
  }
  return false;
}

/**
 * The one place that knows where a table's Parquet lives: the single file and/or the partition
 * folder (read with hive partitioning, so `year=2024/` folders give the column back, and
 * `union_by_name` so partition files that lack a column line up), or null when neither exists.
 * DuckDB refuses one read_parquet over a hive folder and a plain file together, hence the UNION.
 */
export function parquetSource(dir: string, table: string): string | null {
  const parts: string[] = [];
  const single = join(dir, `${table}.parquet`);
  const folder = join(dir, table);
  if (existsSync(single)) parts.push(`SELECT * FROM read_parquet(${sqlString(single)}, hive_partitioning = false)`);
  if (existsSync(folder) && statSync(folder).isDirectory() && containsParquet(folder)) {
    parts.push(`SELECT * FROM read_parquet(${sqlString(join(folder, "**", "*.parquet"))}, union_by_name = true, hive_partitioning = true)`);
  }
  if (parts.length === 0) return null;
  return `(${parts.join(" UNION ALL BY NAME ")})`;
}

/**
 * A view with the schema's columns in schema order and types, so every query sees one shape
 * whatever the files hold; a column the files lack (an older model) is NULL.
 */
async function createView(connection: DuckDBConnection, dir: string, spec: TableSpec): Promise<void> {
  const source = parquetSource(dir, spec.name);
  const present = new Set<string>();
  if (source !== null) {
    const described = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`)).getRowObjectsJS();
    for (const row of described) present.add(String(row.column_name));
  }
  const columns = Object.entries(spec.columns).map(([c, t]) => present.has(c) ? `CAST("${c}" AS ${t}) AS "${c}"` : `CAST(NULL AS ${t}) AS "${c}"`);
  const from = source === null ? "WHERE false" : `FROM ${source}`;
  await connection.run(`CREATE VIEW "${spec.name}" AS SELECT ${columns.join(", ")} ${from}`);
}

export interface Model {
  dir: string;
  connection: DuckDBConnection;
  /** Runs a query and returns its rows as plain objects (cast in SQL to DOUBLE/VARCHAR/INTEGER for plain JS values). */
  rows<T>(sql: string): Promise<T[]>;
  close(): void;
}

/** Opens a model folder; every canonical table is a view. Call `close()` when done. */
export async function openModel(dir: string): Promise<Model> {
  const root = resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new Error(`model folder not found: ${dir}`);
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  for (const spec of tables) await createView(connection, root, spec);
  return {
    dir: root,
    connection,
    async rows<T>(sql: string): Promise<T[]> {
      return (await connection.runAndReadAll(sql)).getRowObjectsJS() as T[];
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    }
  };
}

/**
 * A WHERE condition restricting a table to one gemeente, or `true` for all. Rows without a gemeente
 * are kept: a file without that column (a team's case register, a budget file) comes from the
 * municipality that delivered it.
 */
export function gemeenteFilter(gemeente: string | null, column = "gemeente"): string {
  return gemeente === null ? "true" : `(${column} = ${sqlString(gemeente)} OR ${column} IS NULL)`;
}

/**
 * The municipality the figures are about when none is given: the single gemeente of the first-line
 * cases, else the single gemeente of the declarations, else null (everything in the model).
 */
export async function defaultGemeente(model: Model): Promise<string | null> {
  for (const table of ["cases", "declarations"]) {
    const found = await model.rows<{gemeente: string}>(`SELECT DISTINCT gemeente FROM ${table} WHERE gemeente IS NOT NULL LIMIT 2`);
    if (found.length === 1) return found[0].gemeente;
    if (found.length > 1) return null;
  }
  return null;
}
