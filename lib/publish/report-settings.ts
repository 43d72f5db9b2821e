/**
 * The settings behind every figure of the public report, as the Verantwoording page lists them:
 * the methods' defaults (likelihood weights, zero policy), the configured price list, the
 * small-cell rules, and the commands that reproduce the report. Read from the same constants the
 * computation uses, so the page cannot drift from the code.
 */
import {DEFAULT_ZERO_POLICY, describeZeroPolicy} from "../methods/compositional.js";
import {DEFAULT_WEIGHTS} from "../methods/savings.js";
import {readPriceList} from "../model/queries/settings.js";
import {LEGEND, SUPPRESSION_RULES} from "../privacy/suppression.js";

export interface ReportSettings {
  weights: typeof DEFAULT_WEIGHTS;
  zero_policy: {kind: string; delta: number; description: string};
  confidence_level: number;
  suppression: typeof SUPPRESSION_RULES & {legend: string; cumulative_step: number; euro_rounding: number};
  prices: {min_observations: {months: number; trajectories: number}; categories: {code: string; name: string; monthly_cost: number; months: number}[]};
  reproduce: string[];
}

export function reportSettings(): ReportSettings {
  const prices = readPriceList();
  return {
    weights: DEFAULT_WEIGHTS,
    zero_policy: {...DEFAULT_ZERO_POLICY, description: describeZeroPolicy(DEFAULT_ZERO_POLICY)},
    confidence_level: 0.95,
    suppression: {...SUPPRESSION_RULES, legend: LEGEND, cumulative_step: SUPPRESSION_RULES.minPersons, euro_rounding: 1000},
    prices: {
      min_observations: prices.min_observations,
      categories: Object.entries(prices.categories).map(([code, c]) => ({code, name: c.name, monthly_cost: c.monthly_cost, months: c.months}))
    },
    reproduce: [
      "warmkoud import --key-file <sleutelbestand van het project> --out model <map met exports>",
      "warmkoud verify model",
      "WARMKOUD_DATA=<map met exports> WARMKOUD_AUDIENCE=public npm run build"
    ]
  };
}
