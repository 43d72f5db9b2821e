import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {parseNarraFirmaForm, parseNarraFirmaStories} from "../lib/formats/stories/narrafirma.js";

const dir = "test/fixtures/stories/narrafirma";
const form = parseNarraFirmaForm(readFileSync(`${dir}/verhaalformulier.csv`, "utf8"));
const r = parseNarraFirmaStories(readFileSync(`${dir}/verhalen.csv`, "utf8"), form, {sourceFile: "verhalen.csv", formFile: "verhaalformulier.csv"});
const ids = r.tables.stories.map((s) => s.story_id);
const choices = (q: string, i: number) => r.tables.choice_answers.filter((c) => c.signifier_id === q && c.story_id === ids[i]);

describe("NarraFirma story form", () => {
  it("declares questions with their answers; labels and ignored rows are left out", () => {
    expect(form.map((q) => [q.column, q.kind])).toEqual([
      ["Gevoel", "single"], ["Hulp", "multi"], ["Steun", "multi"], ["Grip", "scale"], ["Leeftijd", "single"], ["Uitleg", "text"]
    ]);
    expect(form[3]).toMatchObject({min: 0, max: 100, answers: ["geen grip", "veel grip", "weet ik niet"], naText: "weet ik niet"});
  });

  it("refuses a file that is not a story form", () => {
    expect(() => parseNarraFirmaForm("Story title,Story text\na,b\n")).toThrow(/not a NarraFirma story form/);
  });
});

describe("NarraFirma stories", () => {
  it("skips comment lines, counts rows as Excel does, and rejects the repeated story", () => {
    expect(r.rows_read).toBe(4);
    expect(r.rows_accepted).toBe(3);
    expect(r.rows_rejected).toBe(1);
    expect(r.tables.stories.map((s) => s.source_row)).toEqual([2, 4, 5]);
    expect(r.rejects.find((x) => x.row === 6)!.reason).toMatch(/duplicate story id .*first on row 2, an exact copy/);
  });

  it("keeps title and text as text", () => {
    expect(r.tables.story_texts[0]).toMatchObject({title: "Buren hielpen", text: "De buren deden boodschappen.\nDat was fijn."});
    expect(r.tables.story_texts[1].text).toBe('Ik wachtte <b>weken</b> op een "antwoord".');
    expect(r.tables.story_texts[2].text).toBe("=1+1 is tekst");
  });

  it("reads multi-choice from repeated columns and from yes/no columns", () => {
    expect(choices("Hulp", 0).map((c) => c.option_id)).toEqual(["buren", "familie"]);
    expect(choices("Steun", 0).map((c) => c.option_id)).toEqual(["geld"]);
    expect(choices("Steun", 1).map((c) => c.option_id)).toEqual(["praten"]);
    expect(choices("Steun", 2)).toEqual([expect.objectContaining({status: "skipped"})]);
  });

  it("reads scales 0-100 as dyads, with the 'does not apply' answer as N/A", () => {
    const grip = r.tables.dyad_answers.map((d) => [d.status, d.position]);
    expect(grip).toEqual([["answered", 0.7], ["na", null], ["invalid", null]]);
  });

  it("rejects a stray answer, an out-of-range scale and an impossible date by cell", () => {
    const cells = r.rejects.filter((x) => x.row === 5).map((x) => x.column).sort();
    expect(cells).toEqual(["Collection date", "Gevoel", "Grip"]);
    expect(choices("Gevoel", 2)).toEqual([expect.objectContaining({status: "invalid", option_id: null})]);
  });

  it("names write-ins and free-text questions it does not import", () => {
    expect(r.warnings.join("\n")).toMatch(/1 write-in answer\(s\) in WRITEIN_Hulp/);
    expect(r.warnings.join("\n")).toMatch(/free-text question "Wil je nog iets kwijt\?"/);
  });
});
