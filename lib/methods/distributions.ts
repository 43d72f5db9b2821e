/**
 * Probability distributions used by the tests in lib/methods: a thin layer over @stdlib so that
 * every p-value and critical value comes from one maintained implementation.
 *
 * We use stdlib's single-file bundle of its distributions rather than the per-function packages:
 * the same code, but one module in the browser instead of ~140 tiny ones (Framework serves every
 * npm package as its own module, and their requests delayed the story pages' data by seconds).
 *
 * Upper tails are computed as 1 - cdf; they lose precision below about 1e-16 and then read 0,
 * which pages show as "< 0.001" anyway.
 */
import stdlibDists from "@stdlib/dist-stats-base-dists-flat";

const { f, chisquare } = stdlibDists.base.dists;
const fCdfImpl = f.cdf;
const fQuantileImpl = f.quantile;
const chiSquareCdfImpl = chisquare.cdf;
const chiSquareQuantileImpl = chisquare.quantile;

/** P(F <= x) for F ~ F(d1, d2). */
export function fCdf(x: number, d1: number, d2: number): number {
  return fCdfImpl(x, d1, d2);
}

/** Upper tail P(F > x) for F ~ F(d1, d2). */
export function fSf(x: number, d1: number, d2: number): number {
  return upperTail(fCdfImpl(x, d1, d2));
}

/** The p-quantile of F(d1, d2). */
export function fQuantile(p: number, d1: number, d2: number): number {
  return fQuantileImpl(p, d1, d2);
}

/** P(X <= x) for X ~ chi-square(k). */
export function chiSquareCdf(x: number, k: number): number {
  return chiSquareCdfImpl(x, k);
}

/** Upper tail P(X > x) for X ~ chi-square(k). */
export function chiSquareSf(x: number, k: number): number {
  return upperTail(chiSquareCdfImpl(x, k));
}

/** The p-quantile of chi-square(k). */
export function chiSquareQuantile(p: number, k: number): number {
  return chiSquareQuantileImpl(p, k);
}

/**
 * Two-sided standard normal p-value P(|Z| >= |z|), via Z^2 ~ chi-square(1) so that no extra
 * normal-distribution package is needed.
 */
export function normalTwoSidedP(z: number): number {
  return chiSquareSf(z * z, 1);
}

function upperTail(cdf: number): number {
  return Math.min(1, Math.max(0, 1 - cdf));
}
