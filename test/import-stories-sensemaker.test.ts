import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {parseSensemakerDefinition} from "../lib/formats/stories/sensemaker-definition.js";
import {parseSensemakerRaw} from "../lib/formats/stories/sensemaker-raw.js";
import {StoryFormatError} from "../lib/formats/stories/rows.js";

const dir = "test/fixtures/stories/sensemaker";
const definitionText = readFileSync(`${dir}/sensemaker-definition.json`, "utf8");
const exportText = readFileSync(`${dir}/sensemaker-export.csv`, "utf8");
const opts = {sourceFile: "verhalen/sensemaker-export.csv", definitionFile: "verhalen/sensemaker-definition.json"};

function parse(text = exportText) {
  return parseSensemakerRaw(text, parseSensemakerDefinition(definitionText), opts);
}

describe("SenseMaker definition", () => {
  const def = parseSensemakerDefinition(definitionText);

  it("ignores layout-only signifiers and strips HTML from titles and labels", () => {
    expect(def.signifiers.map((s) => s.id)).toEqual(["f-titel", "f-tekst", "t-nadruk", "d-netwerk", "q-wie", "q-domein", "q-thema"]);
    const triad = def.signifiers.find((s) => s.id === "t-nadruk")!;
    expect(triad.title).toBe("Waar lag de nadruk in deze ervaring?");
    // Anchors keep definition order: top, left, right.
    expect(triad.options.map((o) => o.label)).toEqual(["kwaliteit van leven", "normaliseren", "socialiseren"]);
    expect(def.name).toBe("Vertelkamer Testdorp");
  });

  it("finds the story text, the title and the teller question", () => {
    expect(def.fragmentIds).toEqual(["f-tekst"]);
    expect(def.titleId).toBe("f-titel");
    expect(def.tellerId).toBe("q-wie");
    expect(def.signifiers.find((s) => s.id === "q-thema")!.multiSelect).toBe(true);
    expect(def.signifiers.find((s) => s.id === "q-domein")!.multiSelect).toBe(false);
  });

  it("rejects a file that is not a definition with a clear message", () => {
    expect(() => parseSensemakerDefinition("{\"rows\": []}")).toThrow(/signifiers/);
    expect(() => parseSensemakerDefinition("id;datum")).toThrow(StoryFormatError);
  });
});

describe("SenseMaker raw export", () => {
  const result = parse();
  const triad = (id: string) => result.tables.triad_answers.find((a) => a.story_id === id)!;
  const dyad = (id: string) => result.tables.dyad_answers.find((a) => a.story_id === id)!;

  it("accounts for every row: 7 read, the duplicate of s1 rejected and not counted twice", () => {
    expect(result.rows_read).toBe(7);
    expect(result.rows_accepted).toBe(6);
    expect(result.rows_rejected).toBe(1);
    expect(result.tables.stories.map((s) => s.story_id)).toEqual(["s1", "s2", "s3", "s4", "s6", "s7"]);
    const dup = result.rejects.find((r) => /duplicate/.test(r.reason))!;
    // Header = row 1, s1 = row 2, the copy is the 6th record.
    expect(dup).toMatchObject({row: 6, column: "id"});
    expect(dup.reason).toMatch(/first on row 2/);
  });

  it("reads story metadata: teller role, Dutch local date, case number, lineage", () => {
    const s1 = result.tables.stories[0];
    expect(s1).toMatchObject({teller_role: "inwoner", collected_on: "2024-06-10", case_ref: "D-2024-001", project: "p-test", language: "nl", source_row: 2});
    expect(result.tables.stories[1].teller_role).toBe("medewerker");
    // 2023-12-31 23:10 UTC is already New Year's Day in the Netherlands.
    expect(result.tables.stories.find((s) => s.story_id === "s6")!.collected_on).toBe("2024-01-01");
    expect(result.tables.stories.find((s) => s.story_id === "s6")!.teller_role).toBeNull();
  });

  it("keeps story text as text: newlines, quotes, HTML and a leading = survive untouched", () => {
    const texts = new Map(result.tables.story_texts.map((t) => [t.story_id, t]));
    expect(texts.get("s1")).toMatchObject({title: "Eindelijk rust", text: 'Mijn buurvrouw hielp mij.\nNu gaat het "veel" beter.'});
    expect(texts.get("s2")!.text).toBe("Het team kwam snel. <b>Dat</b> hielp.");
    expect(texts.get("s2")!.title).toBeNull();
    expect(texts.get("s3")!.text).toBe("=SOM(A1) is geen formule maar tekst");
  });

  it("reads triads as closed proportions, N/A and skipped", () => {
    expect(triad("s1")).toMatchObject({status: "answered", top: 0.5, left: 0.25, right: 0.25});
    expect(triad("s2")).toMatchObject({status: "na", top: null});
    expect(triad("s3")).toMatchObject({status: "skipped", top: null});
  });

  it("clamps a dot slightly outside the triangle and re-closes it, with a warning", () => {
    // (-0.01, 0.5, 0.51) -> (0, 0.5, 0.51) / 1.01
    const t = triad("s4");
    expect(t.status).toBe("answered");
    expect(t.top).toBe(0);
    expect(t.left).toBeCloseTo(0.5 / 1.01, 12);
    expect(t.right).toBeCloseTo(0.51 / 1.01, 12);
    expect(result.warnings.some((w) => /row 5, triad .*outside the triangle/.test(w))).toBe(true);
  });

  it("rejects impossible and unreadable triads by row and column, keeping the story", () => {
    expect(triad("s6").status).toBe("invalid");
    expect(result.rejects).toContainEqual(expect.objectContaining({row: 7, reason: expect.stringMatching(/add up to 1.3/)}));
    expect(triad("s7").status).toBe("invalid");
    expect(result.rejects).toContainEqual(expect.objectContaining({row: 8, column: "t-nadruk_a-top", reason: expect.stringMatching(/not a number "veel"/)}));
  });

  it("reads dyads from _percentX, N/A and skipped; clamps just past a pole", () => {
    expect(dyad("s1")).toMatchObject({status: "answered", position: 0.2});
    expect(dyad("s2")).toMatchObject({status: "skipped", position: null});
    expect(dyad("s3")).toMatchObject({status: "na"});
    expect(dyad("s4")).toMatchObject({status: "answered", position: 1});
  });

  it("maps single-select UUIDs to options; a stray value is rejected and the answer marked invalid", () => {
    const domein = result.tables.choice_answers.filter((a) => a.signifier_id === "q-domein");
    expect(domein.find((a) => a.story_id === "s1")).toMatchObject({status: "answered", option_id: "i-wmo"});
    expect(domein.find((a) => a.story_id === "s3")).toMatchObject({status: "invalid", option_id: null});
    expect(domein.find((a) => a.story_id === "s6")).toMatchObject({status: "skipped", option_id: null});
    expect(result.rejects).toContainEqual(expect.objectContaining({row: 4, column: "q-domein", reason: expect.stringMatching(/"zorg" is not one of the 2 options/)}));
  });

  it("gives one row per ticked multi-select item", () => {
    const thema = result.tables.choice_answers.filter((a) => a.signifier_id === "q-thema");
    expect(thema.filter((a) => a.story_id === "s1").map((a) => a.option_id)).toEqual(["i-schulden", "i-eenzaam"]);
    expect(thema.filter((a) => a.story_id === "s2")).toEqual([expect.objectContaining({status: "skipped", option_id: null})]);
  });

  it("lists every rejection exactly once: the duplicate, the stray value, two triads", () => {
    expect(result.rejects.map((r) => r.row).sort()).toEqual([4, 6, 7, 8]);
  });

  it("writes signifiers and options of the definition", () => {
    expect(result.tables.signifiers.find((s) => s.signifier_id === "t-nadruk")).toMatchObject({type: "triad", position: 2, allow_na: true, source_file: opts.definitionFile});
    const anchors = result.tables.signifier_options.filter((o) => o.signifier_id === "t-nadruk");
    expect(anchors.map((a) => [a.position, a.label])).toEqual([[0, "kwaliteit van leven"], [1, "normaliseren"], [2, "socialiseren"]]);
  });

  it("fails clearly on an empty file and on an export of another framework", () => {
    expect(() => parse("")).toThrow(/empty/);
    expect(() => parse('"id","server_upload_time","x_percentX"\n"a","1","0.5"\n')).toThrow(/none of the columns belongs to the definition/);
  });
});
