/**
 * Seeded permutation tests: the same inputs, seed and number of permutations always give the same
 * p-value, so a reviewer can reproduce every figure.
 */
import {randomLcg} from "d3";

export const DEFAULT_PERMUTATIONS = 9999;
export const DEFAULT_SEED = 1;

export interface PermutationOptions {
  /** Number of random relabellings (default 9999). */
  readonly permutations?: number;
  /** Seed of the linear congruential generator (d3 randomLcg; default 1). */
  readonly seed?: number;
}

/** Fisher-Yates shuffle driven by `random` (uniform on [0, 1)). */
export function shuffleInPlace<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swap = items[i];
    items[i] = items[j];
    items[j] = swap;
  }
  return items;
}

export interface PermutationP {
  readonly p: number;
  readonly permutations: number;
  readonly seed: number;
}

/**
 * p = (1 + #{permuted statistic >= observed}) / (1 + permutations), which counts the observed
 * labelling as one of the permutations and so is never 0. `permutedStatistic` shuffles its own copy
 * of the labels with the random source it is given and returns the statistic. Ties within a relative
 * 1e-12 count as "at least as extreme" so that rounding noise does not lower p.
 */
export function permutationPValue(
  observed: number,
  permutedStatistic: (random: () => number) => number,
  options: PermutationOptions = {}
): PermutationP {
  const permutations = options.permutations ?? DEFAULT_PERMUTATIONS;
  const seed = options.seed ?? DEFAULT_SEED;
  if (!(Number.isInteger(permutations) && permutations >= 1)) {
    throw new RangeError(`permutations must be a positive integer, got ${permutations}`);
  }
  const random = randomLcg(seed);
  const threshold = observed - 1e-12 * Math.abs(observed);
  let atLeast = 0;
  for (let i = 0; i < permutations; i++) {
    if (permutedStatistic(random) >= threshold) atLeast++;
  }
  return {p: (1 + atLeast) / (1 + permutations), permutations, seed};
}
