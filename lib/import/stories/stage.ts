/**
 * Node side of the story importers: read a file as text, append parsed rows to the staging tables
 * (lib/model/schema.ts) and turn a parse result into the FileReport of lib/import/types.ts.
 */
import {readFile} from "node:fs/promises";
import {DuckDBDateValue, type DuckDBAppender, type DuckDBConnection} from "@duckdb/node-api";
import {decodeHead} from "../../formats/csv.js";
import {table} from "../../model/schema.js";
import {StoryFormatError, type StoryParseResult, type StoryTables} from "../../formats/stories/rows.js";
import {ImportFileError, type FileReport} from "../types.js";

/** Whole file as text: strict UTF-8 (BOM removed), else Windows-1252. */
export async function readText(file: string): Promise<string> {
  const bytes = await readFile(file);
  if (bytes.length === 0) throw new ImportFileError(file, "the file is empty");
  return decodeHead(bytes);
}

/** Runs a pure parser; its format errors become ImportFileError naming the file. */
export function parseOrFail<T>(file: string, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof StoryFormatError) throw new ImportFileError(file, error.message);
    throw error;
  }
}

type Row = Record<string, unknown>;

/**
 * Appends every row. Signifiers already staged (a second export of the same framework) are not
 * added again; their options neither.
 */
export async function stageStoryTables(conn: DuckDBConnection, tables: StoryTables): Promise<void> {
  const known = new Set(
    (await conn.runAndReadAll(`SELECT signifier_id FROM signifiers`)).getRows().map((r) => String(r[0]))
  );
  const fresh = <T extends {signifier_id: string}>(rows: T[]) => rows.filter((r) => !known.has(r.signifier_id));
  const batches: [string, Row[]][] = [
    ["signifiers", fresh(tables.signifiers) as unknown as Row[]],
    ["signifier_options", fresh(tables.signifier_options) as unknown as Row[]],
    ["stories", tables.stories as unknown as Row[]],
    ["story_texts", tables.story_texts as unknown as Row[]],
    ["triad_answers", tables.triad_answers as unknown as Row[]],
    ["dyad_answers", tables.dyad_answers as unknown as Row[]],
    ["choice_answers", tables.choice_answers as unknown as Row[]]
  ];
  for (const [name, rows] of batches) await appendRows(conn, name, rows);
}

async function appendRows(conn: DuckDBConnection, name: string, rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.entries(table(name).columns);
  const appender = await conn.createAppender(name);
  try {
    for (const row of rows) {
      for (const [column, type] of columns) appendCell(appender, type, row[column], `${name}.${column}`);
      appender.endRow();
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
}

function appendCell(appender: DuckDBAppender, type: string, value: unknown, where: string): void {
  if (value === null || value === undefined) return appender.appendNull();
  switch (type) {
    case "VARCHAR": return appender.appendVarchar(String(value));
    case "INTEGER": return appender.appendInteger(Number(value));
    case "DOUBLE": return appender.appendDouble(Number(value));
    case "BOOLEAN": return appender.appendBoolean(Boolean(value));
    case "DATE": return appender.appendDate(isoToDate(String(value)));
    default: throw new Error(`${where}: no appender for type ${type}`);
  }
}

function isoToDate(iso: string): DuckDBDateValue {
  const [year, month, day] = iso.split("-").map(Number);
  return DuckDBDateValue.fromParts({year, month, day});
}

export function fileReport(relative: string, format: string, result: StoryParseResult): FileReport {
  return {
    file: relative,
    format,
    rows_read: result.rows_read,
    rows_accepted: result.rows_accepted,
    rows_rejected: result.rows_rejected,
    rejects: result.rejects,
    warnings: result.warnings
  };
}
