/**
 * Triad and dyad values as the story tools write them -> closed proportions and positions.
 * A dot a little outside the triangle (or past a dyad pole) is clamped and re-closed with a
 * warning; one clearly outside, or proportions that do not add up, is an invalid answer.
 */

/** Proportions must sum to the expected total within this fraction of it. */
export const SUM_TOLERANCE = 0.02;
/** A part may be this far below zero (fraction of the total) before the dot counts as outside. */
export const OUTSIDE_TOLERANCE = 0.05;
/** sin(60°): the height of the equilateral triangle with unit sides (Workbench Y). */
export const TRIANGLE_HEIGHT = 0.8660254;

export type Triad = [top: number, left: number, right: number];

export type Checked<T> = {ok: true; value: T; clamped: boolean} | {ok: false; reason: string};

/**
 * Closes three parts (top, left, right). `expectedTotal` 1 or 100 checks the sum first; null closes
 * whatever the sum is (the generic CSV accepts any scale).
 */
export function closeTriad(parts: Triad, expectedTotal: number | null): Checked<Triad> {
  const sum = parts[0] + parts[1] + parts[2];
  const total = expectedTotal ?? sum;
  if (expectedTotal !== null && Math.abs(sum - expectedTotal) > SUM_TOLERANCE * expectedTotal) {
    return {ok: false, reason: `the three proportions add up to ${round(sum)}, not ${expectedTotal}`};
  }
  const lowest = Math.min(...parts);
  if (lowest < -OUTSIDE_TOLERANCE * Math.abs(total)) {
    return {ok: false, reason: `a proportion is ${round(lowest)}: the dot lies outside the triangle`};
  }
  const clampedParts = parts.map((p) => Math.max(0, p)) as Triad;
  const closedSum = clampedParts[0] + clampedParts[1] + clampedParts[2];
  if (!(closedSum > 0)) return {ok: false, reason: "the three proportions are all zero"};
  return {ok: true, value: clampedParts.map((p) => p / closedSum) as Triad, clamped: lowest < 0};
}

/** Proportions from a point in the unit square of the raw export (y = top, x = right + top/2). */
export function triadFromUnitSquare(x: number, y: number): Triad {
  const top = y;
  const right = x - y / 2;
  return [top, 1 - top - right, right];
}

/** Largest absolute difference between two triads (consistency check of columns). */
export function triadDistance(a: Triad, b: Triad): number {
  return Math.max(Math.abs(a[0] - b[0]), Math.abs(a[1] - b[1]), Math.abs(a[2] - b[2]));
}

/** A dyad position in 0..1; slightly past a pole is clamped, further is invalid. */
export function checkDyad(position: number): Checked<number> {
  if (position < -OUTSIDE_TOLERANCE || position > 1 + OUTSIDE_TOLERANCE) {
    return {ok: false, reason: `position ${round(position)} lies outside 0..1`};
  }
  const value = Math.min(1, Math.max(0, position));
  return {ok: true, value, clamped: value !== position};
}

function round(n: number): number {
  return Math.round(n * 10000) / 10000;
}
