/**
 * Chi-square test of independence for choice x choice and zone x choice tables (methods.md,
 * "Patterns"). No Yates continuity correction; when any expected count is below 5 the asymptotic
 * p-value is unreliable and a seeded permutation p-value (shuffling one factor's labels, which keeps
 * both margins) is reported as the p-value instead. Effect size: Cramer's V.
 *
 * Rows or columns with no observations are dropped first (they carry no information and would make
 * an expected count 0). A result is null when fewer than two rows or two columns remain.
 */
import {chiSquareSf} from "./distributions.js";
import {permutationPValue, shuffleInPlace, type PermutationOptions} from "./permutation.js";

export interface CrossTable {
  readonly rowLevels: string[];
  readonly colLevels: string[];
  /** counts[i][j] = number of observations with row level i and column level j. */
  readonly counts: number[][];
}

/** Counts of paired labels; levels sorted so that the table does not depend on input order. */
export function crossTabulate(rows: readonly string[], cols: readonly string[]): CrossTable {
  if (rows.length !== cols.length) throw new RangeError(`${rows.length} row labels but ${cols.length} column labels`);
  const rowLevels = [...new Set(rows)].sort();
  const colLevels = [...new Set(cols)].sort();
  const rowIndex = new Map(rowLevels.map((level, i) => [level, i]));
  const colIndex = new Map(colLevels.map((level, j) => [level, j]));
  const counts = rowLevels.map(() => colLevels.map(() => 0));
  rows.forEach((row, k) => counts[rowIndex.get(row)!][colIndex.get(cols[k])!]++);
  return {rowLevels, colLevels, counts};
}

export interface ChiSquareOptions extends PermutationOptions {
  /** Expected count below which the permutation p-value is used (default 5). */
  readonly minExpected?: number;
}

export interface ChiSquareResult {
  readonly test: "chi-square";
  readonly n: number;
  /** Indices (into the input table) of the rows and columns used: empty ones are dropped. */
  readonly rows: number[];
  readonly cols: number[];
  readonly chiSquare: number;
  readonly df: number;
  /** Cramer's V = sqrt(X^2 / (n (min(r, c) - 1))). */
  readonly cramersV: number;
  readonly smallestExpected: number;
  readonly pAsymptotic: number;
  /** Null unless some expected count was below minExpected. */
  readonly pPermutation: number | null;
  readonly permutations: number | null;
  readonly seed: number | null;
  /** The p-value to report: pPermutation when it was computed, else pAsymptotic. */
  readonly p: number;
  readonly method: "asymptotic" | "permutation";
}

export function chiSquareIndependence(
  counts: readonly (readonly number[])[],
  options: ChiSquareOptions = {}
): ChiSquareResult | null {
  validateCounts(counts);
  const rows = counts.map((_, i) => i).filter((i) => sum(counts[i]) > 0);
  const cols = (counts[0] ?? []).map((_, j) => j).filter((j) => counts.some((row) => row[j] > 0));
  if (rows.length < 2 || cols.length < 2) return null;
  const table = rows.map((i) => cols.map((j) => counts[i][j]));
  const n = sum(table.map(sum));
  const expected = expectedCounts(table);
  const chiSquare = pearsonStatistic(table, expected);
  const df = (rows.length - 1) * (cols.length - 1);
  const smallestExpected = Math.min(...expected.flat());
  const pAsymptotic = chiSquareSf(chiSquare, df);
  const base = {
    test: "chi-square" as const, n, rows, cols, chiSquare, df, smallestExpected, pAsymptotic,
    cramersV: Math.sqrt(chiSquare / (n * (Math.min(rows.length, cols.length) - 1)))
  };
  if (smallestExpected >= (options.minExpected ?? 5)) {
    return {...base, pPermutation: null, permutations: null, seed: null, p: pAsymptotic, method: "asymptotic"};
  }
  const {p, permutations, seed} = permutationChiSquare(table, expected, chiSquare, options);
  return {...base, pPermutation: p, permutations, seed, p, method: "permutation"};
}

/** Pearson X^2 = sum (O - E)^2 / E. */
function pearsonStatistic(table: readonly (readonly number[])[], expected: readonly (readonly number[])[]): number {
  let x2 = 0;
  table.forEach((row, i) => row.forEach((o, j) => (x2 += (o - expected[i][j]) ** 2 / expected[i][j])));
  return x2;
}

/** E = row total x column total / n. */
function expectedCounts(table: readonly (readonly number[])[]): number[][] {
  const rowTotals = table.map(sum);
  const colTotals = table[0].map((_, j) => sum(table.map((row) => row[j])));
  const n = sum(rowTotals);
  return rowTotals.map((r) => colTotals.map((c) => (r * c) / n));
}

/** Shuffles the column label of every observation, which keeps both margins (and so E) fixed. */
function permutationChiSquare(
  table: readonly (readonly number[])[], expected: readonly (readonly number[])[], observed: number,
  options: PermutationOptions
) {
  const rowOf: number[] = [];
  const colOf: number[] = [];
  table.forEach((row, i) => row.forEach((count, j) => {
    for (let k = 0; k < count; k++) {
      rowOf.push(i);
      colOf.push(j);
    }
  }));
  const shuffled = colOf.slice();
  return permutationPValue(observed, (random) => {
    shuffleInPlace(shuffled, random);
    const permuted = table.map((row) => row.map(() => 0));
    rowOf.forEach((i, k) => permuted[i][shuffled[k]]++);
    return pearsonStatistic(permuted, expected);
  }, options);
}

function validateCounts(counts: readonly (readonly number[])[]): void {
  const width = counts[0]?.length ?? 0;
  for (const row of counts) {
    if (row.length !== width) throw new RangeError("contingency table rows differ in length");
    for (const c of row) {
      if (!(Number.isInteger(c) && c >= 0)) throw new RangeError(`not a count: ${c}`);
    }
  }
}

function sum(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0);
}
