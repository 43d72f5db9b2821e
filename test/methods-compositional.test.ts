import {describe, expect, it} from "vitest";
import {randomLcg, randomNormal} from "d3";
import {
  aitchisonDistance, applyZeroPolicy, arithmeticMean, clampAndClose, close, confidenceRegion,
  DEFAULT_ZERO_POLICY, describeZeroPolicy, ellipsePolygon, geometricMean, hasZeroPart, ilr, ilrInverse,
  replaceZeros, spreadRegion, summariseIlr, toCartesian,
  type Composition, type IlrPoint, type IlrSummary
} from "../lib/methods/compositional.js";

// Group g1 of the reference data used across the methods tests (triad answers as top, left, right).
const g1: Composition[] = [
  [0.50, 0.30, 0.20], [0.62, 0.18, 0.20], [0.41, 0.37, 0.22], [0.55, 0.25, 0.20],
  [0.70, 0.12, 0.18], [0.45, 0.30, 0.25], [0.58, 0.22, 0.20], [0.48, 0.27, 0.25]
];

function expectAllClose(actual: readonly number[], expected: readonly number[], digits = 12): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, i) => expect(a).toBeCloseTo(expected[i], digits));
}

/** Random strictly positive compositions, some close to an edge or corner. */
function randomCompositions(count: number, seed: number): Composition[] {
  const random = randomLcg(seed);
  return Array.from({length: count}, () => {
    const raw = [random(), random(), random()].map((u) => Math.exp(8 * u - 6));
    return [raw[0], raw[1], raw[2]];
  });
}

/** clr(x) = ln x - mean(ln x): an isometry independent of the ilr formulas under test. */
function clr(x: Composition): number[] {
  const logs = x.map(Math.log);
  const mean = (logs[0] + logs[1] + logs[2]) / 3;
  return logs.map((l) => l - mean);
}

function insidePolygon(point: IlrPoint, polygon: readonly IlrPoint[]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i];
    const [xj, yj] = polygon[j];
    if (yi > point[1] !== yj > point[1] && point[0] < ((xj - xi) * (point[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

describe("closure", () => {
  it("divides by the sum", () => {
    expectAllClose(close([2, 3, 5]), [0.2, 0.3, 0.5], 15);
    expectAllClose(close([60, 20, 20]), [0.6, 0.2, 0.2], 15);
  });
  it("rejects negative, non-finite and all-zero parts", () => {
    expect(() => close([-0.1, 0.6, 0.5])).toThrow(RangeError);
    expect(() => close([Number.NaN, 0.5, 0.5])).toThrow(RangeError);
    expect(() => close([0, 0, 0])).toThrow(RangeError);
  });
  it("clamps a slightly negative part to 0 and re-closes", () => {
    // (-0.01, 0.51, 0.5) -> (0, 0.51, 0.5) / 1.01, by hand.
    expectAllClose(clampAndClose([-0.01, 0.51, 0.5]), [0, 0.51 / 1.01, 0.5 / 1.01], 15);
  });
});

describe("ilr", () => {
  it("matches numpy for (0.2, 0.3, 0.5)", () => {
    // numpy 2.4: [log(x1/x2)/sqrt(2), sqrt(2/3)*log(sqrt(x1*x2)/x3)] for x = (0.2, 0.3, 0.5).
    expectAllClose(ilr([0.2, 0.3, 0.5]), [-0.2867071274778195, -0.5826178124831078], 14);
  });
  it("is (0, 0) at the centre and matches a hand-worked case", () => {
    expectAllClose(ilr([1 / 3, 1 / 3, 1 / 3]), [0, 0], 15);
    // (1/2, 1/4, 1/4): z1 = ln 2 / sqrt 2; z2 = sqrt(2/3) ln(sqrt(1/8) / (1/4)) = sqrt(2/3) ln(2)/2.
    expectAllClose(ilr([0.5, 0.25, 0.25]), [Math.LN2 / Math.SQRT2, (Math.sqrt(2 / 3) * Math.LN2) / 2], 15);
  });
  it("is invariant to closure (scaling all parts)", () => {
    for (const x of randomCompositions(50, 11)) {
      expectAllClose(ilr([x[0] * 37, x[1] * 37, x[2] * 37]), ilr(x), 10);
    }
  });
  it("round-trips through its inverse, both ways", () => {
    for (const x of randomCompositions(200, 3)) expectAllClose(ilrInverse(ilr(x)), close(x), 12);
    const random = randomLcg(5);
    for (let i = 0; i < 200; i++) {
      const z: IlrPoint = [(random() - 0.5) * 30, (random() - 0.5) * 30];
      expectAllClose(ilr(ilrInverse(z)), z, 8);
    }
  });
  it("maps the origin back to the centre and far points to positive closed parts", () => {
    expectAllClose(ilrInverse([0, 0]), [1 / 3, 1 / 3, 1 / 3], 15);
    const far = ilrInverse([800, -800]);
    expect(far.every((part) => part >= 0 && Number.isFinite(part))).toBe(true);
    expect(far[0] + far[1] + far[2]).toBeCloseTo(1, 15);
  });
  it("refuses a zero part", () => {
    expect(() => ilr([0.5, 0.5, 0])).toThrow(/zero policy/);
  });
  it("is an isometry: the Aitchison distance equals the clr distance", () => {
    const xs = randomCompositions(40, 21);
    for (let i = 1; i < xs.length; i++) {
      const a = clr(xs[i - 1]);
      const b = clr(xs[i]);
      expect(aitchisonDistance(xs[i - 1], xs[i])).toBeCloseTo(Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]), 10);
    }
  });
});

describe("means", () => {
  it("geometric mean matches numpy's closed exp(mean(log x)) for g1", () => {
    // numpy 2.4: g = exp(log(g1).mean(axis=0)); g / g.sum()
    expectAllClose(geometricMean(g1), [0.5401661509103849, 0.2441571335863258, 0.21567671550328932], 14);
  });
  it("geometric mean of two answers, by hand", () => {
    // (1/2, 1/4, 1/4) and (1/4, 1/2, 1/4): geometric means sqrt(1/8), sqrt(1/8), 1/4, then closed.
    const s = Math.sqrt(1 / 8);
    const total = 2 * s + 0.25;
    expectAllClose(geometricMean([[0.5, 0.25, 0.25], [0.25, 0.5, 0.25]]), [s / total, s / total, 0.25 / total], 14);
  });
  it("geometric mean of identical compositions is that composition", () => {
    for (const x of randomCompositions(20, 8)) expectAllClose(geometricMean([x, x, x, x]), close(x), 12);
  });
  it("geometric mean does not depend on how each answer was scaled", () => {
    const scaled = g1.map((x, i): Composition => [x[0] * (i + 1), x[1] * (i + 1), x[2] * (i + 1)]);
    expectAllClose(geometricMean(scaled), geometricMean(g1), 13);
  });
  it("arithmetic mean matches numpy's g1.mean(axis=0)", () => {
    expectAllClose(arithmeticMean(g1), [0.5362500000000001, 0.25125000000000003, 0.2125], 14);
  });
  it("arithmetic mean lies nearer the centre than the geometric mean for skewed data", () => {
    const skewed: Composition[] = [[0.9, 0.05, 0.05], [0.2, 0.4, 0.4]];
    expect(arithmeticMean(skewed)[0]).toBeLessThan(0.56);
    expect(geometricMean(skewed)[0]).toBeGreaterThan(arithmeticMean(skewed)[0]);
  });
});

describe("toCartesian", () => {
  it("puts the vertices where methods.md says", () => {
    expectAllClose(toCartesian([1, 0, 0]), [0.5, Math.sqrt(3) / 2], 15);
    expectAllClose(toCartesian([0, 1, 0]), [0, 0], 15);
    expectAllClose(toCartesian([0, 0, 1]), [1, 0], 15);
  });
  it("puts the centre at the centroid and an edge midpoint halfway", () => {
    expectAllClose(toCartesian([1, 1, 1]), [0.5, Math.sqrt(3) / 6], 15);
    // Midpoint of top (0.5, sqrt3/2) and right (1, 0): (0.75, sqrt3/4).
    expectAllClose(toCartesian([50, 0, 50]), [0.75, Math.sqrt(3) / 4], 15);
  });
});

describe("zero policy", () => {
  it("replaces zeros by delta and scales the rest by 1 - k delta", () => {
    expectAllClose(replaceZeros([1, 0, 0]), [0.99, 0.005, 0.005], 15);
    expectAllClose(replaceZeros([0.7, 0.3, 0]), [0.7 * 0.995, 0.3 * 0.995, 0.005], 15);
    expectAllClose(replaceZeros([0, 0.5, 0.5], 0.01), [0.01, 0.495, 0.495], 15);
  });
  it("treats parts below delta as zero, keeps the ratio of the others and stays closed", () => {
    const out = replaceZeros([0.996, 0.001, 0.003]);
    expectAllClose(out, [0.99, 0.005, 0.005], 14);
    const edge = replaceZeros([0.6, 0.398, 0.002]);
    expect(edge[0] / edge[1]).toBeCloseTo(0.6 / 0.398, 13);
    expect(edge[0] + edge[1] + edge[2]).toBeCloseTo(1, 15);
  });
  it("leaves answers without small parts unchanged (after closure)", () => {
    expectAllClose(replaceZeros([20, 30, 50]), [0.2, 0.3, 0.5], 15);
    expect(hasZeroPart([0.2, 0.3, 0.5])).toBe(false);
    expect(hasZeroPart([0.996, 0.004, 0])).toBe(true);
  });
  it("rejects a delta that leaves no room", () => {
    expect(() => replaceZeros([1, 0, 0], 0.4)).toThrow(RangeError);
    expect(() => replaceZeros([1, 0, 0], 0)).toThrow(RangeError);
  });
  it("applies the default policy to a group and counts replacements", () => {
    expect(DEFAULT_ZERO_POLICY).toEqual({kind: "replace", delta: 0.005});
    const result = applyZeroPolicy([[0.5, 0.5, 0], [0.2, 0.3, 0.5], [1, 0, 0]]);
    expect(result.replaced).toBe(2);
    expect(result.dropped).toBe(0);
    expect(result.kept).toEqual([0, 1, 2]);
    expectAllClose(result.compositions[0], [0.4975, 0.4975, 0.005], 15);
    expect(result.compositions.every((x) => x.every((part) => part > 0))).toBe(true);
  });
  it("drops answers with a zero part under the drop policy and keeps their indices straight", () => {
    const result = applyZeroPolicy([[0.5, 0.5, 0], [0.2, 0.3, 0.5], [1, 0, 0], [3, 3, 4]], {kind: "drop", delta: 0.005});
    expect(result.dropped).toBe(2);
    expect(result.replaced).toBe(0);
    expect(result.kept).toEqual([1, 3]);
    expectAllClose(result.compositions[1], [0.3, 0.3, 0.4], 15);
  });
  it("states the policy in Dutch with the delta", () => {
    expect(describeZeroPolicy()).toMatch(/0,5%.*vervangen|vervangen.*0,5%/);
    expect(describeZeroPolicy({kind: "drop", delta: 0.01})).toMatch(/1%.*weggelaten/);
  });
});

describe("ilr summary and regions", () => {
  // numpy 2.4 for g1: Z = ilr rows; Z.mean(0); np.cov(Z.T, ddof=1).
  const g1Mean = [0.5614885842578059, 0.4254468067133599];
  const g1Cov = [[0.13741747360014483, -0.0020076233304118], [-0.0020076233304118, 0.00760417577276343]];
  const det = g1Cov[0][0] * g1Cov[1][1] - g1Cov[0][1] ** 2;
  const g1CovInverse = [[g1Cov[1][1] / det, -g1Cov[0][1] / det], [-g1Cov[0][1] / det, g1Cov[0][0] / det]];
  const mahalanobis = (z: IlrPoint): number => {
    const d = [z[0] - g1Mean[0], z[1] - g1Mean[1]];
    return d[0] * (g1CovInverse[0][0] * d[0] + g1CovInverse[0][1] * d[1]) + d[1] * (g1CovInverse[1][0] * d[0] + g1CovInverse[1][1] * d[1]);
  };

  it("mean and covariance of ilr match numpy", () => {
    const summary = summariseIlr(g1);
    expect(summary.n).toBe(8);
    expectAllClose(summary.mean, g1Mean, 14);
    expectAllClose(summary.covariance!.flat(), g1Cov.flat(), 14);
    expectAllClose(summary.centre, geometricMean(g1), 14);
  });

  it("confidence region vertices lie on n (z - zbar)' S^-1 (z - zbar) = p(n-1)/(n-p) F(p, n-p; 0.95)", () => {
    // scipy 1.17: 2*7/6 * f.ppf(0.95, 2, 6) = 12.000923316164341.
    const region = confidenceRegion(summariseIlr(g1), 0.95, 60)!;
    expect(region.kind).toBe("confidence");
    expect(region.ilr).toHaveLength(60);
    for (const z of region.ilr) expect(8 * mahalanobis(z)).toBeCloseTo(12.000923316164341, 8);
  });

  it("spread region vertices lie on chi-square radii (50%: 2 ln 2, 90%: -2 ln 0.1)", () => {
    // scipy 1.17: chi2.ppf(0.5, 2) = 1.386294361119891, chi2.ppf(0.9, 2) = 4.605170185988092.
    const summary = summariseIlr(g1);
    for (const [level, radius] of [[0.5, 1.386294361119891], [0.9, 4.605170185988092]]) {
      const region = spreadRegion(summary, level)!;
      expect(region.kind).toBe("spread");
      for (const z of region.ilr) expect(mahalanobis(z)).toBeCloseTo(radius, 8);
    }
  });

  it("maps every region vertex to a closed composition inside the triangle, even near a corner", () => {
    const nearCorner = applyZeroPolicy([[0.98, 0.02, 0], [0.9, 0.05, 0.05], [1, 0, 0], [0.85, 0.1, 0.05], [0.95, 0, 0.05]]).compositions;
    for (const xs of [g1, nearCorner]) {
      const summary = summariseIlr(xs);
      const regions = [confidenceRegion(summary)!, spreadRegion(summary, 0.5)!, spreadRegion(summary, 0.9)!];
      for (const region of regions) {
        for (const x of region.simplex) {
          expect(x.every((part) => part > 0)).toBe(true);
          expect(x[0] + x[1] + x[2]).toBeCloseTo(1, 12);
          const [cx, cy] = toCartesian(x);
          expect(cy).toBeGreaterThanOrEqual(0);
          expect(cy).toBeLessThanOrEqual(Math.sqrt(3) * cx + 1e-12);
          expect(cy).toBeLessThanOrEqual(Math.sqrt(3) * (1 - cx) + 1e-12);
        }
      }
    }
  });

  it("confidence region shrinks with n by the F-based factor", () => {
    const base = summariseIlr(g1);
    const extent = (summary: IlrSummary) =>
      Math.max(...confidenceRegion(summary)!.ilr.map((z) => Math.hypot(z[0] - summary.mean[0], z[1] - summary.mean[1])));
    const small = extent(base);
    const large = extent({...base, n: 30});
    expect(large).toBeLessThan(small);
    // scipy 1.17: n=8 -> 12.000923316164341; n=30 -> 2*29/28*f.ppf(0.95,2,28) = 6.919370084921069.
    expect(large / small).toBeCloseTo(Math.sqrt(6.919370084921069 / 30 / (12.000923316164341 / 8)), 2);
  });

  it("is undefined for too few answers", () => {
    const two = summariseIlr(g1.slice(0, 2));
    expect(confidenceRegion(two)).toBeNull();
    expect(spreadRegion(two, 0.9)).not.toBeNull();
    const one = summariseIlr(g1.slice(0, 1));
    expect(one.covariance).toBeNull();
    expect(spreadRegion(one, 0.9)).toBeNull();
  });

  it("rejects a level outside (0, 1) and polygons with fewer than 3 points", () => {
    expect(() => spreadRegion(summariseIlr(g1), 1.5)).toThrow(RangeError);
    expect(() => ellipsePolygon([0, 0], [[1, 0], [0, 1]], 1, 2)).toThrow(RangeError);
  });

  it("spread region (90%) holds about 90% of normally distributed ilr points", () => {
    const normal = randomNormal.source(randomLcg(17));
    const z1 = normal(0.3, 0.6);
    const z2 = normal(-0.2, 0.3);
    const points: IlrPoint[] = Array.from({length: 4000}, () => {
      const a = z1();
      return [a, 0.5 * a + z2()];
    });
    const region = spreadRegion(summariseIlr(points.map(ilrInverse)), 0.9, 200)!;
    const share = points.filter((z) => insidePolygon(z, region.ilr)).length / points.length;
    // Binomial SE at n = 4000 is 0.0047; allow about 4 SE.
    expect(share).toBeGreaterThan(0.88);
    expect(share).toBeLessThan(0.92);
  });

  it("confidence region covers the true centre in about 95% of samples of 10 (F, not chi-square, radius)", () => {
    const normal = randomNormal.source(randomLcg(29));
    const z1 = normal(0, 0.5);
    const z2 = normal(0, 0.5);
    const truth: IlrPoint = [0, 0];
    let covered = 0;
    const samples = 600;
    for (let s = 0; s < samples; s++) {
      const xs = Array.from({length: 10}, () => ilrInverse([z1(), z2()]));
      if (insidePolygon(truth, confidenceRegion(summariseIlr(xs), 0.95, 120)!.ilr)) covered++;
    }
    // Expected 0.95 (SE 0.009); a chi-square radius would give about 0.87 at n = 10 (scipy: f.cdf(chi2.ppf(.95,2)/2.25, 2, 8)).
    expect(covered / samples).toBeGreaterThan(0.92);
    expect(covered / samples).toBeLessThan(0.98);
  });
});
