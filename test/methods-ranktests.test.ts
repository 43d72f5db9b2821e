import {describe, expect, it} from "vitest";
import {dyadGroupTest, kruskalWallis, mannWhitney, midRanks} from "../lib/methods/ranktests.js";

// Dyad positions (0 = left pole, 1 = right pole) with ties within and across groups.
const x = [0.1, 0.2, 0.2, 0.35, 0.5, 0.5, 0.5, 0.8];
const y = [0.3, 0.5, 0.6, 0.6, 0.7, 0.9, 0.95];
const w = [0.05, 0.1, 0.2, 0.4, 0.45];
// Without ties.
const a = [1.2, 3.4, 2.2, 5.1, 0.7];
const b = [2.5, 4.4, 6.0, 3.9];

describe("mid-ranks", () => {
  it("match scipy.stats.rankdata (average method) and list tie sizes", () => {
    // scipy 1.17 rankdata(x + y).
    const {ranks, ties} = midRanks([...x, ...y]);
    expect(ranks).toEqual([1, 2.5, 2.5, 5, 7.5, 7.5, 7.5, 13, 4, 7.5, 10.5, 10.5, 12, 14, 15]);
    expect(ties.sort()).toEqual([2, 2, 4]);
  });

  it("equal the definition on many tied values, and count -0 and 0 as one value", () => {
    // By definition: rank = (values below) + (values equal + 1) / 2, counted pair by pair.
    let seed = 7;
    const next = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const values = Array.from({length: 400}, () => Math.round(next() * 20) / 20);
    const byDefinition = values.map((v) => values.filter((w) => w < v).length + (values.filter((w) => w === v).length + 1) / 2);
    expect(midRanks(values).ranks).toEqual(byDefinition);
    expect(midRanks([0, -0, 1])).toEqual({ranks: [1.5, 1.5, 3], ties: [2]});
  });
});

describe("Kruskal-Wallis", () => {
  it("matches scipy for three groups with ties", () => {
    // scipy 1.17 kruskal(x, y, w): H = 8.345292454881497, p = 0.015411423983834913.
    const result = kruskalWallis([x, y, w])!;
    expect(result.test).toBe("kruskal-wallis");
    expect(result.h).toBeCloseTo(8.345292454881497, 11);
    expect(result.df).toBe(2);
    expect(result.p).toBeCloseTo(0.015411423983834913, 12);
    expect(result.n).toEqual([8, 7, 5]);
    expect(result.epsilonSquared).toBeCloseTo(8.345292454881497 / 19, 11);
  });
  it("matches scipy for two groups, with and without ties", () => {
    // scipy 1.17 kruskal(x, y): 4.1913777372262775, 0.0406300650923773; kruskal(a, b): 2.16, 0.14164469029513294.
    expect(kruskalWallis([x, y])!.h).toBeCloseTo(4.1913777372262775, 11);
    expect(kruskalWallis([x, y])!.p).toBeCloseTo(0.0406300650923773, 12);
    expect(kruskalWallis([a, b])!.h).toBeCloseTo(2.16, 11);
    expect(kruskalWallis([a, b])!.p).toBeCloseTo(0.14164469029513294, 12);
  });
  it("is null when every value is the same, and rejects empty or single groups", () => {
    expect(kruskalWallis([[0.5, 0.5], [0.5]])).toBeNull();
    expect(() => kruskalWallis([x])).toThrow(RangeError);
    expect(() => kruskalWallis([x, []])).toThrow(RangeError);
  });
});

describe("Mann-Whitney U", () => {
  it("matches scipy (asymptotic, tie and continuity correction) with ties", () => {
    // scipy 1.17 mannwhitneyu(x, y, use_continuity=True, alternative='two-sided', method='asymptotic'):
    // U = 10.5, p = 0.04672421193337253.
    const result = mannWhitney(x, y)!;
    expect(result.test).toBe("mann-whitney");
    expect(result.u).toBe(10.5);
    expect(result.p).toBeCloseTo(0.04672421193337253, 12);
    expect(result.z).toBeLessThan(0); // x tends to lie left of y
    // Rank-biserial by hand: 2 U / (n1 n2) - 1 = 21/56 - 1 = -0.625.
    expect(result.rankBiserial).toBeCloseTo(-0.625, 15);
  });
  it("is symmetric: swapping the groups flips U, z and r but not p", () => {
    // scipy: mannwhitneyu(y, x) gives U = 45.5 and the same p.
    const result = mannWhitney(y, x)!;
    expect(result.u).toBe(45.5);
    expect(result.p).toBeCloseTo(0.04672421193337253, 12);
    expect(result.z).toBeCloseTo(-mannWhitney(x, y)!.z, 14);
    expect(result.rankBiserial).toBeCloseTo(0.625, 15);
  });
  it("matches scipy without ties", () => {
    // scipy 1.17 mannwhitneyu(a, b, ...asymptotic): U = 4, p = 0.17790959498698244.
    const result = mannWhitney(a, b)!;
    expect(result.u).toBe(4);
    expect(result.p).toBeCloseTo(0.17790959498698244, 12);
  });
  it("gives p = 1 when U is within the continuity correction of its mean", () => {
    // [1, 4] vs [2, 3]: U = 2 = n1 n2 / 2 (by hand).
    const result = mannWhitney([1, 4], [2, 3])!;
    expect(result.u).toBe(2);
    expect(result.z).toBe(0);
    expect(result.p).toBe(1);
    expect(result.rankBiserial).toBe(0);
  });
  it("gives r = -1 or 1 for complete separation", () => {
    expect(mannWhitney([1, 2, 3], [4, 5])!.rankBiserial).toBe(-1);
    expect(mannWhitney([4, 5], [1, 2, 3])!.rankBiserial).toBe(1);
  });
  it("is null when all values are tied", () => {
    expect(mannWhitney([0.5, 0.5], [0.5])).toBeNull();
  });
});

describe("dyadGroupTest", () => {
  it("uses Mann-Whitney for two groups and Kruskal-Wallis for more", () => {
    expect(dyadGroupTest([x, y])!.test).toBe("mann-whitney");
    expect(dyadGroupTest([x, y, w])!.test).toBe("kruskal-wallis");
  });
});
