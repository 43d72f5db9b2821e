// Warm meets cold (lib/methods/warm-cold.ts): stories linked to their case's outcome and cost, the
// cost bands (terciles), and a signifier's positions split by outcome and by cost band
// (lib/methods/signifier-groups.ts). A hand-made register of 11 cases and 14 stories; every
// expected figure is worked out by hand in the comments. The outcomes must agree with the savings
// figures (lib/methods/savings.ts): checked on a second small register at the end.
import {describe, expect, it} from "vitest";
import {COMPARED_OUTCOMES, bandOf, caseCost, caseOutcome, linkStories, quantileSorted, tercileCuts, type CaseCost} from "../lib/methods/warm-cold.js";
import {compareDyad, type DyadAnswer} from "../lib/methods/signifier-groups.js";
import type {MannWhitneyResult} from "../lib/methods/ranktests.js";
import {computeSavings, type Need, type SavingsInputs} from "../lib/methods/savings.js";

const priced: CaseCost["requests"] = [{monthly_cost: 100, months: 2}];
/** A case as computeSavings reports it; low and high differ from central so that a mix-up shows. */
function kase(case_id: string, need_after: Need | null, closed: boolean, avoided: number, realised: number, requests = priced): CaseCost {
  return {case_id, need_after, closed, avoided: {low: avoided / 2, central: avoided, high: avoided * 2}, realised_second_line: realised, requests};
}

const CASES: CaseCost[] = [
  kase("W1", "geen", true, 1200, 0),
  kase("W2", "geen", true, 800, 0),
  kase("W3", "blijft", true, 0, 3000),
  kase("W4", "nieuw", true, 0, 0), // still needed, but no second-line cost declared after the help: cost 0
  kase("W5", "geen", true, 800, 0), // ties with W2
  kase("W6", "geen", false, 0, 0), // still open
  kase("W7", null, true, 0, 0), // need after help not recorded
  kase("W8", "geen", true, 500, 0, [{monthly_cost: 250, months: 2}, {monthly_cost: null, months: null}]), // one request has no price
  kase("W9", "geen", true, 5000, 0), // no story: not in the cut points
  kase("W10", "geen", true, 0, 0, []), // "geen" but nothing requested: no second line in view, nothing avoided, no cost
  kase("W11", "blijft", true, 0, 800)
];
const STORIES = [
  ["S1", "W1"], ["S2", "W2"], ["S2b", "W2"], ["S3", "W3"], ["S4", "W4"], ["S5", "W5"], ["S6", "W6"], ["S7", "W7"],
  ["S8", "W8"], ["S10", "W10"], ["S11", "W11"], ["N1", null], ["N2", ""], ["U1", "W404"]
].map(([story_id, case_ref]) => ({story_id: story_id!, case_ref}));

describe("outcome and cost of a case", () => {
  it("follows the need after help of closed cases", () => {
    expect(CASES.map(caseOutcome)).toEqual([
      "tweede lijn voorkomen", "tweede lijn voorkomen", "tweede lijn nog nodig", "tweede lijn nog nodig", "tweede lijn voorkomen",
      null, null, "tweede lijn voorkomen", "tweede lijn voorkomen", "geen tweede lijn in beeld", "tweede lijn nog nodig"
    ]);
  });

  it("takes the central avoided cost, or the realised cost, and no cost when a request has no price or none was made", () => {
    // W8's 500 is only the priced half of what was avoided: a lower bound, not the case's cost.
    // W10 requested nothing: no avoided cost exists (methods.md sums over requested provisions), so
    // a 0 would wrongly put it in the lowest band.
    expect(CASES.map(caseCost)).toEqual([1200, 800, 3000, 0, 800, null, null, null, 5000, null, 800]);
  });
});

describe("cost bands", () => {
  it("cuts at the type-7 terciles and puts a value on a cut in the lower band", () => {
    // 100 400 700 1000 2000: h = 4 x 1/3 = 1.333 -> 400 + 0.333 x (700 - 400) = 500;
    // h = 4 x 2/3 = 2.667 -> 700 + 0.667 x (1000 - 700) = 900.
    const cuts = tercileCuts([2000, 100, 1000, 400, 700])!;
    expect(cuts[0]).toBeCloseTo(500, 9);
    expect(cuts[1]).toBeCloseTo(900, 9);
    expect([100, 500, 500.01, 900, 900.01].map((v) => bandOf(v, cuts))).toEqual(["laag", "laag", "midden", "midden", "hoog"]);
    // Ties straddling a cut: 100 200 200 200 500 900 1000: h = 2 -> 200, h = 4 -> 500. All three 200s
    // go to "laag" (4 values), 500 to "midden", 900 and 1000 to "hoog".
    const tied = [100, 200, 200, 200, 500, 900, 1000];
    const tiedCuts = tercileCuts(tied)!;
    expect(tiedCuts).toEqual([200, 500]);
    expect(tied.map((v) => bandOf(v, tiedCuts))).toEqual(["laag", "laag", "laag", "laag", "midden", "hoog", "hoog"]);
    expect(tercileCuts([])).toBeNull();
    expect(tercileCuts([700])).toEqual([700, 700]);
    expect(() => quantileSorted([], 0.5)).toThrow(RangeError);
  });
});

describe("linkStories", () => {
  const links = linkStories(STORIES, CASES);
  const byStory = new Map(links.stories.map((s) => [s.story_id, s]));

  it("says for every story why it has or lacks an outcome", () => {
    expect(links.counts).toEqual({
      "gekoppeld": 9, // S1 S2 S2b S3 S4 S5 S8 S10 S11
      "geen koppeling": 2, // N1 (no reference), N2 (empty reference)
      "casus onbekend": 1, // U1
      "casus loopt nog": 1, // S6
      "uitkomst onbekend": 1 // S7
    });
    expect(byStory.get("U1")).toMatchObject({case_id: null, outcome: null, cost: null, band: null});
    expect(byStory.get("S6")).toMatchObject({case_id: "W6", outcome: null, band: null});
  });

  it("bands the cost over the distinct linked cases only", () => {
    // Linked cases with a cost (W2 once, although two stories; W9 has no story; W8's cost is unknown;
    // W10 has none): W1 1200, W2 800, W3 3000, W4 0, W5 800, W11 800 -> sorted 0 800 800 800 1200 3000, n = 6.
    // h = 5 x 1/3 = 1.667 -> 800 + 0.667 x (800 - 800) = 800; h = 5 x 2/3 = 3.333 -> 800 + 0.333 x
    // (1200 - 800) = 933.333. All 800s (on the lower cut) are "laag", "midden" stays empty.
    expect(links.cuts.cost![0]).toBe(800);
    expect(links.cuts.cost![1]).toBeCloseTo(800 + 400 / 3, 9);
    const band = (id: string) => byStory.get(id)!.band;
    expect(["S1", "S2", "S2b", "S3", "S4", "S5", "S8", "S10", "S11"].map(band)).toEqual(
      ["hoog", "laag", "laag", "hoog", "laag", "laag", null, null, "laag"]);
    // Avoided cases only: W1 1200, W2 800, W5 800 (W8 unknown; W10 avoided nothing) -> 800 800 1200,
    // n = 3: h = 2/3 -> 800; h = 4/3 -> 800 + 0.333 x 400 = 933.333.
    expect(links.cuts.avoided![0]).toBe(800);
    expect(links.cuts.avoided![1]).toBeCloseTo(800 + 400 / 3, 9);
    const avoided = (id: string) => byStory.get(id)!.avoided_band;
    expect(["S1", "S2", "S3", "S5", "S8", "S10"].map(avoided)).toEqual(["hoog", "laag", null, "laag", null, null]);
    expect(byStory.get("S8")).toMatchObject({outcome: "tweede lijn voorkomen", cost: null});
    expect(byStory.get("S10")).toMatchObject({status: "gekoppeld", outcome: "geen tweede lijn in beeld", cost: null, band: null});
  });

  it("counts the linked cases, and those without a cost band by reason", () => {
    // Linked cases with an outcome: W1 W2 W3 W4 W5 W8 W10 W11 = 8, with the 9 "gekoppeld" stories.
    // No band: W8 (a request without a price; story S8) and W10 (no second line in view; S10).
    expect(links.linked).toEqual({cases: 8, stories: 9});
    expect(links.without_cost).toEqual({unpriced: {cases: 1, stories: 1}, no_second_line: {cases: 1, stories: 1}});
  });

  it("has no cut points when no linked case has a cost", () => {
    const none = linkStories([{story_id: "S", case_ref: "W6"}, {story_id: "T", case_ref: null}], CASES);
    expect(none.cuts).toEqual({cost: null, avoided: null});
    expect(none.stories.map((s) => s.band)).toEqual([null, null]);
  });
});

describe("a signifier split by outcome and by cost band", () => {
  const links = linkStories(STORIES, CASES);
  const dyad = (story_id: string, position: number | null, status = "answered"): DyadAnswer => ({story_id, status, position});
  const answers = [
    dyad("S1", 0.9), dyad("S2", 0.7), dyad("S2b", null, "na"), dyad("S5", 0.6), dyad("S8", 0.8),
    dyad("S3", 0.2), dyad("S4", 0.3), dyad("S11", 0.1),
    dyad("S10", 0.5), // no second line in view: in neither outcome group and in no band
    dyad("N1", 0.5), dyad("U1", 0.4), dyad("S6", 0.5) // no outcome: answered but in no group
  ];
  // As the page's loader (src/data/geld2/warm-koud.json.ts): only the compared outcomes form groups.
  const groupOf = (field: "outcome" | "band") =>
    new Map(links.stories.flatMap((s) => (s[field] === null || (field === "outcome" && !COMPARED_OUTCOMES.includes(s.outcome!)) ? [] : [[s.story_id, s[field]!] as [string, string]])));

  it("by outcome", () => {
    const r = compareDyad("d", answers, groupOf("outcome"), COMPARED_OUTCOMES);
    // Avoided: S1 0.9, S2 0.7, S5 0.6, S8 0.8 -> median (0.7 + 0.8) / 2 = 0.75; S2b N/A.
    // Still needed: S3 0.2, S4 0.3, S11 0.1 -> median 0.2.
    expect(r.groups.map((g) => [g.group, g.n, g.n_na, g.n_skipped])).toEqual([["tweede lijn voorkomen", 4, 1, 0], ["tweede lijn nog nodig", 3, 0, 0]]);
    expect(r.groups[0].median).toBeCloseTo(0.75, 12);
    expect(r.groups[1].median).toBeCloseTo(0.2, 12);
    expect(r.n_without_group).toBe(4); // N1, U1, S6, and S10 (no second line in view)
    // Every avoided position is above every still-needed one: U = 4 x 3 = 12, r = 1;
    // z = (12 - 6 - 0.5) / sqrt(4 x 3 x 8 / 12) = 5.5 / sqrt(8) = 1.944544;
    // scipy mannwhitneyu(asymptotic, continuity) p = 0.05182992721790968.
    const t = r.test as MannWhitneyResult;
    expect([t.u, t.rankBiserial]).toEqual([12, 1]);
    expect(t.z).toBeCloseTo(5.5 / Math.sqrt(8), 12);
    expect(t.p).toBeCloseTo(0.05182992721790968, 9);
  });

  it("by cost band, with the empty middle band absent", () => {
    const r = compareDyad("d", answers, groupOf("band"), ["laag", "midden", "hoog"]);
    // laag: S2 0.7, S4 0.3, S5 0.6, S11 0.1 (S2b N/A) -> 0.1 0.3 0.6 0.7, median 0.45;
    // hoog: S1 0.9, S3 0.2 -> median 0.55. S8 (cost unknown) and S10 (no cost) are in no band:
    // without group.
    expect(r.groups.map((g) => [g.group, g.n, g.n_na, g.n_skipped])).toEqual([["laag", 4, 1, 0], ["hoog", 2, 0, 0]]);
    expect(r.groups[0].median).toBeCloseTo(0.45, 12);
    expect(r.groups[1].median).toBeCloseTo(0.55, 12);
    expect(r.n_without_group).toBe(5); // N1, U1, S6, S8, S10
    // U of laag = pairs above a hoog value: 0.7, 0.3 and 0.6 beat 0.2 -> 3; r = 2 x 3 / 8 - 1 = -0.25.
    const t = r.test as MannWhitneyResult;
    expect(t.u).toBe(3);
    expect(t.rankBiserial).toBeCloseTo(-0.25, 12);
    expect(r.test_groups).toEqual(["laag", "hoog"]);
  });
});

describe("the same outcomes as the savings figures", () => {
  // A second register run through computeSavings itself, so that the two pages cannot drift apart.
  // Price list: productcategorie 02 at EUR 500 a month for 4 months; no own declarations.
  const inputs: SavingsInputs = {
    cases: [
      {case_id: "A", client_key: null, domain: null, help_start: null, help_end: "2025-03-01", need_after: "geen"},
      {case_id: "B", client_key: null, domain: null, help_start: null, help_end: "2025-03-01", need_after: "Geen"}, // nothing requested
      {case_id: "C", client_key: null, domain: null, help_start: null, help_end: "2025-03-01", need_after: "blijft"},
      {case_id: "D", client_key: null, domain: null, help_start: null, help_end: "2025-03-01", need_after: "geen"}, // unpriced request
      {case_id: "E", client_key: null, domain: null, help_start: null, help_end: null, need_after: "geen"}, // open
      {case_id: "F", client_key: null, domain: null, help_start: null, help_end: "2025-03-01", need_after: null}
    ],
    requests: [
      {case_id: "A", productcategorie: "02", productcode: null, description: null, likelihood: null},
      {case_id: "D", productcategorie: "99", productcode: null, description: null, likelihood: "zeker"},
      {case_id: "E", productcategorie: "02", productcode: null, description: null, likelihood: null}
    ],
    costs: [], durations: [],
    realised: [{case_id: "C", amount: 700}],
    budgets: [{line: "team", period_start: null, period_end: null, amount: 1000}]
  };
  const savings = computeSavings(inputs, {prices: {categories: {"02": {name: "begeleiding", monthly_cost: 500, months: 4}}, min_observations: {months: 10, trajectories: 10}}});
  const links = linkStories(["A", "B", "C", "D", "E", "F"].map((id) => ({story_id: `s${id}`, case_ref: id})), savings.per_case);

  it("puts a 'geen' case without a request in its own outcome, avoided nowhere", () => {
    expect(links.stories.map((s) => s.outcome)).toEqual(
      ["tweede lijn voorkomen", "geen tweede lijn in beeld", "tweede lijn nog nodig", "tweede lijn voorkomen", null, null]);
    // Savings: avoided = A and D (need "geen" and a request), still needed = C, B apart, F unknown, E open.
    expect(savings.cases).toEqual({closed: 5, avoided: 2, still_needed: 1, geen_without_request: 1, need_unknown: 1, open: 1});
    const cases = (o: string) => new Set(links.stories.filter((s) => s.outcome === o).map((s) => s.case_id)).size;
    expect([cases("tweede lijn voorkomen"), cases("tweede lijn nog nodig"), cases("geen tweede lijn in beeld")])
      .toEqual([savings.cases.avoided, savings.cases.still_needed, savings.cases.geen_without_request]);
    // Gross avoided (central) = A only: 1.0 x 500 x 4 = 2000; B adds nothing, D is unpriced.
    expect(savings.scenarios.central.gross_avoided).toBe(2000);
  });

  it("gives costs and bands only to A (avoided, priced) and C (realised)", () => {
    // A 2000, C 700 -> sorted 700 2000, n = 2: h = 1/3 -> 700 + 1300/3 = 1133.33; h = 2/3 -> 700 + 2600/3 = 1566.67.
    expect(links.stories.map((s) => s.cost)).toEqual([2000, null, 700, null, null, null]);
    expect(links.cuts.cost![0]).toBeCloseTo(700 + 1300 / 3, 9);
    expect(links.cuts.cost![1]).toBeCloseTo(700 + 2600 / 3, 9);
    expect(links.stories.map((s) => s.band)).toEqual(["hoog", null, "laag", null, null, null]);
    expect(links.linked).toEqual({cases: 4, stories: 4}); // A B C D (E open, F unknown)
    expect(links.without_cost).toEqual({unpriced: {cases: 1, stories: 1}, no_second_line: {cases: 1, stories: 1}});
    expect(savings.method.unpriced_requests).toBe(1); // D's request: the count the page can set beside it
  });
});
