/**
 * Duurste 10% (/geld/duurste-10): the costliest-10% figures for every year with declarations, per
 * client and per household, computed as `warmkoud stats costliest <model> --year Y [--per household]`
 * does (lib/model/queries/costliest-years.ts).
 * Only aggregates per year leave the model, plus the top-decile list in the analyst build, where a
 * client is named by its short key (lib/model/queries/client-timeline.ts), never the full pseudonym.
 */
import {emitJson} from "../../../lib/site/emit.js";
import {defaultGemeente} from "../../../lib/model/queries/model.js";
import {costliestByYear} from "../../../lib/model/queries/costliest-years.js";
import {shortKey, shortKeyLength} from "../../../lib/model/queries/client-timeline.js";
import {isPublic} from "../../../lib/publish/audience.js";

await emitJson(async (model) => {
  const gemeente = await defaultGemeente(model);
  const {coverage, default_year, results, household_results} = await costliestByYear(model, gemeente);
  const length = await shortKeyLength(model, gemeente);
  const list = !isPublic();
  return {
    gemeente,
    coverage,
    default_year,
    case_list: list,
    years: results.map((r) => ({
      ...r,
      top_clients: list ? r.top_clients.map((c) => ({...c, client_key: shortKey(c.client_key, length)})) : []
    })),
    // Per household: the same figures; no list (the case list stays per client).
    household_years: household_results.map((r) => ({...r, top_clients: []}))
  };
});
