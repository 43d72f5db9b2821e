import {describe, expect, it} from "vitest";
import {randomLcg} from "d3";
import {benjaminiHochberg} from "../lib/methods/multiple-testing.js";

describe("Benjamini-Hochberg q-values", () => {
  it("matches scipy and a hand calculation, in input order", () => {
    // scipy 1.17 false_discovery_control([0.01,0.04,0.03,0.005,0.2,0.5,0.049,0.8], method='bh').
    // By hand (m = 8, sorted ranks): 0.005*8/1 = 0.04, 0.01*8/2 = 0.04, 0.03*8/3 = 0.08, 0.04*8/4 = 0.08,
    // 0.049*8/5 = 0.0784, then 0.2*8/6, 0.5*8/7, 0.8; the running minimum from the top lowers ranks 3-4 to 0.0784.
    const q = benjaminiHochberg([0.01, 0.04, 0.03, 0.005, 0.2, 0.5, 0.049, 0.8]);
    const expected = [0.04, 0.0784, 0.0784, 0.04, 0.26666666666666666, 0.5714285714285714, 0.0784, 0.8];
    q.forEach((value, i) => expect(value).toBeCloseTo(expected[i], 14));
  });
  it("caps q at 1", () => {
    // m = 3: 0.9*3/1 = 2.7, 0.95*3/2 = 1.425, 1*3/3 = 1.
    expect(benjaminiHochberg([0.9, 0.95, 1])).toEqual([1, 1, 1]);
    expect(benjaminiHochberg([0.6, 0.7])).toEqual([0.7, 0.7]);
  });
  it("leaves a single p-value unchanged and handles an empty list", () => {
    expect(benjaminiHochberg([0.03])).toEqual([0.03]);
    expect(benjaminiHochberg([])).toEqual([]);
  });
  it("gives NaN for a test that could not be run and does not count it", () => {
    const q = benjaminiHochberg([0.01, Number.NaN, 0.04]);
    expect(q[1]).toBeNaN();
    expect(q[0]).toBeCloseTo(0.02, 15); // m = 2
    expect(q[2]).toBeCloseTo(0.04, 15);
  });
  it("rejects values that are not p-values", () => {
    expect(() => benjaminiHochberg([0.2, 1.5])).toThrow(RangeError);
    expect(() => benjaminiHochberg([-0.1])).toThrow(RangeError);
  });
  it("is never below p, never above 1, and monotone in p (random inputs)", () => {
    const random = randomLcg(4);
    for (let trial = 0; trial < 50; trial++) {
      const p = Array.from({length: 1 + Math.floor(random() * 40)}, () => random() ** 3);
      const q = benjaminiHochberg(p);
      q.forEach((value, i) => {
        expect(value).toBeGreaterThanOrEqual(p[i]);
        expect(value).toBeLessThanOrEqual(1);
        q.forEach((other, j) => {
          if (p[i] < p[j]) expect(value).toBeLessThanOrEqual(other);
        });
      });
    }
  });
});
