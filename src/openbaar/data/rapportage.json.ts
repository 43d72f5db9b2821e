/**
 * Figures of the public report (/openbaar/rapportage): aggregated and suppressed by
 * lib/publish/report-figures.ts, plus the analyst's observations (config/observaties.md) with
 * their `{{key}}` figures filled in from the same data. Nothing row-level is written.
 */
import {emitJson} from "../../../lib/site/emit.js";
import {reportFigures} from "../../../lib/publish/report-figures.js";
import {renderObservations, reportValues} from "../../../lib/publish/observations.js";

await emitJson(async (model) => {
  const figures = await reportFigures(model);
  return {...figures, observations: renderObservations(reportValues(figures))};
});
