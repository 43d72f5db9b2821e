/**
 * The workspace's own generic story CSV (docs/generic-story-csv.md): one row per story, Dutch
 * column names, triads/dyads/questions declared in the header itself. Browser-safe.
 */
import {isValidBsn, normaliseBsn} from "../../privacy/bsn.js";
import {StoryCollector, unusedColumnsWarning} from "./collector.js";
import {parseCsvText, recordObject, type CsvTable} from "./csv-text.js";
import {parseStoryDate} from "./dates.js";
import {checkDyad, closeTriad, type Triad} from "./geometry.js";
import {StoryFormatError, type SignifierRow, type StoryParseResult} from "./rows.js";
import {isBlank, parseNumber} from "./values.js";

const FIXED = ["verhaal_id", "datum", "verteller", "client_ref", "dossiernummer", "titel", "tekst"];
const ROLES = new Set(["inwoner", "medewerker", "anders"]);
const NA = /^(nvt|n\.v\.t\.?|n\/a|na)$/i;

interface TriadSpec {id: string; name: string; columns: string[]; anchors: string[]}
interface DyadSpec {id: string; name: string; column: string; poles: [string, string]; scale: number}
interface QuestionSpec {id: string; name: string; column: string; options: Map<string, string>; multi: boolean}

export function looksLikeGenericStoryCsv(header: string[]): boolean {
  return header.some((h) => h.trim().toLowerCase() === "verhaal_id");
}

export function parseGenericStoryCsv(text: string, sourceFile: string): StoryParseResult {
  const table = parseCsvText(text);
  const header = table.header;
  if (!header.includes("verhaal_id")) throw new StoryFormatError('no "verhaal_id" column: not a generic story CSV');
  const triads = triadSpecs(header);
  const dyads = dyadSpecs(table);
  const questions = questionSpecs(table);
  const collector = new StoryCollector(sourceFile);
  addSignifiers(collector, sourceFile, triads, dyads, questions);

  for (const record of table.records) {
    const cellMap = recordObject(header, record.cells);
    const cell = (c: string) => cellMap.get(c) ?? "";
    const id = cell("verhaal_id").trim();
    if (!collector.begin(record, header, id, "verhaal_id")) continue;
    const row = record.row;
    const reject = (column: string, reason: string) => collector.issues.reject(row, column, `${reason}; story kept`);

    const date = parseStoryDate(cell("datum"));
    if (!date.ok) reject("datum", date.reason);
    const role = cell("verteller").trim().toLowerCase();
    if (role !== "" && !ROLES.has(role)) reject("verteller", `"${cell("verteller").trim()}" is not inwoner, medewerker or anders`);
    const ref = clientRef(cell("client_ref"));
    if (ref.ok && ref.value) collector.clientRefs.set(id, ref.value);
    if (!ref.ok) reject("client_ref", ref.reason);

    collector.accept({
      story_id: id, project: null, collected_on: date.ok ? date.date : null,
      teller_role: ROLES.has(role) ? role : null, language: null, client_key: null,
      case_ref: cell("dossiernummer").trim() || null, source_row: row
    });
    collector.text(row, id, cell("titel").trim() || null, cell("tekst").trim() || null);
    for (const t of triads) readTriad(collector, row, id, t, t.columns.map(cell));
    for (const d of dyads) readDyad(collector, row, id, d, cell(d.column));
    for (const q of questions) readQuestion(collector, row, id, q, cell(q.column));
  }
  const used = new Set([...FIXED, ...triads.flatMap((t) => t.columns), ...dyads.map((d) => d.column), ...questions.map((q) => q.column)]);
  const unused = unusedColumnsWarning(header, used);
  if (unused) collector.issues.warn(unused);
  return collector.result();
}

/** `triade:<naam>:<anker>` columns grouped per triad; exactly three anchors (top, left, right). */
function triadSpecs(header: string[]): TriadSpec[] {
  const byName = new Map<string, TriadSpec>();
  for (const column of header) {
    const m = /^triade:([^:]+):(.+)$/i.exec(column);
    if (!m) continue;
    const name = m[1].trim();
    const spec = byName.get(name) ?? {id: `triade:${name}`, name, columns: [], anchors: []};
    spec.columns.push(column);
    spec.anchors.push(m[2].trim());
    byName.set(name, spec);
  }
  for (const spec of byName.values()) {
    if (spec.columns.length !== 3) {
      throw new StoryFormatError(`triad "${spec.name}" has ${spec.columns.length} columns; it needs three (top, left, right)`);
    }
  }
  return [...byName.values()];
}

/** `dyade:<naam>:<links>|<rechts>`; the scale (0-1 or 0-100) is decided per column. */
function dyadSpecs(table: CsvTable): DyadSpec[] {
  return table.header.flatMap((column, index) => {
    const m = /^dyade:([^:]+):([^|]+)\|(.+)$/i.exec(column);
    if (!m) return [];
    const percent = table.records.some((r) => (parseNumber(r.cells[index]) ?? 0) > 1);
    const name = m[1].trim();
    return [{id: `dyade:${name}`, name, column, poles: [m[2].trim(), m[3].trim()] as [string, string], scale: percent ? 100 : 1}];
  });
}

/** `vraag:<naam>`; options are the answers found (first spelling wins), `|` separates several. */
function questionSpecs(table: CsvTable): QuestionSpec[] {
  return table.header.flatMap((column, index) => {
    const m = /^vraag:(.+)$/i.exec(column);
    if (!m) return [];
    const options = new Map<string, string>();
    let multi = false;
    for (const r of table.records) {
      const answers = splitAnswers(r.cells[index]);
      if (answers.length > 1) multi = true;
      for (const a of answers) if (!options.has(a.toLowerCase())) options.set(a.toLowerCase(), a);
    }
    const name = m[1].trim();
    return [{id: `vraag:${name}`, name, column, options, multi}];
  });
}

function addSignifiers(collector: StoryCollector, sourceFile: string, triads: TriadSpec[], dyads: DyadSpec[], questions: QuestionSpec[]): void {
  const {signifiers, signifier_options: options} = collector.tables;
  const base = (id: string, type: SignifierRow["type"], title: string, multi = false): SignifierRow => ({
    signifier_id: id, type, title, short_name: null, allow_na: true, required: false,
    multi_select: multi, position: signifiers.length, source_file: sourceFile
  });
  for (const t of triads) {
    signifiers.push(base(t.id, "triad", t.name));
    t.anchors.forEach((label, position) => options.push({signifier_id: t.id, option_id: label, position, label}));
  }
  for (const d of dyads) {
    signifiers.push(base(d.id, "dyad", d.name));
    d.poles.forEach((label, position) => options.push({signifier_id: d.id, option_id: label, position, label}));
  }
  for (const q of questions) {
    signifiers.push(base(q.id, "list", q.name, q.multi));
    [...q.options.values()].forEach((label, position) => options.push({signifier_id: q.id, option_id: label, position, label}));
  }
}

function readTriad(collector: StoryCollector, row: number, id: string, spec: TriadSpec, cells: string[]): void {
  if (cells.every(isBlank)) return collector.triad(row, id, spec.id, "skipped");
  if (cells.some((c) => NA.test(c.trim()))) return collector.triad(row, id, spec.id, "na");
  const invalid = (column: string, reason: string) => {
    collector.issues.reject(row, column, `triad "${spec.name}": ${reason}; story kept, answer marked invalid`);
    collector.triad(row, id, spec.id, "invalid");
  };
  const values = cells.map(parseNumber);
  const bad = values.findIndex((v) => v === null || Number.isNaN(v));
  if (bad >= 0) return invalid(spec.columns[bad], isBlank(cells[bad]) ? "one of the three values is blank" : `not a number "${cells[bad].trim()}"`);
  const closed = closeTriad(values as Triad, null);
  if (!closed.ok) return invalid(spec.columns[values.indexOf(Math.min(...(values as number[])))], closed.reason);
  if (closed.clamped) collector.issues.warn(`row ${row}, triad "${spec.name}": a slightly negative value was clamped to 0 and the three re-closed`);
  collector.triad(row, id, spec.id, "answered", closed.value);
}

function readDyad(collector: StoryCollector, row: number, id: string, spec: DyadSpec, cell: string): void {
  if (isBlank(cell)) return collector.dyad(row, id, spec.id, "skipped");
  if (NA.test(cell.trim())) return collector.dyad(row, id, spec.id, "na");
  const value = parseNumber(cell);
  const checked = value === null || Number.isNaN(value) ? null : checkDyad(value / spec.scale);
  if (!checked?.ok) {
    const reason = checked ? checked.reason : `not a number "${cell.trim()}"`;
    collector.issues.reject(row, spec.column, `dyad "${spec.name}": ${reason}; story kept, answer marked invalid`);
    return collector.dyad(row, id, spec.id, "invalid");
  }
  if (checked.clamped) collector.issues.warn(`row ${row}, dyad "${spec.name}": position just past a pole, clamped`);
  collector.dyad(row, id, spec.id, "answered", checked.value);
}

function readQuestion(collector: StoryCollector, row: number, id: string, spec: QuestionSpec, cell: string): void {
  const answers = splitAnswers(cell);
  if (answers.length === 0) return collector.choice(row, id, spec.id, "skipped");
  for (const a of answers) collector.choice(row, id, spec.id, "answered", spec.options.get(a.toLowerCase())!);
}

function splitAnswers(cell: string | undefined): string[] {
  return (cell ?? "").split("|").map((a) => a.trim()).filter((a) => a !== "");
}

type Ref = {ok: true; value: string | null} | {ok: false; reason: string};

/** A BSN-like reference (8 or 9 digits) must pass the elfproef; it is left-padded to 9 digits. */
function clientRef(cell: string): Ref {
  const text = cell.trim();
  if (text === "") return {ok: true, value: null};
  const bsn = normaliseBsn(text);
  if (bsn === null) return {ok: true, value: text};
  return isValidBsn(bsn) ? {ok: true, value: bsn} : {ok: false, reason: "client_ref looks like a BSN but fails the elfproef; no client key"};
}
