/**
 * Staging parts. A large source's typed table (10M declaration lines) is not copied into its
 * canonical staging table: it is kept as a *part*, renamed `<table>__part_<n>`, and `<table>`
 * becomes a temporary view over the staging table and every part (accepted rows only, in the
 * canonical columns and types). Readers (duplicate checks, the writer) see one table, and a copy
 * of every row (about a fifth of the import's work on 1M lines) is saved.
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {sqlIdent, sqlString} from "../formats/csv.js";
import {acceptedSelect} from "./cold/convert.js";

const partPrefix = (target: string) => `${target}__part_`;
const partNumber = (name: string) => Number(name.slice(name.lastIndexOf("_") + 1));

async function parts(conn: DuckDBConnection, target: string): Promise<string[]> {
  const rows = (await conn.runAndReadAll(
    `SELECT table_name FROM duckdb_tables() WHERE temporary AND starts_with(table_name, ${sqlString(partPrefix(target))})`
  )).getRows();
  return rows.map((r) => String(r[0])).sort((a, b) => partNumber(a) - partNumber(b));
}

async function columnsOf(conn: DuckDBConnection, table: string): Promise<string[]> {
  const rows = (await conn.runAndReadAll(
    `SELECT column_name FROM duckdb_columns() WHERE database_name = 'temp' AND table_name = ${sqlString(table)} ORDER BY column_index`
  )).getRows();
  return rows.map((r) => String(r[0]));
}

/** The staging table itself, fully qualified (a temp view of the same name shadows it). */
async function stagingTable(conn: DuckDBConnection, target: string): Promise<string> {
  const db = String((await conn.runAndReadAll("SELECT current_database()")).getRows()[0][0]);
  return `${sqlIdent(db)}.main.${sqlIdent(target)}`;
}

/**
 * Makes temp table `typed` (as built by buildTyped, rejections final) a part of canonical table
 * `target`, in place of insertAccepted: its rows without rejections join `target`'s view.
 */
export async function addPart(conn: DuckDBConnection, target: string, typed: string): Promise<void> {
  const part = `${partPrefix(target)}${(await parts(conn, target)).length + 1}`;
  await conn.run(`ALTER TABLE ${sqlIdent(typed)} RENAME TO ${sqlIdent(part)}`);
  const selects = [`SELECT * FROM ${await stagingTable(conn, target)}`];
  for (const p of await parts(conn, target)) selects.push(acceptedSelect(p, await columnsOf(conn, p), target));
  await conn.run(`CREATE OR REPLACE TEMP VIEW ${sqlIdent(target)} AS ${selects.join(" UNION ALL ")}`);
}

/** Drops `target`'s view, parts and staging table once it is written (frees memory and spill space). */
export async function dropStaging(conn: DuckDBConnection, target: string): Promise<void> {
  const views = (await conn.runAndReadAll(`SELECT count(*) FROM duckdb_views() WHERE temporary AND view_name = ${sqlString(target)}`)).getRows();
  if (Number(views[0][0]) > 0) await conn.run(`DROP VIEW temp.${sqlIdent(target)}`);
  for (const p of await parts(conn, target)) await conn.run(`DROP TABLE ${sqlIdent(p)}`);
  await conn.run(`DROP TABLE IF EXISTS ${await stagingTable(conn, target)}`);
}
