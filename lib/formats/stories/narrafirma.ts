/**
 * NarraFirma export: a story-form CSV declaring each question and a stories CSV with one row per
 * story (formats.md, "NarraFirma export"). Both may hold comment lines starting with `;`.
 *
 * Story form: `Data column name, Type, About, Short name, Long name, Options, Answers...` (answers
 * fill the Answers column and the ones after it). Choice questions: the answers are the options.
 * Scales: Options is the range `min-max` (default 0-100); Answers are the left and right labels
 * and, optionally, the text meaning "does not apply". Scales are stored as dyads (0..1).
 */
import {StoryCollector, unusedColumnsWarning} from "./collector.js";
import {parseCsvText, type CsvRecord} from "./csv-text.js";
import {parseStoryDate} from "./dates.js";
import {StoryFormatError, type SignifierRow, type StoryParseResult} from "./rows.js";
import {isBlank, isTicked, isUnticked, parseNumber} from "./values.js";

type Kind = "single" | "multi" | "scale" | "text";
interface Question {column: string; kind: Kind; title: string; shortName: string | null; answers: string[]; min: number; max: number; naText: string}

const KINDS: [RegExp, Kind][] = [
  [/^(multiple choice|checkboxes|multi)/i, "multi"],
  [/^(single choice|select|radio|boolean|checkbox|choice)/i, "single"],
  [/^(scale|slider)/i, "scale"],
  [/^(text|textarea|write ?in)/i, "text"]
];
const DEFAULT_NA = "does not apply";
const NA_WORDS = /^(does not apply|n\.?v\.?t\.?|niet van toepassing)$/i;

export function looksLikeNarraFirmaStories(header: string[]): boolean {
  return header.includes("Story text") || header.includes("Story title");
}

export function looksLikeNarraFirmaForm(header: string[]): boolean {
  return header[0] === "Data column name" && header.includes("Type");
}

/** The same test on raw text (a probe head): the first line that is not a comment. */
export function looksLikeNarraFirmaFormText(head: string): boolean {
  const first = head.replace(/^\ufeff/, "").split("\n").find((l) => l.trim() !== "" && !l.startsWith(";"));
  return first !== undefined && /^"?Data column name"?[,;\t]/.test(first);
}

export function parseNarraFirmaForm(text: string): Question[] {
  const table = parseCsvText(text, {commentPrefix: ";"});
  if (!looksLikeNarraFirmaForm(table.header)) throw new StoryFormatError('not a NarraFirma story form (expected a header "Data column name, Type, ...")');
  const at = (name: string) => table.header.indexOf(name);
  const answersFrom = at("Answers");
  return table.records.flatMap((r) => {
    const cell = (i: number) => (i >= 0 ? (r.cells[i] ?? "").trim() : "");
    const type = cell(at("Type"));
    const kind = KINDS.find(([re]) => re.test(type))?.[1];
    if (!kind || /^ignore$/i.test(cell(at("About")))) return [];
    const answers = answersFrom >= 0 ? r.cells.slice(answersFrom).map((a) => a.trim()).filter((a) => a !== "") : [];
    const range = /^(-?\d+)\s*-\s*(-?\d+)$/.exec(cell(at("Options")));
    return [{
      column: cell(0), kind, title: cell(at("Long name")) || cell(at("Short name")) || cell(0),
      shortName: cell(at("Short name")) || null, answers,
      min: range ? Number(range[1]) : 0, max: range ? Number(range[2]) : 100,
      naText: kind === "scale" && answers[2] ? answers[2] : DEFAULT_NA
    }];
  });
}

export function parseNarraFirmaStories(text: string, form: Question[], options: {sourceFile: string; formFile: string}): StoryParseResult {
  const table = parseCsvText(text, {commentPrefix: ";"});
  const header = table.header;
  if (!looksLikeNarraFirmaStories(header)) throw new StoryFormatError('no "Story text" column: not a NarraFirma stories CSV');
  const collector = new StoryCollector(options.sourceFile);
  addSignifiers(collector, form, options.formFile);
  const idColumn = header.find((h) => /^(story ?id|id)$/i.test(h));
  const dateColumn = header.find((h) => /^(collection date|date|datum)$/i.test(h));
  const used = new Set(["Story title", "Story text", "Eliciting question", "Language", ...(idColumn ? [idColumn] : []), ...(dateColumn ? [dateColumn] : [])]);

  for (const record of table.records) {
    const cell = (name: string) => (record.cells[header.indexOf(name)] ?? "").trim();
    const id = idColumn ? cell(idColumn) : contentId(cell("Story title"), cell("Story text"), dateColumn ? cell(dateColumn) : "");
    if (!collector.begin(record, header, id, idColumn ?? "Story text")) continue;
    const date = parseStoryDate(dateColumn ? cell(dateColumn) : "");
    if (!date.ok) collector.issues.reject(record.row, dateColumn!, `${date.reason}; story kept without a date`);
    collector.accept({
      story_id: id, project: null, collected_on: date.ok ? date.date : null, teller_role: null,
      language: cell("Language") || null, client_key: null, case_ref: null, source_row: record.row
    });
    collector.text(record.row, id, cell("Story title") || null, cell("Story text") || null);
    for (const q of form) readQuestion(collector, record, header, id, q, used);
  }
  warnWriteIns(collector, header, table.records, used);
  const unused = unusedColumnsWarning(header, used);
  if (unused) collector.issues.warn(unused);
  return collector.result();
}

function addSignifiers(collector: StoryCollector, form: Question[], sourceFile: string): void {
  form.forEach((q, position) => {
    const type: SignifierRow["type"] = q.kind === "scale" ? "dyad" : q.kind === "text" ? "freetext" : "list";
    collector.tables.signifiers.push({
      signifier_id: q.column, type, title: q.title, short_name: q.shortName, allow_na: q.kind === "scale",
      required: false, multi_select: q.kind === "multi", position, source_file: sourceFile
    });
    const labels = q.kind === "scale" ? q.answers.slice(0, 2) : q.kind === "text" ? [] : q.answers;
    labels.forEach((label, i) => collector.tables.signifier_options.push({signifier_id: q.column, option_id: label, position: i, label}));
    if (q.kind === "text") collector.issues.warn(`free-text question "${q.title}" is not imported (only the story title and text are)`);
  });
}

/** The three multi-choice layouts: repeated columns, yes/no columns `<col>: <answer>`, one delimited column. */
function readQuestion(collector: StoryCollector, record: CsvRecord, header: string[], id: string, q: Question, used: Set<string>): void {
  const row = record.row;
  if (q.kind === "text") {
    used.add(q.column);
    return;
  }
  const own = header.flatMap((h, i) => (h === q.column ? [i] : []));
  const flags = header.flatMap((h, i) => {
    const answer = q.answers.find((a) => [": ", " - ", "_", "::"].some((sep) => h === `${q.column}${sep}${a}`));
    return answer ? [{i, answer, column: h}] : [];
  });
  own.forEach((i) => used.add(header[i]));
  flags.forEach((f) => used.add(f.column));
  if (q.kind === "scale") return readScale(collector, row, id, q, record.cells[own[0]] ?? "");

  const chosen: {value: string; column: string}[] = [];
  for (const i of own) for (const v of splitValues(record.cells[i] ?? "", q)) chosen.push({value: v, column: header[i]});
  for (const f of flags) {
    const cell = record.cells[f.i] ?? "";
    if (isTicked(cell)) chosen.push({value: f.answer, column: f.column});
    else if (!isBlank(cell) && !isUnticked(cell)) chosen.push({value: cell.trim(), column: f.column});
  }
  if (chosen.length === 0) return collector.choice(row, id, q.column, "skipped");
  for (const {value, column} of chosen) {
    const option = q.answers.find((a) => a.toLowerCase() === value.toLowerCase());
    if (option) collector.choice(row, id, q.column, "answered", option);
    else {
      collector.issues.reject(row, column, `value "${value}" is not one of the ${q.answers.length} answers of "${q.title}"; story kept, answer marked invalid`);
      collector.choice(row, id, q.column, "invalid");
    }
  }
}

/** A cell that is exactly one answer is taken whole; else it is split on `|`, `;` or a line break. */
function splitValues(cell: string, q: Question): string[] {
  const text = cell.trim();
  if (text === "") return [];
  if (q.answers.some((a) => a.toLowerCase() === text.toLowerCase()) || q.kind === "single") return [text];
  return text.split(/[|;\n]/).map((v) => v.trim()).filter((v) => v !== "");
}

function readScale(collector: StoryCollector, row: number, id: string, q: Question, cell: string): void {
  const text = cell.trim();
  if (text === "") return collector.dyad(row, id, q.column, "skipped");
  if (text.toLowerCase() === q.naText.toLowerCase() || NA_WORDS.test(text)) return collector.dyad(row, id, q.column, "na");
  const value = parseNumber(text);
  if (value === null || Number.isNaN(value) || value < q.min || value > q.max) {
    collector.issues.reject(row, q.column, `scale "${q.title}": "${text}" is not a number from ${q.min} to ${q.max}; story kept, answer marked invalid`);
    return collector.dyad(row, id, q.column, "invalid");
  }
  collector.dyad(row, id, q.column, "answered", (value - q.min) / (q.max - q.min));
}

function warnWriteIns(collector: StoryCollector, header: string[], records: CsvRecord[], used: Set<string>): void {
  header.forEach((h, i) => {
    if (!h.startsWith("WRITEIN_")) return;
    used.add(h);
    const filled = records.filter((r) => !isBlank(r.cells[i])).length;
    if (filled > 0) collector.issues.warn(`${filled} write-in answer(s) in ${h} are not imported (free text; no canonical table)`);
  });
}

/**
 * NarraFirma stories carry no id: one is made from title, text and date (FNV-1a, 2 x 32 bits), so
 * the same story delivered twice is caught as a duplicate.
 */
function contentId(...parts: string[]): string {
  const text = parts.join("\u0001");
  const hash = (seed: number) => {
    let h = seed >>> 0;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
    return h.toString(16).padStart(8, "0");
  };
  return parts.every((p) => p === "") ? "" : `nf-${hash(2166136261)}${hash(0x811c9dc5 ^ 0x5bd1e995)}`;
}
