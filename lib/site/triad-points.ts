/**
 * Every story's answer to every triad, packed for the triad page's first view (drawn before the
 * browser's DuckDB has started, story-preview.ts): small integer codes and the three parts as
 * doubles (what the engine computes with, so the first view's figures are its own), no story ids
 * (the first view is only drawn; selecting stories waits for the engine). Rows are what the engine's triadRows gives without a filter: one
 * per story and triad, ordered by triad position and story id, 'skipped' where no answer exists.
 * The lists the codes point into travel as JSON in the schema's metadata.
 */
import {Field, Float64, RecordBatch, Schema, Struct, Table, Uint8, makeData, type Data} from "apache-arrow";
import type {Model} from "../model/queries/model.js";
import {NO_ROLE, STATUSES, TRIAD_POINTS_METADATA, type TriadPointsMeta} from "./triad-points-format.js";

interface PointRow {
  triad: number;
  role: string | null;
  status: string;
  top: number | null;
  left: number | null;
  right: number | null;
}

export async function triadPoints(model: Model): Promise<Table> {
  const triads = await signifiersWithLabels(model, "triad");
  const roles = await tellerRoles(model);
  const rows = await model.rows<PointRow>(`
    WITH t AS (SELECT signifier_id, (row_number() OVER (ORDER BY position, signifier_id) - 1)::INTEGER AS triad
               FROM signifiers WHERE type = 'triad')
    SELECT t.triad, s.teller_role AS role, coalesce(a.status, 'skipped') AS status,
      a.top::DOUBLE AS top, a."left"::DOUBLE AS "left", a."right"::DOUBLE AS "right"
    FROM stories s CROSS JOIN t
    LEFT JOIN triad_answers a ON a.story_id = s.story_id AND a.signifier_id = t.signifier_id
    ORDER BY t.triad, s.story_id`);
  const role = roleCoder(roles);
  const columns: Record<string, Data> = {
    triad: makeData({type: new Uint8(), data: Uint8Array.from(rows, (r) => r.triad)}),
    role: makeData({type: new Uint8(), data: Uint8Array.from(rows, (r) => role(r.role))}),
    status: makeData({type: new Uint8(), data: Uint8Array.from(rows, (r) => statusCode(r.status))}),
    top: makeData({type: new Float64(), data: Float64Array.from(rows, (r) => part(r.top))}),
    left: makeData({type: new Float64(), data: Float64Array.from(rows, (r) => part(r.left))}),
    right: makeData({type: new Float64(), data: Float64Array.from(rows, (r) => part(r.right))})
  };
  const meta: TriadPointsMeta = {
    triads: triads.map((t) => ({signifier_id: t.signifier_id, title: t.title, labels: t.labels})),
    roles, statuses: STATUSES
  };
  return packTable(columns, rows.length, TRIAD_POINTS_METADATA, meta);
}

/** Signifiers of one type in question order, with their option labels in order (anchors, poles). */
export async function signifiersWithLabels(model: Model, type: "triad" | "dyad"): Promise<{signifier_id: string; title: string; labels: string[]}[]> {
  const rows = await model.rows<{signifier_id: string; title: string | null; labels: string[] | null}>(`
    SELECT s.signifier_id, s.title,
      list(coalesce(o.label, o.option_id) ORDER BY o.position, o.option_id) FILTER (WHERE o.option_id IS NOT NULL) AS labels
    FROM signifiers s LEFT JOIN signifier_options o USING (signifier_id)
    WHERE s.type = '${type}' GROUP BY ALL ORDER BY min(s.position), s.signifier_id`);
  return rows.map((r) => ({signifier_id: r.signifier_id, title: r.title ?? r.signifier_id, labels: r.labels ?? []}));
}

/** The teller roles present, sorted (the files' role codes index this list). */
export async function tellerRoles(model: Model): Promise<string[]> {
  const roles = (await model.rows<{r: string}>(`SELECT DISTINCT teller_role AS r FROM stories WHERE teller_role IS NOT NULL ORDER BY 1`)).map((r) => r.r);
  if (roles.length >= NO_ROLE) throw new Error(`too many teller roles for the first view (${roles.length})`);
  return roles;
}

export function roleCoder(roles: readonly string[]): (role: string | null) => number {
  const code = new Map(roles.map((r, i) => [r, i]));
  return (role) => (role === null ? NO_ROLE : code.get(role)!);
}

const STATUS_CODE = new Map<string, number>(STATUSES.map((s, i) => [s, i]));

export function statusCode(status: string): number {
  const c = STATUS_CODE.get(status);
  if (c === undefined) throw new Error(`answer status not known to the first view: ${status}`);
  return c;
}

/** A missing part or position travels as NaN (the columns are plain doubles). */
export const part = (v: number | null): number => (v === null ? NaN : v);

/** One record batch of non-null columns, with `meta` as JSON under `key` in the schema metadata. */
export function packTable(columns: Record<string, Data>, length: number, key: string, meta: unknown): Table {
  const fields = Object.entries(columns).map(([name, data]) => new Field(name, data.type, false));
  const schema = new Schema(fields, new Map([[key, JSON.stringify(meta)]]));
  const struct = makeData({type: new Struct(fields), length, children: Object.values(columns)});
  return new Table(schema, [new RecordBatch(schema, struct)]);
}
