/**
 * Rank tests for dyad positions by the options of a question (methods.md, "Patterns"):
 * Kruskal-Wallis for two or more groups, Mann-Whitney U for two. Both use mid-ranks for ties and
 * the usual tie corrections. A result is null when every value is the same (no ranking possible).
 */
import {chiSquareSf, normalTwoSidedP} from "./distributions.js";

export interface Ranking {
  /** Mid-rank (1-based) of each value, in input order. */
  readonly ranks: number[];
  /** Size of every group of tied values (length >= 2). */
  readonly ties: number[];
}

/**
 * Mid-ranks of `values`: tied values share the mean of the ranks they occupy. The values are
 * sorted as numbers in a typed array (no comparator: the pattern page ranks ~100,000 dyad answers
 * per test); each run of equal values keeps its mid-rank at its first place, which a value finds
 * by binary search (a Map keyed by 100,000 distinct doubles cost three times as much). -0 and 0
 * are one value, as ===.
 */
export function midRanks(values: readonly number[]): Ranking {
  for (const v of values) {
    if (!Number.isFinite(v)) throw new RangeError(`cannot rank ${v}`);
  }
  const sorted = Float64Array.from(values).sort();
  const midRankAt = new Float64Array(sorted.length);
  const ties: number[] = [];
  for (let start = 0; start < sorted.length; ) {
    let end = start + 1;
    while (end < sorted.length && sorted[end] === sorted[start]) end++;
    midRankAt[start] = (start + 1 + end) / 2;
    if (end - start > 1) ties.push(end - start);
    start = end;
  }
  return {ranks: values.map((v) => midRankAt[firstNotBelow(sorted, v)]), ties};
}

/** The first place in ascending `sorted` whose value is not below `v` (the start of v's run). */
function firstNotBelow(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface KruskalWallisResult {
  readonly test: "kruskal-wallis";
  readonly n: number[];
  /** H corrected for ties. */
  readonly h: number;
  readonly df: number;
  /** Chi-square(k - 1) approximation. */
  readonly p: number;
  /** Effect size epsilon^2 = H / (N - 1), between 0 and 1. */
  readonly epsilonSquared: number;
}

/** H = [12/(N(N+1)) sum R_i^2/n_i - 3(N+1)] / [1 - sum(t^3 - t)/(N^3 - N)], p from chi-square(k - 1). */
export function kruskalWallis(groups: readonly (readonly number[])[]): KruskalWallisResult | null {
  requireGroups(groups, 2);
  const values = groups.flat();
  const total = values.length;
  const {ranks, ties} = midRanks(values);
  const correction = 1 - tieSum(ties) / (total ** 3 - total);
  if (!(correction > 0)) return null;
  let offset = 0;
  let sum = 0;
  for (const g of groups) {
    const rankSum = ranks.slice(offset, offset + g.length).reduce((s, r) => s + r, 0);
    sum += (rankSum * rankSum) / g.length;
    offset += g.length;
  }
  const h = ((12 / (total * (total + 1))) * sum - 3 * (total + 1)) / correction;
  const df = groups.length - 1;
  return {test: "kruskal-wallis", n: groups.map((g) => g.length), h, df, p: chiSquareSf(h, df), epsilonSquared: h / (total - 1)};
}

export interface MannWhitneyResult {
  readonly test: "mann-whitney";
  readonly n: [number, number];
  /** U of the first group: pairs (x, y) with x > y, ties counting half. */
  readonly u: number;
  /** Normal approximation with tie and continuity correction; positive when x tends to be larger. */
  readonly z: number;
  /** Two-sided. */
  readonly p: number;
  /** Rank-biserial r = (U1 - U2)/(n1 n2) = P(x > y) - P(x < y), in [-1, 1]. */
  readonly rankBiserial: number;
}

/**
 * Mann-Whitney U: mu = n1 n2 / 2, sigma^2 = n1 n2/12 [(N + 1) - sum(t^3 - t)/(N(N - 1))],
 * z = sign(U1 - mu) max(0, |U1 - mu| - 0.5) / sigma.
 */
export function mannWhitney(x: readonly number[], y: readonly number[]): MannWhitneyResult | null {
  requireGroups([x, y], 2);
  const n1 = x.length;
  const n2 = y.length;
  const total = n1 + n2;
  const {ranks, ties} = midRanks([...x, ...y]);
  const rankSumX = ranks.slice(0, n1).reduce((s, r) => s + r, 0);
  const u = rankSumX - (n1 * (n1 + 1)) / 2;
  const mu = (n1 * n2) / 2;
  const variance = ((n1 * n2) / 12) * (total + 1 - tieSum(ties) / (total * (total - 1)));
  if (!(variance > 0)) return null;
  const distance = Math.max(0, Math.abs(u - mu) - 0.5);
  const z = (Math.sign(u - mu) * distance) / Math.sqrt(variance);
  return {test: "mann-whitney", n: [n1, n2], u, z, p: normalTwoSidedP(z), rankBiserial: (2 * u) / (n1 * n2) - 1};
}

export type DyadGroupResult = MannWhitneyResult | KruskalWallisResult;

/** Mann-Whitney for two groups, Kruskal-Wallis for more: one call per dyad x choice pair. */
export function dyadGroupTest(groups: readonly (readonly number[])[]): DyadGroupResult | null {
  return groups.length === 2 ? mannWhitney(groups[0], groups[1]) : kruskalWallis(groups);
}

function tieSum(ties: readonly number[]): number {
  return ties.reduce((s, t) => s + t ** 3 - t, 0);
}

function requireGroups(groups: readonly (readonly number[])[], minimum: number): void {
  if (groups.length < minimum) throw new RangeError(`need at least ${minimum} groups, got ${groups.length}`);
  if (groups.some((g) => g.length === 0)) throw new RangeError("every group needs at least one value");
}
