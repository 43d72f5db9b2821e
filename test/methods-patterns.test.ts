/**
 * The patterns engine on a synthetic data set with known answers: test/fixtures/model-stories/
 * patterns.json, written by patterns_reference.py (python3, numpy 2.4.6 default_rng(20251125),
 * scipy 1.17.1), which also printed the reference values pasted below. 120 stories; planted: the
 * triad by "Wie vertelt?" (60/60); independent: the dyad, "Domein" (48/35/37), the multi-select
 * "Thema" (79 stories ticked something: x ja 41 / nee 38, y ja 61 / nee 18); "Klein" has a level
 * of 19 stories; the outcome "vermeden" depends on the dyad.
 */
import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {findPatterns, type Outcome, type Pattern, type PatternsResult, type StoryData} from "../lib/methods/patterns.js";
import {benjaminiHochberg} from "../lib/methods/multiple-testing.js";

const fixture = JSON.parse(readFileSync(new URL("./fixtures/model-stories/patterns.json", import.meta.url), "utf8")) as
  StoryData & {outcome: Record<string, string>};
const outcome: Outcome = {id: "vermeden", title: "Tweede lijn vermeden", values: new Map(Object.entries(fixture.outcome)), levels: ["ja", "nee"]};

const base = findPatterns(fixture);
const byId = (r: PatternsResult, id: string): Pattern => {
  const found = r.patterns.find((p) => p.id === id);
  if (!found) throw new Error(`no pattern ${id}`);
  return found;
};

describe("findPatterns: which pairs are tested", () => {
  it("tests every pair once: triad and dyad x each factor, factor x factor, never two options of one question", () => {
    // Factors: rol, domein, klein, thema#x, thema#y. Tested (no level < 20): triad and dyad x rol,
    // domein, thema#x (6) and rol-domein, rol-thema#x, domein-thema#x (3).
    expect(base.patterns.map((p) => p.id).sort()).toEqual([
      "dy~q-domein", "dy~q-rol", "dy~q-thema#t-x", "q-domein~q-thema#t-x", "q-rol~q-domein", "q-rol~q-thema#t-x",
      "tr~q-domein", "tr~q-rol", "tr~q-thema#t-x"
    ]);
    expect(base.tests).toBe(9);
    expect(base.patterns.map((p) => p.id)).not.toContain("q-thema#t-x~q-thema#t-y");
    expect(base.skipped.map((s) => s.id).sort()).toEqual([
      "dy~q-klein", "dy~q-thema#t-y", "q-domein~q-klein", "q-domein~q-thema#t-y", "q-klein~q-thema#t-x", "q-klein~q-thema#t-y",
      "q-rol~q-klein", "q-rol~q-thema#t-y", "tr~q-klein", "tr~q-thema#t-y"
    ]);
  });

  it("skips a pair whose grouping has a level of 19 stories and says so", () => {
    const skipped = base.skipped.find((s) => s.id === "tr~q-klein")!;
    expect(skipped.reason).toBe("overgeslagen: groep < 20");
    expect(skipped.groups).toEqual([{question: "q-klein", label: "A", n: 101}, {question: "q-klein", label: "B", n: 19}]);
    // With a minimum of 19 the same level is large enough.
    const lower = findPatterns(fixture, {minGroupSize: 19});
    expect(lower.patterns.map((p) => p.id)).toContain("tr~q-klein");
    expect(byId(lower, "tr~q-klein").groups.map((g) => g.n)).toEqual([101, 19]);
  });

  it("leaves a small level out of a test that still has two groups, and lists it", () => {
    const r = findPatterns(fixture, {minGroupSize: 36});
    const p = byId(r, "tr~q-domein");
    expect(p.test).toBe("hotelling-t2");
    expect(p.groups.map((g) => [g.label, g.n])).toEqual([["jeugd", 48], ["participatie", 37]]);
    expect(p.skipped_groups).toEqual([{question: "q-domein", label: "wmo", n: 35}]);
  });
});

describe("findPatterns: tests, corrections and ranking", () => {
  it("ranks the planted pattern first with q < 0.05 and no null pair below 0.05", () => {
    const [first, ...rest] = base.patterns;
    expect(first.id).toBe("tr~q-rol");
    expect(first.kind).toBe("triad-choice");
    expect(first.q).toBeLessThan(0.05);
    // patterns_reference.py: T2 201.10224612120322, Aitchison distance 1.5892156666099262
    expect(first.statistic).toBeCloseTo(201.10224612120322, 6);
    expect(first.effect).toEqual({measure: "aitchison-distance", value: expect.closeTo(1.5892156666099262, 8)});
    for (const p of rest) expect(p.q, p.id).toBeGreaterThanOrEqual(0.05);
  });

  it("matches scipy on the rank and chi-square tests, with the multi-select option as ja/nee", () => {
    // scipy.stats.mannwhitneyu(inwoner, medewerker, use_continuity=True, method="asymptotic")
    const mw = byId(base, "dy~q-rol");
    expect([mw.test, mw.statistic]).toEqual(["mann-whitney", 1716.5]);
    expect(mw.p).toBeCloseTo(0.6630995570370335, 8);
    expect(mw.effect).toEqual({measure: "rank-biserial", value: expect.closeTo(0.046388888888888924, 10)});
    // scipy.stats.kruskal(jeugd, wmo, participatie)
    const kw = byId(base, "dy~q-domein");
    expect(kw.statistic).toBeCloseTo(2.493907516060397, 8);
    expect(kw.p).toBeCloseTo(0.2873788904713211, 8);
    expect(kw.effect).toEqual({measure: "epsilon-squared", value: expect.closeTo(0.020957206017314264, 10)});
    // scipy.stats.chi2_contingency(table, correction=False); V = sqrt(chi2 / (n (min(r, c) - 1)))
    const cc = byId(base, "q-rol~q-domein");
    expect(cc.statistic).toBeCloseTo(0.6175032175032175, 8);
    expect(cc.p).toBeCloseTo(0.7343631567549709, 8);
    expect(cc.effect.value).toBeCloseTo(0.07173465094262427, 8);
    const option = byId(base, "q-rol~q-thema#t-x");
    expect(option.n).toBe(79);
    expect(option.statistic).toBeCloseTo(0.6019632819799575, 8);
    expect(option.p).toBeCloseTo(0.4378299240070539, 8);
    expect(option.b).toEqual({id: "q-thema#t-x", type: "option", question_id: "q-thema", option_id: "t-x", title: "Thema: x"});
  });

  it("computes BH q-values over exactly the tests run and ranks by q, then effect size", () => {
    expect(base.patterns.map((p) => p.q)).toEqual(benjaminiHochberg(base.patterns.map((p) => p.p)));
    for (let i = 1; i < base.patterns.length; i++) {
      const [a, b] = [base.patterns[i - 1], base.patterns[i]];
      expect(a.q < b.q || (a.q === b.q && a.effect.value >= b.effect.value), `${a.id} before ${b.id}`).toBe(true);
    }
    // The largest p has q = p only when m is right: q_(m) = p_(m) * m / m; one rank lower it is
    // min(p_(m), p_(m-1) * m / (m - 1)), so q of the second largest p reveals m = 9.
    const ps = base.patterns.map((p) => p.p).sort((a, b) => a - b);
    const second = base.patterns.find((p) => p.p === ps[ps.length - 2])!;
    expect(second.q).toBeCloseTo(Math.min(ps[8], (ps[7] * 9) / 8), 12);
  });

  it("carries the question ids, group labels and story ids a page needs", () => {
    const first = base.patterns[0];
    expect(first.a).toMatchObject({id: "tr", type: "triad", question_id: "tr", option_id: null});
    expect(first.b).toMatchObject({id: "q-rol", type: "choice", question_id: "q-rol", title: "Wie vertelt?"});
    const inwoner = fixture.choices.filter((c) => c.signifier_id === "q-rol" && c.option_id === "o-inw").map((c) => c.story_id);
    expect(first.groups.map((g) => [g.key, g.label, g.n])).toEqual([["o-inw", "inwoner", 60], ["o-med", "medewerker", 60]]);
    expect([...first.groups[0].story_ids].sort()).toEqual([...inwoner].sort());
    expect(byId(base, "q-rol~q-domein").table).toEqual({
      rows: ["inwoner", "medewerker"], cols: ["jeugd", "wmo", "participatie"], counts: expect.any(Array)
    });
  });

  it("is deterministic: the same seed gives the same result, another seed only moves permutation p-values", () => {
    expect(JSON.stringify(findPatterns(fixture))).toBe(JSON.stringify(base));
    const other = findPatterns(fixture, {seed: 7});
    expect(byId(other, "tr~q-domein").test).toBe("permutation-lawley-hotelling");
    expect(byId(other, "tr~q-domein").p).not.toBe(byId(base, "tr~q-domein").p);
    expect(byId(other, "tr~q-rol").p).toBe(byId(base, "tr~q-rol").p);
  });
});

describe("findPatterns: warm x cold and zones", () => {
  it("pairs an outcome with every warm question, never with another outcome", () => {
    const twin: Outcome = {...outcome, id: "tweeling"};
    const r = findPatterns(fixture, {outcomes: [outcome, twin]});
    expect(r.patterns.some((p) => p.a.type === "outcome")).toBe(false);
    const warmCold = r.patterns.filter((p) => p.warm_cold);
    expect(warmCold.every((p) => p.b.type === "outcome")).toBe(true);
    // Per outcome: triad, dyad, rol, domein, thema#x (klein and thema#y have a level < 20).
    expect(warmCold.filter((p) => p.b.question_id === "vermeden").map((p) => p.a.id).sort())
      .toEqual(["dy", "q-domein", "q-rol", "q-thema#t-x", "tr"]);
    expect(r.tests).toBe(9 + 2 * 5);
    // scipy.stats.mannwhitneyu(dyad[ja], dyad[nee], method="asymptotic"): p 2.1759349853750614e-13, |r| 0.7839366515837105
    const planted = byId(r, "dy~outcome:vermeden");
    // Relative tolerance: the upper tail is 1 - cdf, which keeps only a few digits near 1e-13.
    expect(planted.p / 2.1759349853750614e-13).toBeCloseTo(1, 3);
    expect(planted.effect.value).toBeCloseTo(0.7839366515837105, 10);
    expect(planted.q).toBeLessThan(0.05);
  });

  it("tests triad x factor by zone instead when asked, still once per pair", () => {
    const r = findPatterns(fixture, {triadTest: "zones"});
    expect(r.tests).toBe(9);
    expect(r.patterns.filter((p) => p.a.type === "triad").every((p) => p.kind === "zone-choice" && p.test === "chi-square")).toBe(true);
    expect(r.patterns[0].id).toBe("tr~q-rol");
    expect(r.patterns[0].q).toBeLessThan(0.05);
    expect(r.settings.triad_test).toBe("zones");
  });
});
