import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {parseSensemakerDefinition} from "../lib/formats/stories/sensemaker-definition.js";
import {looksLikeSensemakerWorkbench, parseSensemakerWorkbench} from "../lib/formats/stories/sensemaker-workbench.js";
import {looksLikeSensemakerRaw} from "../lib/formats/stories/sensemaker-raw.js";
import {parseCsvText} from "../lib/formats/stories/csv-text.js";

const dir = "test/fixtures/stories/workbench";
const text = readFileSync(`${dir}/workbench-export.csv`, "utf8");
const def = parseSensemakerDefinition(readFileSync(`${dir}/workbench-definition.json`, "utf8"));
const opts = {sourceFile: "verhalen/workbench.csv", definitionFile: "verhalen/workbench-definition.json"};

describe("SenseMaker Workbench export", () => {
  it("is told apart from the raw export by its header", () => {
    const header = parseCsvText(text).header;
    expect(looksLikeSensemakerWorkbench(header)).toBe(true);
    expect(looksLikeSensemakerRaw(header)).toBe(false);
  });

  const result = parseSensemakerWorkbench(text, def, opts);
  const triad = (id: string) => result.tables.triad_answers.find((a) => a.story_id === id)!;

  it("reads percent anchors as proportions that agree with the (X, Y/0.8660254) point", () => {
    expect(result.rows_read).toBe(3);
    expect(result.rows_accepted).toBe(3);
    const w2 = triad("w2");
    expect(w2.status).toBe("answered");
    expect(w2.top).toBeCloseTo(0.2, 9);
    expect(w2.left).toBeCloseTo(0.6, 9);
    expect(w2.right).toBeCloseTo(0.2, 9);
    expect(triad("w3").status).toBe("skipped");
  });

  it("reads dyads from X and checks XR; lists and teller through the definition", () => {
    const dyads = result.tables.dyad_answers;
    expect(dyads.find((d) => d.story_id === "w2")).toMatchObject({status: "answered", position: 0.9});
    expect(dyads.find((d) => d.story_id === "w3")).toMatchObject({status: "skipped"});
    expect(result.tables.stories.map((s) => s.teller_role)).toEqual(["inwoner", "medewerker", "inwoner"]);
    const thema = result.tables.choice_answers.filter((a) => a.signifier_id === "q-thema" && a.story_id === "w2");
    expect(thema.map((a) => a.option_id)).toEqual(["i-eenzaam", "i-mantelzorg"]);
  });

  it("rejects an impossible date with row and column and keeps the story", () => {
    expect(result.tables.stories.map((s) => s.collected_on)).toEqual(["2024-06-10", "2024-06-11", null]);
    expect(result.rejects).toEqual([{row: 4, column: "EntryDate", reason: expect.stringMatching(/impossible date "31-02-2024"/)}]);
  });

  it("works without a definition: triads from X/Y alone, with a warning", () => {
    const bare = parseSensemakerWorkbench(text, null, {sourceFile: "w.csv", definitionFile: "w.csv"});
    expect(bare.tables.signifiers.map((s) => [s.signifier_id, s.type])).toEqual([["t-nadruk", "triad"], ["d-netwerk", "dyad"]]);
    const w1 = bare.tables.triad_answers.find((a) => a.story_id === "w1")!;
    // X = right + top/2 = 0.5, Y = 0.8660254 * top = 0.4330127 -> (0.5, 0.25, 0.25)
    expect(w1.top).toBeCloseTo(0.5, 6);
    expect(w1.left).toBeCloseTo(0.25, 6);
    expect(w1.right).toBeCloseTo(0.25, 6);
    expect(bare.warnings.join("\n")).toMatch(/no framework definition/);
    expect(bare.warnings.join("\n")).toMatch(/column\(s\) not imported: .*q-wie/);
  });
});
