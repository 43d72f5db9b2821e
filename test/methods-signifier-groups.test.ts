// Triads and dyads compared across a grouping of the stories (lib/methods/signifier-groups.ts), the
// statistics behind /geld/warm-koud and /geld/eigen-trajecten. Tiny hand-made answer sets; every
// expected figure is worked out by hand in the comments (or by scipy where a distribution is
// needed), never with the code under test.
import {describe, expect, it} from "vitest";
import {compareDyad, compareTriad, MIN_GROUP, type DyadAnswer} from "../lib/methods/signifier-groups.js";
import type {TriadAnswer} from "../lib/methods/triad-summary.js";
import type {HotellingResult, PermutationGroupResult} from "../lib/methods/groups.js";
import type {MannWhitneyResult, KruskalWallisResult} from "../lib/methods/ranktests.js";

/**
 * A triad answer (in percent, as a platform exports it) whose ilr coordinates are exactly (z1, z2):
 * methods.md's inverse, ln x1 = z1/sqrt(2) + sqrt(3/2) z2, ln x2 = -z1/sqrt(2) + sqrt(3/2) z2,
 * ln x3 = 0, closed. Lets the Hotelling arithmetic below be done on round numbers.
 */
function atIlr(story_id: string, z1: number, z2: number): TriadAnswer {
  const x1 = Math.exp(z1 / Math.SQRT2 + Math.sqrt(1.5) * z2);
  const x2 = Math.exp(-z1 / Math.SQRT2 + Math.sqrt(1.5) * z2);
  const sum = x1 + x2 + 1;
  return {story_id, status: "answered", top: (100 * x1) / sum, left: (100 * x2) / sum, right: 100 / sum};
}
const answered = (story_id: string, top: number, left: number, right: number): TriadAnswer => ({story_id, status: "answered", top, left, right});
const na = (story_id: string): TriadAnswer => ({story_id, status: "na", top: null, left: null, right: null});
const skipped = (story_id: string): TriadAnswer => ({story_id, status: "skipped", top: null, left: null, right: null});
const expectPercent = (got: {top: number; left: number; right: number} | null, want: [number, number, number], digits = 9) => {
  expect(got).not.toBeNull();
  expect(got!.top).toBeCloseTo(want[0], digits);
  expect(got!.left).toBeCloseTo(want[1], digits);
  expect(got!.right).toBeCloseTo(want[2], digits);
};

// Group A: a square of side 0.2 in ilr space around (0.1, 0.1); group B the same square moved by
// (0.3, 0.1), group C moved by (0, 0.3).
const square = (prefix: string, dz1: number, dz2: number) =>
  [[0, 0], [0.2, 0], [0, 0.2], [0.2, 0.2]].map(([a, b], i) => atIlr(`${prefix}${i + 1}`, a + dz1, b + dz2));
const A = square("a", 0, 0);
const B = square("b", 0.3, 0.1);
const C = square("c", 0, 0.3);

describe("compareTriad", () => {
  const answers: TriadAnswer[] = [
    ...A, na("a5"), skipped("a6"), {story_id: "a7", status: "answered", top: null, left: 30, right: 70}, // answered without parts: skipped
    ...B, na("b5"),
    answered("x1", 20, 30, 50), na("x2") // no group: one answered dot "without group", the N/A is not counted
  ];
  const groupOf = new Map([...["a1", "a2", "a3", "a4", "a5", "a6", "a7"].map((s) => [s, "A"] as const), ...["b1", "b2", "b3", "b4", "b5"].map((s) => [s, "B"] as const)]);

  it("counts answered, N/A and skipped per group, and the answers without a group", () => {
    const r = compareTriad("t1", answers, groupOf, ["B", "A"]);
    expect(r.signifier_id).toBe("t1");
    // The order given wins: B first.
    expect(r.groups.map((g) => [g.group, g.n, g.n_na, g.n_skipped, g.small])).toEqual([
      ["B", 4, 1, 0, true], ["A", 4, 1, 2, true]
    ]);
    expect(r.n_without_group).toBe(1);
    expect(MIN_GROUP).toBe(20); // methods.md: skip (here: flag) groups smaller than 20
    expect(compareTriad("t1", answers, groupOf, ["A", "B"], {minGroup: 4}).groups.map((g) => g.small)).toEqual([false, false]);
    expect(r.zero_policy).toMatch(/0,5%/);
  });

  it("gives the closed geometric mean as the centre and Hotelling T^2 for two groups", () => {
    const r = compareTriad("t1", answers, groupOf, ["A", "B"]);
    // Centre of A: mean ilr (0.1, 0.1); of B: (0.4, 0.2). Back to parts by methods.md's inverse.
    const back = (z1: number, z2: number): [number, number, number] => {
      const a = atIlr("", z1, z2);
      return [a.top!, a.left!, a.right!];
    };
    expectPercent(r.groups[0].geometric_mean, back(0.1, 0.1));
    expectPercent(r.groups[1].geometric_mean, back(0.4, 0.2));
    // Hotelling on ilr: each square has deviations (+-0.1, +-0.1), scatter [[0.04, 0], [0, 0.04]];
    // Sp = (0.04 + 0.04) / (4 + 4 - 2) I = 0.04/3 I; d = (0.1 - 0.4, 0.1 - 0.2) = (-0.3, -0.1);
    // d' Sp^-1 d = (0.09 + 0.01) x 3 / 0.04 = 7.5; T^2 = 4 x 4 / 8 x 7.5 = 15;
    // F = (8 - 2 - 1) / (2 x 6) x 15 = 6.25 on (2, 5); for df1 = 2, P(F > f) = (1 + 2f/df2)^(-df2/2)
    // = 3.5^-2.5 = 0.0436345 (scipy f.sf(6.25, 2, 5) = 0.043634488475497855).
    const t = r.test as HotellingResult;
    expect(t.test).toBe("hotelling-t2");
    expect(t.n).toEqual([4, 4]);
    expect(t.t2).toBeCloseTo(15, 9);
    expect(t.f).toBeCloseTo(6.25, 9);
    expect([t.df1, t.df2]).toEqual([2, 5]);
    expect(t.p).toBeCloseTo(3.5 ** -2.5, 9);
    // Aitchison distance = |(0.1, 0.1) - (0.4, 0.2)| = sqrt(0.09 + 0.01) = 0.316228.
    expect(t.distance).toBeCloseTo(Math.sqrt(0.1), 9);
    expect(r.test_groups).toEqual(["A", "B"]);
  });

  it("computes the geometric mean after replacing zero parts, the arithmetic mean from the raw answers", () => {
    const r = compareTriad("t1", [answered("z1", 100, 0, 0), answered("z2", 25, 50, 25)], new Map([["z1", "Z"], ["z2", "Z"]]), ["Z"]);
    // (1, 0, 0) -> (0.99, 0.005, 0.005) (delta 0.005; the other part scaled by 1 - 2 x 0.005).
    // Part-wise geometric means: sqrt(0.99 x 0.25) = 0.4974937, sqrt(0.005 x 0.5) = 0.05,
    // sqrt(0.005 x 0.25) = 0.0353553; sum 0.5828490 -> 85.3555%, 8.5786%, 6.0660%
    // (numpy: 85.35549849, 8.57855037, 6.06595114).
    expectPercent(r.groups[0].geometric_mean, [85.35549849, 8.57855037, 6.06595114], 6);
    // Arithmetic: ((100 + 25)/2, (0 + 50)/2, (0 + 25)/2) = (62.5, 25, 12.5).
    expectPercent(r.groups[0].arithmetic_mean, [62.5, 25, 12.5]);
    expect(r.test).toBeNull(); // one group: nothing to compare
    expect(r.test_groups).toEqual([]);
  });

  it("keeps a group of only N/A answers visible with n = 0 and leaves it out of the test", () => {
    const groups = new Map([...groupOf, ["e1", "E"], ["e2", "E"]]);
    const r = compareTriad("t1", [...answers, na("e1"), skipped("e2")], groups, ["A", "B", "E"]);
    expect(r.groups.find((g) => g.group === "E")).toMatchObject({n: 0, n_na: 1, n_skipped: 1, geometric_mean: null, arithmetic_mean: null});
    expect(r.test_groups).toEqual(["A", "B"]);
    expect(r.test?.test).toBe("hotelling-t2"); // still two groups with answers
  });

  it("lists no tested groups when two groups have answers but too few for a test", () => {
    // A: one answer, B: two; Hotelling needs n1 + n2 - p - 1 >= 1, here 3 - 2 - 1 = 0: no test.
    const r = compareTriad("t1", [A[0], B[0], B[1]], groupOf, ["A", "B"]);
    expect(r.groups.map((g) => [g.group, g.n])).toEqual([["A", 1], ["B", 2]]);
    expect(r.test).toBeNull();
    expect(r.test_groups).toEqual([]);
  });

  it("uses the permutation statistic (N - k) tr(W^-1 B) for three groups", () => {
    const groups = new Map([...groupOf, ...C.map((c) => [c.story_id, "C"] as const)]);
    const r = compareTriad("t1", [...answers, ...C], groups, ["A", "B", "C"], {permutation: {seed: 1, permutations: 199}});
    // Centres (0.1, 0.1), (0.4, 0.2), (0.1, 0.4); grand mean (0.2, 0.23333). W = 3 x 0.04 I = 0.12 I.
    // tr(B) = 4 x [(0.1^2 + 0.13333^2) + (0.2^2 + 0.03333^2) + (0.1^2 + 0.16667^2)] = 4 x 0.106667 = 0.426667;
    // tr(W^-1 B) = 0.426667 / 0.12 = 3.55556; x (12 - 3) = 32.
    const t = r.test as PermutationGroupResult;
    expect(t.test).toBe("permutation-lawley-hotelling");
    expect(t.n).toEqual([4, 4, 4]);
    expect(t.statistic).toBeCloseTo(32, 9);
    // Largest distance between centres: B-C = sqrt(0.3^2 + 0.2^2) = 0.360555.
    expect(t.distance).toBeCloseTo(Math.sqrt(0.13), 9);
    expect(t.permutations).toBe(199);
    expect(r.test_groups).toEqual(["A", "B", "C"]);
  });
});

describe("compareDyad", () => {
  const dyad = (story_id: string, position: number | null, status = "answered"): DyadAnswer => ({story_id, status, position});

  it("counts, clamps and takes the median per group; Mann-Whitney for two groups", () => {
    const answers = [
      dyad("a1", 0.1), dyad("a2", 0.4), dyad("a3", 0.4), dyad("a4", 0.9), dyad("a5", null, "na"), dyad("a6", null, "skipped"),
      dyad("a7", null), // answered without a position: skipped
      dyad("b1", 0.2), dyad("b2", 0.6), dyad("b3", 0.8),
      dyad("x1", 0.5), dyad("x2", null, "na") // no group
    ];
    const groupOf = new Map<string, string>([["a1", "A"], ["a2", "A"], ["a3", "A"], ["a4", "A"], ["a5", "A"], ["a6", "A"], ["a7", "A"], ["b1", "B"], ["b2", "B"], ["b3", "B"]]);
    const r = compareDyad("d1", answers, groupOf, ["A", "B"], {minGroup: 4});
    // A: 0.1 0.4 0.4 0.9 -> median (0.4 + 0.4) / 2 = 0.4; B: 0.2 0.6 0.8 -> 0.6.
    expect(r.groups).toEqual([
      {group: "A", n: 4, n_na: 1, n_skipped: 2, small: false, median: 0.4},
      {group: "B", n: 3, n_na: 0, n_skipped: 0, small: true, median: 0.6}
    ]);
    expect(r.n_without_group).toBe(1);
    // U of A = pairs (a, b) with a > b: 0.1 -> 0; 0.4 > 0.2 twice -> 2; 0.9 > all three -> 3; U = 5.
    // Rank-biserial 2 x 5 / 12 - 1 = -1/6. Ties: two 0.4s, sum t^3 - t = 6; N = 7;
    // sigma^2 = 12/12 x (8 - 6 / 42) = 7.857143; z = -(|5 - 6| - 0.5) / sqrt(7.857143) = -0.178377.
    // scipy mannwhitneyu(asymptotic, continuity) p = 0.8584272902604018.
    const t = r.test as MannWhitneyResult;
    expect(t.test).toBe("mann-whitney");
    expect(t.u).toBe(5);
    expect(t.rankBiserial).toBeCloseTo(-1 / 6, 12);
    expect(t.z).toBeCloseTo(-0.5 / Math.sqrt(8 - 1 / 7), 12);
    expect(t.p).toBeCloseTo(0.8584272902604018, 9);
    expect(r.test_groups).toEqual(["A", "B"]);
  });

  it("uses Kruskal-Wallis for three groups, with positions outside 0..1 clamped", () => {
    const answers = [dyad("a1", -0.3), dyad("a2", 0.2), dyad("b1", 0.3), dyad("b2", 0.5), dyad("c1", 0.5), dyad("c2", 0.9), dyad("c3", 1.2)];
    const groupOf = new Map(answers.map((a) => [a.story_id, a.story_id[0].toUpperCase()]));
    const r = compareDyad("d1", answers, groupOf, ["A", "B", "C"]);
    // -0.3 -> 0 and 1.2 -> 1 (a dot just outside the line). A: (0 + 0.2) / 2 = 0.1; B: (0.3 + 0.5) / 2 = 0.4;
    // C: 0.5 0.9 1 -> 0.9.
    [0.1, 0.4, 0.9].forEach((m, i) => expect(r.groups[i].median).toBeCloseTo(m, 12));
    // Ranks 0:1 0.2:2 0.3:3 0.5:4.5 0.5:4.5 0.9:6 1:7; R = 3, 7.5, 17.5.
    // H = [12 / (7 x 8) x (9/2 + 56.25/2 + 306.25/3) - 24] / (1 - 6/336) = 4.866071 / 0.982143 = 4.954545;
    // p (chi-square, 2 df) = exp(-H/2) = 0.083972 (scipy kruskal([0, 0.2], [0.3, 0.5], [0.5, 0.9, 1]):
    // 4.95454545454545, 0.08397192793251768).
    const t = r.test as KruskalWallisResult;
    expect(t.test).toBe("kruskal-wallis");
    expect(t.h).toBeCloseTo(4.95454545454545, 9);
    expect(t.df).toBe(2);
    expect(t.p).toBeCloseTo(0.08397192793251768, 9);
  });

  it("lists labels outside the order after it, sorted, and has no test when it cannot rank", () => {
    const answers = [dyad("s1", 0.5), dyad("s2", 0.5), dyad("s3", 0.5), dyad("s4", null, "na")];
    const groupOf = new Map([["s1", "z"], ["s2", "y"], ["s3", "x"], ["s4", "w"]]);
    const r = compareDyad("d1", answers, groupOf, ["y"]);
    expect(r.groups.map((g) => g.group)).toEqual(["y", "w", "x", "z"]);
    expect(r.groups[1]).toMatchObject({n: 0, n_na: 1, median: null});
    // w has no answers: left out of the test; x, y, z all at 0.5: no ranking, so no test, and so no
    // tested groups either (three groups had answers, but none was compared).
    expect(r.test).toBeNull();
    expect(r.test_groups).toEqual([]);
    // The same with two groups (Mann-Whitney): 0.5 against 0.5 has no variance.
    const two = compareDyad("d1", answers.slice(0, 2), groupOf, ["y", "z"]);
    expect(two.groups.map((g) => g.n)).toEqual([1, 1]);
    expect([two.test, two.test_groups]).toEqual([null, []]);
  });

  it("has no test with a single answered group, and no groups without answers", () => {
    const r = compareDyad("d1", [dyad("s1", 0.3), dyad("s2", null, "na")], new Map([["s1", "A"], ["s2", "B"]]), ["A", "B"]);
    expect(r.test).toBeNull();
    expect(r.test_groups).toEqual([]);
    expect(compareDyad("d1", [], new Map(), ["A"])).toEqual({signifier_id: "d1", groups: [], n_without_group: 0, test: null, test_groups: []});
  });
});
