/**
 * Compositional data analysis for triads: 3-part compositions (top, left, right) whose parts are
 * positive and sum to 1. Only ratios carry information, so centres and spreads are computed in
 * isometric log-ratio (ilr) coordinates and mapped back (docs: /work/shared/methods.md, "Triads").
 *
 * Functions that take logs (ilr and everything built on it) refuse parts <= 0: apply a zero policy
 * (applyZeroPolicy) first and state it next to the figure (describeZeroPolicy).
 */
import {memoPerList, memoPerObject} from "../memo.js";
import {fQuantile, chiSquareQuantile} from "./distributions.js";
import {
  choleskyLower, meanVector, scaleMatrix, scatterMatrix,
  type Matrix2, type Vector2
} from "./matrix2.js";

/** A triad answer: parts in the order top, left, right. */
export type Composition = readonly [top: number, left: number, right: number];
/** ilr coordinates (z1, z2) of a composition. */
export type IlrPoint = Vector2;

const SQRT2 = Math.SQRT2;
const SQRT_2_3 = Math.sqrt(2 / 3);
const SQRT_3_2 = Math.sqrt(3 / 2);
/** Dimension of ilr space for 3 parts. */
const P = 2;

/** C(x) = x / sum(x). Parts must be finite and >= 0 with a positive sum. */
export function close(x: Composition): Composition {
  // Indexed checks, no iterator: this runs for every dot on every redraw.
  const sum = partsSum(x);
  return [x[0] / sum, x[1] / sum, x[2] / sum];
}

/** The sum of the parts, after checking that x is a composition (parts finite, >= 0, sum > 0). */
function partsSum(x: Composition): number {
  const [a, b, c] = x;
  if (!(a >= 0 && b >= 0 && c >= 0 && a !== Infinity && b !== Infinity && c !== Infinity)) {
    throw new RangeError(`not a composition: [${x.join(", ")}]`);
  }
  const sum = a + b + c;
  if (!(sum > 0)) throw new RangeError(`composition sums to 0: [${x.join(", ")}]`);
  return sum;
}

/** Negative parts (a dot just outside the triangle) become 0, then the result is closed. */
export function clampAndClose(x: Composition): Composition {
  return close([Math.max(0, x[0]), Math.max(0, x[1]), Math.max(0, x[2])]);
}

// Per-answer results are kept with the composition they belong to (compositions are never
// changed): a page computes centres, regions and a test from the same answers, panel after panel
// and filter change after filter change.
const zeroHandlingOf = new WeakMap<Composition, {delta: number; zero: boolean; closed: Composition}>();

/** ilr: z1 = ln(x1/x2)/sqrt(2), z2 = sqrt(2/3) ln(sqrt(x1 x2)/x3). Scale-invariant, so no closure needed. */
export const ilr: (x: Composition) => IlrPoint = memoPerObject(ilrOnce);

function ilrOnce(x: Composition): IlrPoint {
  const [x1, x2, x3] = x;
  if (!(x1 > 0 && x2 > 0 && x3 > 0) || !Number.isFinite(x1 + x2 + x3)) {
    throw new RangeError(`ilr needs positive parts, got [${x.join(", ")}]: apply a zero policy first`);
  }
  return [Math.log(x1 / x2) / SQRT2, SQRT_2_3 * (0.5 * (Math.log(x1) + Math.log(x2)) - Math.log(x3))];
}

/** Inverse ilr: ln x1 = z1/sqrt(2) + sqrt(3/2) z2, ln x2 = -z1/sqrt(2) + sqrt(3/2) z2, ln x3 = 0, closed. */
export function ilrInverse(z: IlrPoint): Composition {
  const l1 = z[0] / SQRT2 + SQRT_3_2 * z[1];
  const l2 = -z[0] / SQRT2 + SQRT_3_2 * z[1];
  // Subtracting the largest log before exp avoids overflow far from the centre.
  const top = Math.max(l1, l2, 0);
  return close([Math.exp(l1 - top), Math.exp(l2 - top), Math.exp(-top)]);
}

/** Aitchison distance: the Euclidean distance between ilr coordinates. */
export function aitchisonDistance(a: Composition, b: Composition): number {
  const za = ilr(a);
  const zb = ilr(b);
  return Math.hypot(za[0] - zb[0], za[1] - zb[1]);
}

/** The closed geometric mean, ilr^-1 of the mean ilr: the centre of a group of triad answers. */
export function geometricMean(xs: readonly Composition[]): Composition {
  if (xs.length === 0) throw new RangeError("mean of no compositions");
  return ilrInverse(meanVector(xs.map(ilr)));
}

/** The arithmetic mean of the closed parts. Biased toward the centre: only a labelled alternative. */
export function arithmeticMean(xs: readonly Composition[]): Composition {
  if (xs.length === 0) throw new RangeError("mean of no compositions");
  let s0 = 0, s1 = 0, s2 = 0;
  for (const x of xs) {
    const total = partsSum(x);
    s0 += x[0] / total;
    s1 += x[1] / total;
    s2 += x[2] / total;
  }
  return close([s0, s1, s2]);
}

/** Barycentric (top, left, right) to chart coordinates: top (0.5, sqrt(3)/2), left (0, 0), right (1, 0). */
export const toCartesian: (x: Composition) => readonly [x: number, y: number] = memoPerObject((x: Composition) => {
  const [top, , right] = close(x);
  return [right + top / 2, (top * Math.sqrt(3)) / 2] as const;
});

// ---------------------------------------------------------------------------------------------
// Zeros

/**
 * How to treat parts below `delta` (a dot on, or within delta of, an edge or corner):
 * - "replace": multiplicative replacement; such parts become delta and the other parts are scaled so
 *   that the composition still sums to 1 (for exact zeros: by 1 - k delta, k = number of zeros);
 * - "drop": leave out every answer that has such a part.
 * Treating near-zero parts like zeros keeps a dot placed a pixel from an edge from getting the same
 * outsized log-ratio that a tiny replacement value would give it.
 */
export interface ZeroPolicy {
  readonly kind: "replace" | "drop";
  readonly delta: number;
}

export const DEFAULT_ZERO_POLICY: ZeroPolicy = {kind: "replace", delta: 0.005};

/** True when some part is below delta, i.e. the zero policy applies to this answer. */
export function hasZeroPart(x: Composition, delta: number = DEFAULT_ZERO_POLICY.delta): boolean {
  const c = close(x);
  return c[0] < delta || c[1] < delta || c[2] < delta;
}

/** Multiplicative replacement of parts below delta (see ZeroPolicy). Returns a closed composition. */
export function replaceZeros(x: Composition, delta: number = DEFAULT_ZERO_POLICY.delta): Composition {
  checkDelta(delta);
  const c = close(x);
  const small = c.map((part) => part < delta);
  const k = small.filter(Boolean).length;
  if (k === 0) return c;
  const rest = c.reduce((sum, part, i) => (small[i] ? sum : sum + part), 0);
  const scale = (1 - k * delta) / rest;
  const out = c.map((part, i) => (small[i] ? delta : part * scale));
  return [out[0], out[1], out[2]];
}

export interface ZeroHandling {
  /** The answers to use, closed and strictly positive. */
  readonly compositions: readonly Composition[];
  /** Input index of each entry in `compositions`, to find the story behind it. */
  readonly kept: readonly number[];
  /** Number of answers that had a part replaced ("replace") or were left out ("drop"). */
  readonly replaced: number;
  readonly dropped: number;
  readonly policy: ZeroPolicy;
}

/** Whether an answer has a part below delta, and the answer closed with such parts replaced (kept per answer). */
function zeroHandling(x: Composition, delta: number): {zero: boolean; closed: Composition} {
  const known = zeroHandlingOf.get(x);
  if (known !== undefined && known.delta === delta) return known;
  const zero = hasZeroPart(x, delta);
  const handled = {delta, zero, closed: zero ? replaceZeros(x, delta) : close(x)};
  zeroHandlingOf.set(x, handled);
  return handled;
}

/**
 * Applies a zero policy to a group of answers and counts what it did, so the page can say so. The
 * last results are kept (memoPerList): the charts of one view, and the test under them, handle the
 * same groups of answers.
 */
export function applyZeroPolicy(xs: readonly Composition[], policy: ZeroPolicy = DEFAULT_ZERO_POLICY): ZeroHandling {
  return zeroPolicyApplied(xs, policy);
}

const zeroPolicyApplied = memoPerList(zeroPolicyOf, {keyOf: (p: ZeroPolicy) => [p.kind, p.delta]});

function zeroPolicyOf(xs: readonly Composition[], policy: ZeroPolicy): ZeroHandling {
  checkDelta(policy.delta);
  const compositions: Composition[] = [];
  const kept: number[] = [];
  let affected = 0;
  xs.forEach((x, i) => {
    const {zero, closed} = zeroHandling(x, policy.delta);
    if (zero) affected++;
    if (zero && policy.kind === "drop") return;
    compositions.push(closed);
    kept.push(i);
  });
  return {
    compositions,
    kept,
    replaced: policy.kind === "replace" ? affected : 0,
    dropped: policy.kind === "drop" ? affected : 0,
    policy
  };
}

/** The policy in plain Dutch, for the note next to every mean. */
export function describeZeroPolicy(policy: ZeroPolicy = DEFAULT_ZERO_POLICY): string {
  const percent = `${(policy.delta * 100).toLocaleString("nl-NL")}%`;
  return policy.kind === "replace"
    ? `Delen onder ${percent} (een stip op de rand) zijn vervangen door ${percent} (multiplicatieve vervanging).`
    : `Antwoorden met een deel onder ${percent} (een stip op de rand) zijn weggelaten.`;
}

function checkDelta(delta: number): void {
  // Replacing three parts by delta must leave room for the rest.
  if (!(delta > 0 && delta < 1 / 3)) throw new RangeError(`zero replacement delta must be in (0, 1/3), got ${delta}`);
}

// ---------------------------------------------------------------------------------------------
// Centre and regions

export interface IlrSummary {
  readonly n: number;
  /** Mean of the ilr coordinates. */
  readonly mean: IlrPoint;
  /** Sum of squared deviations from the mean (the covariance times n - 1). */
  readonly scatter: Matrix2;
  /** Sample covariance (n - 1) of the ilr coordinates; null when n < 2. */
  readonly covariance: Matrix2 | null;
  /** The closed geometric mean, ilr^-1(mean). */
  readonly centre: Composition;
}

/** Mean and covariance of ilr(x) for strictly positive compositions (the last results kept, as for applyZeroPolicy). */
export function summariseIlr(xs: readonly Composition[]): IlrSummary {
  return ilrSummaryOf(xs, null);
}

const ilrSummaryOf = memoPerList(ilrSummary);

function ilrSummary(xs: readonly Composition[]): IlrSummary {
  if (xs.length === 0) throw new RangeError("summary of no compositions");
  const z = xs.map(ilr);
  const mean = meanVector(z);
  const scatter = scatterMatrix(z, mean);
  return {n: z.length, mean, scatter, covariance: z.length >= 2 ? scaleMatrix(scatter, 1 / (z.length - 1)) : null, centre: ilrInverse(mean)};
}

export interface Region {
  /** "confidence": where the centre probably lies; "spread": where that share of the stories falls. */
  readonly kind: "confidence" | "spread";
  readonly level: number;
  /** Polygon vertices in ilr space (not repeated at the end). */
  readonly ilr: IlrPoint[];
  /** The same vertices mapped back into the triangle (a curved shape). */
  readonly simplex: Composition[];
}

export const DEFAULT_REGION_POINTS = 100;

/**
 * Confidence region of the centre: n (zbar - m)' S^-1 (zbar - m) <= p(n-1)/(n-p) F(p, n-p; level).
 * Null when n <= p (= 2): the region is unbounded.
 */
export function confidenceRegion(
  summary: IlrSummary,
  level = 0.95,
  points = DEFAULT_REGION_POINTS
): Region | null {
  const {n, covariance} = summary;
  if (covariance === null || n <= P) return null;
  const radiusSquared = ((P * (n - 1)) / (n - P)) * fQuantile(level, P, n - P);
  return region("confidence", level, summary.mean, scaleMatrix(covariance, 1 / n), radiusSquared, points);
}

/**
 * Spread region: (z - zbar)' S^-1 (z - zbar) <= chi-square(p; level), where that share of stories
 * would fall if their ilr coordinates were normal. Null when n < 2.
 */
export function spreadRegion(
  summary: IlrSummary,
  level: number,
  points = DEFAULT_REGION_POINTS
): Region | null {
  if (summary.covariance === null) return null;
  return region("spread", level, summary.mean, summary.covariance, chiSquareQuantile(level, P), points);
}

/** Vertices of {z : (z - centre)' M^-1 (z - centre) = radiusSquared}, as centre + r L (cos t, sin t). */
export function ellipsePolygon(centre: IlrPoint, m: Matrix2, radiusSquared: number, points: number): IlrPoint[] {
  if (!(Number.isInteger(points) && points >= 3)) throw new RangeError(`an ellipse needs at least 3 points, got ${points}`);
  const l = choleskyLower(m);
  const r = Math.sqrt(radiusSquared);
  const out: IlrPoint[] = [];
  for (let i = 0; i < points; i++) {
    const t = (2 * Math.PI * i) / points;
    const u0 = r * Math.cos(t);
    const u1 = r * Math.sin(t);
    out.push([centre[0] + l[0][0] * u0, centre[1] + l[1][0] * u0 + l[1][1] * u1]);
  }
  return out;
}

function region(
  kind: Region["kind"], level: number, centre: IlrPoint, m: Matrix2, radiusSquared: number, points: number
): Region {
  if (!(level > 0 && level < 1)) throw new RangeError(`region level must be in (0, 1), got ${level}`);
  const polygon = ellipsePolygon(centre, m, radiusSquared, points);
  return {kind, level, ilr: polygon, simplex: polygon.map(ilrInverse)};
}
