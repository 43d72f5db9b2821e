import {describe, expect, it} from "vitest";
import {randomLcg} from "d3";
import {permutationPValue, shuffleInPlace} from "../lib/methods/permutation.js";
import {choleskyLower, inverseSymmetric, multiplyMatrices, type Matrix2} from "../lib/methods/matrix2.js";

describe("seeded permutations", () => {
  it("shuffles into a permutation, reproducibly for a seed", () => {
    const items = Array.from({length: 50}, (_, i) => i);
    const a = shuffleInPlace(items.slice(), randomLcg(5));
    const b = shuffleInPlace(items.slice(), randomLcg(5));
    expect(a).toEqual(b);
    expect(a).not.toEqual(items);
    expect(a.slice().sort((x, y) => x - y)).toEqual(items);
  });
  it("puts every item in every position about equally often", () => {
    const random = randomLcg(9);
    const counts = Array.from({length: 4}, () => [0, 0, 0, 0]);
    for (let t = 0; t < 8000; t++) shuffleInPlace([0, 1, 2, 3], random).forEach((item, pos) => counts[item][pos]++);
    // Expected 2000 per cell, binomial SD about 39.
    for (const row of counts) for (const c of row) expect(Math.abs(c - 2000)).toBeLessThan(200);
  });
  it("computes p = (1 + count) / (1 + R)", () => {
    expect(permutationPValue(5, () => 10, {permutations: 99}).p).toBe(1);
    expect(permutationPValue(5, () => 1, {permutations: 99}).p).toBe(0.01);
    let i = 0;
    expect(permutationPValue(5, () => (i++ % 4 === 0 ? 6 : 4), {permutations: 100}).p).toBe(26 / 101);
  });
  it("counts a permuted statistic equal to the observed one up to rounding as at least as extreme", () => {
    expect(permutationPValue(0.3, () => 0.1 + 0.2 - 1e-17 - 1e-16, {permutations: 9}).p).toBe(1);
  });
  it("rejects a non-positive number of permutations", () => {
    expect(() => permutationPValue(1, () => 0, {permutations: 0})).toThrow(RangeError);
  });
});

describe("2 x 2 matrices", () => {
  const m: Matrix2 = [[4, 2], [2, 3]];
  it("inverts a positive definite matrix", () => {
    const product = multiplyMatrices(m, inverseSymmetric(m)!);
    expect(product[0][0]).toBeCloseTo(1, 15);
    expect(product[0][1]).toBeCloseTo(0, 15);
    expect(product[1][1]).toBeCloseTo(1, 15);
  });
  it("returns null for a singular matrix", () => {
    expect(inverseSymmetric([[1, 2], [2, 4]])).toBeNull();
    expect(inverseSymmetric([[0, 0], [0, 0]])).toBeNull();
  });
  it("factors L L' = M, also for a singular M", () => {
    for (const s of [m, [[1, 2], [2, 4]] as Matrix2, [[0, 0], [0, 2]] as Matrix2]) {
      const l = choleskyLower(s);
      const llt = multiplyMatrices(l, [[l[0][0], l[1][0]], [l[0][1], l[1][1]]]);
      llt.flat().forEach((v, i) => expect(v).toBeCloseTo(s.flat()[i], 14));
    }
  });
});
