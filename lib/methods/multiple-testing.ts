/**
 * Correction for running many tests at once (one per pair of questions on the patterns page).
 */

/**
 * Benjamini-Hochberg q-values, in input order: q_(i) = min over j >= i of min(1, m p_(j) / j) for
 * p-values sorted ascending. A NaN p-value (a test that could not be run) gets a NaN q-value and is
 * not counted in m.
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  for (const p of pValues) {
    if (p < 0 || p > 1) throw new RangeError(`not a p-value: ${p}`);
  }
  const order = pValues
    .map((p, index) => ({p, index}))
    .filter(({p}) => !Number.isNaN(p))
    .sort((a, b) => a.p - b.p);
  const m = order.length;
  const q = pValues.map(() => Number.NaN);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const {p, index} = order[rank - 1];
    // p * (m / rank) rather than m * p / rank: exact for rank = m, so q >= p holds in floating point.
    running = Math.min(running, p * (m / rank));
    q[index] = running;
  }
  return q;
}
