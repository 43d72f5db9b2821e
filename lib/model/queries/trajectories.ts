/**
 * Contracted second-line trajectories for the comparison with the first line's own trajectories
 * (lib/methods/trajectories.ts). One trajectory = one assignment. Its cost = the net sum of the
 * declaration lines that carry its assignment number (credits netted) plus, for PGB, the paid
 * amount (else the budget). Its length = actual start (planned start when missing) to actual end.
 * Only ended trajectories (an actual end date) have a complete cost and length; the rest are
 * counted as running. An ended trajectory without a start date (or ending before it starts) still
 * counts in the cost figures, only not in the lengths. Aggregated per law and productcategorie with
 * DuckDB's interpolating quantiles (quantile_cont, the same as type 7).
 */
import {type Model, gemeenteFilter} from "./model.js";
import {DAYS_PER_MONTH} from "../../methods/trajectories.js";

export interface ContractedCategory {
  law: string | null;
  productcategorie: string;
  trajectories: number;
  ended: number;
  /** Ended trajectories without any declared or paid amount (left out of the cost figures). */
  ended_without_cost: number;
  providers: number;
  cost_median: number | null;
  cost_mean: number | null;
  cost_p25: number | null;
  cost_p75: number | null;
  months_median: number | null;
  monthly_median: number | null;
}

const trajectorySql = (gemeente: string | null) => `
  WITH declared AS (
    SELECT assignment_id, sum(amount)::DOUBLE AS amount FROM declarations
    WHERE ${gemeenteFilter(gemeente)} AND assignment_id IS NOT NULL GROUP BY 1)
  SELECT a.assignment_id, a.client_key, a.law, a.productcategorie, a.provider_agb,
    coalesce(d.amount, 0) + CASE WHEN upper(a.delivery_form) = 'PGB' THEN coalesce(a.paid_amount, a.budget, 0)::DOUBLE ELSE 0 END AS cost,
    a.actual_end IS NOT NULL AS ended,
    CASE WHEN a.actual_end IS NOT NULL THEN date_diff('day', coalesce(a.actual_start, a.planned_start), a.actual_end) / ${DAYS_PER_MONTH} END AS months
  FROM assignments a LEFT JOIN declared d USING (assignment_id)
  WHERE ${gemeenteFilter(gemeente, "a.gemeente")} AND a.productcategorie IS NOT NULL`;

export async function contractedCategories(model: Model, gemeente: string | null): Promise<ContractedCategory[]> {
  return model.rows<ContractedCategory>(`
    WITH t AS (${trajectorySql(gemeente)}),
    counts AS (
      SELECT productcategorie, any_value(law) AS law, count(*)::INTEGER AS trajectories, count(*) FILTER (WHERE ended)::INTEGER AS ended,
        count(*) FILTER (WHERE ended AND cost <= 0)::INTEGER AS ended_without_cost, count(DISTINCT provider_agb)::INTEGER AS providers
      FROM t GROUP BY productcategorie),
    stats AS (
      SELECT productcategorie, quantile_cont(cost, 0.5)::DOUBLE AS cost_median, avg(cost)::DOUBLE AS cost_mean,
        quantile_cont(cost, 0.25)::DOUBLE AS cost_p25, quantile_cont(cost, 0.75)::DOUBLE AS cost_p75,
        (quantile_cont(months, 0.5) FILTER (WHERE months >= 0))::DOUBLE AS months_median,
        (quantile_cont(cost / months, 0.5) FILTER (WHERE months >= 1))::DOUBLE AS monthly_median
      FROM t WHERE ended AND cost > 0 GROUP BY productcategorie)
    SELECT c.law, c.productcategorie, c.trajectories, c.ended, c.ended_without_cost, c.providers,
      s.cost_median, s.cost_mean, s.cost_p25, s.cost_p75, s.months_median, s.monthly_median
    FROM counts c LEFT JOIN stats s USING (productcategorie) ORDER BY c.productcategorie`);
}

/** Per first-line case, the productcategorieën in which its client had a contracted trajectory (no client keys leave). */
export async function caseContractedCategories(model: Model, gemeente: string | null): Promise<{case_id: string; productcategorie: string}[]> {
  return model.rows(`
    SELECT DISTINCT c.case_id, t.productcategorie
    FROM cases c JOIN (${trajectorySql(gemeente)}) t ON t.client_key = c.client_key
    WHERE ${gemeenteFilter(gemeente, "c.gemeente")} AND c.client_key IS NOT NULL
    ORDER BY 1, 2`);
}
