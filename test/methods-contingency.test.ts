import {describe, expect, it} from "vitest";
import {chiSquareIndependence, crossTabulate} from "../lib/methods/contingency.js";

describe("crossTabulate", () => {
  it("counts label pairs with sorted levels", () => {
    const table = crossTabulate(["b", "a", "a", "b", "a"], ["y", "x", "y", "y", "x"]);
    expect(table.rowLevels).toEqual(["a", "b"]);
    expect(table.colLevels).toEqual(["x", "y"]);
    expect(table.counts).toEqual([[2, 1], [0, 2]]);
  });
  it("rejects label lists of different length", () => {
    expect(() => crossTabulate(["a"], ["x", "y"])).toThrow(RangeError);
  });
});

describe("chi-square test of independence", () => {
  it("matches scipy when all expected counts are at least 5 (2 x 3)", () => {
    // scipy 1.17 chi2_contingency([[20,15,10],[10,25,30]], correction=False): 12.613960113960111, dof 2,
    // p 0.0018235318946350837, min expected 12.272727272727273; contingency.association(method='cramer') 0.3386330826608125.
    const result = chiSquareIndependence([[20, 15, 10], [10, 25, 30]])!;
    expect(result.chiSquare).toBeCloseTo(12.613960113960111, 11);
    expect(result.df).toBe(2);
    expect(result.pAsymptotic).toBeCloseTo(0.0018235318946350837, 13);
    expect(result.smallestExpected).toBeCloseTo(12.272727272727273, 12);
    expect(result.cramersV).toBeCloseTo(0.3386330826608125, 13);
    expect(result.method).toBe("asymptotic");
    expect(result.p).toBe(result.pAsymptotic);
    expect(result.pPermutation).toBeNull();
    expect(result.n).toBe(110);
  });
  it("matches scipy for a 3 x 4 table", () => {
    // scipy 1.17 chi2_contingency([[12,5,9,4],[7,11,3,10],[2,9,14,6]], correction=False): 19.151936665485053,
    // dof 6, p 0.003914584020562747; Cramer's V 0.322624568674518.
    const result = chiSquareIndependence([[12, 5, 9, 4], [7, 11, 3, 10], [2, 9, 14, 6]])!;
    expect(result.chiSquare).toBeCloseTo(19.151936665485053, 11);
    expect(result.df).toBe(6);
    expect(result.p).toBeCloseTo(0.003914584020562747, 13);
    expect(result.cramersV).toBeCloseTo(0.322624568674518, 13);
  });
  it("uses a permutation p-value when an expected count is below 5 (2 x 2, exact reference)", () => {
    // scipy 1.17: X^2 = 0.75, asymptotic p 0.3864762307712325, min expected 4. With both margins fixed the
    // permutation distribution is hypergeometric: exact p = 1 - hypergeom(24, 8, 12).pmf(4) = 0.6668461434917217.
    const result = chiSquareIndependence([[5, 7], [3, 9]])!;
    expect(result.chiSquare).toBeCloseTo(0.75, 13);
    expect(result.pAsymptotic).toBeCloseTo(0.3864762307712325, 13);
    expect(result.cramersV).toBeCloseTo(0.1767766952966369, 13);
    expect(result.method).toBe("permutation");
    expect(result.permutations).toBe(9999);
    expect(result.seed).toBe(1);
    expect(result.p).toBe(result.pPermutation);
    // Monte Carlo SE at 9999 permutations is 0.0047; allow 4 SE.
    expect(Math.abs(result.p - 0.6668461434917217)).toBeLessThan(0.019);
  });
  it("uses a permutation p-value for a sparse 3 x 3 table (independent estimate)", () => {
    // scipy 1.17 chi2_contingency([[3,1,0],[1,4,2],[0,2,5]], correction=False): 11.410714285714286, dof 4,
    // p 0.022316022463536856, min expected 0.888...; numpy permutation estimate (200,000 shuffles of the
    // column labels, default_rng(99)): p = 0.016960.
    const result = chiSquareIndependence([[3, 1, 0], [1, 4, 2], [0, 2, 5]])!;
    expect(result.chiSquare).toBeCloseTo(11.410714285714286, 11);
    expect(result.pAsymptotic).toBeCloseTo(0.022316022463536856, 13);
    expect(result.smallestExpected).toBeCloseTo(8 / 9, 13);
    expect(result.cramersV).toBeCloseTo(0.5629958132298017, 13);
    expect(result.method).toBe("permutation");
    // Monte Carlo SE about 0.0013; allow 4 SE.
    expect(Math.abs(result.p - 0.01696)).toBeLessThan(0.0055);
  });
  it("is reproducible for a given seed and honours the options", () => {
    const table = [[3, 1, 0], [1, 4, 2], [0, 2, 5]];
    const a = chiSquareIndependence(table, {permutations: 500, seed: 3})!;
    expect(chiSquareIndependence(table, {permutations: 500, seed: 3})!.p).toBe(a.p);
    expect(a.permutations).toBe(500);
    expect(a.p * 501).toBeCloseTo(Math.round(a.p * 501), 9); // (1 + count) / (1 + R)
    expect(chiSquareIndependence(table, {minExpected: 0})!.method).toBe("asymptotic");
  });
  it("drops empty rows and columns before testing", () => {
    const result = chiSquareIndependence([[5, 0, 7], [0, 0, 0], [3, 0, 9]], {permutations: 99})!;
    expect(result.rows).toEqual([0, 2]);
    expect(result.cols).toEqual([0, 2]);
    expect(result.chiSquare).toBeCloseTo(0.75, 13); // same as [[5, 7], [3, 9]] above
    expect(result.df).toBe(1);
  });
  it("is null with fewer than two non-empty rows or columns", () => {
    expect(chiSquareIndependence([[4, 6]])).toBeNull();
    expect(chiSquareIndependence([[4, 0], [6, 0]])).toBeNull();
    expect(chiSquareIndependence([])).toBeNull();
  });
  it("gives V = 1 and X^2 = n for a perfect association, and X^2 = 0 for independence", () => {
    const perfect = chiSquareIndependence([[10, 0], [0, 10]])!;
    expect(perfect.chiSquare).toBeCloseTo(20, 12);
    expect(perfect.cramersV).toBeCloseTo(1, 14);
    expect(chiSquareIndependence([[10, 20], [5, 10]])!.chiSquare).toBeCloseTo(0, 14);
  });
  it("rejects non-counts and ragged tables", () => {
    expect(() => chiSquareIndependence([[1.5, 2], [3, 4]])).toThrow(RangeError);
    expect(() => chiSquareIndependence([[-1, 2], [3, 4]])).toThrow(RangeError);
    expect(() => chiSquareIndependence([[1, 2], [3]])).toThrow(RangeError);
  });
});
