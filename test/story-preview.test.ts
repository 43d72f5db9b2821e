// The story pages' first views: the loaders' packed files (lib/site/triad-points.ts,
// lib/site/dyad-points.ts) read back by src/components/story-preview.ts must give the rows
// StoryEngine.triadRows / dyadRows give for the opening view. Expected rows are written out by
// hand from the tables below.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {tableToIPC} from "apache-arrow";
import {writeModelTables} from "./fixtures/model-small/build.js";
import {openModel} from "../lib/model/queries/model.js";
import {triadPoints} from "../lib/site/triad-points.js";
import {dyadPoints} from "../lib/site/dyad-points.js";
import {jitterOf} from "../lib/site/jitter.js";
import {dyadPreview, storyPreview, type DyadPreview, type StoryPreview} from "../src/components/story-preview.js";

const root = mkdtempSync(join(tmpdir(), "warmkoud-preview-"));
let preview: StoryPreview;
let dyads: DyadPreview;
let bytes: Uint8Array;

beforeAll(async () => {
  await writeModelTables(root, [
    // Stored out of order: rows come ordered by story id, as the engine's ORDER BY b.story_id.
    {name: "stories", columns: ["story_id", "teller_role"], rows: [["s3", "medewerker"], ["s1", "inwoner"], ["s2", "inwoner"], ["s4", null]]},
    {name: "signifiers", columns: ["signifier_id", "type", "title", "position"], rows: [
      ["t2", "triad", "<b>Tweede</b>", 2], ["t1", "triad", "Eerste", 1], ["d2", "dyad", "<i>Lijn</i> twee", 4], ["d1", "dyad", "Dyade", 3]
    ]},
    {name: "signifier_options", columns: ["signifier_id", "option_id", "label", "position"], rows: [
      ["t1", "c", "rechts", 3], ["t1", "a", "boven", 1], ["t1", "b", "links", 2], ["t2", "x", "X", 1], ["t2", "y", "Y", 2], ["t2", "z", "Z", 3],
      ["d1", "r", "rechts", 2], ["d1", "l", "links", 1], ["d2", "p", "<b>P</b>", 1], ["d2", "q", "Q", 2]
    ]},
    {name: "dyad_answers", columns: ["signifier_id", "story_id", "status", "position"], rows: [
      ["d1", "s2", "answered", 0.4], ["d1", "s4", "answered", 0], ["d1", "s1", "na", null], ["d2", "s3", "answered", 1]
    ]},
    {name: "triad_answers", columns: ["signifier_id", "story_id", "status", "top", "left", "right"], rows: [
      ["t1", "s1", "answered", 0.5, 0.3, 0.2], ["t1", "s3", "answered", 0.2, 0.2, 0.6], ["t2", "s1", "answered", 0.1, 0.1, 0.8], ["t1", "s4", "na", null, null, null]
    ]}
  ]);
  const model = await openModel(root);
  try {
    bytes = tableToIPC(await triadPoints(model), "stream");
    dyads = await dyadPreview(tableToIPC(await dyadPoints(model), "stream"));
  } finally {
    model.close();
  }
  preview = await storyPreview(bytes);
});
afterAll(() => rmSync(root, {recursive: true, force: true}));

describe("triad page's first view", () => {
  it("lists the triads in question order with their anchors top, left, right and titles as text", () => {
    expect(preview.triads).toEqual([
      {signifier_id: "t1", title: "Eerste", labels: ["boven", "links", "rechts"]},
      {signifier_id: "t2", title: "Tweede", labels: ["X", "Y", "Z"]}
    ]);
    expect(preview.roles).toEqual(["inwoner", "medewerker"]);
  });

  it("gives every story one row in story id order: its answer, N/A kept, no answer row = skipped, role also under the colour column", () => {
    // No story ids in the file: story_id is the place in story id order (s1..s4 -> 1..4).
    expect(preview.triadRows("t1", "Verteller")).toEqual([
      {story_id: "1", teller_role: "inwoner", Verteller: "inwoner", status: "answered", top: 0.5, left: 0.3, right: 0.2},
      {story_id: "2", teller_role: "inwoner", Verteller: "inwoner", status: "skipped", top: null, left: null, right: null},
      {story_id: "3", teller_role: "medewerker", Verteller: "medewerker", status: "answered", top: 0.2, left: 0.2, right: 0.6},
      {story_id: "4", teller_role: null, Verteller: null, status: "na", top: null, left: null, right: null}
    ]);
    expect(preview.triadRows("t2", "kleur").map((r) => [r.story_id, r.status, r.right])).toEqual([
      ["1", "answered", 0.8], ["2", "skipped", null], ["3", "skipped", null], ["4", "skipped", null]
    ]);
    expect(preview.triadRows("onbekend", "kleur")).toEqual([]);
  });

  it("refuses a file without its description", async () => {
    const {tableFromArrays} = await import("apache-arrow");
    const bare = tableToIPC(tableFromArrays({triad: [0]}), "stream");
    await expect(storyPreview(bare)).rejects.toThrow(/beschrijving/);
  });
});

describe("dyad page's first view", () => {
  it("lists the dyads in question order with their poles left, right as text", () => {
    expect(dyads.dyads).toEqual([
      {signifier_id: "d1", title: "Dyade", poles: ["links", "rechts"]},
      {signifier_id: "d2", title: "Lijn twee", poles: ["P", "Q"]}
    ]);
    expect(dyads.roles).toEqual(["inwoner", "medewerker"]);
  });

  it("gives every story one row in story id order: position (0 kept), N/A kept, no answer = skipped, role under the colour column", () => {
    const rows = dyads.dyadRows("d1", "Verteller");
    expect(rows.map(({jitter: _, ...r}) => r)).toEqual([
      {story_id: "1", teller_role: "inwoner", Verteller: "inwoner", status: "na", position: null},
      {story_id: "2", teller_role: "inwoner", Verteller: "inwoner", status: "answered", position: 0.4},
      {story_id: "3", teller_role: "medewerker", Verteller: "medewerker", status: "skipped", position: null},
      {story_id: "4", teller_role: null, Verteller: null, status: "answered", position: 0}
    ]);
    expect(dyads.dyadRows("d2", "kleur").map((r) => [r.story_id, r.status, r.position])).toEqual([
      ["1", "skipped", null], ["2", "skipped", null], ["3", "answered", 1], ["4", "skipped", null]
    ]);
    expect(dyads.dyadRows("onbekend", "kleur")).toEqual([]);
  });

  it("carries each dot's offset from its real story id, so the dots do not move when the engine's chart replaces it", () => {
    const offsets = dyads.dyadRows("d1", "Verteller").map((r) => r.jitter);
    // Stored as float32: equal to the chart's own jitterOf(story id) to 1e-7.
    ["s1", "s2", "s3", "s4"].forEach((id, i) => expect(offsets[i]).toBeCloseTo(jitterOf(id), 6));
    expect(new Set(offsets).size).toBe(4);
  });

  it("refuses a file without its description", async () => {
    const {tableFromArrays} = await import("apache-arrow");
    await expect(dyadPreview(tableToIPC(tableFromArrays({role: [0]}), "stream"))).rejects.toThrow(/beschrijving/);
  });
});
