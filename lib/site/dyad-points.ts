/**
 * Every story's answer to every dyad, packed for the dyad page's first view (drawn before the
 * browser's DuckDB has started, story-preview.ts): one row per story in story id order, its role,
 * the dot's vertical offset (the file has no story ids, and the chart places a dot by its id), and
 * per dyad the status and the position as a double (what the engine computes with). Rows match what
 * the engine's dyadRows gives without a filter; 'skipped' where no answer exists.
 */
import {Float32, Float64, Uint8, makeData, type Data, type Table} from "apache-arrow";
import {sqlString, type Model} from "../model/queries/model.js";
import {jitterOf} from "./jitter.js";
import {packTable, part, roleCoder, signifiersWithLabels, statusCode, tellerRoles} from "./triad-points.js";
import {DYAD_POINTS_METADATA, STATUSES, dyadPositionColumn, dyadStatusColumn, type DyadPointsMeta} from "./triad-points-format.js";

export async function dyadPoints(model: Model): Promise<Table> {
  const dyads = await signifiersWithLabels(model, "dyad");
  const roles = await tellerRoles(model);
  const stories = await model.rows<{story_id: string; role: string | null}>(`SELECT story_id, teller_role AS role FROM stories ORDER BY story_id`);
  const role = roleCoder(roles);
  const columns: Record<string, Data> = {
    role: makeData({type: new Uint8(), data: Uint8Array.from(stories, (s) => role(s.role))}),
    jitter: makeData({type: new Float32(), data: Float32Array.from(stories, (s) => jitterOf(s.story_id))})
  };
  for (const [k, d] of dyads.entries()) {
    const answers = await model.rows<{status: string; position: number | null}>(`
      SELECT coalesce(a.status, 'skipped') AS status, a.position::DOUBLE AS position
      FROM stories s LEFT JOIN dyad_answers a ON a.story_id = s.story_id AND a.signifier_id = ${sqlString(d.signifier_id)}
      ORDER BY s.story_id`);
    // Columns line up with the stories by place: a story answering twice would shift every later dot.
    if (answers.length !== stories.length) throw new Error(`dyad ${d.signifier_id}: ${answers.length - stories.length} stories have more than one answer`);
    columns[dyadStatusColumn(k)] = makeData({type: new Uint8(), data: Uint8Array.from(answers, (a) => statusCode(a.status))});
    columns[dyadPositionColumn(k)] = makeData({type: new Float64(), data: Float64Array.from(answers, (a) => part(a.position))});
  }
  const meta: DyadPointsMeta = {
    dyads: dyads.map((d) => ({signifier_id: d.signifier_id, title: d.title, poles: d.labels})),
    roles, statuses: STATUSES
  };
  return packTable(columns, stories.length, DYAD_POINTS_METADATA, meta);
}
