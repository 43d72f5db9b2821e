// The story rows of /geld/warm-koud and /geld/eigen-trajecten (lib/site/story-answers.ts): packed by
// the loaders from the model, unpacked in the page. Expected rows are written out by hand from the
// tables below.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {writeModelTables} from "./fixtures/model-small/build.js";
import {openModel, type Model} from "../lib/model/queries/model.js";
import {StoryTexts, TEXT_SHARDS, dyadAnswers, packAnswers, packLinkedTexts, shardTexts, triadAnswers, type PackedTexts} from "../lib/site/story-answers.js";

const root = mkdtempSync(join(tmpdir(), "warmkoud-story-answers-"));
let model: Model;

beforeAll(async () => {
  await writeModelTables(root, [
    {name: "stories", columns: ["story_id", "collected_on", "teller_role", "case_ref"], rows: [
      ["s1", "2024-03-01", "inwoner", "C1"], ["s2", "2024-01-15", "medewerker", "C2"], ["s3", null, "inwoner", "C1"],
      ["s4", "2024-02-01", "inwoner", null], ["s5", "2024-02-01", "inwoner", "C9"]
    ]},
    {name: "cases", columns: ["case_id"], rows: [["C1"], ["C2"]]},
    {name: "story_texts", columns: ["story_id", "title", "text"], rows: [["s1", "Eerste", "tekst 1"], ["s2", null, "tekst 2"], ["s4", "Vierde", "tekst 4"]]},
    {name: "triad_answers", columns: ["signifier_id", "story_id", "status", "top", "left", "right"], rows: [
      ["t1", "s3", "answered", 0.2, 0.2, 0.6], ["t1", "s1", "answered", 0.5, 0.3, 0.2], ["t1", "s2", "na", null, null, null], ["t1", "s4", "answered", 0.1, 0.1, 0.8]
    ]},
    {name: "dyad_answers", columns: ["signifier_id", "story_id", "status", "position"], rows: [
      ["d1", "s1", "answered", 0.25], ["d1", "s2", "skipped", null], ["d2", "s3", "answered", 1], ["d1", "s4", "answered", 0.5]
    ]}
  ]);
  model = await openModel(root);
});
afterAll(() => {
  model?.close();
  rmSync(root, {recursive: true, force: true});
});

describe("packed answers", () => {
  it("keeps only the chosen stories' answer rows, per question in story id order, without made-up rows", async () => {
    // s4 is not chosen; s3 before s1 in the chosen list, so it is story 0.
    const packed = await packAnswers(model, ["s3", "s1", "s2"]);
    expect(packed.story_id).toEqual(["s3", "s1", "s2"]);
    expect(triadAnswers(packed, "t1")).toEqual([
      {story_id: "s1", status: "answered", top: 0.5, left: 0.3, right: 0.2},
      {story_id: "s2", status: "na", top: null, left: null, right: null},
      {story_id: "s3", status: "answered", top: 0.2, left: 0.2, right: 0.6}
    ]);
    expect(dyadAnswers(packed, "d1")).toEqual([{story_id: "s1", status: "answered", position: 0.25}, {story_id: "s2", status: "skipped", position: null}]);
    expect(dyadAnswers(packed, "d2")).toEqual([{story_id: "s3", status: "answered", position: 1}]);
    expect(triadAnswers(packed, "t9")).toEqual([]);
    // Story ids appear once: answers point at them by position.
    expect(packed.triads.t1.story).toEqual([1, 2, 0]);
  });

  it("survives JSON, the way the page receives it", async () => {
    const packed = JSON.parse(JSON.stringify(await packAnswers(model, ["s1", "s2", "s3", "s4"])));
    expect(triadAnswers(packed, "t1").map((r) => [r.story_id, r.top])).toEqual([["s1", 0.5], ["s2", null], ["s3", 0.2], ["s4", 0.1]]);
  });
});

describe("story texts of stories linked to a case", () => {
  it("holds the stories whose case number names a known case, with their date and role also without a text row", async () => {
    const texts = await packLinkedTexts(model);
    // s4 has no case number, s5 names a case not in the register.
    expect(texts).toEqual({
      story_id: ["s1", "s2", "s3"], title: ["Eerste", null, null], text: ["tekst 1", "tekst 2", null],
      collected_on: ["2024-03-01", "2024-01-15", null], teller_role: ["inwoner", "medewerker", "inwoner"]
    });
  });

  it("splits them into an index in reading order and shards of consecutive stories", async () => {
    const {index, shards} = shardTexts(await packLinkedTexts(model));
    // Reading order: s2 (2024-01-15), s1 (2024-03-01), s3 (no date, last). 3 stories over 16 shards: 1 a shard.
    expect(index).toEqual({order: ["s2", "s1", "s3"], shard_size: 1});
    expect(shards).toHaveLength(16);
    expect(shards[0]).toEqual({title: [null], text: ["tekst 2"], collected_on: ["2024-01-15"], teller_role: ["medewerker"]});
    expect(shards[2]).toEqual({title: [null], text: [null], collected_on: [null], teller_role: ["inwoner"]});
    expect(shards[3]).toEqual({title: [], text: [], collected_on: [], teller_role: []});
  });

  it("looks stories up oldest first, without a date last, unknown ids left out, each once, fetching only the shards needed", async () => {
    const {index, shards} = JSON.parse(JSON.stringify(shardTexts(await packLinkedTexts(model))));
    const asked: number[] = [];
    const lookup = new StoryTexts(index, async (j) => (asked.push(j), shards[j]));
    expect(lookup.order(["s3", "s1", "onbekend", "s2", "s1"])).toEqual(["s2", "s1", "s3"]);
    expect(lookup.order([])).toEqual([]);
    expect(asked).toEqual([]);
    expect(await lookup.texts(["s1"])).toEqual([{story_id: "s1", title: "Eerste", text: "tekst 1", collected_on: "2024-03-01", teller_role: "inwoner"}]);
    expect(asked).toEqual([1]);
    // A page of the reader: its items get their texts, their own fields kept; shard 1 is not fetched again.
    const page = await lookup.fill([{story_id: "s1", values: {groep: "a"}}, {story_id: "onbekend", values: {}}, {story_id: "s3", values: {groep: "b"}}]);
    expect(page.map((s) => [s.story_id, s.text, s.values.groep])).toEqual([["s1", "tekst 1", "a"], ["s3", null, "b"]]);
    expect(asked).toEqual([1, 2]);
  });

  it("needs the first shards only for the first page of a long reader", async () => {
    // 40 stories dated 2024-01-01 + i days (ids given in reverse): 40 / 16 -> 3 a shard, so the 10
    // oldest stories lie in shards 0 (1-3), 1 (4-6), 2 (7-9) and 3 (10).
    const n = 40;
    const day = (i: number) => new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10);
    const ids = Array.from({length: n}, (_, i) => `v${String(n - 1 - i).padStart(2, "0")}`);
    const packed: PackedTexts = {
      story_id: ids, title: ids.map((id) => `titel ${id}`), text: ids.map((id) => `tekst ${id}`),
      collected_on: ids.map((id) => day(Number(id.slice(1)))), teller_role: ids.map(() => null)
    };
    const {index, shards} = shardTexts(packed);
    expect(index.shard_size).toBe(3);
    expect(shards.filter((s) => s.text.length > 0)).toHaveLength(14);
    expect(TEXT_SHARDS).toBe(16);
    const asked: number[] = [];
    const lookup = new StoryTexts(index, async (j) => (asked.push(j), shards[j]));
    const first = lookup.order(ids).slice(0, 10);
    expect(first).toEqual(["v00", "v01", "v02", "v03", "v04", "v05", "v06", "v07", "v08", "v09"]);
    expect((await lookup.texts(first)).map((t) => t.text)).toEqual(first.map((id) => `tekst ${id}`));
    expect(asked.sort((a, b) => a - b)).toEqual([0, 1, 2, 3]);
  });
});

describe("bad input", () => {
  it("names table, story, question and value of an unknown answer status", async () => {
    const dir = mkdtempSync(join(tmpdir(), "warmkoud-story-answers-bad-"));
    try {
      await writeModelTables(dir, [
        {name: "stories", columns: ["story_id"], rows: [["s1"]]},
        {name: "dyad_answers", columns: ["signifier_id", "story_id", "status", "position"], rows: [["d1", "s1", "maybe", 0.5]]}
      ]);
      const bad = await openModel(dir);
      try {
        await expect(packAnswers(bad, ["s1"])).rejects.toThrow(/dyad_answers: story s1, signifier d1: column status has unknown value "maybe"/);
      } finally {
        bad.close();
      }
    } finally {
      rmSync(dir, {recursive: true, force: true});
    }
  });
});
