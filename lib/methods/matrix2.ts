/**
 * The little 2 x 2 linear algebra that 3-part compositions need: ilr coordinates are 2-D, so means,
 * covariances, inverses and Cholesky factors are written out rather than pulling in a matrix library.
 */

export type Vector2 = readonly [number, number];
/** Row-major: [[a, b], [c, d]]. Covariance matrices are symmetric (b = c). */
export type Matrix2 = readonly [readonly [number, number], readonly [number, number]];

/** Relative tolerance below which a symmetric matrix counts as singular (all points on a line). */
const SINGULAR_TOLERANCE = 1e-12;

export function meanVector(points: readonly Vector2[]): Vector2 {
  if (points.length === 0) throw new RangeError("mean of no points");
  let s0 = 0;
  let s1 = 0;
  for (const [a, b] of points) {
    s0 += a;
    s1 += b;
  }
  return [s0 / points.length, s1 / points.length];
}

/** Sum of outer products of the deviations from `centre` (the SSCP matrix). */
export function scatterMatrix(points: readonly Vector2[], centre: Vector2): Matrix2 {
  let s00 = 0;
  let s01 = 0;
  let s11 = 0;
  for (const [a, b] of points) {
    const d0 = a - centre[0];
    const d1 = b - centre[1];
    s00 += d0 * d0;
    s01 += d0 * d1;
    s11 += d1 * d1;
  }
  return [[s00, s01], [s01, s11]];
}

/** Sample covariance (denominator n - 1); needs at least two points. */
export function covarianceMatrix(points: readonly Vector2[]): Matrix2 {
  if (points.length < 2) throw new RangeError("covariance needs at least two points");
  return scaleMatrix(scatterMatrix(points, meanVector(points)), 1 / (points.length - 1));
}

export function scaleMatrix(m: Matrix2, s: number): Matrix2 {
  return [[m[0][0] * s, m[0][1] * s], [m[1][0] * s, m[1][1] * s]];
}

export function addMatrices(a: Matrix2, b: Matrix2): Matrix2 {
  return [[a[0][0] + b[0][0], a[0][1] + b[0][1]], [a[1][0] + b[1][0], a[1][1] + b[1][1]]];
}

export function subtractMatrices(a: Matrix2, b: Matrix2): Matrix2 {
  return addMatrices(a, scaleMatrix(b, -1));
}

export function multiplyMatrices(a: Matrix2, b: Matrix2): Matrix2 {
  return [
    [a[0][0] * b[0][0] + a[0][1] * b[1][0], a[0][0] * b[0][1] + a[0][1] * b[1][1]],
    [a[1][0] * b[0][0] + a[1][1] * b[1][0], a[1][0] * b[0][1] + a[1][1] * b[1][1]]
  ];
}

export function trace(m: Matrix2): number {
  return m[0][0] + m[1][1];
}

export function determinant(m: Matrix2): number {
  return m[0][0] * m[1][1] - m[0][1] * m[1][0];
}

/**
 * Inverse of a symmetric positive semi-definite matrix, or null when it is (numerically) singular,
 * i.e. when the points it summarises lie on a line or in one spot.
 */
export function inverseSymmetric(m: Matrix2): Matrix2 | null {
  const det = determinant(m);
  const scale = Math.abs(m[0][0] * m[1][1]);
  if (!(det > SINGULAR_TOLERANCE * scale) || !(scale > 0)) return null;
  return [[m[1][1] / det, -m[0][1] / det], [-m[1][0] / det, m[0][0] / det]];
}

/** v' M v. */
export function quadraticForm(v: Vector2, m: Matrix2): number {
  return v[0] * (m[0][0] * v[0] + m[0][1] * v[1]) + v[1] * (m[1][0] * v[0] + m[1][1] * v[1]);
}

/**
 * Lower Cholesky factor L with L L' = M for a symmetric positive semi-definite M. A singular M
 * gives a factor with a zero column (a degenerate ellipse: a segment or a point) instead of NaN.
 */
export function choleskyLower(m: Matrix2): Matrix2 {
  const l00 = Math.sqrt(Math.max(0, m[0][0]));
  const l10 = l00 > 0 ? m[1][0] / l00 : 0;
  const l11 = Math.sqrt(Math.max(0, m[1][1] - l10 * l10));
  return [[l00, 0], [l10, l11]];
}
