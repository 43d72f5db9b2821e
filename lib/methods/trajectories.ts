/**
 * Own first-line trajectories against contracted care (issue 5, scope 7; domain.md case 4). Pure
 * and browser-safe (no imports at run time).
 *
 * Cost of an own trajectory: the first-line investment (budget lines) spread over the cases that
 * started within the budget period (help start, else first contact), either
 * - "per casus": equally (investment / number of cases), or
 * - "naar uren": in proportion to the estimated hours of each case's type (config/capaciteit.json,
 *   the team's assumptions; the types are matched by the caller with lib/methods/capacity.ts).
 * Duration of an own trajectory: help start to help end, in months of 365.25/12 days.
 * Contracted trajectories come aggregated per productcategorie from the model (see
 * lib/model/queries/trajectories.ts). The ratio is own / contracted (0.5 = half the cost).
 */

export const DAYS_PER_MONTH = 365.25 / 12;

export type OwnCostMethod = "per casus" | "naar uren";

export interface OwnCase {
  case_id: string;
  /** ISO dates. */
  start: string | null;
  help_start: string | null;
  help_end: string | null;
  /** Estimated hours of the case's type (used by "naar uren"). */
  hours: number;
}

export interface OwnCaseCost {
  case_id: string;
  in_period: boolean;
  cost: number | null;
  months: number | null;
}

export interface OwnCostResult {
  investment: number;
  period: {start: string | null; end: string | null};
  cases_in_period: number;
  method: OwnCostMethod;
  cases: OwnCaseCost[];
}

const dayNumber = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;

export function monthsBetween(start: string | null, end: string | null): number | null {
  if (!start || !end) return null;
  const days = dayNumber(end) - dayNumber(start);
  return days >= 0 ? days / DAYS_PER_MONTH : null;
}

export function ownTrajectoryCosts(
  cases: readonly OwnCase[], budgets: readonly {period_start: string | null; period_end: string | null; amount: number}[], method: OwnCostMethod
): OwnCostResult {
  const investment = budgets.reduce((s, b) => s + b.amount, 0);
  const starts = budgets.map((b) => b.period_start).filter((d): d is string => d !== null).sort();
  const ends = budgets.map((b) => b.period_end).filter((d): d is string => d !== null).sort();
  const period = {start: starts[0] ?? null, end: ends[ends.length - 1] ?? null};
  const inPeriod = (c: OwnCase) => c.start !== null && (period.start === null || c.start >= period.start) && (period.end === null || c.start <= period.end);
  const counted = cases.filter(inPeriod);
  const totalHours = counted.reduce((s, c) => s + c.hours, 0);
  const share = (c: OwnCase) => method === "per casus" ? investment / counted.length : totalHours > 0 ? (investment * c.hours) / totalHours : null;
  return {
    investment, period, cases_in_period: counted.length, method,
    cases: cases.map((c) => {
      const within = inPeriod(c);
      return {case_id: c.case_id, in_period: within, cost: within && counted.length > 0 ? share(c) : null, months: monthsBetween(c.help_start, c.help_end)};
    })
  };
}

export interface Spread {
  n: number;
  median: number | null;
  mean: number | null;
  p25: number | null;
  p75: number | null;
}

/** Type-7 quartiles, median and mean of the finite values. */
export function spread(values: readonly (number | null)[]): Spread {
  const v = values.filter((x): x is number => x !== null && Number.isFinite(x)).sort((a, b) => a - b);
  const q = (p: number) => {
    if (v.length === 0) return null;
    const h = (v.length - 1) * p;
    const lo = Math.floor(h);
    return v[lo] + (h - lo) * (v[Math.min(lo + 1, v.length - 1)] - v[lo]);
  };
  return {n: v.length, median: q(0.5), mean: v.length ? v.reduce((s, x) => s + x, 0) / v.length : null, p25: q(0.25), p75: q(0.75)};
}

/** Own / contracted; null when either is missing or the contracted figure is not positive. */
export function costRatio(own: number | null, contracted: number | null): number | null {
  return own === null || contracted === null || !(contracted > 0) ? null : own / contracted;
}
