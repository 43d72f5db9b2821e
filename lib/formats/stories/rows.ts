/**
 * The canonical story rows (one interface per staging table of lib/model/schema.ts) and the result
 * every story parser returns. Parsers are pure (text in, rows out) so they also run in the browser.
 *
 * Answer status: 'answered' | 'na' | 'skipped', plus 'invalid' for an answer present in the file but
 * unreadable (a stray list value, proportions that are not a point of the triangle). The story is
 * kept; the cell is listed in `rejects` (see docs/generic-story-csv.md, "Bad input").
 */
import type {Rejection} from "../../import/types.js";

export type AnswerStatus = "answered" | "na" | "skipped" | "invalid";
export type SignifierType = "triad" | "dyad" | "list" | "freetext" | "stones" | "scale";

export interface Lineage {
  source_file: string;
  source_row: number;
}

export interface StoryRow extends Lineage {
  story_id: string;
  project: string | null;
  collected_on: string | null; // ISO date yyyy-mm-dd
  teller_role: string | null;
  language: string | null;
  client_key: string | null;
  case_ref: string | null;
}

export interface StoryTextRow extends Lineage {
  story_id: string;
  title: string | null;
  text: string | null;
}

export interface SignifierRow {
  signifier_id: string;
  type: SignifierType;
  title: string;
  short_name: string | null;
  allow_na: boolean;
  required: boolean;
  multi_select: boolean;
  position: number;
  source_file: string;
}

export interface SignifierOptionRow {
  signifier_id: string;
  option_id: string;
  position: number;
  label: string;
}

export interface TriadAnswerRow extends Lineage {
  story_id: string;
  signifier_id: string;
  status: AnswerStatus;
  top: number | null;
  left: number | null;
  right: number | null;
}

export interface DyadAnswerRow extends Lineage {
  story_id: string;
  signifier_id: string;
  status: AnswerStatus;
  position: number | null;
}

export interface ChoiceAnswerRow extends Lineage {
  story_id: string;
  signifier_id: string;
  status: AnswerStatus;
  option_id: string | null;
}

/** Rows per canonical table; keys are the table names of lib/model/schema.ts. */
export interface StoryTables {
  stories: StoryRow[];
  story_texts: StoryTextRow[];
  signifiers: SignifierRow[];
  signifier_options: SignifierOptionRow[];
  triad_answers: TriadAnswerRow[];
  dyad_answers: DyadAnswerRow[];
  choice_answers: ChoiceAnswerRow[];
}

export function emptyStoryTables(): StoryTables {
  return {
    stories: [], story_texts: [], signifiers: [], signifier_options: [],
    triad_answers: [], dyad_answers: [], choice_answers: []
  };
}

/**
 * What a parser returns. rows_read = rows_accepted + rows_rejected counts story rows; `rejects`
 * holds every rejected row (column "" or the offending column) and every rejected cell of a kept
 * story, so it can be longer than rows_rejected.
 */
export interface StoryParseResult {
  tables: StoryTables;
  rows_read: number;
  rows_accepted: number;
  rows_rejected: number;
  rejects: Rejection[];
  warnings: string[];
  /** Raw client references (case key or BSN) per story, to be pseudonymised by the caller. */
  client_refs: Map<string, string>;
}

/** A file that cannot be parsed at all (empty, no header, wrong layout, broken definition). */
export class StoryFormatError extends Error {
  constructor(problem: string) {
    super(problem);
    this.name = "StoryFormatError";
  }
}

/** Collects rejections and warnings while a parser walks the rows. */
export class Issues {
  readonly rejects: Rejection[] = [];
  readonly warnings: string[] = [];
  reject(row: number, column: string, reason: string): void {
    this.rejects.push({row, column, reason});
  }
  warn(message: string): void {
    this.warnings.push(message);
  }
}
