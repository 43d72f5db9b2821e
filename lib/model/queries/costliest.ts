/**
 * The small tables behind the costliest-10% figures (lib/methods/costliest.ts):
 * - spend per client (with its latest known household, table `households`), year, law,
 *   productcategorie, provider and source: accepted declaration lines
 *   (signed: credit negative, so debit minus credit) by the line's `year` (else the year of its
 *   period start), plus PGB assignments (`delivery_form` PGB: no declarations) with their paid
 *   amount, or else their budget, spread over the calendar years in proportion to the days of the
 *   assignment (actual start/end, else planned) that fall in each year;
 * - months covered per year (to find the latest complete year);
 * - lump-sum funded lines without per-client cost: budget lines (task-based funding, spread over
 *   the years of their period) and declaration amounts without a client.
 */
import {type Model, gemeenteFilter} from "./model.js";
import {budgetShareBetween, type BudgetRow} from "../../methods/savings.js";
import {latestCompleteYear, type CoverageRow, type LumpSum, type SpendRow} from "../../methods/costliest.js";

/** `years`: only these years (e.g. the chosen year and the one before, for movement); default all. */
export async function spendRows(model: Model, gemeente: string | null, years?: number[]): Promise<SpendRow[]> {
  const inYears = years ? `WHERE year IN (${years.map((y) => Math.trunc(y)).join(", ") || "NULL"})` : "";
  return model.rows<SpendRow>(`
    WITH declared AS (
      SELECT client_key, coalesce(year, year(period_start))::INTEGER AS year, law, productcategorie, provider_agb,
        'declaraties' AS source, sum(amount) AS amount
      FROM declarations WHERE ${gemeenteFilter(gemeente)} AND client_key IS NOT NULL AND amount IS NOT NULL
      GROUP BY ALL),
    pgb AS (
      SELECT client_key, law, productcategorie, provider_agb, coalesce(paid_amount, budget) AS amount,
        coalesce(actual_start, planned_start) AS from_day, coalesce(actual_end, planned_end) AS to_day
      FROM assignments
      WHERE ${gemeenteFilter(gemeente)} AND upper(delivery_form) = 'PGB' AND client_key IS NOT NULL
        AND coalesce(paid_amount, budget) IS NOT NULL),
    pgb_years AS (
      SELECT *, unnest(generate_series(year(from_day), year(to_day))) AS y FROM pgb WHERE to_day >= from_day),
    pgb_spread AS (
      SELECT client_key, y::INTEGER AS year, law, productcategorie, provider_agb, 'pgb' AS source,
        sum(amount * (date_diff('day', greatest(from_day, make_date(y, 1, 1)), least(to_day, make_date(y, 12, 31))) + 1)
            / (date_diff('day', from_day, to_day) + 1)) AS amount
      FROM pgb_years GROUP BY ALL),
    -- One row per client by construction (the importer); grouped anyway so that a hand-made model
    -- with two rows for a client cannot count its spend twice.
    household AS (SELECT client_key, min(household_key) AS household_key FROM households GROUP BY client_key)
    SELECT s.client_key, h.household_key, year, law, productcategorie, provider_agb, source, amount::DOUBLE AS amount
    FROM (SELECT * FROM declared UNION ALL BY NAME SELECT * FROM pgb_spread) s LEFT JOIN household h ON h.client_key = s.client_key
    ${inYears}
    ORDER BY year, s.client_key, law, productcategorie, provider_agb, source`);
}

export async function yearCoverage(model: Model, gemeente: string | null): Promise<CoverageRow[]> {
  return model.rows<CoverageRow>(`
    SELECT coalesce(year, year(period_start))::INTEGER AS year, count(DISTINCT month(period_start))::INTEGER AS months
    FROM declarations WHERE ${gemeenteFilter(gemeente)} AND period_start IS NOT NULL
    GROUP BY 1 ORDER BY 1`);
}

export async function lumpSums(model: Model, gemeente: string | null, years: number[]): Promise<LumpSum[]> {
  const budgets = await model.rows<BudgetRow>(`
    SELECT line, strftime(period_start, '%Y-%m-%d') AS period_start, strftime(period_end, '%Y-%m-%d') AS period_end, amount::DOUBLE AS amount
    FROM budgets WHERE ${gemeenteFilter(gemeente)} AND amount IS NOT NULL ORDER BY period_start, line`);
  const out: LumpSum[] = [];
  const byName = new Map<string, LumpSum>();
  for (const year of years) {
    for (const b of budgets) {
      const amount = budgetShareBetween(b, `${year}-01-01`, `${year}-12-31`);
      if (amount === 0) continue;
      const name = b.line ?? "budget zonder omschrijving";
      const key = `${year}|${name}`;
      const existing = byName.get(key);
      if (existing) existing.amount += amount;
      else {
        const item = {name, year, amount, reason: "budgetfinanciering (taakgericht): geen kosten per cliënt"};
        byName.set(key, item);
        out.push(item);
      }
    }
  }
  const anonymous = await model.rows<{year: number; amount: number}>(`
    SELECT coalesce(year, year(period_start))::INTEGER AS year, sum(amount)::DOUBLE AS amount
    FROM declarations WHERE ${gemeenteFilter(gemeente)} AND client_key IS NULL AND amount IS NOT NULL GROUP BY 1 ORDER BY 1`);
  for (const a of anonymous) {
    if (a.amount !== 0) out.push({name: "declaraties zonder cliënt", year: a.year, amount: a.amount, reason: "niet aan een cliënt toe te rekenen"});
  }
  return out;
}

/** Everything `computeCostliest` needs for `year` (default: the latest complete year) and the year before. */
export async function costliestInputs(model: Model, gemeente: string | null, year?: number): Promise<{year: number | null; rows: SpendRow[]; coverage: CoverageRow[]; lumpSum: LumpSum[]}> {
  const coverage = await yearCoverage(model, gemeente);
  const chosen = year ?? latestCompleteYear(coverage);
  if (chosen === null) return {year: null, rows: [], coverage, lumpSum: []};
  const years = [chosen - 1, chosen];
  return {year: chosen, rows: await spendRows(model, gemeente, years), coverage, lumpSum: await lumpSums(model, gemeente, years)};
}
