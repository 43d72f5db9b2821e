/**
 * Declaration lines, whatever their source (flat CSV export, iWmo/iJw 323, release-2 303): the
 * source is first brought into a raw table (or, for a clean CSV file, a view straight over
 * read_csv) of VARCHAR cells with the canonical names below, then converted here in SQL. Credit lines become negative amounts in euros; duplicates (same
 * declaration and line number, or the same content under another number) are rejected with a
 * pointer to the first occurrence, so nothing is counted twice.
 */
import {decimalFlagsSql, decimalFromFlags, sqlIdent} from "../../formats/csv.js";
import {bsnLookup} from "../pseudonyms.js";
import type {ImportContext} from "../registry.js";
import type {FileReport} from "../types.js";
import {addPart} from "../staging.js";
import {buildTyped, rejectMatching, reports, type Check, type ReportInput} from "./convert.js";
import {nextId, testFlagSql} from "./common.js";

/** Raw cells every declaration source provides (VARCHAR), plus `__row`. */
export const RAW_DECLARATION_COLUMNS = [
  "declaration_id", "line_id", "gemeente", "law", "bsn", "assignment_id", "productcategorie", "productcode",
  "provider_agb", "period_start", "period_end", "volume", "unit", "tariff", "amount", "debit_credit"
] as const;
export type RawDeclarationColumn = (typeof RAW_DECLARATION_COLUMNS)[number];

export interface DeclarationSource {
  /** Raw table or view with the RAW_DECLARATION_COLUMNS (missing ones may be absent), `__row` (see firstRow) and `__file`. */
  raw: string;
  /** The files the raw table covers (relative paths as in `__file`), with their format and structural rejections. */
  files: ReportInput[];
  /** Column label in the report for each raw column (header name or XML element path). */
  labels: Partial<Record<RawDeclarationColumn, string>>;
  /** Amounts and tariffs as integer eurocents (iStandaarden) instead of euros with decimals. */
  cents: boolean;
  delimiter?: string;
  /**
   * Set when `raw` has no `__row`: rows are numbered in file order from this line (the header
   * line + 1), by the typed table's rowid (a view straight over read_csv, no raw table).
   */
  firstRow?: number;
  /** Further columns of `raw` read in the scan before typing (unmapped CSV fields: checked like the rest). */
  touch?: string[];
  /** Called once the raw cells are typed and no longer needed (drops them early: memory on 10M lines). */
  release?: () => Promise<void>;
}

/** Left-pads a code of digits that Excel cut short (the regex only runs for short values). */
const padDigits = (x: string, width: number) => `CASE WHEN length(${x}) < ${width} AND regexp_full_match(${x}, '\\d+') THEN lpad(${x}, ${width}, '0') ELSE ${x} END`;

/**
 * Three levels, so that nothing is computed twice on a 10M-line file: trimmed cells (`raw_*`)
 * and the BSN lookup, then typed values, then checks and duplicate keys over those values.
 */
export async function convertDeclarations(ctx: ImportContext, source: DeclarationSource): Promise<FileReport[]> {
  const conn = ctx.connection;
  const has = (c: RawDeclarationColumn) => c in source.labels;
  const label = (c: RawDeclarationColumn) => source.labels[c] ?? c;
  const raw = (c: RawDeclarationColumn) => `raw_${c}`;
  // One scan before typing: the distinct BSN cells and the decimal style of every number column.
  const sniffed = (["volume", "tariff", "amount"] as const).filter((c) => has(c) && !(source.cents && c !== "volume"));
  const {bsn, flags} = await prescan(ctx, source, sniffed);
  const lookup = await bsnLookup(conn, bsn);
  const position = lookup.position(`r.${sqlIdent("bsn")}`);
  const cells = RAW_DECLARATION_COLUMNS.map((c) => `${has(c) ? `nl_text(r.${sqlIdent(c)})` : "NULL::VARCHAR"} AS ${raw(c)}`);
  const from = `(SELECT ${source.firstRow === undefined ? "r.__row, " : ""}r.__file, ${cells.join(", ")}, ` +
    `${lookup.at("pseudonym", "r.__bsn")} AS bsn_pseudonym, ${lookup.at("test", "r.__bsn")} AS bsn_test, ${lookup.at("reason", "r.__bsn")} AS bsn_reason ` +
    `FROM (SELECT *, ${position} AS __bsn FROM ${sqlIdent(source.raw)} r) r CROSS JOIN ${lookup.relation}) r`;
  const delimiter = source.delimiter ?? ";";
  const styles = new Map<RawDeclarationColumn, string>(sniffed.map((c, i) => [c, decimalFromFlags(flags[i], delimiter, `r.${raw(c)}`).sql]));
  const number = (c: RawDeclarationColumn) => {
    if (!has(c)) return "NULL::DOUBLE";
    if (source.cents && c !== "volume") return `(TRY_CAST(r.${raw(c)} AS BIGINT) / 100.0)`;
    return styles.get(c)!;
  };
  const amount = number("amount");
  // Exactly D/Debet or C/Credit (trimmed by nl_text; ILIKE without wildcards: case-insensitive
  // equality without a lowered copy of every cell). A prefix match read `Correctie` as credit.
  const isCredit = (c: string) => `(${c} ILIKE 'C' OR ${c} ILIKE 'Credit')`;
  const isDebitOrCredit = (c: string) => `(${c} ILIKE 'D' OR ${c} ILIKE 'Debet' OR ${isCredit(c)})`;
  const gemeente = `CASE WHEN r.raw_gemeente ILIKE 'GM%' THEN substr(r.raw_gemeente, 3) ELSE r.raw_gemeente END`;
  const values: Record<string, string> = {
    declaration_id: "r.raw_declaration_id",
    line_id: "r.raw_line_id",
    client_key: "r.bsn_pseudonym",
    gemeente: padDigits(gemeente, 4),
    // ILIKE rather than lower() or upper(left()): no string made per cell; the same answer for every code point.
    law: `CASE WHEN r.raw_law ILIKE 'wmo%' THEN 'wmo' WHEN r.raw_law ILIKE 'jw%' OR r.raw_law ILIKE 'jeugd%' THEN 'jeugd' END`,
    assignment_id: "r.raw_assignment_id",
    productcategorie: padDigits("r.raw_productcategorie", 2),
    productcode: "r.raw_productcode",
    provider_agb: padDigits("r.raw_provider_agb", 8),
    period_start: "nl_date(r.raw_period_start)",
    period_end: "nl_date(r.raw_period_end)",
    year: "year(nl_date(r.raw_period_start))::SMALLINT",
    volume: number("volume"),
    unit: padDigits("r.raw_unit", 2),
    tariff: number("tariff"),
    amount: `CASE WHEN ${isCredit("r.raw_debit_credit")} THEN -(${amount}) ELSE ${amount} END`
  };
  const notNumber = (c: RawDeclarationColumn) => ({
    column: label(c),
    reason: `CASE WHEN ${raw(c)} IS NOT NULL AND ${c} IS NULL THEN 'not a ${source.cents && c !== "volume" ? "whole number of eurocents" : "number"} "' || ${raw(c)} || '"' END`
  });
  // Over the typed row: value names and raw_* cells, unqualified.
  const checks: Check[] = [
    {column: label("declaration_id"), reason: "CASE WHEN raw_declaration_id IS NULL THEN 'missing value' END"},
    {column: label("bsn"), reason: "CASE WHEN raw_bsn IS NULL THEN 'missing value' ELSE bsn_reason END"},
    {column: label("gemeente"), reason: `CASE WHEN raw_gemeente IS NULL THEN 'missing value' WHEN length(gemeente) <> 4 OR TRY_CAST(gemeente AS SMALLINT) IS NULL THEN 'not a gemeentecode "' || raw_gemeente || '"' END`},
    {column: label("law"), reason: `CASE WHEN raw_law IS NOT NULL AND law IS NULL THEN 'unknown law "' || raw_law || '" (expected Wmo or Jeugdwet)' END`},
    {column: label("period_start"), reason: "CASE WHEN raw_period_start IS NULL THEN 'missing value' WHEN period_start IS NULL THEN nl_date_reason(raw_period_start) END"},
    {column: label("period_end"), reason: "CASE WHEN raw_period_end IS NOT NULL AND period_end IS NULL THEN nl_date_reason(raw_period_end) WHEN period_end < period_start THEN 'end before start of the period' END"},
    // A credit line's amount is made negative here: one that already is would count as a debit.
    {column: label("amount"), reason: `CASE WHEN raw_amount IS NULL THEN 'missing value' ` +
      `WHEN amount > 0 AND ${isCredit("raw_debit_credit")} THEN 'negative amount with Credit: sign given twice' ELSE ${notNumber("amount").reason} END`},
    {column: label("debit_credit"), reason: `CASE WHEN raw_debit_credit IS NOT NULL AND NOT ${isDebitOrCredit("raw_debit_credit")} THEN 'Debet/Credit must be D or C, not "' || raw_debit_credit || '"' END`}
  ];
  for (const c of ["volume", "tariff"] as const) if (has(c)) checks.push(notNumber(c));
  const typed = nextId("typed_decl");
  const helpers = {
    __id: "hash(declaration_id, line_id)",
    // Cast as stored, so the hash equals that of a line already in the staging table.
    __content: "hash(client_key, assignment_id, productcategorie, productcode, provider_agb, period_start, period_end, volume::DOUBLE, amount::DECIMAL(14,2))"
  };
  await buildTyped(conn, typed, {from, values, checks, helpers, file: "r.__file", test: testFlagSql(ctx, "coalesce(r.bsn_test, false)"), checksOnValues: true, firstRow: source.firstRow});
  await source.release?.();
  await lookup.drop();
  await conn.run(`DROP TABLE ${sqlIdent(bsn)}`);
  await rejectDuplicates(ctx, typed, label("line_id"));
  const result = await reports(conn, typed, source.files);
  await addPart(conn, "declarations", typed);
  return result;
}

/** Raised when the source cannot be read in the scan before typing (a CSV read straight from the file: fall back to loading it). */
export class SourceReadError extends Error {}

/**
 * The scan before typing, grouped by trimmed BSN cell: the BSN lookup table from its groups, the
 * decimalFlagsSql of each `sniffed` column combined over them (the columns' bits packed side by
 * side into one aggregate). `source.touch` columns are read too (a strict CSV read then checks
 * every field of the file).
 */
async function prescan(ctx: ImportContext, source: DeclarationSource, sniffed: readonly RawDeclarationColumn[]): Promise<{bsn: string; flags: number[]}> {
  const conn = ctx.connection;
  const name = nextId("prescan");
  const packed = sniffed.length ? [`bit_or(${sniffed.map((c, i) => `(${decimalFlagsSql(sqlIdent(c))} << ${3 * i})`).join(" | ")})`] : [];
  const touched = (source.touch ?? []).map((c) => `count(${sqlIdent(c)})`);
  const aggregates = [...packed, ...touched].map((a, i) => `${a} AS n${i}`);
  try {
    await conn.run(`CREATE TEMP TABLE ${sqlIdent(name)} AS SELECT trim(${sqlIdent("bsn")}) AS id${aggregates.map((a) => `, ${a}`).join("")} ` +
      `FROM ${sqlIdent(source.raw)} GROUP BY ALL`);
  } catch (error) {
    throw new SourceReadError(String(error instanceof Error ? error.message : error));
  }
  try {
    const all = packed.length ? Number((await conn.runAndReadAll(`SELECT bit_or(n0) FROM ${sqlIdent(name)}`)).getRows()[0][0]) : 0;
    return {bsn: await ctx.bsnTable(`SELECT id FROM ${sqlIdent(name)}`), flags: sniffed.map((_, i) => (all >> (3 * i)) & 7)};
  } finally {
    await conn.run(`DROP TABLE ${sqlIdent(name)}`);
  }
}

/**
 * A line whose declaration and line number, or whose content, was seen before (earlier in this
 * file or in a file imported earlier) is rejected as a duplicate. Lines without a line number
 * are only compared by content.
 */
async function rejectDuplicates(ctx: ImportContext, typed: string, column: string): Promise<void> {
  const conn = ctx.connection;
  const t = sqlIdent(typed);
  for (const [key, what, usable] of [["__id", "declaration and line number", "line_id IS NOT NULL"], ["__content", "content", "true"]] as const) {
    const order = `OVER (PARTITION BY ${key} ORDER BY __file, __row)`;
    const eligible = `len(__rejects) = 0 AND ${usable}`;
    // The window only runs over keys that occur more than once (a grouped scan finds them): on
    // 1M lines with a handful of duplicates that is a few rows instead of a sort of every line.
    const repeated = `${key} IN (SELECT ${key} FROM ${t} WHERE ${eligible} GROUP BY ${key} HAVING count(*) > 1)`;
    await rejectMatching(conn, typed, column,
      `'duplicate ${what} of row ' || d.first_row || CASE WHEN d.first_file <> ${t}.__file THEN ' in ' || d.first_file ELSE '' END`,
      `(SELECT __file AS file, __row AS at, row_number() ${order} AS n, first_value(__row) ${order} AS first_row, first_value(__file) ${order} AS first_file FROM ${t} WHERE ${eligible} AND ${repeated}) d`,
      `${t}.__file = d.file AND ${t}.__row = d.at AND d.n > 1`);
  }
  const staged = (key: string, sql: string) => `(SELECT ${sql} AS ${key}, min(source_file) AS file FROM declarations GROUP BY ALL) s`;
  await rejectMatching(conn, typed, column, `'duplicate of a line already imported from ' || s.file`,
    staged("id", "hash(declaration_id, line_id)"), `len(${t}.__rejects) = 0 AND ${t}.line_id IS NOT NULL AND ${t}.__id = s.id`);
  await rejectMatching(conn, typed, column, `'duplicate of a line already imported from ' || s.file`,
    staged("content", "hash(client_key, assignment_id, productcategorie, productcode, provider_agb, period_start, period_end, volume, amount)"),
    `len(${t}.__rejects) = 0 AND ${t}.__content = s.content`);
}
