/**
 * The configured assumptions the money methods take as input: the fallback price list
 * (config/prijslijst.json) and the team's hours per case type (config/capaciteit.json). Node side;
 * a page imports the JSON directly and passes it to the same pure functions.
 */
import {readFileSync} from "node:fs";
import type {PriceList} from "../../methods/savings.js";
import type {CapacityConfig} from "../../methods/capacity.js";

export const CONFIG_DIR = new URL("../../../config/", import.meta.url).pathname;

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new Error(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const isNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

export function readPriceList(path = `${CONFIG_DIR}prijslijst.json`): PriceList {
  const json = readJson(path) as Partial<PriceList>;
  const min = json.min_observations;
  if (!min || !isNumber(min.months) || !isNumber(min.trajectories)) throw new Error(`${path}: min_observations needs numbers "months" and "trajectories"`);
  if (!json.categories || typeof json.categories !== "object") throw new Error(`${path}: "categories" is missing`);
  for (const [code, c] of Object.entries(json.categories)) {
    if (!isNumber(c?.monthly_cost) || !isNumber(c?.months)) throw new Error(`${path}: category ${code} needs numbers "monthly_cost" and "months"`);
  }
  return {categories: json.categories, min_observations: {months: min.months, trajectories: min.trajectories}};
}

export function readCapacityConfig(path = `${CONFIG_DIR}capaciteit.json`): CapacityConfig {
  const json = readJson(path) as Partial<CapacityConfig>;
  if (!isNumber(json.productive_hours_per_fte) || !Array.isArray(json.case_types) || !Array.isArray(json.scenarios)) {
    throw new Error(`${path}: needs "productive_hours_per_fte", "case_types" and "scenarios"`);
  }
  for (const t of json.case_types) if (!t.type || !isNumber(t.hours_per_case)) throw new Error(`${path}: case type ${JSON.stringify(t)} needs "type" and "hours_per_case"`);
  return {productive_hours_per_fte: json.productive_hours_per_fte, case_types: json.case_types, scenarios: json.scenarios};
}
