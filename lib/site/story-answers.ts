/**
 * The story rows of the money pages that set stories beside a case (/geld/warm-koud,
 * /geld/eigen-trajecten). Those pages draw only the stories linked to a case, so their loaders pack
 * just those stories' triad and dyad answers into the page's JSON: story ids once, per question
 * parallel arrays that point at them, statuses as codes. The page then downloads a fraction of the
 * story tables and needs no Parquet decoder. Texts travel in a file of their own
 * (src/data/geld2/verhaalteksten.zip), read a page at a time when the reader is opened.
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

/**
 * The texts split for the readers (loader src/data/geld2/verhaalteksten.zip.ts): at region scale
 * they are many megabytes, and a reader shows ten stories a page. The index lists the story ids in
 * reading order (oldest first, stories without a date last, then by id); shard j holds the texts
 * of the stories at positions j * shard_size up to the next shard, so the first pages of a reader
 * need the first shard only.
 */
export const TEXT_SHARDS = 16;

export interface TextIndex {
  order: string[];
  shard_size: number;
}

/** Title, text, date and role of consecutive stories of the index's order. */
export type TextShard = Omit<PackedTexts, "story_id">;

/** yyyy-mm-dd sorts as text; no date sorts last, then by id. */
function readingOrder(aDay: string | null, aId: string, bDay: string | null, bId: string): number {
  const a = aDay ?? "\uffff";
  const b = bDay ?? "\uffff";
  return a < b ? -1 : a > b ? 1 : aId < bId ? -1 : aId > bId ? 1 : 0;
}

/** Splits packed texts into the index and TEXT_SHARDS shards (empty ones too: the page names every file). */
export function shardTexts(packed: PackedTexts): {index: TextIndex; shards: TextShard[]} {
  const at = packed.story_id.map((_, i) => i)
    .sort((i, j) => readingOrder(packed.collected_on[i], packed.story_id[i], packed.collected_on[j], packed.story_id[j]));
  const size = Math.max(1, Math.ceil(at.length / TEXT_SHARDS));
  const shards = Array.from({length: TEXT_SHARDS}, (_, j) => {
    const part = at.slice(j * size, (j + 1) * size);
    return {title: part.map((i) => packed.title[i]), text: part.map((i) => packed.text[i]), collected_on: part.map((i) => packed.collected_on[i]), teller_role: part.map((i) => packed.teller_role[i])};
  });
  return {index: {order: at.map((i) => packed.story_id[i]), shard_size: size}, shards};
}

/** Looks texts up by story id, fetching each shard the first time one of its stories is needed. */
export class StoryTexts {
  private readonly rank = new Map<string, number>();
  private readonly fetched = new Map<number, Promise<TextShard>>();

  constructor(private readonly index: TextIndex, private readonly fetchShard: (shard: number) => Promise<TextShard>) {
    index.order.forEach((id, i) => this.rank.set(id, i));
  }

  /** The known ones of these ids, each once, in reading order. */
  order(ids: Iterable<string>): string[] {
    return [...new Set(ids)].filter((id) => this.rank.has(id)).sort((a, b) => this.rank.get(a)! - this.rank.get(b)!);
  }

  /** The texts of these stories (known ids, in the order given). */
  async texts(ids: readonly string[]): Promise<StoryText[]> {
    const known = ids.filter((id) => this.rank.has(id));
    const size = this.index.shard_size;
    const shardOf = (id: string) => Math.floor(this.rank.get(id)! / size);
    for (const s of new Set(known.map(shardOf))) if (!this.fetched.has(s)) this.fetched.set(s, this.fetchShard(s));
    return Promise.all(known.map(async (id) => {
      const at = this.rank.get(id)! - shardOf(id) * size;
      const shard = await this.fetched.get(shardOf(id))!;
      return {story_id: id, title: shard.title[at], text: shard.text[at], collected_on: shard.collected_on[at], teller_role: shard.teller_role[at]};
    }));
  }

  /** Items (e.g. a reader's page) with their story's text added; items of unknown stories left out. */
  async fill<T extends {story_id: string}>(items: readonly T[]): Promise<(T & StoryText)[]> {
    const known = items.filter((item) => this.rank.has(item.story_id));
    const texts = await this.texts(known.map((item) => item.story_id));
    return known.map((item, i) => ({...item, ...texts[i]}));
  }
}
