/**
 * Story dates in JS (the browser page has no DuckDB macros): the same forms as `nl_date` in
 * lib/formats/csv.ts — `dd-mm-jjjj` (also unpadded, `/`), ISO `jjjj-mm-dd` (a time part after it is
 * ignored), `jjjjmmdd` — plus milliseconds since the epoch (SenseMaker upload times).
 */
import {dutchDateOf} from "./values.js";

export type DateResult = {ok: true; date: string | null} | {ok: false; reason: string};

const DMY = /^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$/;
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const EPOCH_MS = /^\d{11,13}$/;

/** A blank cell gives date null; an unreadable or impossible date gives the reason. */
export function parseStoryDate(cell: string | undefined): DateResult {
  const text = (cell ?? "").trim();
  if (text === "") return {ok: true, date: null};
  if (EPOCH_MS.test(text)) return {ok: true, date: dutchDateOf(Number(text))};
  const match = DMY.exec(text) ?? ISO.exec(text) ?? COMPACT.exec(text);
  if (!match) return {ok: false, reason: `not a date "${text}" (expected dd-mm-jjjj, jjjj-mm-dd or jjjjmmdd)`};
  const [y, m, d] = DMY.test(text) ? [match[3], match[2], match[1]] : [match[1], match[2], match[3]];
  const iso = isoDate(Number(y), Number(m), Number(d));
  return iso ? {ok: true, date: iso} : {ok: false, reason: `impossible date "${text}"`};
}

function isoDate(year: number, month: number, day: number): string | null {
  const probe = new Date(Date.UTC(year, month - 1, day));
  const real = probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
  if (!real) return null;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
