/**
 * CSV text for downloads from the site (browser-safe, no Node APIs): RFC 4180 quoting, a UTF-8
 * byte-order mark so Excel reads accents correctly, and an option for Dutch Excel (`;` between
 * fields, decimal comma).
 *
 * Formula injection: a spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (and tab or
 * carriage return, which some programs strip first) as a formula. Such text cells get a leading
 * `'`, which Excel shows as text. Numbers are left alone: a JS number is data, and so is a string
 * that is a plain number in a column declared numeric (e.g. "-12,5" read from a source).
 */

export interface CsvColumn {
  key: string;
  /** Header text; the key when absent. */
  label?: string;
  /** Values are numbers: a plain negative number such as "-3" or "-2,5" is not neutralised. */
  numeric?: boolean;
}

export interface CsvOptions {
  delimiter?: "," | ";" | "\t";
  /** Write numbers with a decimal comma (Dutch Excel). Use with `;` as delimiter. */
  decimalComma?: boolean;
  /** Start with a UTF-8 byte-order mark (default true). */
  bom?: boolean;
}

/** What Dutch Excel opens correctly by double-click. */
export const DUTCH_EXCEL: CsvOptions = {delimiter: ";", decimalComma: true, bom: true};

const BOM = "\uFEFF";
/** Leading characters that make a spreadsheet evaluate a cell (fullwidth forms included). */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const PLAIN_NUMBER = /^-?\d+([.,]\d+)?$/;

/** A cell's text before quoting: formula-safe, with the chosen decimal mark. */
export function cellText(value: unknown, numeric: boolean, {decimalComma = false}: CsvOptions = {}): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return "";
    const text = String(value);
    return decimalComma ? text.replace(".", ",") : text;
  }
  if (typeof value === "bigint") return String(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString().slice(0, 10);
  const text = String(value);
  if (numeric && PLAIN_NUMBER.test(text)) return decimalComma ? text.replace(".", ",") : text;
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** RFC 4180: a field with the delimiter, a quote or a line break is quoted, quotes doubled. */
export function quoteField(text: string, delimiter: string): string {
  return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The CSV text of rows (lines end in CRLF as RFC 4180 says). */
export function toCsv(rows: Record<string, unknown>[], columns: (string | CsvColumn)[], options: CsvOptions = {}): string {
  const {delimiter = ",", bom = true} = options;
  if (options.decimalComma && delimiter === ",") throw new Error("toCsv: a decimal comma needs another delimiter (use ';')");
  const cols = columns.map((c) => (typeof c === "string" ? {key: c} : c));
  const line = (fields: string[]) => fields.map((f) => quoteField(f, delimiter)).join(delimiter);
  const header = line(cols.map((c) => cellText(c.label ?? c.key, false)));
  const body = rows.map((row) => line(cols.map((c) => cellText(row[c.key], c.numeric ?? false, options))));
  return (bom ? BOM : "") + [header, ...body].join("\r\n") + "\r\n";
}
