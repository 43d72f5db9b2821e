/** Statistics-office rows of the benchmark table for the given measures (input of lib/methods/peers.ts). */
import {type Model, sqlString} from "./model.js";
import type {BenchmarkRow} from "../../methods/peers.js";

export async function benchmarkRows(model: Model, measures: string[]): Promise<BenchmarkRow[]> {
  if (measures.length === 0) return [];
  return model.rows<BenchmarkRow>(`
    SELECT gemeente, gemeente_name, year::INTEGER AS year, measure, value, status, series_break
    FROM benchmark WHERE measure IN (${measures.map(sqlString).join(", ")}) AND gemeente IS NOT NULL
    ORDER BY measure, gemeente, year`);
}

/** The measures present, with their table and year range (to choose numerator and denominator). */
export async function benchmarkMeasures(model: Model): Promise<{table_id: string | null; measure: string; first_year: number; last_year: number; gemeenten: number}[]> {
  return model.rows(`
    SELECT table_id, measure, min(year)::INTEGER AS first_year, max(year)::INTEGER AS last_year, count(DISTINCT gemeente)::INTEGER AS gemeenten
    FROM benchmark WHERE measure IS NOT NULL GROUP BY ALL ORDER BY measure`);
}
