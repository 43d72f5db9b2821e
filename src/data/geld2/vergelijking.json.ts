/**
 * Benchmark statistics for /geld/vergelijking: the rows of the measures the peer comparison uses
 * (lib/model/queries/peers.ts), the indicators found (lib/methods/peer-indicators.ts), the
 * municipalities with their names, and the municipality the workspace is about. Public figures;
 * small (one row per municipality, year and measure).
 */
import {emitJson} from "../../../lib/site/emit.js";
import {defaultGemeente} from "../../../lib/model/queries/model.js";
import {benchmarkMeasures, benchmarkRows} from "../../../lib/model/queries/peers.js";
import {peerIndicators} from "../../../lib/methods/peer-indicators.js";

await emitJson(async (model) => {
  const measures = await benchmarkMeasures(model);
  const indicators = peerIndicators(measures.map((m) => m.measure));
  const used = [...new Set(indicators.flatMap((i) => [i.numerator, i.denominator]))];
  const rows = await benchmarkRows(model, used);
  const gemeenten = [...new Map(rows.map((r) => [r.gemeente, r.gemeente_name ?? r.gemeente])).entries()]
    .map(([code, name]) => ({code, name})).sort((a, b) => a.name.localeCompare(b.name, "nl"));
  const own = await defaultGemeente(model);
  return {gemeente: own, gemeenten, indicators, measures, rows: rows.map(({gemeente_name: _, ...r}) => r)};
});
