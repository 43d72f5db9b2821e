/**
 * Shared bookkeeping of every story parser: rows read = accepted + rejected, duplicate story ids
 * (the first row wins, later ones are rejected and not counted twice), and the answer rows.
 */
import type {CsvRecord} from "./csv-text.js";
import type {Triad} from "./geometry.js";
import {emptyStoryTables, Issues, type AnswerStatus, type StoryParseResult, type StoryRow, type StoryTables} from "./rows.js";

export class StoryCollector {
  readonly tables: StoryTables = emptyStoryTables();
  readonly issues = new Issues();
  readonly clientRefs = new Map<string, string>();
  private rowsRead = 0;
  private accepted = 0;
  private rejected = 0;
  private readonly seen = new Map<string, {row: number; content: string}>();

  constructor(readonly sourceFile: string) {}

  /**
   * Counts a record and decides whether it can be a story at all. False (row rejected) for broken
   * quoting, a wrong number of fields, no id, or an id seen before.
   */
  begin(record: CsvRecord, header: string[], id: string, idColumn: string): boolean {
    this.rowsRead++;
    const reason = this.structuralProblem(record, header) ?? this.idProblem(record, id);
    if (reason === null) return true;
    this.rejected++;
    this.issues.reject(record.row, reason.column ?? idColumn, reason.text);
    return false;
  }

  private structuralProblem(record: CsvRecord, header: string[]): {column?: string; text: string} | null {
    if (record.error) return {column: "(line)", text: `broken quoting: ${record.error}`};
    const extra = record.cells.slice(header.length);
    if (record.cells.length < header.length) return {column: "(line)", text: `too few fields on this line (${record.cells.length} of ${header.length})`};
    if (extra.some((c) => c.trim() !== "")) return {column: "(line)", text: `too many fields on this line (${record.cells.length} of ${header.length})`};
    return null;
  }

  private idProblem(record: CsvRecord, id: string): {column?: string; text: string} | null {
    if (id === "") return {text: "no story id"};
    const content = record.cells.join("\u0001");
    const first = this.seen.get(id);
    if (first) {
      const same = first.content === content ? "an exact copy" : "with different answers; the first is kept";
      return {text: `duplicate story id "${id}" (first on row ${first.row}, ${same})`};
    }
    this.seen.set(id, {row: record.row, content});
    return null;
  }

  accept(story: Omit<StoryRow, "source_file">): void {
    this.accepted++;
    this.tables.stories.push({...story, source_file: this.sourceFile});
  }

  text(row: number, storyId: string, title: string | null, text: string | null): void {
    this.tables.story_texts.push({story_id: storyId, title, text, source_file: this.sourceFile, source_row: row});
  }

  triad(row: number, storyId: string, signifierId: string, status: AnswerStatus, value: Triad | null = null): void {
    const [top, left, right] = value ?? [null, null, null];
    this.tables.triad_answers.push({story_id: storyId, signifier_id: signifierId, status, top, left, right, source_file: this.sourceFile, source_row: row});
  }

  dyad(row: number, storyId: string, signifierId: string, status: AnswerStatus, position: number | null = null): void {
    this.tables.dyad_answers.push({story_id: storyId, signifier_id: signifierId, status, position, source_file: this.sourceFile, source_row: row});
  }

  choice(row: number, storyId: string, signifierId: string, status: AnswerStatus, optionId: string | null = null): void {
    this.tables.choice_answers.push({story_id: storyId, signifier_id: signifierId, status, option_id: optionId, source_file: this.sourceFile, source_row: row});
  }

  result(): StoryParseResult {
    return {
      tables: this.tables,
      rows_read: this.rowsRead,
      rows_accepted: this.accepted,
      rows_rejected: this.rejected,
      rejects: this.issues.rejects,
      warnings: this.issues.warnings,
      client_refs: this.clientRefs
    };
  }
}

/** One warning naming the columns a parser did not use (nothing is dropped without a word). */
export function unusedColumnsWarning(header: string[], used: Set<string>): string | null {
  const unused = header.filter((h) => h !== "" && !used.has(h));
  if (unused.length === 0) return null;
  const shown = unused.slice(0, 12).join(", ");
  return `${unused.length} column(s) not imported: ${shown}${unused.length > 12 ? ", ..." : ""}`;
}
