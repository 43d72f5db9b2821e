/**
 * CSV text -> header + records with their row number, via papaparse. Browser-safe.
 *
 * Row numbers count records as lib/formats/csv.ts does (header = 1, comment records included, blank
 * lines not): the row Excel shows. It equals the line number unless an earlier story text holds a
 * line break.
 */
import Papa from "papaparse";
import {sniffDelimiter} from "../csv-dialect.js";
import {StoryFormatError} from "./rows.js";

const SNIFF_LINES = 200;

export interface CsvRecord {
  /** 1-based record position in the file (header = 1). */
  row: number;
  cells: string[];
  /** A quoting problem confined to this record (the parser rejects the row). */
  error?: string;
}

export interface CsvTable {
  delimiter: string;
  header: string[];
  headerRow: number;
  records: CsvRecord[];
}

export interface CsvTextOptions {
  /** Lines whose first character is this are comments (NarraFirma: `;`). */
  commentPrefix?: string;
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Every record of the text, blank lines and comment lines dropped. */
export function parseCsvText(input: string, options: CsvTextOptions = {}): CsvTable {
  const text = stripBom(input);
  const lines = text.split("\n");
  const content = lines.filter((l) => l.trim() !== "" && !isComment(l, options.commentPrefix));
  if (content.length === 0) throw new StoryFormatError("the file is empty (no header line)");
  // The importer's sniffer on the first records (comments left out: NarraFirma's start with `;`);
  // a file of one column splits on nothing, so any delimiter reads it.
  const head = content.slice(0, SNIFF_LINES);
  const delimiter = sniffDelimiter(head.join("\n") + (content.length <= SNIFF_LINES ? "\n" : "")) ?? ",";

  const records: CsvRecord[] = [];
  let start = 0;
  let position = 0;
  let fatal: string | null = null;
  Papa.parse<string[]>(text, {
    delimiter,
    skipEmptyLines: false,
    step: (result) => {
      const end = result.meta.cursor;
      const raw = text.slice(start, end);
      start = end;
      const cells = result.data;
      if (cells.every((c) => c.trim() === "")) return;
      const startsAt = ++position;
      if (isComment(raw, options.commentPrefix)) return;
      const error = result.errors[0];
      // An unclosed quote swallows the rest of the file: nothing after it can be trusted.
      if (error?.code === "MissingQuotes" && fatal === null) fatal = `row ${startsAt}: ${error.message}`;
      records.push(error ? {row: startsAt, cells, error: error.message} : {row: startsAt, cells});
    }
  });
  if (fatal !== null) throw new StoryFormatError(`not readable as CSV (${fatal})`);
  const [first, ...rest] = records;
  return {delimiter, header: first.cells.map((h) => h.trim()), headerRow: first.row, records: rest};
}

function isComment(raw: string, prefix: string | undefined): boolean {
  return prefix !== undefined && raw.startsWith(prefix);
}

/** Record as an object keyed by header (first occurrence of a repeated header wins). */
export function recordObject(header: string[], cells: string[]): Map<string, string> {
  const out = new Map<string, string>();
  header.forEach((h, i) => {
    if (!out.has(h)) out.set(h, cells[i] ?? "");
  });
  return out;
}
