/**
 * Reads the story tables of a model folder (what `warmkoud import --out DIR` writes) into the plain
 * arrays that the browser-safe story methods take (lib/methods/triad-summary.ts, patterns.ts).
 * Node only (DuckDB via lib/model/queries/model.ts); a page builds the same arrays in DuckDB-WASM.
 *
 * Every story gets a row for every triad and dyad: a story without an answer row for one counts as
 * skipped there, so that n + n_na + n_skipped is the number of stories.
 */
import {openModel, type Model} from "./queries/model.js";
import type {StoryData} from "../methods/patterns.js";

export interface StoryModel extends StoryData {
  readonly stories: readonly {story_id: string; teller_role: string | null}[];
}

const answersPerStory = (table: string, type: string, columns: string) => `
  SELECT s.story_id, q.signifier_id, coalesce(a.status, 'skipped') AS status, ${columns}
  FROM stories s
  CROSS JOIN (SELECT signifier_id FROM signifiers WHERE type = '${type}') q
  LEFT JOIN ${table} a ON a.story_id = s.story_id AND a.signifier_id = q.signifier_id
  ORDER BY q.signifier_id, s.story_id`;

/** Reads the story tables of an open model. */
export async function storyTables(model: Model): Promise<StoryModel> {
  // One connection runs one query at a time: read the tables in turn.
  const stories = await model.rows<StoryModel["stories"][number]>("SELECT story_id, teller_role FROM stories ORDER BY story_id");
  const signifiers = await model.rows<StoryData["signifiers"][number]>(
    `SELECT signifier_id, type, title, short_name, coalesce(multi_select, false) AS multi_select, CAST(position AS INTEGER) AS position
     FROM signifiers ORDER BY position, signifier_id`
  );
  const options = await model.rows<StoryData["options"][number]>(
    "SELECT signifier_id, option_id, CAST(position AS INTEGER) AS position, label FROM signifier_options ORDER BY signifier_id, position"
  );
  const triads = await model.rows<StoryData["triads"][number]>(answersPerStory("triad_answers", "triad", "a.top, a.left, a.right"));
  const dyads = await model.rows<StoryData["dyads"][number]>(answersPerStory("dyad_answers", "dyad", "a.position"));
  const choices = await model.rows<StoryData["choices"][number]>(
    `SELECT c.story_id, c.signifier_id, c.status, c.option_id FROM choice_answers c
     SEMI JOIN stories s ON s.story_id = c.story_id ORDER BY c.signifier_id, c.story_id, c.option_id`
  );
  return {stories, signifiers, options, triads, dyads, choices};
}

/** Opens a model folder, reads its story tables and closes it again. */
export async function readStoryModel(dir: string): Promise<StoryModel> {
  const model = await openModel(dir);
  try {
    return await storyTables(model);
  } finally {
    model.close();
  }
}
