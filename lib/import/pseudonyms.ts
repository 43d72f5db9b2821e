/**
 * Pseudonymisation of large inputs: distinct identifiers are collected in DuckDB, hashed once
 * each in JS (HMAC needs the key, which never enters SQL text), and appended to a temporary lookup
 * table that the importer joins back. 10M declaration lines for 100k clients hash 100k times.
 */
import type {DuckDBConnection} from "@duckdb/node-api";
import {pseudonym} from "../privacy/pseudonym.js";
import {isTestBsn, isValidBsn, normaliseBsn} from "../privacy/bsn.js";
import {sqlIdent, sqlString} from "../formats/csv.js";

/** Creates temp table `name (id VARCHAR, pseudonym VARCHAR)` for the distinct non-null ids of `idsSql`. */
export async function createPseudonymTable(conn: DuckDBConnection, key: Buffer, idsSql: string, name: string): Promise<string> {
  const t = sqlIdent(name);
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${t} (id VARCHAR, pseudonym VARCHAR)`);
  // Materialised first: a pending streamed result and an appender on one connection do not mix.
  const ids = (await conn.runAndReadAll(`SELECT DISTINCT id FROM (${idsSql}) s(id) WHERE id IS NOT NULL`)).getColumns()[0] ?? [];
  const appender = await conn.createAppender(name, "main", "temp");
  try {
    for (const id of ids as string[]) {
      appender.appendVarchar(id);
      appender.appendVarchar(pseudonym(key, id));
      appender.endRow();
    }
  } finally {
    appender.closeSync();
  }
  return name;
}

/**
 * BSN lookup for large inputs: one row per distinct raw cell value (trimmed), with the elfproef
 * result from lib/privacy/bsn.ts, the test-range flag, a rejection reason (never containing the
 * BSN itself: the report is written next to the data) and the pseudonym of the 9-digit form.
 * Table `name (raw VARCHAR, reason VARCHAR, test BOOLEAN, pseudonym VARCHAR)`.
 */
export async function createBsnTable(conn: DuckDBConnection, key: Buffer, rawIdsSql: string, name: string): Promise<string> {
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${sqlIdent(name)} (raw VARCHAR, reason VARCHAR, test BOOLEAN, pseudonym VARCHAR)`);
  const ids = (await conn.runAndReadAll(`SELECT DISTINCT trim(id) FROM (${rawIdsSql}) s(id) WHERE nullif(trim(id), '') IS NOT NULL`)).getColumns()[0] ?? [];
  const appender = await conn.createAppender(name, "main", "temp");
  try {
    for (const raw of ids as string[]) {
      const bsn = normaliseBsn(raw);
      const reason = bsn === null ? "BSN is not 8 or 9 digits" : isValidBsn(bsn) ? null : "BSN fails the elfproef";
      appender.appendVarchar(raw);
      if (reason === null) appender.appendNull();
      else appender.appendVarchar(reason);
      appender.appendBoolean(bsn !== null && isTestBsn(bsn));
      if (reason === null) appender.appendVarchar(pseudonym(key, bsn!));
      else appender.appendNull();
      appender.endRow();
    }
  } finally {
    appender.closeSync();
  }
  return name;
}

/** SQL reading one BSN lookup row per cell without a hash join; see bsnLookup. */
export interface BsnLookup {
  /** A one-row relation to CROSS JOIN: the lookup's columns as lists. */
  relation: string;
  /** 1-based position of the trimmed cell `cellSql` in the lookup (NULL when blank). */
  position(cellSql: string): string;
  /** The lookup's `column` (pseudonym, reason, test) at `positionSql`, from `relation`. */
  at(column: "pseudonym" | "reason" | "test", positionSql: string): string;
  drop(): Promise<void>;
}

/**
 * Reads a BSN table (createBsnTable) without a hash join: its raw values become an ENUM type, so
 * a cell's position is a cast, and the pseudonyms a list in a one-row table joined to every row. A
 * hash join does not keep a scan's order (the typed table's rowid numbers the rows of a file read
 * straight from read_csv) and cost about as much as the rest of the conversion on 1M lines. (The
 * lists are not session variables: a variable's list is copied for every chunk of 2048 rows.)
 * The ENUM lists the raw values grouped by (reason, test), so that a group is a range of
 * positions: the reason and the test flag are then comparisons of an integer, not two more lists
 * read for every row.
 */
export async function bsnLookup(conn: DuckDBConnection, table: string): Promise<BsnLookup> {
  const t = sqlIdent(table);
  const type = sqlIdent(`${table}__enum`);
  const lists = `${table}__lists`;
  const alias = sqlIdent(`${table}__l`);
  const order = "reason NULLS FIRST, test, raw";
  await conn.run(`CREATE TYPE ${type} AS ENUM (SELECT raw FROM ${t} ORDER BY ${order})`);
  await conn.run(`CREATE TEMP TABLE ${sqlIdent(lists)} AS SELECT list(pseudonym ORDER BY ${order}) AS pseudonym FROM ${t}`);
  const groups = (await conn.runAndReadAll(
    `SELECT reason, test, min(n)::INTEGER, max(n)::INTEGER FROM (SELECT *, row_number() OVER (ORDER BY ${order}) AS n FROM ${t}) GROUP BY reason, test`
  )).getRows().map(([reason, test, first, last]) => ({reason: reason as string | null, test: test as boolean, first: Number(first), last: Number(last)}));
  const within = (position: string, g: {first: number; last: number}) => `${position} BETWEEN ${g.first} AND ${g.last}`;
  return {
    relation: `${sqlIdent(lists)} ${alias}`,
    position: (cell) => `(enum_code(TRY_CAST(trim(${cell}) AS ${type})) + 1)`,
    at: (column, position) => {
      if (column === "pseudonym") return `${alias}.pseudonym[${position}]`;
      if (column === "test") {
        const tests = groups.filter((g) => g.test);
        return tests.length ? `(${tests.map((g) => within(position, g)).join(" OR ")})` : "false";
      }
      const reasons = groups.filter((g) => g.reason !== null);
      return reasons.length ? `CASE ${reasons.map((g) => `WHEN ${within(position, g)} THEN ${sqlString(g.reason!)}`).join(" ")} END` : "NULL::VARCHAR";
    },
    drop: async () => {
      await conn.run(`DROP TABLE ${sqlIdent(lists)}`);
      await conn.run(`DROP TYPE ${type}`);
    }
  };
}
