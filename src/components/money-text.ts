/**
 * Words and tables for the money pages (/geld/*): Dutch number formats and the text alternative
 * beside each chart. Every string goes in through textContent, never as HTML.
 */
import {dataTable, type TableCell} from "./data-table.js";

const EURO = new Intl.NumberFormat("nl-NL", {style: "currency", currency: "EUR", maximumFractionDigits: 0});
const NUMBER = new Intl.NumberFormat("nl-NL", {maximumFractionDigits: 0});

/** "€ 1.850.876" (whole euros). */
export const euro = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? "–" : EURO.format(x));

/** "1.234". */
export const count = (x: number | null | undefined): string => (x === null || x === undefined || !Number.isFinite(x) ? "–" : NUMBER.format(x));

const FIXED = new Map<number, Intl.NumberFormat>();

/** "1.234,5" with exactly `digits` decimals ("–" when missing); one formatter per precision, reused. */
export function fixed(x: number | null | undefined, digits = 0): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "–";
  let format = FIXED.get(digits);
  if (!format) FIXED.set(digits, (format = new Intl.NumberFormat("nl-NL", {minimumFractionDigits: digits, maximumFractionDigits: digits})));
  return format.format(x);
}

/** "57,2%" (one decimal). */
export const pct = (x: number | null | undefined, digits = 1): string =>
  x === null || x === undefined || !Number.isFinite(x) ? "–" : `${(x * 100).toLocaleString("nl-NL", {minimumFractionDigits: digits, maximumFractionDigits: digits})}%`;

/** "4,11" (euros per euro). */
export const ratio = (x: number | null | undefined): string =>
  x === null || x === undefined || !Number.isFinite(x) ? "–" : x.toLocaleString("nl-NL", {minimumFractionDigits: 2, maximumFractionDigits: 2});

/** "mrt 2025" from yyyy-mm or yyyy-mm-dd. */
export function monthLabel(iso: string): string {
  const d = new Date(`${iso.slice(0, 7)}-01T00:00:00Z`);
  return d.toLocaleDateString("nl-NL", {month: "short", year: "numeric", timeZone: "UTC"});
}

/** yyyy-mm-dd of a Date (UTC, as the engine and loaders give dates). */
export function isoDate(d: Date | string | null | undefined): string | null {
  if (d === null || d === undefined) return null;
  return typeof d === "string" ? d.slice(0, 10) : d.toISOString().slice(0, 10);
}

export type Cell = TableCell;

/** A money table: the site's data table in the money pages' style. */
export function moneyTable(caption: string, head: readonly string[], rows: readonly (readonly Cell[])[], className = "wk-money-table"): HTMLTableElement {
  return dataTable(caption, head, rows, {className});
}

/** A paragraph of plain text. */
export function paragraph(text: string, className?: string): HTMLParagraphElement {
  const p = document.createElement("p");
  p.textContent = text;
  if (className) p.className = className;
  return p;
}

/** A link whose text and address are set as text, never parsed as HTML. */
export function textLink(text: string, href: string): HTMLAnchorElement {
  const a = document.createElement("a");
  a.textContent = text;
  a.href = href;
  return a;
}

/**
 * A figure with its text alternative underneath in a <details> (open unless `open` is false, so
 * screen readers and printouts get both): `chart` is a Plot figure or any element.
 */
export function withText(chart: Element, alternative: Element | Element[], {summary = "Tekst bij de grafiek", open = true}: {summary?: string; open?: boolean} = {}): HTMLDivElement {
  const div = document.createElement("div");
  div.className = "wk-money-figure";
  const details = document.createElement("details");
  details.className = "wk-money-text";
  details.open = open;
  const s = document.createElement("summary");
  s.textContent = summary;
  details.append(s, ...(Array.isArray(alternative) ? alternative : [alternative]));
  div.append(chart, details);
  return div;
}

/** A headline figure: its text, with the exact value in data-value for tests and reviewers. */
export function figureSpan(name: string, value: number | null, text: string): HTMLSpanElement {
  const span = document.createElement("span");
  span.className = "big";
  span.dataset.figure = name;
  span.dataset.value = String(value);
  span.textContent = text;
  return span;
}
