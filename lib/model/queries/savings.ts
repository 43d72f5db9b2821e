/**
 * The small tables behind the avoided-cost figures (lib/methods/savings.ts), aggregated in DuckDB:
 *
 * - Monthly cost C_k: declaration lines summed per assignment (or, without an assignment number,
 *   per client) per calendar month of the period start, so a credit line cancels the
 *   line it corrects; months that net to zero or less (fully credited) are left out; then the
 *   median of those monthly sums per productcategorie and per (productcategorie, productcode).
 *   DuckDB's median interpolates: for an even count it is the mean of the two middle values.
 * - Duration D_k: trajectory length in months (days / (365.25 / 12)) of assignments that ended:
 *   actual start to actual end (planned start when the start message is missing); an assignment
 *   with no start/stop data at all counts with its planned period. Trajectories still running are
 *   left out (their length is unknown), which leans the median towards shorter trajectories.
 * - Realised second-line cost of a "blijft"/"nieuw" case: its client's declarations with a period
 *   starting after the help ended, plus PGB budgets paid for assignments (pro rata over the days of
 *   the assignment after that date).
 */
import {type Model, gemeenteFilter, sqlString} from "./model.js";
import type {BudgetRow, CaseRow, ObservedCost, ObservedDuration, RealisedRow, RequestRow, SavingsInputs} from "../../methods/savings.js";

export const DAYS_PER_MONTH = 365.25 / 12;

export interface SavingsQueryOptions {
  /** Restrict to one gemeente (cases, declarations, assignments, budgets); null = everything. */
  gemeente: string | null;
  /** Only budget lines whose description contains this text (case-insensitive); null = all lines. */
  budgetLine?: string | null;
}

const iso = (column: string) => `strftime(${column}, '%Y-%m-%d')`;

export async function observedMonthlyCosts(model: Model, gemeente: string | null): Promise<ObservedCost[]> {
  // Without an assignment number the client stands in for it (within the category or product).
  const months = (level: "category" | "code") => `
    SELECT productcategorie, ${level === "code" ? "productcode" : "NULL::VARCHAR"} AS productcode,
      coalesce(assignment_id, 'client:' || client_key) AS unit, date_trunc('month', period_start) AS month, sum(amount) AS net
    FROM declarations
    WHERE ${gemeenteFilter(gemeente)} AND productcategorie IS NOT NULL AND period_start IS NOT NULL AND amount IS NOT NULL
      AND (assignment_id IS NOT NULL OR client_key IS NOT NULL)
      ${level === "code" ? "AND productcode IS NOT NULL" : ""}
    GROUP BY ALL`;
  return model.rows<ObservedCost>(`
    SELECT productcategorie, productcode, median(net)::DOUBLE AS monthly_cost, count(*)::INTEGER AS n
    FROM (${months("category")} UNION ALL ${months("code")})
    WHERE net > 0
    GROUP BY productcategorie, productcode
    ORDER BY productcategorie, productcode NULLS FIRST`);
}

export async function observedDurations(model: Model, gemeente: string | null): Promise<ObservedDuration[]> {
  const trajectories = `
    SELECT productcategorie, productcode,
      CASE WHEN actual_end IS NOT NULL THEN coalesce(actual_start, planned_start)
           WHEN actual_start IS NULL THEN planned_start END AS start_date,
      CASE WHEN actual_end IS NOT NULL THEN actual_end
           WHEN actual_start IS NULL THEN planned_end END AS end_date
    FROM assignments WHERE ${gemeenteFilter(gemeente)} AND productcategorie IS NOT NULL`;
  const lengths = `SELECT productcategorie, productcode, date_diff('day', start_date, end_date) / ${DAYS_PER_MONTH} AS months
    FROM (${trajectories}) WHERE start_date IS NOT NULL AND end_date IS NOT NULL AND end_date >= start_date`;
  return model.rows<ObservedDuration>(`
    SELECT productcategorie, NULL::VARCHAR AS productcode, median(months)::DOUBLE AS months, count(*)::INTEGER AS n FROM (${lengths}) GROUP BY 1
    UNION ALL
    SELECT productcategorie, productcode, median(months)::DOUBLE, count(*)::INTEGER FROM (${lengths}) WHERE productcode IS NOT NULL GROUP BY 1, 2
    ORDER BY 1, 2 NULLS FIRST`);
}

export async function caseRows(model: Model, gemeente: string | null): Promise<CaseRow[]> {
  return model.rows<CaseRow>(`
    SELECT case_id, client_key, domain, ${iso("help_start")} AS help_start, ${iso("help_end")} AS help_end, need_after
    FROM cases WHERE ${gemeenteFilter(gemeente)} AND case_id IS NOT NULL ORDER BY help_end NULLS LAST, case_id`);
}

export async function requestRows(model: Model, gemeente: string | null): Promise<RequestRow[]> {
  return model.rows<RequestRow>(`
    SELECT r.case_id, r.productcategorie, r.productcode, r.description, r.likelihood
    FROM requests r SEMI JOIN (SELECT case_id FROM cases WHERE ${gemeenteFilter(gemeente)}) c ON r.case_id = c.case_id
    ORDER BY r.case_id, r.source_file, r.source_row`);
}

export async function realisedSecondLine(model: Model, gemeente: string | null): Promise<RealisedRow[]> {
  const still = `SELECT case_id, client_key, help_end FROM cases
    WHERE ${gemeenteFilter(gemeente)} AND help_end IS NOT NULL AND client_key IS NOT NULL AND lower(trim(need_after)) IN ('blijft', 'nieuw')`;
  return model.rows<RealisedRow>(`
    WITH still AS (${still}),
    declared AS (
      SELECT s.case_id, sum(d.amount) AS amount FROM still s
      JOIN declarations d ON d.client_key = s.client_key AND d.period_start > s.help_end
      WHERE ${gemeenteFilter(gemeente, "d.gemeente")} GROUP BY s.case_id),
    pgb AS (
      SELECT s.case_id, sum(coalesce(a.paid_amount, a.budget) * (date_diff('day', greatest(a.from_day, s.help_end + 1), a.to_day) + 1)
                                / (date_diff('day', a.from_day, a.to_day) + 1)) AS amount
      FROM still s
      JOIN (SELECT *, coalesce(actual_start, planned_start) AS from_day, coalesce(actual_end, planned_end) AS to_day FROM assignments
            WHERE upper(delivery_form) = 'PGB' AND ${gemeenteFilter(gemeente)}) a
        ON a.client_key = s.client_key AND a.to_day > s.help_end AND a.to_day >= a.from_day
      GROUP BY s.case_id)
    SELECT case_id, sum(amount)::DOUBLE AS amount FROM (SELECT * FROM declared UNION ALL SELECT * FROM pgb)
    GROUP BY case_id ORDER BY case_id`);
}

export async function budgetRows(model: Model, options: SavingsQueryOptions): Promise<BudgetRow[]> {
  const line = options.budgetLine ? `AND contains(lower(line), lower(${sqlString(options.budgetLine)}))` : "";
  return model.rows<BudgetRow>(`
    SELECT line, ${iso("period_start")} AS period_start, ${iso("period_end")} AS period_end, amount::DOUBLE AS amount
    FROM budgets WHERE ${gemeenteFilter(options.gemeente)} AND amount IS NOT NULL ${line} ORDER BY period_start, line`);
}

export async function savingsInputs(model: Model, options: SavingsQueryOptions): Promise<SavingsInputs> {
  const g = options.gemeente;
  return {
    cases: await caseRows(model, g),
    requests: await requestRows(model, g),
    costs: await observedMonthlyCosts(model, g),
    durations: await observedDurations(model, g),
    realised: await realisedSecondLine(model, g),
    budgets: await budgetRows(model, options)
  };
}
