/**
 * The triad page's default view before the engine has started. DuckDB-WASM takes seconds to
 * start (it compiles ~35 MB of wasm); the decoded tables are there long before. For the view a
 * page opens with (no filter, dots coloured by the teller's role) the rows need no SQL: they are
 * read here from the same Arrow tables, in the shape StoryEngine.triadRows gives, so the same
 * chart code draws them. Any other view waits for the engine.
 */
import {tableFromIPC, type Table} from "apache-arrow";
import {plainRows} from "./arrow.js";
import type {TriadRow} from "./chart-text.js";
import type {DecodedTables} from "./story-engine.js";
import {measure} from "./timing.js";
import {stripHtml} from "../lib/formats/stories/html.js";

export interface PreviewTriad {
  readonly signifier_id: string;
  readonly title: string;
  /** Anchor labels in order (top, left, right). */
  readonly labels: readonly string[];
}

export interface StoryPreview {
  readonly triads: readonly PreviewTriad[];
  /** Roles present, as StoryMeta.roles lists them (sorted; the page orders them). */
  readonly roles: readonly string[];
  /**
   * Every story's answer to a triad, ordered by story id: status ('skipped' without an answer
   * row), parts, role, and the role again under `as` (the colour column).
   */
  triadRows(signifierId: string, as: string): TriadRow[];
}

type Row = Record<string, unknown>;

export async function storyPreview(decoded: DecodedTables): Promise<StoryPreview> {
  const started = performance.now();
  // Column arrays straight from Arrow (no object per row: 30,000 answers on 10,000 stories).
  const read = async (name: keyof DecodedTables) => tableFromIPC(await decoded[name]);
  const [stories, signifiers, options, answers] = await Promise.all([
    read("stories"), read("signifiers"), read("signifier_options"), read("triad_answers")
  ]);
  const small = (t: Table) => plainRows<Row>(t);
  const byPosition = (a: Row, b: Row) => Number(a.position) - Number(b.position) || String(a.signifier_id ?? a.option_id).localeCompare(String(b.signifier_id ?? b.option_id));
  const optionRows = small(options);
  const triads = small(signifiers).filter((s) => s.type === "triad").sort(byPosition).map((s) => ({
    signifier_id: String(s.signifier_id),
    title: stripHtml(String(s.title ?? s.signifier_id)),
    labels: optionRows.filter((o) => o.signifier_id === s.signifier_id).sort(byPosition).map((o) => stripHtml(String(o.label ?? o.option_id)))
  }));
  const ids = column<string>(stories, "story_id");
  const tellers = column<string | null>(stories, "teller_role");
  const order = ids.map((_, i) => i).sort((a, b) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0));
  const roles = [...new Set(tellers.filter((r): r is string => typeof r === "string"))].sort();
  const [aSignifier, aStory, aStatus, aTop, aLeft, aRight] = ["signifier_id", "story_id", "status", "top", "left", "right"].map((c) => column<unknown>(answers, c));
  measure("wk:preview", started);
  return {
    triads,
    roles,
    triadRows(signifierId, as) {
      const mine = new Map<string, number>();
      for (let i = 0; i < aSignifier.length; i++) if (aSignifier[i] === signifierId) mine.set(String(aStory[i]), i);
      const part = (values: unknown[], i: number | undefined) => (i === undefined || values[i] == null ? null : Number(values[i]));
      return order.map((k) => {
        const i = mine.get(ids[k]);
        const role = tellers[k] ?? null;
        return {story_id: ids[k], teller_role: role, [as]: role, status: i === undefined ? "skipped" : String(aStatus[i]), top: part(aTop, i), left: part(aLeft, i), right: part(aRight, i)};
      });
    }
  };
}

/** A column as a plain array (strings and numbers; nulls kept). */
function column<T>(table: Table, name: string): T[] {
  const vector = table.getChild(name);
  if (!vector) return new Array(table.numRows).fill(null);
  return Array.from(vector, (v) => v as T);
}
