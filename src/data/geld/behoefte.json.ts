/**
 * Tweedelijnsbehoefte na de hulp (/geld/behoefte): closed first-line cases counted per month of
 * closing, domain, first requested productcategorie and need after help (lib/model/queries/need-after.ts).
 * Counts only: no case ids, no client keys.
 */
import {emitJson} from "../../../lib/site/emit.js";
import {defaultGemeente} from "../../../lib/model/queries/model.js";
import {needAfterRows} from "../../../lib/model/queries/need-after.js";

await emitJson(async (model) => {
  const gemeente = await defaultGemeente(model);
  return {gemeente, rows: await needAfterRows(model, gemeente)};
});
