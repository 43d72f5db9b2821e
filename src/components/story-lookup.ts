/**
 * The story rows a money page shows beside its euros (triad and dyad answers, texts), read from the
 * model's Parquet without DuckDB-WASM: these pages only look rows up by question and by story, and
 * the engine's start (seconds) would hold back their first chart.
 */
import {parquetRows} from "./money-parquet.js";

export interface TriadAnswer {story_id: string; status: string; top: number | null; left: number | null; right: number | null}
export interface DyadAnswer {story_id: string; status: string; position: number | null}
export interface StoryText {story_id: string; title: string | null; text: string | null; collected_on: Date | null; teller_role: string | null}

type Bytes = ArrayBuffer | Promise<ArrayBuffer>;
type Row = Record<string, unknown>;

export class StoryLookup {
  private constructor(
    private readonly triads: Map<string, TriadAnswer[]>,
    private readonly dyads: Map<string, DyadAnswer[]>,
    private readonly byStory: Map<string, StoryText>
  ) {}

  /** Pass `FileAttachment(...).arrayBuffer()` of triad_answers, dyad_answers, story_texts and stories. */
  static async load(files: {triads: Bytes; dyads: Bytes; texts: Bytes; stories: Bytes}): Promise<StoryLookup> {
    const [triads, dyads, texts, stories] = await Promise.all([
      parquetRows<Row>(files.triads), parquetRows<Row>(files.dyads), parquetRows<Row>(files.texts), parquetRows<Row>(files.stories)
    ]);
    const byStory = new Map<string, StoryText>();
    for (const s of stories) {
      const id = String(s.story_id);
      byStory.set(id, {story_id: id, title: null, text: null, collected_on: (s.collected_on as Date | null) ?? null, teller_role: (s.teller_role as string | null) ?? null});
    }
    // A story has at most one text row in the model; the first wins if a source gave more.
    for (const t of texts) {
      const s = byStory.get(String(t.story_id));
      if (s && s.title === null && s.text === null) Object.assign(s, {title: t.title ?? null, text: t.text ?? null});
    }
    return new StoryLookup(
      groupBy(triads, (r) => ({story_id: String(r.story_id), status: String(r.status), top: num(r.top), left: num(r.left), right: num(r.right)})),
      groupBy(dyads, (r) => ({story_id: String(r.story_id), status: String(r.status), position: num(r.position)})),
      byStory
    );
  }

  /** Every answer row of one triad (answered, N/A and skipped). */
  triad(signifierId: string): TriadAnswer[] {
    return this.triads.get(signifierId) ?? [];
  }

  dyad(signifierId: string): DyadAnswer[] {
    return this.dyads.get(signifierId) ?? [];
  }

  /** The stories with these ids, oldest first (stories without a date last). */
  texts(ids: Iterable<string>): StoryText[] {
    const out: StoryText[] = [];
    for (const id of new Set(ids)) {
      const s = this.byStory.get(id);
      if (s) out.push(s);
    }
    const time = (s: StoryText) => s.collected_on?.getTime() ?? Infinity;
    return out.sort((a, b) => time(a) - time(b) || (a.story_id < b.story_id ? -1 : a.story_id > b.story_id ? 1 : 0));
  }
}

const num = (x: unknown): number | null => (x === null || x === undefined ? null : Number(x));

function groupBy<T>(rows: Row[], pick: (r: Row) => T): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const key = String(r.signifier_id);
    const list = out.get(key) ?? [];
    list.push(pick(r));
    out.set(key, list);
  }
  return out;
}
