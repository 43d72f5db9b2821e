import {describe, expect, it} from "vitest";
import {geometricMean, type Composition} from "../lib/methods/compositional.js";
import {hotellingTwoSample, permutationGroupTest, triadGroupTest} from "../lib/methods/groups.js";

// Reference data (top, left, right). g1 leans to the top, g2 sits near the centre, g3 leans right.
const g1: Composition[] = [
  [0.50, 0.30, 0.20], [0.62, 0.18, 0.20], [0.41, 0.37, 0.22], [0.55, 0.25, 0.20],
  [0.70, 0.12, 0.18], [0.45, 0.30, 0.25], [0.58, 0.22, 0.20], [0.48, 0.27, 0.25]
];
const g2: Composition[] = [
  [0.30, 0.40, 0.30], [0.25, 0.45, 0.30], [0.35, 0.30, 0.35], [0.20, 0.50, 0.30],
  [0.33, 0.33, 0.34], [0.28, 0.37, 0.35], [0.40, 0.35, 0.25]
];
const g3: Composition[] = [
  [0.2, 0.2, 0.6], [0.15, 0.25, 0.6], [0.3, 0.2, 0.5], [0.25, 0.15, 0.6], [0.2, 0.3, 0.5], [0.22, 0.18, 0.6]
];
// Overlapping groups: ilr-normal draws (numpy default_rng(7), sd 0.5, centres (0,0), (0.25,0), (0,0.3)),
// rounded to two decimals.
const h1: Composition[] = [[0.35, 0.35, 0.3], [0.24, 0.3, 0.46], [0.22, 0.3, 0.48], [0.42, 0.4, 0.18], [0.24, 0.34, 0.42], [0.42, 0.3, 0.28], [0.28, 0.26, 0.46], [0.37, 0.38, 0.25], [0.17, 0.45, 0.38]];
const h2: Composition[] = [[0.14, 0.37, 0.49], [0.18, 0.47, 0.35], [0.26, 0.45, 0.29], [0.4, 0.25, 0.35], [0.13, 0.52, 0.35], [0.4, 0.29, 0.31], [0.2, 0.41, 0.39], [0.23, 0.32, 0.45]];
const h3: Composition[] = [[0.44, 0.21, 0.35], [0.41, 0.42, 0.17], [0.29, 0.44, 0.27], [0.39, 0.36, 0.25], [0.23, 0.54, 0.23], [0.4, 0.15, 0.45], [0.5, 0.27, 0.23], [0.35, 0.56, 0.09], [0.37, 0.22, 0.41], [0.41, 0.39, 0.2]];

const reorder = (x: Composition): Composition => [x[1], x[2], x[0]];
const perturb = (x: Composition): Composition => [x[0] * 0.2, x[1] * 0.5, x[2] * 0.3];

describe("Hotelling T^2 on ilr", () => {
  it("matches numpy/scipy for g1 vs g2", () => {
    // numpy 2.4 by formula: d = mean ilr difference, Sp pooled covariance, T2 = n1 n2/N d' Sp^-1 d,
    // F = (N-p-1)/(p(N-2)) T2; scipy 1.17 f.sf(F, 2, 12).
    const result = hotellingTwoSample(g1, g2)!;
    expect(result.test).toBe("hotelling-t2");
    expect(result.n).toEqual([8, 7]);
    expect(result.t2).toBeCloseTo(55.761721505983914, 9);
    expect(result.f).toBeCloseTo(25.73617915660796, 9);
    expect(result.df1).toBe(2);
    expect(result.df2).toBe(12);
    expect(result.p).toBeCloseTo(4.566460101340236e-05, 12);
    expect(result.p / 4.566460101340236e-05).toBeCloseTo(1, 6);
    // numpy: ||ilr(geomean(g1)) - ilr(geomean(g2))||.
    expect(result.distance).toBeCloseTo(0.826413199547575, 12);
    result.centres[0].forEach((part, i) => expect(part).toBeCloseTo(geometricMean(g1)[i], 14));
    result.centres[1].forEach((part, i) => expect(part).toBeCloseTo(geometricMean(g2)[i], 14));
  });
  it("does not depend on group order, part order, or a common perturbation", () => {
    const t2 = hotellingTwoSample(g1, g2)!.t2;
    expect(hotellingTwoSample(g2, g1)!.t2).toBeCloseTo(t2, 9);
    // Reordering parts is an orthogonal map of ilr space; perturbation is a translation.
    expect(hotellingTwoSample(g1.map(reorder), g2.map(reorder))!.t2).toBeCloseTo(t2, 9);
    expect(hotellingTwoSample(g1.map(perturb), g2.map(perturb))!.t2).toBeCloseTo(t2, 9);
  });
  it("gives T^2 = 0 and p = 1 for two copies of the same group", () => {
    const result = hotellingTwoSample(g1, g1)!;
    expect(result.t2).toBeCloseTo(0, 12);
    expect(result.p).toBeCloseTo(1, 12);
    expect(result.distance).toBeCloseTo(0, 12);
  });
  it("is null when it cannot be computed", () => {
    expect(hotellingTwoSample(g1.slice(0, 2), g2.slice(0, 1))).toBeNull(); // N - p - 1 = 0
    const spot: Composition[] = [[0.5, 0.3, 0.2], [0.5, 0.3, 0.2], [0.5, 0.3, 0.2]];
    expect(hotellingTwoSample(spot, spot.map(perturb))).toBeNull(); // singular pooled covariance
  });
  it("rejects empty groups and zero parts", () => {
    expect(() => hotellingTwoSample([], g2)).toThrow(RangeError);
    expect(() => hotellingTwoSample([...g1, [0.5, 0.5, 0]], g2)).toThrow(/zero policy/);
  });
});

describe("permutation test of the Lawley-Hotelling trace", () => {
  it("uses a statistic that equals Hotelling's T^2 for two groups", () => {
    // numpy 2.4: (N - k) trace(W^-1 B) for [g1, g2] = 55.761721505983914 (= T^2 above).
    expect(permutationGroupTest([g1, g2], {permutations: 99})!.statistic).toBeCloseTo(55.761721505983914, 9);
  });
  it("matches numpy's (N - k) tr(W^-1 B) for three groups", () => {
    const result = permutationGroupTest([g1, g2, g3], {permutations: 999})!;
    expect(result.test).toBe("permutation-lawley-hotelling");
    expect(result.statistic).toBeCloseTo(325.025118188778, 8);
    expect(result.n).toEqual([8, 7, 6]);
    // Clearly separated groups: no relabelling comes close.
    expect(result.p).toBe(1 / 1000);
  });
  it("agrees with an independent permutation estimate for overlapping groups", () => {
    // numpy 2.4: statistic 14.754148522691663; p from 200,000 permutations (default_rng(123)) = 0.020495.
    const result = permutationGroupTest([h1, h2, h3])!;
    expect(result.statistic).toBeCloseTo(14.754148522691663, 9);
    expect(result.permutations).toBe(9999);
    expect(result.seed).toBe(1);
    // Monte Carlo SE at 9999 permutations is about 0.0014; allow 4 SE.
    expect(Math.abs(result.p - 0.020495)).toBeLessThan(0.006);
  });
  it("is reproducible with a seed and varies only by Monte Carlo error with another", () => {
    const a = permutationGroupTest([h1, h2, h3], {permutations: 2000, seed: 7})!;
    const b = permutationGroupTest([h1, h2, h3], {permutations: 2000, seed: 7})!;
    const c = permutationGroupTest([h1, h2, h3], {permutations: 2000, seed: 8})!;
    expect(b.p).toBe(a.p);
    expect(c.seed).toBe(8);
    expect(Math.abs(c.p - a.p)).toBeLessThan(0.02);
  });
  it("gives p = 1 when the groups have the same centre", () => {
    // Identical groups: B = 0, so every relabelling is at least as extreme.
    expect(permutationGroupTest([g1, g1, g1], {permutations: 199})!.p).toBe(1);
  });
  it("reports centres and all pairwise Aitchison distances", () => {
    const result = permutationGroupTest([g1, g2, g3], {permutations: 9})!;
    const d = result.distances;
    expect(d[0][1]).toBeCloseTo(0.826413199547575, 12); // as in the Hotelling case (numpy)
    for (let i = 0; i < 3; i++) {
      expect(d[i][i]).toBe(0);
      for (let j = 0; j < 3; j++) expect(d[i][j]).toBeCloseTo(d[j][i], 14);
    }
    expect(result.distance).toBe(Math.max(d[0][1], d[0][2], d[1][2]));
    result.centres[2].forEach((part, i) => expect(part).toBeCloseTo(geometricMean(g3)[i], 14));
  });
  it("rejects one group and returns null when all answers lie on one line", () => {
    expect(() => permutationGroupTest([g1])).toThrow(RangeError);
    const line: Composition[] = [[0.2, 0.2, 0.6], [0.3, 0.3, 0.4], [0.4, 0.4, 0.2], [0.25, 0.25, 0.5]];
    expect(permutationGroupTest([line, line.slice(0, 2), line.slice(1)])).toBeNull();
  });
});

describe("triadGroupTest", () => {
  it("uses Hotelling for two groups and the permutation test for more", () => {
    expect(triadGroupTest([g1, g2])!.test).toBe("hotelling-t2");
    expect(triadGroupTest([g1, g2, g3], {permutations: 9})!.test).toBe("permutation-lawley-hotelling");
  });
});
