/**
 * The story rows of the money pages that set stories beside a case (/geld/warm-koud,
 * /geld/eigen-trajecten). Those pages draw only the stories linked to a case, so their loaders pack
 * just those stories' triad and dyad answers into the page's JSON: story ids once, per question
 * parallel arrays that point at them, statuses as codes. The page then downloads a fraction of the
 * story tables and needs no Parquet decoder. Texts travel in a file of their own
 * (src/data/geld2/verhaalteksten.json), read only when the reader is opened.
 * Packing runs in the loaders (Node, DuckDB); unpacking is browser-safe.
 */
import type {Model} from "../model/queries/model.js";

export const STATUSES = ["answered", "na", "skipped"] as const;
export type AnswerStatusCode = number;

export interface TriadAnswer {story_id: string; status: string; top: number | null; left: number | null; right: number | null}
export interface DyadAnswer {story_id: string; status: string; position: number | null}
export interface StoryText {story_id: string; title: string | null; text: string | null; collected_on: string | null; teller_role: string | null}

/** Answers of `story_id` (in that order); `story` holds positions in `story_id`, `status` indices in STATUSES. */
export interface PackedAnswers {
  story_id: string[];
  triads: Record<string, {story: number[]; status: AnswerStatusCode[]; top: (number | null)[]; left: (number | null)[]; right: (number | null)[]}>;
  dyads: Record<string, {story: number[]; status: AnswerStatusCode[]; position: (number | null)[]}>;
}

/** Texts of stories, column by column (dates as yyyy-mm-dd). */
export interface PackedTexts {
  story_id: string[];
  title: (string | null)[];
  text: (string | null)[];
  collected_on: (string | null)[];
  teller_role: (string | null)[];
}

function statusCode(status: string, table: string, storyId: string, signifierId: string): AnswerStatusCode {
  const code = (STATUSES as readonly string[]).indexOf(status);
  if (code < 0) throw new Error(`${table}: story ${storyId}, signifier ${signifierId}: column status has unknown value "${status}" (expected ${STATUSES.join(", ")})`);
  return code;
}

/** The answer rows in the model's tables of these stories (no rows made up for missing answers). */
export async function packAnswers(model: Model, storyIds: readonly string[]): Promise<PackedAnswers> {
  const at = new Map(storyIds.map((id, i) => [id, i]));
  const triadRows = await model.rows<{story_id: string; signifier_id: string; status: string; top: number | null; left: number | null; right: number | null}>(
    `SELECT story_id, signifier_id, status, CAST("top" AS DOUBLE) AS "top", CAST("left" AS DOUBLE) AS "left", CAST("right" AS DOUBLE) AS "right"
     FROM triad_answers ORDER BY signifier_id, story_id`);
  const dyadRows = await model.rows<{story_id: string; signifier_id: string; status: string; position: number | null}>(
    "SELECT story_id, signifier_id, status, CAST(position AS DOUBLE) AS position FROM dyad_answers ORDER BY signifier_id, story_id");
  const out: PackedAnswers = {story_id: [...storyIds], triads: {}, dyads: {}};
  for (const r of triadRows) {
    const i = at.get(r.story_id);
    if (i === undefined) continue;
    const t = (out.triads[r.signifier_id] ??= {story: [], status: [], top: [], left: [], right: []});
    t.story.push(i);
    t.status.push(statusCode(r.status, "triad_answers", r.story_id, r.signifier_id));
    t.top.push(r.top);
    t.left.push(r.left);
    t.right.push(r.right);
  }
  for (const r of dyadRows) {
    const i = at.get(r.story_id);
    if (i === undefined) continue;
    const d = (out.dyads[r.signifier_id] ??= {story: [], status: [], position: []});
    d.story.push(i);
    d.status.push(statusCode(r.status, "dyad_answers", r.story_id, r.signifier_id));
    d.position.push(r.position);
  }
  return out;
}

/** Every answer row of one triad (answered, N/A and skipped) among the packed stories. */
export function triadAnswers(packed: PackedAnswers, signifierId: string): TriadAnswer[] {
  const t = packed.triads[signifierId];
  if (!t) return [];
  return t.story.map((s, i) => ({story_id: packed.story_id[s], status: STATUSES[t.status[i]], top: t.top[i], left: t.left[i], right: t.right[i]}));
}

export function dyadAnswers(packed: PackedAnswers, signifierId: string): DyadAnswer[] {
  const d = packed.dyads[signifierId];
  if (!d) return [];
  return d.story.map((s, i) => ({story_id: packed.story_id[s], status: STATUSES[d.status[i]], position: d.position[i]}));
}

/**
 * Texts of the stories whose case number (case_ref) names a case in the register: every story the
 * money pages can show. A story without a text row keeps its date and role; a story has at most one
 * text row in the model (if a source gave more, the first by title and text is kept).
 */
export async function packLinkedTexts(model: Model): Promise<PackedTexts> {
  const rows = await model.rows<StoryText>(`
    WITH texts AS (
      SELECT story_id, title, text FROM story_texts
      QUALIFY row_number() OVER (PARTITION BY story_id ORDER BY title NULLS LAST, text NULLS LAST) = 1
    )
    SELECT s.story_id, t.title, t.text, strftime(s.collected_on, '%Y-%m-%d') AS collected_on, s.teller_role
    FROM stories s LEFT JOIN texts t USING (story_id)
    WHERE s.case_ref IN (SELECT case_id FROM cases WHERE case_id IS NOT NULL)
    ORDER BY s.story_id`);
  return {
    story_id: rows.map((r) => r.story_id), title: rows.map((r) => r.title), text: rows.map((r) => r.text),
    collected_on: rows.map((r) => r.collected_on), teller_role: rows.map((r) => r.teller_role)
  };
}

/** Looks packed texts up by story id. */
export class StoryTexts {
  private readonly byId = new Map<string, StoryText>();

  constructor(packed: PackedTexts) {
    packed.story_id.forEach((id, i) => this.byId.set(id, {
      story_id: id, title: packed.title[i], text: packed.text[i], collected_on: packed.collected_on[i], teller_role: packed.teller_role[i]
    }));
  }

  /** The stories with these ids, oldest first (stories without a date last, then by id). */
  texts(ids: Iterable<string>): StoryText[] {
    const out: StoryText[] = [];
    for (const id of new Set(ids)) {
      const s = this.byId.get(id);
      if (s) out.push(s);
    }
    // yyyy-mm-dd sorts as text; no date sorts last.
    const day = (s: StoryText) => s.collected_on ?? "\uffff";
    return out.sort((a, b) => (day(a) < day(b) ? -1 : day(a) > day(b) ? 1 : a.story_id < b.story_id ? -1 : a.story_id > b.story_id ? 1 : 0));
  }
}
