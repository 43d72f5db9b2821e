/**
 * The analyst workspace's row-level tables, one loader for all: `data/model/<table>.parquet`.
 * Only the tables and columns listed here leave the model: no client keys (pseudonyms stay in the
 * model unless a page needs a join, which it does on case_ref/case_id), no lineage columns.
 */
import {parseArgs} from "node:util";
import {emitParquet} from "../../../lib/site/emit.js";

const columns: Record<string, string> = {
  stories: "story_id, collected_on, teller_role, language, case_ref",
  story_texts: "story_id, title, text",
  signifiers: "signifier_id, type, title, short_name, allow_na, required, multi_select, position",
  signifier_options: "signifier_id, option_id, position, label",
  triad_answers: "story_id, signifier_id, status, top, \"left\", \"right\"",
  dyad_answers: "story_id, signifier_id, status, position",
  choice_answers: "story_id, signifier_id, status, option_id",
  cases: "case_id, domain, first_contact, help_start, help_end, help_given, need_after"
};

const {values} = parseArgs({options: {table: {type: "string"}}});
const table = values.table ?? "";
if (!(table in columns)) throw new Error(`data/model/${table}.parquet: not a published table (${Object.keys(columns).join(", ")})`);
await emitParquet(`SELECT ${columns[table]} FROM ${table} ORDER BY ALL`);
