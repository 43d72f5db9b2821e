/**
 * Sniffing a Dutch CSV's dialect from a head of its text: delimiter, header row (after any title
 * block) and BOM/encoding of the head. Pure and browser-safe, so the importer (lib/formats/csv.ts)
 * and the story pages that read a dropped file (lib/formats/stories/csv-text.ts) decide alike.
 */
import Papa from "papaparse";

export const DELIMITERS = [";", ",", "\t"] as const;
const BOM = [0xef, 0xbb, 0xbf];

export function hasBom(bytes: Uint8Array): boolean {
  return BOM.every((b, i) => bytes[i] === b);
}

/**
 * Decodes a head for probing: strict UTF-8, else Windows-1252; the BOM is removed. When the head
 * was cut from a longer file (`cut`), a multi-byte character split at the end is tolerated.
 */
export function decodeHead(bytes: Uint8Array, cut = false): string {
  const body = hasBom(bytes) ? bytes.subarray(3) : bytes;
  try {
    return new TextDecoder("utf-8", {fatal: true}).decode(body, {stream: cut});
  } catch {
    return new TextDecoder("windows-1252").decode(body);
  }
}

/** Parses the records of a head of text (quote-aware); the last, possibly cut, record is dropped when the head was cut. */
export function headRecords(text: string, delimiter: string, complete = false): string[][] {
  const rows = Papa.parse<string[]>(text, {delimiter, skipEmptyLines: false}).data;
  if (!complete && rows.length > 1) rows.pop();
  return rows;
}

/**
 * Picks `;`, `,` or TAB: the delimiter that splits the most records into the same number (> 1)
 * of fields. Title lines of statistics tables have one field with any delimiter and do not count.
 * Null when no candidate splits anything.
 */
export function sniffDelimiter(text: string): string | null {
  let best: {delimiter: string; score: number} | null = null;
  for (const delimiter of DELIMITERS) {
    const counts = headRecords(text, delimiter, false).slice(0, 50).map((r) => r.length);
    const freq = new Map<number, number>();
    for (const n of counts) if (n > 1) freq.set(n, (freq.get(n) ?? 0) + 1);
    for (const [fields, times] of freq) {
      const score = times * 1000 + fields;
      if (!best || score > best.score) best = {delimiter, score};
    }
  }
  return best?.delimiter ?? null;
}

export interface HeaderInfo {
  /** 1-based line of the header row (after any title block), or 0 when there is none. */
  line: number;
  fields: string[];
  /** Every record ends with a delimiter (`a;b;c;`): one more, empty field than `fields` names. */
  trailing?: boolean;
}

const looksLikeValue = (s: string) => /^[-+]?[\d.,\s]+$/.test(s) || /^\d{1,4}[-/]\d{1,2}[-/]\d{1,4}$/.test(s);

/**
 * The header is the first record with the most common field count (> 1) in the head, when at least
 * half of its fields are names (not numbers or dates) and none is blank. Records above it form the
 * title block. (The most common count, not the widest: a broken line may have extra fields.) A
 * blank last field is a delimiter at the end of every line, as many exports write: not a column.
 */
export function findHeader(text: string, delimiter: string): HeaderInfo {
  const records = headRecords(text, delimiter, false).slice(0, 200);
  const width = modalWidth(records);
  if (width < 2) return {line: 0, fields: []};
  let line = 1;
  for (const record of records) {
    if (record.length === width) {
      const trailing = width > 2 && record[width - 1].trim() === "";
      const fields = record.slice(0, trailing ? -1 : undefined).map((f) => f.trim());
      const names = fields.filter((f) => f !== "" && !looksLikeValue(f)).length;
      const blank = fields.some((f) => f === "");
      if (names * 2 < fields.length || blank) return {line: 0, fields: []};
      return trailing ? {line, fields, trailing} : {line, fields};
    }
    line += 1 + (record.join(delimiter).match(/\n/g)?.length ?? 0);
  }
  return {line: 0, fields: []};
}

function modalWidth(records: string[][]): number {
  const freq = new Map<number, number>();
  for (const r of records) if (r.length > 1) freq.set(r.length, (freq.get(r.length) ?? 0) + 1);
  let best = 0;
  for (const [width, times] of freq) if (times > (freq.get(best) ?? 0) || (times === freq.get(best) && width > best)) best = width;
  return best;
}
