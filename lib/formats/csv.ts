/**
 * Dutch CSV as it really arrives (formats.md): encoding, delimiter and header detection in JS on a
 * small head of the file, then reading and typed conversion entirely in DuckDB SQL so that files of
 * 1M-10M lines never become JS objects.
 *
 * Typical use by an importer:
 *   const src = await openCsv(path);                       // sniff (Windows-1252 is transcoded)
 *   const raw = await loadCsv(conn, src, "raw_x");         // VARCHAR columns c0..cN + __row
 *   const amount = await decimalSql(conn, "raw_x", "c5");  // decimal comma decided per column
 *   ... `nl_date(c3)` (macro) for any Dutch date form ...
 *   await src.dispose();
 *
 * Row numbers: `__row` is the line number of the record as DuckDB counts records (the header line,
 * title lines above it and the records before it included). It equals the physical line number
 * unless an earlier field contains a quoted line break; then it is the record's position.
 */
import {createReadStream, createWriteStream} from "node:fs";
import {mkdtemp, open, rm, stat} from "node:fs/promises";
import {tmpdir} from "node:os";
import {basename, join} from "node:path";
import {pipeline} from "node:stream/promises";
import {Transform} from "node:stream";
import type {DuckDBConnection} from "@duckdb/node-api";
import type {Rejection} from "../import/types.js";
import {ImportFileError} from "../import/types.js";
import {decodeHead, findHeader, hasBom, sniffDelimiter, type HeaderInfo} from "./csv-dialect.js";

// The dialect sniffing lives in a browser-safe module (the story pages use it too).
export {DELIMITERS, decodeHead, findHeader, hasBom, headRecords, sniffDelimiter, type HeaderInfo} from "./csv-dialect.js";

export type Encoding = "utf-8" | "utf-8-bom" | "windows-1252";
const HEAD_BYTES = 64 * 1024;

/** Reads the first bytes of a file (the probe every detector works on). */
export async function readHead(path: string, bytes = HEAD_BYTES): Promise<Uint8Array> {
  const handle = await open(path, "r");
  try {
    const buffer = new Uint8Array(bytes);
    const {bytesRead} = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Strict UTF-8 over the whole file, streamed (a Windows-1252 é often appears only far down). */
export async function detectEncoding(path: string): Promise<Encoding> {
  const decoder = new TextDecoder("utf-8", {fatal: true});
  let first = true;
  let bom = false;
  try {
    for await (const chunk of createReadStream(path, {highWaterMark: 1 << 20}) as AsyncIterable<Buffer>) {
      if (first) bom = hasBom(chunk);
      first = false;
      decoder.decode(chunk, {stream: true});
    }
    decoder.decode();
  } catch (error) {
    if (error instanceof TypeError) return "windows-1252";
    throw error;
  }
  return bom ? "utf-8-bom" : "utf-8";
}

/** A CSV file ready for DuckDB: UTF-8 on disk, dialect and header known. */
export interface CsvSource {
  /** The original file. */
  file: string;
  /** The file DuckDB reads: the original, or a UTF-8 transcode in a temporary folder. */
  readPath: string;
  encoding: Encoding;
  delimiter: string;
  header: HeaderInfo;
  /** Removes the temporary transcode, if any. */
  dispose(): Promise<void>;
  /**
   * Checks the whole file (not only the head) for UTF-8; when it is Windows-1252 after all,
   * transcodes it and returns true (read it again).
   */
  verifyEncoding(): Promise<boolean>;
}

export interface OpenCsvOptions {
  /** Force a delimiter instead of sniffing. */
  delimiter?: string;
  /** Require a header row (default true): a file without one is an ImportFileError. */
  requireHeader?: boolean;
}

/**
 * Sniffs a CSV file; throws ImportFileError for an empty file, no delimiter or no header. The
 * encoding is decided on the head here (a head that is not UTF-8 is transcoded at once); a
 * Windows-1252 character further down is found by DuckDB's own UTF-8 check in loadCsv, which then
 * transcodes (one pass over a large file instead of a JS scan before every read).
 */
export async function openCsv(file: string, options: OpenCsvOptions = {}): Promise<CsvSource> {
  const {size} = await stat(file);
  const bytes = await readHead(file);
  const head = decodeHead(bytes, size > HEAD_BYTES);
  if (size === 0 || head.trim() === "") throw new ImportFileError(file, "the file is empty");
  const complete = size <= HEAD_BYTES;
  const delimiter = options.delimiter ?? sniffDelimiter(complete ? head + "\n" : head);
  if (!delimiter) throw new ImportFileError(file, "no delimiter found (expected ; , or TAB between columns)");
  const header = findHeader(complete ? head + "\n" : head, delimiter);
  if (header.line === 0 && options.requireHeader !== false) throw new ImportFileError(file, "no header row found");
  const headUtf8 = isUtf8(bytes, size > HEAD_BYTES);
  const src: CsvSource = {
    file, readPath: file, encoding: headUtf8 ? (hasBom(bytes) ? "utf-8-bom" : "utf-8") : "windows-1252", delimiter, header,
    dispose: async () => {},
    verifyEncoding: async () => {
      if (src.encoding === "windows-1252" || (await detectEncoding(file)) !== "windows-1252") return false;
      await transcode(src);
      return true;
    }
  };
  if (!headUtf8) await transcode(src);
  return src;
}

function isUtf8(bytes: Uint8Array, cut: boolean): boolean {
  try {
    new TextDecoder("utf-8", {fatal: true}).decode(hasBom(bytes) ? bytes.subarray(3) : bytes, {stream: cut});
    return true;
  } catch {
    return false;
  }
}

/** Points `src` at a UTF-8 transcode of its Windows-1252 file in a temporary folder. */
async function transcode(src: CsvSource): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "warmkoud-csv-"));
  src.readPath = join(dir, basename(src.file));
  src.encoding = "windows-1252";
  await transcodeToUtf8(src.file, src.readPath, "windows-1252");
  src.dispose = () => rm(dir, {recursive: true, force: true});
}

/** Streams a file from a legacy encoding into UTF-8. */
export async function transcodeToUtf8(from: string, to: string, encoding: string): Promise<void> {
  const decoder = new TextDecoder(encoding);
  const transcode = new Transform({
    transform(chunk: Buffer, _enc, done) {
      done(null, Buffer.from(decoder.decode(chunk, {stream: true}), "utf8"));
    },
    flush(done) {
      done(null, Buffer.from(decoder.decode(), "utf8"));
    }
  });
  await pipeline(createReadStream(from), transcode, createWriteStream(to));
}

export const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;
export const sqlIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** Column name DuckDB gets for the i-th field (the file's own names are kept in `CsvSource.header`). */
export const col = (i: number) => `c${i}`;

export interface LoadedCsv {
  table: string;
  /** Records read, including those DuckDB could not split into the header's columns. */
  rowsRead: number;
  /** Records with too few or too many fields, or broken quoting: already rejected. */
  structural: Rejection[];
  /** header field name -> column in the loaded table (c0, c1, ...). */
  columns: Map<string, string>;
}

/** Column holding the empty field after a delimiter that ends every line (HeaderInfo.trailing). */
export const TRAILING_COLUMN = "__trailing";

/** The `read_csv(...)` call for a source: every column VARCHAR, so leading zeros survive. */
export function readCsvSql(src: CsvSource, extra = ""): string {
  const names = [...src.header.fields.map((_, i) => col(i)), ...(src.header.trailing ? [TRAILING_COLUMN] : [])];
  const columns = names.map((name) => `${sqlString(name)}: 'VARCHAR'`).join(", ");
  return `read_csv(${sqlString(src.readPath)}, delim=${sqlString(src.delimiter)}, quote='"', escape='"', ` +
    `header=false, skip=${src.header.line}, columns={${columns}}, auto_detect=false${extra})`;
}

/**
 * Loads every record into temporary view `table` (VARCHAR c0..cN plus INTEGER `__row`).
 * Records DuckDB cannot split into the header's fields are rejected with their line and kept out.
 * Blank lines are skipped by DuckDB and not counted.
 *
 * A well-formed file is read once in DuckDB's strict mode, which fails on the first bad record;
 * only then is it read again with `store_rejects` (which costs about a third more on 1M lines) to
 * list every bad record, after checking the whole file's encoding.
 */
export async function loadCsv(conn: DuckDBConnection, src: CsvSource, table: string): Promise<LoadedCsv> {
  const data = `${table}__data`;
  const rejectsTable = `${table}__rejects`;
  const scansTable = `${table}__scans`;
  const read = (extra = "") => conn.run(`CREATE OR REPLACE TEMP TABLE ${sqlIdent(data)} AS SELECT * FROM ${readCsvSql(src, extra)}`);
  let structural: Rejection[] = [];
  try {
    await read();
  } catch {
    try {
      if (await src.verifyEncoding()) return loadCsv(conn, src, table);
      await read(`, store_rejects=true, rejects_table=${sqlString(rejectsTable)}, rejects_scan=${sqlString(scansTable)}`);
    } catch (error) {
      throw new ImportFileError(src.file, `DuckDB could not read it as CSV: ${firstLine(error)}`);
    }
    structural = await structuralRejects(conn, rejectsTable);
  }
  await numberRows(conn, table, data, src.header.line, structural.length > 0 ? rejectsTable : null);
  if (src.header.trailing) await checkTrailingEmpty(conn, src, table);
  await conn.run(`DROP TABLE IF EXISTS ${sqlIdent(rejectsTable)}; DROP TABLE IF EXISTS ${sqlIdent(scansTable)}`);
  const count = Number((await conn.runAndReadAll(`SELECT count(*) FROM ${sqlIdent(data)}`)).getRows()[0][0]);
  const columns = new Map(src.header.fields.map((name, i) => [name, col(i)]));
  return {table, rowsRead: count + structural.length, structural, columns};
}

/** A value after the delimiter that ends the header is data without a column name: the file is not what it seems. */
async function checkTrailingEmpty(conn: DuckDBConnection, src: CsvSource, table: string): Promise<void> {
  const filled = (await conn.runAndReadAll(
    `SELECT min(__row) FROM ${sqlIdent(table)} WHERE nullif(trim(${sqlIdent(TRAILING_COLUMN)}), '') IS NOT NULL`
  )).getRows()[0][0];
  if (filled !== null) {
    throw new ImportFileError(src.file, `row ${filled} has a value after the last column (the header ends with an empty field)`);
  }
}

/** Drops the tables and views loadCsv made. */
export async function dropCsv(conn: DuckDBConnection, table: string): Promise<void> {
  const views = await conn.runAndReadAll(`SELECT count(*) FROM duckdb_views() WHERE view_name = ${sqlString(table)}`);
  const kind = Number(views.getRows()[0][0]) > 0 ? "VIEW" : "TABLE";
  await conn.run(`DROP ${kind} IF EXISTS ${sqlIdent(table)}; DROP TABLE IF EXISTS ${sqlIdent(`${table}__data`)}`);
}

const firstLine = (error: unknown) => String(error instanceof Error ? error.message : error).split("\n")[0];

const ERROR_REASONS: Record<string, string> = {
  "MISSING COLUMNS": "too few fields on this line",
  "TOO MANY COLUMNS": "too many fields on this line",
  "UNQUOTED VALUE": "broken quoting",
  "LINE SIZE OVER MAXIMUM": "line too long",
  "INVALID ENCODING": "invalid characters",
  "INVALID UNICODE": "invalid characters"
};

async function structuralRejects(conn: DuckDBConnection, rejectsTable: string): Promise<Rejection[]> {
  const rows = (await conn.runAndReadAll(
    `SELECT line::BIGINT AS line, any_value(error_type) AS type, any_value(error_message) AS message FROM ${sqlIdent(rejectsTable)} GROUP BY line ORDER BY line`
  )).getRowObjectsJS();
  return rows.map((r) => ({
    row: Number(r.line),
    column: "(line)",
    reason: ERROR_REASONS[String(r.type)] ?? String(r.message).split("\n")[0]
  }));
}

/**
 * `__row` = header line + 1 + record index (rowid follows file order: DuckDB preserves insertion
 * order by default). Rejected lines are missing from the data, so later records shift past them:
 * rejected line j (1-based, ascending) shifts every record whose unshifted number >= line_j - (j-1).
 * Without rejects this is a view, costing nothing on a 10M-line file.
 */
async function numberRows(conn: DuckDBConnection, table: string, data: string, headerLine: number, rejectsTable: string | null): Promise<void> {
  const base = `(d.rowid + ${headerLine + 1})`;
  if (!rejectsTable) {
    await conn.run(`CREATE OR REPLACE TEMP VIEW ${sqlIdent(table)} AS SELECT d.*, ${base}::INTEGER AS __row FROM ${sqlIdent(data)} d`);
    return;
  }
  await conn.run(`
    CREATE OR REPLACE TEMP TABLE ${sqlIdent(table)} AS
    WITH lines AS (SELECT DISTINCT line FROM ${sqlIdent(rejectsTable)}),
    steps AS (SELECT line - (row_number() OVER (ORDER BY line) - 1) AS threshold, row_number() OVER (ORDER BY line) AS shift FROM lines),
    thresholds AS (SELECT threshold, max(shift) AS shift FROM steps GROUP BY threshold)
    SELECT d.*, (${base} + coalesce(t.shift, 0))::INTEGER AS __row
    FROM ${sqlIdent(data)} d ASOF LEFT JOIN thresholds t ON ${base} >= t.threshold
    ORDER BY d.rowid`);
}

/**
 * SQL macros for Dutch values, installed once per connection:
 * - `nl_text(s)`: trimmed text, NULL when blank. An ASCII cell without a leading or trailing space
 *   is returned as it is: among ASCII characters trim() strips only the space, and skipping its
 *   copy of every cell saves about 0.4 CPU-s of the 4 that typing 1M declaration lines takes.
 * - `nl_date(s)`: DATE from `dd-mm-jjjj` (also unpadded and with `/`), ISO `jjjj-mm-dd`, or `jjjjmmdd`;
 *   NULL when blank or not a real date (`31-02-2024`): pair with `nl_date_reason`. The common
 *   `dd-mm-jjjj` skips the regular expressions (a quarter of the cost on 1M lines); strptime
 *   rejects a non-digit in any of its other positions, so the result is the same. Its test is a
 *   LIKE and ord() (both per code point, as length() and s[i]): half the cost of cutting s[1],
 *   s[3] and s[6] out of every cell.
 *   A time of midnight after the date (`01-07-2024 00:00`, `2024-07-01T00:00:00`: Excel's date
 *   cells exported as date and time) is left off; any other time of day is not a date.
 * - `nl_date_reason(s)`: NULL when `s` is blank or a valid date, else the rejection reason.
 * - `nl_decimal(s)` / `en_decimal(s)`: DOUBLE from `1.234,56` / `1,234.56`; see decimalSql. A plain
 *   ASCII number (no space, no thousands separator) skips the chain of replace() calls, which
 *   is two thirds of their cost on 1M lines; the result is the same. Any other cell must have
 *   the column's shape (decimalShape) after removing `€` and spaces, else NULL: in a comma
 *   column `12.5` or `1,234.50` is not a number rather than 125 or 1.2345.
 */
export async function installDutchMacros(conn: DuckDBConnection): Promise<void> {
  await conn.run(`
    CREATE OR REPLACE TEMP MACRO nl_text(s) AS CASE
      WHEN s <> '' AND s NOT LIKE ' %' AND s NOT LIKE '% ' AND strlen(s) = length(s) THEN s
      ELSE nullif(trim(s), '') END;
    CREATE OR REPLACE TEMP MACRO nl_day_text(s) AS CASE
      WHEN contains(s, ':') THEN regexp_replace(trim(s), '[ T]0?0:00(:00(\\.0+)?)?$', '') ELSE trim(s) END;
    CREATE OR REPLACE TEMP MACRO nl_day(d) AS CASE
      WHEN regexp_full_match(d, '\\d{1,2}[-/]\\d{1,2}[-/]\\d{4}') THEN try_strptime(replace(d, '/', '-'), '%d-%m-%Y')::DATE
      WHEN regexp_full_match(d, '\\d{4}-\\d{1,2}-\\d{1,2}') THEN try_strptime(d, '%Y-%m-%d')::DATE
      WHEN regexp_full_match(d, '\\d{8}') THEN try_strptime(d, '%Y%m%d')::DATE
      ELSE NULL END;
    CREATE OR REPLACE TEMP MACRO nl_date(s) AS CASE
      WHEN s LIKE '__-__-____' AND ord(s) BETWEEN 48 AND 57 AND s[10] BETWEEN '0' AND '9'
        THEN try_strptime(s, '%d-%m-%Y')::DATE
      ELSE nl_day(nl_day_text(s)) END;
    CREATE OR REPLACE TEMP MACRO nl_date_reason(s) AS CASE
      WHEN nullif(trim(s), '') IS NULL OR nl_date(s) IS NOT NULL THEN NULL
      WHEN regexp_full_match(nl_day_text(s), '\\d{1,2}[-/]\\d{1,2}[-/]\\d{4}|\\d{4}-\\d{1,2}-\\d{1,2}|\\d{8}')
        THEN 'impossible date "' || trim(s) || '"'
      ELSE 'not a date "' || trim(s) || '" (expected dd-mm-jjjj, jjjj-mm-dd or jjjjmmdd)' END;
    CREATE OR REPLACE TEMP MACRO nl_decimal_shaped(t) AS CASE
      WHEN regexp_full_match(t, '${decimalShape("comma")}') THEN TRY_CAST(replace(replace(t, '.', ''), ',', '.') AS DOUBLE) END;
    CREATE OR REPLACE TEMP MACRO nl_decimal(s) AS CASE
      WHEN strlen(s) = length(s) AND NOT contains(s, ' ') AND NOT contains(s, '.') THEN TRY_CAST(replace(s, ',', '.') AS DOUBLE)
      ELSE nl_decimal_shaped(replace(replace(trim(s), '€', ''), ' ', '')) END;
    CREATE OR REPLACE TEMP MACRO en_decimal_shaped(t) AS CASE
      WHEN regexp_full_match(t, '${decimalShape("point")}') THEN TRY_CAST(replace(t, ',', '') AS DOUBLE) END;
    CREATE OR REPLACE TEMP MACRO en_decimal(s) AS CASE
      WHEN strlen(s) = length(s) AND NOT contains(s, ' ') AND NOT contains(s, ',') THEN TRY_CAST(s AS DOUBLE)
      ELSE en_decimal_shaped(replace(replace(trim(s), '€', ''), ' ', '')) END;
  `);
}

export type DecimalStyle = "comma" | "point";

/**
 * The shape (RE2, for SQL) of a number in a column of `style`, euro sign and spaces removed: a
 * sign, digits or 1-3 digits and groups of three behind the thousands separator, then the
 * decimal separator and digits (`-1.234,56`, `1234,5`, `12` for comma; mirrored for point).
 */
function decimalShape(style: DecimalStyle): string {
  const [thousands, decimal] = style === "comma" ? ["\\.", ","] : [",", "\\."];
  return `[-+]?(\\d+|\\d{1,3}(${thousands}\\d{3})+)(${decimal}\\d+)?`;
}

/**
 * Decides per column (never per cell) how to read its numbers: any `,` in the column means
 * decimal comma (dots are thousands separators); a column with only dots reads them as thousands
 * separators when every dotted value looks like `1.234` or `12.345.678` in a `;`-file (Dutch
 * Excel), else as decimal points. Returns the style and the SQL expression, referring to the
 * column as `ref` (e.g. a qualified `r."c3"`).
 */
export async function decimalSql(conn: DuckDBConnection, table: string, column: string, delimiter = ";", ref = sqlIdent(column)): Promise<{style: DecimalStyle; sql: string}> {
  return (await decimalSqls(conn, table, [{column, ref}], delimiter))[0];
}

/**
 * decimalSql for several columns of one table in a single scan (a 10M-line file is read once,
 * not once per number column).
 */
export async function decimalSqls(conn: DuckDBConnection, table: string, columns: {column: string; ref?: string}[], delimiter = ";"): Promise<{style: DecimalStyle; sql: string}[]> {
  if (columns.length === 0) return [];
  const flags = columns.map(({column}) => `bit_or(${decimalFlagsSql(sqlIdent(column))})`);
  const row = (await conn.runAndReadAll(`SELECT ${flags.join(", ")} FROM ${sqlIdent(table)}`)).getRows()[0].map(Number);
  return columns.map(({column, ref = sqlIdent(column)}, i) => decimalFromFlags(row[i], delimiter, ref));
}

/**
 * What a cell (SQL `c`) tells about its column's decimal style, as bits to combine with bit_or
 * over the column: 1 = has a comma, 2 = has a dot, 4 = has a dot but is not shaped like 1.234
 * (one aggregate per column instead of three counts: a quarter of the scan before typing).
 */
export function decimalFlagsSql(c: string): string {
  // Only a value with a dot can look like 1.234: the regular expression runs for those alone.
  return `(CASE WHEN ${c} LIKE '%,%' THEN 1 ELSE 0 END + CASE WHEN ${c} LIKE '%.%' THEN ` +
    `CASE WHEN regexp_full_match(trim(${c}), '-?\\d{1,3}(\\.\\d{3})+') THEN 2 ELSE 6 END ELSE 0 END)`;
}

/** The decimal style and SQL (over `ref`) of a column from its decimalFlagsSql bits, combined over the column. */
export function decimalFromFlags(flags: number, delimiter: string, ref: string): {style: DecimalStyle; sql: string} {
  const [commas, dotted, notThousands] = [flags & 1, flags & 2, flags & 4].map(Boolean);
  const comma = commas || (delimiter === ";" && dotted && !notThousands);
  return comma ? {style: "comma", sql: `nl_decimal(${ref})`} : {style: "point", sql: `en_decimal(${ref})`};
}

/** Reason for a number cell (SQL expression `c`) that does not parse (NULL when blank or fine). */
export function decimalReasonSql(c: string, valueSql: string): string {
  return `CASE WHEN nullif(trim(${c}), '') IS NOT NULL AND ${valueSql} IS NULL THEN 'not a number "' || trim(${c}) || '"' END`;
}
