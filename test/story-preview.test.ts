// The triad page's preview (src/components/story-preview.ts) must give the rows StoryEngine.triadRows
// gives for the opening view. Expected rows are written out by hand from the tables below.
import {describe, expect, it} from "vitest";
import {tableFromArrays, tableToIPC} from "apache-arrow";
import {storyPreview} from "../src/components/story-preview.js";
import type {DecodedTables} from "../src/components/story-engine.js";

const ipc = (columns: Record<string, unknown[]>) => Promise.resolve(tableToIPC(tableFromArrays(columns as Parameters<typeof tableFromArrays>[0]), "stream"));
const empty = ipc({x: [] as string[]});

function decoded(): DecodedTables {
  return {
    // Stored out of order: the preview orders by story id, as the engine's ORDER BY b.story_id does.
    stories: ipc({story_id: ["s3", "s1", "s2", "s4"], teller_role: ["medewerker", "inwoner", "inwoner", null]}),
    signifiers: ipc({signifier_id: ["t2", "t1", "d1"], type: ["triad", "triad", "dyad"], title: ["<b>Tweede</b>", "Eerste", "Dyade"], position: [2, 1, 3]}),
    signifier_options: ipc({
      signifier_id: ["t1", "t1", "t1", "t2", "t2", "t2"], option_id: ["c", "a", "b", "x", "y", "z"],
      label: ["rechts", "boven", "links", "X", "Y", "Z"], position: [3, 1, 2, 1, 2, 3]
    }),
    triad_answers: ipc({
      signifier_id: ["t1", "t1", "t2", "t1"], story_id: ["s1", "s3", "s1", "s4"],
      status: ["answered", "answered", "answered", "na"], top: [0.5, 0.2, 0.1, null], left: [0.3, 0.2, 0.1, null], right: [0.2, 0.6, 0.8, null]
    }),
    story_texts: empty, dyad_answers: empty, choice_answers: empty, cases: empty
  };
}

describe("story preview", () => {
  it("lists the triads in question order with their anchors top, left, right and titles as text", async () => {
    const p = await storyPreview(decoded());
    expect(p.triads).toEqual([
      {signifier_id: "t1", title: "Eerste", labels: ["boven", "links", "rechts"]},
      {signifier_id: "t2", title: "Tweede", labels: ["X", "Y", "Z"]}
    ]);
    expect(p.roles).toEqual(["inwoner", "medewerker"]);
  });

  it("gives every story one row: its answer, N/A kept, no answer row = skipped, role also under the colour column", async () => {
    const rows = (await storyPreview(decoded())).triadRows("t1", "Verteller");
    expect(rows).toEqual([
      {story_id: "s1", teller_role: "inwoner", Verteller: "inwoner", status: "answered", top: 0.5, left: 0.3, right: 0.2},
      {story_id: "s2", teller_role: "inwoner", Verteller: "inwoner", status: "skipped", top: null, left: null, right: null},
      {story_id: "s3", teller_role: "medewerker", Verteller: "medewerker", status: "answered", top: 0.2, left: 0.2, right: 0.6},
      {story_id: "s4", teller_role: null, Verteller: null, status: "na", top: null, left: null, right: null}
    ]);
  });
});
