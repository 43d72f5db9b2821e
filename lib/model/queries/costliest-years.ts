/**
 * The costliest-10% figures for every year with declarations, each computed exactly as
 * `warmkoud stats costliest <dir> --year Y [--per household]` does (costliestInputs +
 * computeCostliest), so a page with a year selector shows the command line's numbers for every
 * year it offers.
 */
import type {Model} from "./model.js";
import {costliestInputs, yearCoverage} from "./costliest.js";
import {computeCostliest, latestCompleteYear, type CostliestResult, type CoverageRow} from "../../methods/costliest.js";

export interface CostliestYears {
  coverage: CoverageRow[];
  /** The year the command line uses without --year (latest complete year). */
  default_year: number | null;
  /** Per client (`--per client`, the default). */
  results: CostliestResult[];
  /** Per household (`--per household`), same years. */
  household_results: CostliestResult[];
}

export async function costliestByYear(model: Model, gemeente: string | null): Promise<CostliestYears> {
  const coverage = await yearCoverage(model, gemeente);
  const results: CostliestResult[] = [];
  const householdResults: CostliestResult[] = [];
  for (const {year} of coverage) {
    const inputs = await costliestInputs(model, gemeente, year);
    if (inputs.year === null) continue;
    results.push(computeCostliest(inputs.rows, inputs.year, {lumpSum: inputs.lumpSum}));
    householdResults.push(computeCostliest(inputs.rows, inputs.year, {lumpSum: inputs.lumpSum, unit: "household"}));
  }
  return {coverage, default_year: latestCompleteYear(coverage), results, household_results: householdResults};
}
