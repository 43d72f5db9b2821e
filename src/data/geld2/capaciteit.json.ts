/**
 * Capacity calculator input (/geld/capaciteit): the team's hours per case type and scenarios
 * (config/capaciteit.json, assumptions), the actual first-line caseload per year, domain and first
 * requested productcategorie (lib/model/queries/capacity.ts), and per year the months in which
 * cases started (so a part year can be scaled to a whole one). The page computes FTE with
 * lib/methods/capacity.ts on every input change.
 */
import {emitJson} from "../../../lib/site/emit.js";
import {defaultGemeente, gemeenteFilter} from "../../../lib/model/queries/model.js";
import {caseloadRows} from "../../../lib/model/queries/capacity.js";
import {readCapacityConfig} from "../../../lib/model/queries/settings.js";

await emitJson(async (model) => {
  const gemeente = await defaultGemeente(model);
  const months = await model.rows<{year: number; months: number; first: string; last: string}>(`
    SELECT year(d)::INTEGER AS year, count(DISTINCT date_trunc('month', d))::INTEGER AS months,
      strftime(min(d), '%Y-%m') AS first, strftime(max(d), '%Y-%m') AS last
    FROM (SELECT coalesce(help_start, first_contact) AS d FROM cases WHERE ${gemeenteFilter(gemeente)}) WHERE d IS NOT NULL
    GROUP BY 1 ORDER BY 1`);
  return {gemeente, config: readCapacityConfig(), caseload: await caseloadRows(model, gemeente), months};
});
