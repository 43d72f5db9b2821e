/**
 * The triad page's default view before the engine has started. DuckDB-WASM takes seconds to
 * start (it compiles ~35 MB of wasm); a small Arrow file made for this view
 * (data/verhalen/triade-punten.arrow, lib/site/triad-points.ts) is there long before. For the
 * view a page opens with (no filter, dots coloured by the teller's role) the rows need no SQL:
 * they are read here in the shape StoryEngine.triadRows gives, so the same chart code draws them.
 * Any other view waits for the engine.
 */
import {tableFromIPC, type Table} from "apache-arrow";
import type {TriadRow} from "./chart-text.js";
import {measure} from "./timing.js";
import {stripHtml} from "../lib/formats/stories/html.js";
import {NO_ROLE, TRIAD_POINTS_METADATA, type TriadPointsMeta} from "../lib/site/triad-points-format.js";

export interface PreviewTriad {
  readonly signifier_id: string;
  readonly title: string;
  /** Anchor labels in order (top, left, right). */
  readonly labels: readonly string[];
}

export interface StoryPreview {
  readonly triads: readonly PreviewTriad[];
  /** Roles present, sorted (the page orders them). */
  readonly roles: readonly string[];
  /**
   * Every story's answer to a triad, ordered by story id: status ('skipped' without an answer
   * row), parts, role, and the role again under `as` (the colour column). The file has no story
   * ids: `story_id` is the story's place in that order.
   */
  triadRows(signifierId: string, as: string): TriadRow[];
}

export async function storyPreview(bytes: ArrayBuffer | Uint8Array | Promise<ArrayBuffer | Uint8Array>): Promise<StoryPreview> {
  const buffer = await bytes;
  const started = performance.now();
  const table = tableFromIPC(buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer));
  const meta = JSON.parse(table.schema.metadata.get(TRIAD_POINTS_METADATA) ?? "null") as TriadPointsMeta | null;
  if (!meta) throw new Error("triade-punten.arrow: de beschrijving van de driehoeken ontbreekt");
  const [triad, role, status, top, left, right] = ["triad", "role", "status", "top", "left", "right"].map((c) => columnOf(table, c));
  const triads = meta.triads.map((t) => ({signifier_id: t.signifier_id, title: stripHtml(t.title), labels: t.labels.map(stripHtml)}));
  measure("wk:preview", started);
  return {
    triads,
    roles: meta.roles,
    triadRows(signifierId, as) {
      const wanted = meta.triads.findIndex((t) => t.signifier_id === signifierId);
      const rows: TriadRow[] = [];
      for (let i = 0; i < table.numRows; i++) {
        if (triad[i] !== wanted) continue;
        const place = String(rows.length + 1);
        const r = role[i] === NO_ROLE ? null : meta.roles[role[i] as number];
        const part = (values: ArrayLike<unknown>) => (Number.isNaN(values[i]) ? null : (values[i] as number));
        rows.push({story_id: place, teller_role: r, [as]: r, status: meta.statuses[status[i] as number], top: part(top), left: part(left), right: part(right)});
      }
      return rows;
    }
  };
}

/** A column as an array (typed for numbers, plain for strings). */
function columnOf(table: Table, name: string): ArrayLike<unknown> {
  const vector = table.getChild(name);
  if (!vector) throw new Error(`triade-punten.arrow: kolom ${name} ontbreekt`);
  return vector.toArray() as ArrayLike<unknown>;
}
