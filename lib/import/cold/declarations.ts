/**
 * Declaration lines, whatever their source (flat CSV export, iWmo/iJw 323, release-2 303): the
 * source is first brought into a raw table of VARCHAR cells with the canonical names below, then
 * converted here in SQL. Credit lines become negative amounts in euros; duplicates (same
 * declaration and line number, or the same content under another number) are rejected with a
 * pointer to the first occurrence, so nothing is counted twice.
 */
import {decimalReasonSql, decimalSql, sqlIdent} from "../../formats/csv.ts";
import type {ImportContext} from "../registry.ts";
import type {FileReport} from "../types.ts";
import {buildTyped, insertAccepted, rejectMatching, reports, type Check, type ReportInput} from "./convert.ts";
import {nextId} from "./common.ts";

/** Raw cells every declaration source provides (VARCHAR), plus `__row`. */
export const RAW_DECLARATION_COLUMNS = [
  "declaration_id", "line_id", "gemeente", "law", "bsn", "assignment_id", "productcategorie", "productcode",
  "provider_agb", "period_start", "period_end", "volume", "unit", "tariff", "amount", "debit_credit"
] as const;
export type RawDeclarationColumn = (typeof RAW_DECLARATION_COLUMNS)[number];

export interface DeclarationSource {
  /** Raw table or view with the RAW_DECLARATION_COLUMNS (missing ones may be absent), `__row` and `__file`. */
  raw: string;
  /** The files the raw table covers (relative paths as in `__file`), with their format and structural rejections. */
  files: ReportInput[];
  /** Column label in the report for each raw column (header name or XML element path). */
  labels: Partial<Record<RawDeclarationColumn, string>>;
  /** Amounts and tariffs as integer eurocents (iStandaarden) instead of euros with decimals. */
  cents: boolean;
  delimiter?: string;
}

const padDigits = (c: string, width: number) => `CASE WHEN regexp_full_match(nl_text(${c}), '\\d+') THEN lpad(nl_text(${c}), ${width}, '0') ELSE nl_text(${c}) END`;

export async function convertDeclarations(ctx: ImportContext, source: DeclarationSource): Promise<FileReport[]> {
  const conn = ctx.connection;
  const has = (c: RawDeclarationColumn) => c in source.labels;
  const cell = (c: RawDeclarationColumn) => (has(c) ? `r.${sqlIdent(c)}` : "NULL::VARCHAR");
  const label = (c: RawDeclarationColumn) => source.labels[c] ?? c;
  const bsn = await ctx.bsnTable(`SELECT ${sqlIdent("bsn")} FROM ${sqlIdent(source.raw)}`);
  const number = async (c: RawDeclarationColumn) => {
    if (!has(c)) return "NULL";
    if (source.cents && c !== "volume") return `(TRY_CAST(nl_text(${cell(c)}) AS BIGINT) / 100.0)`;
    return (await decimalSql(conn, source.raw, c, source.delimiter ?? ";", cell(c))).sql;
  };
  const amount = await number("amount");
  const dc = `upper(left(nl_text(${cell("debit_credit")}), 1))`;
  const gemeente = `lpad(regexp_replace(nl_text(${cell("gemeente")}), '^GM', '', 'i'), 4, '0')`;
  const law = `CASE WHEN lower(nl_text(${cell("law")})) LIKE 'wmo%' THEN 'wmo' WHEN lower(nl_text(${cell("law")})) SIMILAR TO '(jw|jeugd).*' THEN 'jeugd' END`;
  const values: Record<string, string> = {
    declaration_id: `nl_text(${cell("declaration_id")})`,
    line_id: `nl_text(${cell("line_id")})`,
    client_key: "b.pseudonym",
    gemeente,
    law,
    assignment_id: `nl_text(${cell("assignment_id")})`,
    productcategorie: padDigits(cell("productcategorie"), 2),
    productcode: `nl_text(${cell("productcode")})`,
    provider_agb: padDigits(cell("provider_agb"), 8),
    period_start: `nl_date(${cell("period_start")})`,
    period_end: `nl_date(${cell("period_end")})`,
    year: `year(nl_date(${cell("period_start")}))`,
    volume: await number("volume"),
    unit: padDigits(cell("unit"), 2),
    tariff: await number("tariff"),
    amount: `CASE WHEN ${dc} = 'C' THEN -(${amount}) ELSE ${amount} END`
  };
  const missing = (c: RawDeclarationColumn) => ({column: label(c), reason: `CASE WHEN nl_text(${cell(c)}) IS NULL THEN 'missing value' END`});
  const checks: Check[] = [
    missing("declaration_id"),
    missing("bsn"),
    {column: label("bsn"), reason: "b.reason"},
    missing("gemeente"),
    {column: label("gemeente"), reason: `CASE WHEN nl_text(${cell("gemeente")}) IS NOT NULL AND NOT regexp_full_match(${gemeente}, '\\d{4}') THEN 'not a gemeentecode "' || nl_text(${cell("gemeente")}) || '"' END`},
    {column: label("law"), reason: `CASE WHEN nl_text(${cell("law")}) IS NOT NULL AND (${law}) IS NULL THEN 'unknown law "' || nl_text(${cell("law")}) || '" (expected Wmo or Jeugdwet)' END`},
    missing("period_start"),
    {column: label("period_start"), reason: `nl_date_reason(${cell("period_start")})`},
    {column: label("period_end"), reason: `nl_date_reason(${cell("period_end")})`},
    {column: label("period_end"), reason: `CASE WHEN nl_date(${cell("period_end")}) < nl_date(${cell("period_start")}) THEN 'end before start of the period' END`},
    missing("amount"),
    {column: label("amount"), reason: source.cents ? `CASE WHEN nl_text(${cell("amount")}) IS NOT NULL AND ${amount} IS NULL THEN 'not a whole number of eurocents "' || nl_text(${cell("amount")}) || '"' END` : decimalReasonSql(cell("amount"), amount)},
    {column: label("debit_credit"), reason: `CASE WHEN nl_text(${cell("debit_credit")}) IS NOT NULL AND ${dc} NOT IN ('D', 'C') THEN 'Debet/Credit must be D or C, not "' || nl_text(${cell("debit_credit")}) || '"' END`}
  ];
  for (const c of ["volume", "tariff"] as const) {
    if (has(c)) checks.push({column: label(c), reason: decimalReasonSql(cell(c), values[c])});
  }
  const typed = nextId("typed_decl");
  const helpers = {
    __id: `hash(${values.declaration_id}, ${values.line_id})`,
    // Cast as stored, so the hash equals that of a line already in the staging table.
    __content: `hash(b.pseudonym, ${values.assignment_id}, ${values.productcategorie}, ${values.productcode}, ${values.provider_agb}, ${values.period_start}, ${values.period_end}, (${values.volume})::DOUBLE, (${values.amount})::DECIMAL(14,2))`
  };
  const columns = await buildTyped(conn, typed, {
    from: `${sqlIdent(source.raw)} r LEFT JOIN ${sqlIdent(bsn)} b ON b.raw = trim(${cell("bsn")})`,
    values, checks, helpers, file: "r.__file", test: "coalesce(b.test, false)"
  });
  await rejectDuplicates(ctx, typed, label("line_id"));
  await insertAccepted(conn, typed, columns, "declarations");
  const result = await reports(conn, typed, source.files, ctx.options.demo);
  await conn.run(`DROP TABLE ${sqlIdent(typed)}`);
  return result;
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
    await rejectMatching(conn, typed, column,
      `'duplicate ${what} of row ' || d.first_row || CASE WHEN d.first_file <> ${t}.__file THEN ' in ' || d.first_file ELSE '' END`,
      `(SELECT __file AS file, __row AS at, row_number() ${order} AS n, first_value(__row) ${order} AS first_row, first_value(__file) ${order} AS first_file FROM ${t} WHERE len(__rejects) = 0 AND ${usable}) d`,
      `${t}.__file = d.file AND ${t}.__row = d.at AND d.n > 1`);
  }
  const staged = (key: string, sql: string) => `(SELECT ${sql} AS ${key}, min(source_file) AS file FROM declarations GROUP BY ALL) s`;
  await rejectMatching(conn, typed, column, `'duplicate of a line already imported from ' || s.file`,
    staged("id", "hash(declaration_id, line_id)"), `len(${t}.__rejects) = 0 AND ${t}.line_id IS NOT NULL AND ${t}.__id = s.id`);
  await rejectMatching(conn, typed, column, `'duplicate of a line already imported from ' || s.file`,
    staged("content", "hash(client_key, assignment_id, productcategorie, productcode, provider_agb, period_start, period_end, volume, amount)"),
    `len(${t}.__rejects) = 0 AND ${t}.__content = s.content`);
}
