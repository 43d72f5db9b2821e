/**
 * The story engine picks a filtered view's rows from every story's rows by place (story_index),
 * not by a query per filter. These tests hold that path against the plain SQL of a filtered query
 * (answerSql with the filter), on Node's DuckDB behind the engine's interface.
 */
import {describe, expect, it, vi} from "vitest";
import {DuckDBInstance} from "@duckdb/node-api";

// The browser engine (DuckDB-WASM) is replaced by Node's DuckDB below.
vi.mock("../src/components/engine.js", () => ({Engine: class {}}));
const {StoryEngine, NO_FILTER} = await import("../src/components/story-engine.js");

async function nodeEngine() {
  const conn = await (await DuckDBInstance.create(":memory:")).connect();
  const plain = (v: unknown) => (typeof v === "bigint" ? Number(v) : v);
  const query = async (sql: string) => (await conn.runAndReadAll(sql)).getRowObjectsJS()
    .map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, plain(v)])));
  return {query, column: async (sql: string) => (await query(sql)).map((r) => Object.values(r)[0] as number)};
}

/** Stories with mixed-case and accented ids (sort order matters), a triad, and a choice question "L". */
function tables(ids: string[], {multiSelect = false} = {}) {
  const roles = ["inwoner", "medewerker", null];
  const choices = ids.filter((_, i) => i % 2).map((story_id, i) => ({story_id, signifier_id: "L", status: "answered", option_id: i % 3 ? "a" : "b"}));
  if (multiSelect) choices.push({story_id: ids[1], signifier_id: "L", status: "answered", option_id: "a"}, {story_id: ids[1], signifier_id: "L", status: "answered", option_id: "b"});
  return {
    stories: ids.map((story_id, i) => ({story_id, teller_role: roles[i % 3], collected_on: `2024-01-${String(1 + (i % 28)).padStart(2, "0")}`})),
    story_texts: ids.map((story_id, i) => ({story_id, title: `t${i}`, text: i % 2 ? "zorg" : "geld"})),
    signifiers: [{signifier_id: "T", type: "triad", title: "T", position: 1}, {signifier_id: "L", type: "list", title: "L", position: 2}],
    signifier_options: [{signifier_id: "L", option_id: "a", label: "A", position: 1}, {signifier_id: "L", option_id: "b", label: "B", position: 2}],
    triad_answers: ids.filter((_, i) => i % 4 !== 1).map((story_id, i) => ({story_id, signifier_id: "T", status: "answered", top: i + 1, left: 2, right: 3})),
    dyad_answers: [],
    choice_answers: choices
  };
}

const IDS = ["b", "A", "a", "10", "9", "ä", "Z", "a-1", "a_1", "A1", "é", "e"];
const FILTERS = [NO_FILTER, {...NO_FILTER, roles: ["inwoner"]}, {...NO_FILTER, search: "zorg"}, {...NO_FILTER, question: "L", options: ["a"]}];

async function compare(multiSelect: boolean) {
  const engine = await nodeEngine();
  const se = await StoryEngine.fromTables(tables(IDS, {multiSelect}) as never, engine as never);
  const sqlOf = (groupBy: string | null) => (se as unknown as {answerSql: (...a: unknown[]) => string}).answerSql("triad", "T", groupBy, "group", true);
  for (const filter of FILTERS) {
    await se.applyFilter(filter);
    for (const groupBy of [null, "teller_role", "L"]) {
      const picked = await se.triadRows("T", {groupBy});
      const queried = await engine.query(sqlOf(groupBy));
      // Same rows in the same order (ORDER BY story_id), whichever filter and grouping.
      expect(picked, `${JSON.stringify(filter)} by ${groupBy}`).toEqual(queried);
      // The background (no filter) holds every story's row.
      expect((await se.backgroundRows("triad", "T", {groupBy})).length).toBeGreaterThanOrEqual(IDS.length);
    }
  }
  // Filters that pass some stories and not others were among them (the check can fail).
  await se.applyFilter({...NO_FILTER, roles: ["inwoner"]});
  const some = await se.triadRows("T", {groupBy: null});
  expect(some.length).toBeGreaterThan(0);
  expect(some.length).toBeLessThan(IDS.length);
}

describe("StoryEngine rows of a filtered view", () => {
  it("picked by place equal the filtered query, for ids whose order depends on collation", () => compare(false));
  it("equal the filtered query when a grouping question gives a story two rows (multi-select)", () => compare(true));
});
