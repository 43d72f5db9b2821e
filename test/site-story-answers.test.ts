// The story rows of /geld/warm-koud and /geld/eigen-trajecten (lib/site/story-answers.ts): packed by
// the loaders from the model, unpacked in the page. Expected rows are written out by hand from the
// tables below.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {writeModelTables} from "./fixtures/model-small/build.js";
import {openModel, type Model} from "../lib/model/queries/model.js";
import {StoryTexts, dyadAnswers, packAnswers, packLinkedTexts, triadAnswers} from "../lib/site/story-answers.js";

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

  it("looks stories up oldest first, without a date last, unknown ids left out, each once", async () => {
    const lookup = new StoryTexts(await packLinkedTexts(model));
    expect(lookup.texts(["s3", "s1", "onbekend", "s2", "s1"]).map((s) => s.story_id)).toEqual(["s2", "s1", "s3"]);
    expect(lookup.texts([])).toEqual([]);
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
