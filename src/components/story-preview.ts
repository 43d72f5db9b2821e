/**
 * The story pages' default view before the engine has started. DuckDB-WASM takes seconds to
 * start (it compiles ~35 MB of wasm); a small Arrow file made for this view
 * (data/verhalen/triade-punten.arrow, lib/site/triad-points.ts; dyade-punten.arrow,
 * lib/site/dyad-points.ts) is there long before. For the
 * view a page opens with (no filter, dots coloured by the teller's role) the rows need no SQL:
 * they are read here in the shape StoryEngine.triadRows gives, so the same chart code draws them.
 * Any other view waits for the engine.
 */
import {tableFromIPC, type Table} from "apache-arrow";
import type {DyadRow, TriadRow} from "./chart-text.js";
import {measure} from "./timing.js";
import {stripHtml} from "../lib/formats/stories/html.js";
import {
  DYAD_POINTS_METADATA, NO_ROLE, TRIAD_POINTS_METADATA, dyadPositionColumn, dyadStatusColumn,
  type DyadPointsMeta, type TriadPointsMeta
} from "../lib/site/triad-points-format.js";

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

export async function storyPreview(bytes: PointBytes): Promise<StoryPreview> {
  const started = performance.now();
  const {table, meta} = await readPoints<TriadPointsMeta>(bytes, TRIAD_POINTS_METADATA, "triade-punten.arrow");
  const [triad, role, status, top, left, right] = ["triad", "role", "status", "top", "left", "right"].map((c) => columnOf(table, c));
  const triads = meta.triads.map((t) => ({signifier_id: t.signifier_id, title: stripHtml(t.title), labels: t.labels.map(stripHtml)}));
  measure("wk:preview", started);
  const roleOf = (i: number) => (role[i] === NO_ROLE ? null : meta.roles[role[i] as number]);
  return {
    triads,
    roles: meta.roles,
    triadRows(signifierId, as) {
      const wanted = meta.triads.findIndex((t) => t.signifier_id === signifierId);
      const rows: TriadRow[] = [];
      for (let i = 0; i < table.numRows; i++) {
        if (triad[i] !== wanted) continue;
        const place = String(rows.length + 1);
        const r = roleOf(i);
        rows.push({story_id: place, teller_role: r, [as]: r, status: meta.statuses[status[i] as number], top: part(top, i), left: part(left, i), right: part(right, i)});
      }
      return rows;
    }
  };
}

export interface PreviewDyad {
  readonly signifier_id: string;
  readonly title: string;
  /** Pole labels, left and right. */
  readonly poles: readonly [string, string];
}

export interface DyadPreview {
  readonly dyads: readonly PreviewDyad[];
  readonly roles: readonly string[];
  /**
   * Every story's answer to a dyad in story id order, in the shape StoryEngine.dyadRows gives:
   * status, position, role (also under `as`), and the dot's `jitter` from the file. `story_id` is
   * the story's place in that order (the file has no ids).
   */
  dyadRows(signifierId: string, as: string): DyadRow[];
}

export async function dyadPreview(bytes: PointBytes): Promise<DyadPreview> {
  const started = performance.now();
  const {table, meta} = await readPoints<DyadPointsMeta>(bytes, DYAD_POINTS_METADATA, "dyade-punten.arrow");
  const [role, jitter] = ["role", "jitter"].map((c) => columnOf(table, c));
  const dyads = meta.dyads.map((d) => ({
    signifier_id: d.signifier_id, title: stripHtml(d.title),
    poles: [stripHtml(d.poles[0] ?? "links"), stripHtml(d.poles[1] ?? "rechts")] as const
  }));
  measure("wk:preview", started);
  return {
    dyads,
    roles: meta.roles,
    dyadRows(signifierId, as) {
      const k = meta.dyads.findIndex((d) => d.signifier_id === signifierId);
      if (k < 0) return [];
      const status = columnOf(table, dyadStatusColumn(k));
      const position = columnOf(table, dyadPositionColumn(k));
      return Array.from({length: table.numRows}, (_, i) => {
        const r = role[i] === NO_ROLE ? null : meta.roles[role[i] as number];
        return {story_id: String(i + 1), teller_role: r, [as]: r, status: meta.statuses[status[i] as number], position: part(position, i), jitter: jitter[i] as number};
      });
    }
  };
}

type PointBytes = ArrayBuffer | Uint8Array | Promise<ArrayBuffer | Uint8Array>;

async function readPoints<M>(bytes: PointBytes, key: string, file: string): Promise<{table: Table; meta: M}> {
  const buffer = await bytes;
  const table = tableFromIPC(buffer instanceof Uint8Array ? buffer : new Uint8Array(buffer));
  const meta = JSON.parse(table.schema.metadata.get(key) ?? "null") as M | null;
  if (!meta) throw new Error(`${file}: de beschrijving van de vragen ontbreekt`);
  return {table, meta};
}

/** A part or position: NaN in the file is a missing value. */
const part = (values: ArrayLike<unknown>, i: number): number | null => (Number.isNaN(values[i]) ? null : (values[i] as number));

/** A column as an array (typed for numbers, plain for strings). */
function columnOf(table: Table, name: string): ArrayLike<unknown> {
  const vector = table.getChild(name);
  if (!vector) throw new Error(`kolom ${name} ontbreekt in het bestand voor de eerste weergave`);
  return vector.toArray() as ArrayLike<unknown>;
}
