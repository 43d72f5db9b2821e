/**
 * How Dutch municipal systems write values: dd-mm-jjjj dates, decimal commas, thousands dots,
 * `;`-CSV, and Windows-1252 bytes for the older systems. Dates are whole days since 1970-01-01 (UTC).
 */

export const DAY_MS = 86_400_000;

/** Day number of a calendar date. */
export function day(year: number, month: number, dayOfMonth: number): number {
  return Date.UTC(year, month - 1, dayOfMonth) / DAY_MS;
}

export interface YearMonthDay {
  year: number;
  month: number;
  day: number;
}

export function calendar(dayNumber: number): YearMonthDay {
  const d = new Date(dayNumber * DAY_MS);
  return {year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate()};
}

const pad2 = (n: number) => String(n).padStart(2, "0");

// Formatting a date is the hot path of the large scales: cache per day number.
const nlCache = new Map<number, string>();

/** `dd-mm-jjjj`. */
export function nlDate(dayNumber: number): string {
  let text = nlCache.get(dayNumber);
  if (text === undefined) {
    const c = calendar(dayNumber);
    text = `${pad2(c.day)}-${pad2(c.month)}-${c.year}`;
    nlCache.set(dayNumber, text);
  }
  return text;
}

/** `jjjj-mm-dd` (XML messages). */
export function isoDate(dayNumber: number): string {
  const c = calendar(dayNumber);
  return `${c.year}-${pad2(c.month)}-${pad2(c.day)}`;
}

export function daysInMonth(year: number, month: number): number {
  return day(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - day(year, month, 1);
}

/** Euros from integer cents with a decimal comma; `thousands` adds the dot (`1.234,56`). */
export function nlAmount(cents: number, thousands = false): string {
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(Math.round(cents));
  let euros = String(Math.floor(abs / 100));
  if (thousands) euros = euros.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  return `${sign}${euros},${pad2(abs % 100)}`;
}

/** A number with a decimal comma and at most `digits` decimals (`12,5`). */
export function nlNumber(value: number, digits = 2): string {
  return String(Number(value.toFixed(digits))).replace(".", ",");
}

/** Quotes a field only where the dialect needs it (what Excel and most systems do). */
export function csvField(value: string, delimiter = ";"): string {
  return value.includes(delimiter) || value.includes('"') || value.includes("\n") || value.includes("\r")
    ? `"${value.replaceAll('"', '""')}"`
    : value;
}

/** Every field quoted (SenseMaker and statistics-office exports). */
export function quoted(value: string): string {
  return `"${value.replaceAll('"', '""')}"`;
}

export function csvLine(fields: readonly string[], delimiter = ";"): string {
  return fields.map((f) => csvField(f, delimiter)).join(delimiter) + "\r\n";
}

// Windows-1252 differs from Latin-1 only in 0x80-0x9F; these are the few such characters the demo uses.
const CP1252_EXTRA: Record<string, number> = {"€": 0x80, "‘": 0x91, "’": 0x92, "“": 0x93, "”": 0x94, "–": 0x96};

/** Encodes text as Windows-1252; throws on a character the code page lacks rather than writing `?`. */
export function encodeWindows1252(text: string): Buffer {
  const bytes = Buffer.allocUnsafe(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) bytes[i] = code;
    else {
      const mapped = CP1252_EXTRA[text[i]];
      if (mapped === undefined) throw new Error(`character ${JSON.stringify(text[i])} has no Windows-1252 byte in the demo table`);
      bytes[i] = mapped;
    }
  }
  return bytes;
}
