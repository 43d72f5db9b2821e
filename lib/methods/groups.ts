/**
 * Comparing groups of triad answers (e.g. residents vs staff, or the options of a question) on
 * their ilr coordinates (methods.md, "Triads" and "Patterns across questions").
 *
 * - Two groups: Hotelling T^2 = n1 n2/(n1+n2) d' Sp^-1 d with F = (N-p-1)/(p(N-2)) T^2 ~ F(p, N-p-1).
 * - Two or more groups: a permutation test of the Lawley-Hotelling trace, reported as
 *   T0^2 = (N - k) tr(W^-1 B) (W within-group, B between-group SSCP of the ilr coordinates). For two
 *   groups T0^2 equals Hotelling's T^2, so this is "the same statistic" for k > 2. Group labels are
 *   shuffled with a seeded generator; p = (1 + #{T0^2* >= T0^2}) / (1 + permutations).
 * - Effect size: the Aitchison distance between group centres (closed geometric means); for k > 2
 *   the largest distance between any two centres.
 *
 * Inputs must be strictly positive compositions (apply a zero policy first). A result is null when
 * the test cannot be computed: too few answers, or all answers on one line in ilr space (singular
 * covariance).
 */
import {ilr, ilrInverse, summariseIlr, type Composition, type IlrPoint} from "./compositional.js";
import {fSf} from "./distributions.js";
import {
  addMatrices, inverseSymmetric, meanVector, multiplyMatrices, quadraticForm, scaleMatrix,
  scatterMatrix, subtractMatrices, trace, type Matrix2
} from "./matrix2.js";
import {permutationPValue, shuffleInPlace, type PermutationOptions} from "./permutation.js";

const P = 2;

export interface HotellingResult {
  readonly test: "hotelling-t2";
  readonly n: [number, number];
  readonly t2: number;
  readonly f: number;
  readonly df1: number;
  readonly df2: number;
  readonly p: number;
  /** Aitchison distance between the two centres. */
  readonly distance: number;
  readonly centres: [Composition, Composition];
}

export interface PermutationGroupResult {
  readonly test: "permutation-lawley-hotelling";
  readonly n: number[];
  /** T0^2 = (N - k) tr(W^-1 B). */
  readonly statistic: number;
  readonly p: number;
  readonly permutations: number;
  readonly seed: number;
  /** Largest Aitchison distance between two group centres. */
  readonly distance: number;
  /** Aitchison distances between all pairs of centres, distances[i][j]. */
  readonly distances: number[][];
  readonly centres: Composition[];
}

export type TriadGroupResult = HotellingResult | PermutationGroupResult;

/** Two-sample Hotelling T^2 on ilr coordinates; null when N < 4 or the pooled covariance is singular. */
export function hotellingTwoSample(
  group1: readonly Composition[],
  group2: readonly Composition[]
): HotellingResult | null {
  requireNonEmpty([group1, group2]);
  const n1 = group1.length;
  const n2 = group2.length;
  const total = n1 + n2;
  if (total - P - 1 < 1) return null;
  // The groups' ilr summaries are usually computed already (the centres on the page): kept by summariseIlr.
  const s1 = summariseIlr(group1);
  const s2 = summariseIlr(group2);
  const m1 = s1.mean;
  const m2 = s2.mean;
  const pooled = scaleMatrix(addMatrices(s1.scatter, s2.scatter), 1 / (total - 2));
  const inverse = inverseSymmetric(pooled);
  if (inverse === null) return null;
  const d: IlrPoint = [m1[0] - m2[0], m1[1] - m2[1]];
  const t2 = ((n1 * n2) / total) * quadraticForm(d, inverse);
  const df1 = P;
  const df2 = total - P - 1;
  const f = (df2 / (P * (total - 2))) * t2;
  return {
    test: "hotelling-t2", n: [n1, n2], t2, f, df1, df2, p: fSf(f, df1, df2),
    distance: Math.hypot(d[0], d[1]), centres: [ilrInverse(m1), ilrInverse(m2)]
  };
}

/**
 * Permutation test of the Lawley-Hotelling trace for k >= 2 groups. Null when N <= k + 1 or the
 * within-group SSCP matrix is singular.
 */
export function permutationGroupTest(
  groups: readonly (readonly Composition[])[],
  options: PermutationOptions = {}
): PermutationGroupResult | null {
  if (groups.length < 2) throw new RangeError(`need at least two groups, got ${groups.length}`);
  requireNonEmpty(groups);
  const points = groups.flatMap((g) => g.map(ilr));
  const sizes = groups.map((g) => g.length);
  const total = points.length;
  if (total - groups.length < P) return null;
  const labels = sizes.flatMap((size, g) => Array<number>(size).fill(g));
  const totalScatter = scatterMatrix(points, meanVector(points));
  const observed = lawleyHotelling(points, labels, sizes, totalScatter);
  if (!Number.isFinite(observed)) return null;
  const shuffled = labels.slice();
  const {p, permutations, seed} = permutationPValue(
    observed,
    (random) => lawleyHotelling(points, shuffleInPlace(shuffled, random), sizes, totalScatter),
    options
  );
  const means = groups.map((g) => meanVector(g.map(ilr)));
  const distances = means.map((a) => means.map((b) => Math.hypot(a[0] - b[0], a[1] - b[1])));
  return {
    test: "permutation-lawley-hotelling", n: sizes, statistic: observed, p, permutations, seed,
    distance: Math.max(...distances.flat()), distances, centres: means.map(ilrInverse)
  };
}

/** Hotelling T^2 for two groups, the permutation test for more: one call per triad x choice pair. */
export function triadGroupTest(
  groups: readonly (readonly Composition[])[],
  options: PermutationOptions = {}
): TriadGroupResult | null {
  return groups.length === 2 ? hotellingTwoSample(groups[0], groups[1]) : permutationGroupTest(groups, options);
}

/**
 * (N - k) tr(W^-1 B) for group labels 0..k-1, with W = T - B (T the total SSCP, fixed under
 * relabelling). Infinity when W is singular (groups perfectly separated on a line). Written with
 * plain loops: it runs once per permutation.
 */
function lawleyHotelling(
  points: readonly IlrPoint[], labels: readonly number[], sizes: readonly number[], totalScatter: Matrix2
): number {
  const k = sizes.length;
  const total = points.length;
  const sums = new Float64Array(2 * k);
  let grand0 = 0;
  let grand1 = 0;
  for (let i = 0; i < total; i++) {
    const a = points[i][0];
    const b = points[i][1];
    sums[2 * labels[i]] += a;
    sums[2 * labels[i] + 1] += b;
    grand0 += a;
    grand1 += b;
  }
  let b00 = 0;
  let b01 = 0;
  let b11 = 0;
  for (let g = 0; g < k; g++) {
    const d0 = sums[2 * g] / sizes[g] - grand0 / total;
    const d1 = sums[2 * g + 1] / sizes[g] - grand1 / total;
    b00 += sizes[g] * d0 * d0;
    b01 += sizes[g] * d0 * d1;
    b11 += sizes[g] * d1 * d1;
  }
  const between: Matrix2 = [[b00, b01], [b01, b11]];
  const within = inverseSymmetric(subtractMatrices(totalScatter, between));
  if (within === null) return Number.POSITIVE_INFINITY;
  return (total - k) * trace(multiplyMatrices(within, between));
}

function requireNonEmpty(groups: readonly (readonly Composition[])[]): void {
  if (groups.some((g) => g.length === 0)) throw new RangeError("every group needs at least one answer");
}
