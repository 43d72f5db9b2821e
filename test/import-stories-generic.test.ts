import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {parseGenericStoryCsv} from "../lib/formats/stories/generic.js";

const example = readFileSync("examples/verhalen-generiek.csv", "utf8");
const bad = readFileSync("test/fixtures/stories/generic/verhalen-fouten.csv", "utf8");

describe("generic story CSV: the documented example", () => {
  const r = parseGenericStoryCsv(example, "verhalen/verhalen-generiek.csv");

  it("reads every story with all date forms, tellers and text kept as text", () => {
    expect(r.rows_read).toBe(4);
    expect(r.rows_accepted).toBe(4);
    expect(r.rejects).toEqual([]);
    expect(r.tables.stories.map((s) => [s.story_id, s.collected_on, s.teller_role])).toEqual([
      ["v001", "2025-02-03", "inwoner"], ["v002", "2025-02-10", "medewerker"],
      ["v003", "2025-03-01", "inwoner"], ["v004", "2025-03-15", "anders"]
    ]);
    expect(r.tables.story_texts[1].text).toBe('Moeder vroeg om "een plek voor haar zoon". Eigenlijk ging het om rust thuis.');
    expect(r.tables.story_texts[0].text).toContain("\nDe buurtcoach");
    expect(r.tables.story_texts[3].text).toBe("=Dit begint met een is-teken en blijft gewoon tekst.");
  });

  it("declares signifiers from the header: triad anchors top, left, right; dyad poles; questions", () => {
    expect(r.tables.signifiers.map((s) => [s.signifier_id, s.type, s.multi_select])).toEqual([
      ["triade:nadruk", "triad", false], ["dyade:netwerk", "dyad", false], ["vraag:domein", "list", false], ["vraag:thema", "list", true]
    ]);
    const anchors = r.tables.signifier_options.filter((o) => o.signifier_id === "triade:nadruk").map((o) => o.label);
    expect(anchors).toEqual(["kwaliteit van leven", "normaliseren", "socialiseren"]);
  });

  it("closes triads whatever their scale (percent, decimal comma) and reads dyads per column scale", () => {
    const t = r.tables.triad_answers;
    expect(t[0]).toMatchObject({status: "answered", top: 0.5, left: 0.3, right: 0.2});
    expect(t[2].top).toBeCloseTo(0.2, 12);
    expect(t[2].right).toBeCloseTo(0.6, 12);
    expect(t[3].status).toBe("skipped");
    // The dyad column holds values above 1, so it is read as percent.
    expect(r.tables.dyad_answers.map((d) => [d.status, d.position])).toEqual([["answered", 0.25], ["answered", 0.7], ["answered", 0.1], ["na", null]]);
  });

  it("gives one choice row per answer and keeps the case key and the raw client ref apart", () => {
    const thema = r.tables.choice_answers.filter((c) => c.signifier_id === "vraag:thema");
    expect(thema.filter((c) => c.story_id === "v001").map((c) => c.option_id)).toEqual(["schulden", "eenzaamheid"]);
    expect(thema.find((c) => c.story_id === "v004")).toMatchObject({status: "skipped", option_id: null});
    expect(r.tables.stories[0].case_ref).toBe("D-2025-014");
    // Pseudonymised by the importer, never stored in the story row by the parser.
    expect(r.tables.stories[0].client_key).toBeNull();
    expect([...r.client_refs]).toEqual([["v001", "999990019"]]);
  });
});

describe("generic story CSV: bad input", () => {
  const r = parseGenericStoryCsv(bad, "f.csv");
  const at = (row: number) => r.rejects.filter((x) => x.row === row);

  it("accounts for every row: duplicate id and missing id rejected, the rest kept", () => {
    expect(r.rows_read).toBe(6);
    expect(r.rows_accepted).toBe(4);
    expect(r.rows_rejected).toBe(2);
    expect(r.tables.stories.map((s) => s.story_id)).toEqual(["g1", "g2", "g4", "g6"]);
    expect(at(4)).toEqual([{row: 4, column: "verhaal_id", reason: expect.stringMatching(/duplicate story id "g1" \(first on row 2, with different answers/)}]);
    expect(at(6)).toEqual([{row: 6, column: "verhaal_id", reason: "no story id"}]);
  });

  it("rejects an impossible date and a failing BSN by cell, without echoing the BSN", () => {
    expect(at(2).map((x) => x.column)).toEqual(["datum", "client_ref"]);
    expect(at(2)[0].reason).toMatch(/impossible date "31-02-2024"/);
    expect(at(2)[1].reason).not.toContain("123456789");
    expect(r.tables.stories[0].collected_on).toBeNull();
    expect(r.client_refs.has("g1")).toBe(false);
    // An 8-digit ref is left-padded and checked as a BSN too.
    expect(at(5).map((x) => x.column)).toContain("client_ref");
    expect(r.client_refs.get("g6")).toBe("K-77");
  });

  it("rejects an unknown teller role, a dot far outside the triangle and a dyad past its pole", () => {
    expect(at(3)).toEqual([{row: 3, column: "verteller", reason: expect.stringMatching(/"buurman" is not inwoner/)}]);
    expect(r.tables.triad_answers.find((t) => t.story_id === "g2")!.status).toBe("na");
    expect(at(5).map((x) => x.column)).toEqual(["client_ref", "triade:nadruk:kwaliteit van leven", "dyade:netwerk:voldoende netwerk|gebrek aan netwerk"]);
    expect(r.tables.triad_answers.find((t) => t.story_id === "g4")!.status).toBe("invalid");
  });

  it("clamps a value just below zero, re-closes, and warns; unknown columns are named", () => {
    const g6 = r.tables.triad_answers.find((t) => t.story_id === "g6")!;
    expect(g6.top).toBe(0);
    expect(g6.left).toBeCloseTo(0.5 / 1.01, 12);
    expect(r.warnings.some((w) => /row 7, triad "nadruk"/.test(w))).toBe(true);
    expect(r.warnings.some((w) => /not imported: opmerking/.test(w))).toBe(true);
  });

  it("fails clearly on an empty file, a file of another format and an incomplete triad", () => {
    expect(() => parseGenericStoryCsv("", "x.csv")).toThrow(/empty/);
    expect(() => parseGenericStoryCsv("Dossiernummer;BSN\n1;2\n", "x.csv")).toThrow(/verhaal_id/);
    expect(() => parseGenericStoryCsv("verhaal_id;triade:a:x;triade:a:y\n1;2;3\n", "x.csv")).toThrow(/triad "a" has 2 columns/);
  });
});
