import {describe, expect, it} from "vitest";
import {chiSquareCdf, chiSquareQuantile, chiSquareSf, fCdf, fQuantile, fSf, normalTwoSidedP} from "../lib/methods/distributions.js";

describe("distributions", () => {
  it("F tail and quantile match scipy", () => {
    // scipy 1.17: f.sf(3, 2, 10) = 0.09536743164062497 (= (1 + 2*3/10)^-5 by hand); f.ppf(0.95, 2, 6) = 5.143252849784718.
    expect(fSf(3, 2, 10)).toBeCloseTo(0.09536743164062497, 14);
    expect(fCdf(3, 2, 10)).toBeCloseTo(1 - 0.09536743164062497, 14);
    expect(fQuantile(0.95, 2, 6)).toBeCloseTo(5.143252849784718, 10);
  });
  it("chi-square tail and quantile match scipy and closed forms", () => {
    // scipy 1.17: chi2.sf(5, 3) = 0.1717971442967335; chi2.ppf(0.9, 2) = -2 ln 0.1.
    expect(chiSquareSf(5, 3)).toBeCloseTo(0.1717971442967335, 14);
    expect(chiSquareCdf(5, 3)).toBeCloseTo(1 - 0.1717971442967335, 14);
    expect(chiSquareQuantile(0.9, 2)).toBeCloseTo(-2 * Math.log(0.1), 10);
  });
  it("two-sided normal p-value matches scipy", () => {
    // scipy 1.17: 2 * norm.sf(1.96) = 0.04999579029644087.
    expect(normalTwoSidedP(1.96)).toBeCloseTo(0.04999579029644087, 14);
    expect(normalTwoSidedP(-1.96)).toBeCloseTo(0.04999579029644087, 14);
    expect(normalTwoSidedP(0)).toBe(1);
  });
  it("quantiles invert the cdfs", () => {
    for (const p of [0.05, 0.5, 0.95]) {
      expect(fCdf(fQuantile(p, 3, 17), 3, 17)).toBeCloseTo(p, 10);
      expect(chiSquareCdf(chiSquareQuantile(p, 4), 4)).toBeCloseTo(p, 10);
    }
  });
});
