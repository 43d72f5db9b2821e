/**
 * Vermeden kosten (/geld/besparing): the small inputs of lib/methods/savings.ts `computeSavings`,
 * aggregated exactly as `warmkoud stats savings <model>` does (same gemeente, all budget lines,
 * config/prijslijst.json), so the page recomputes the CLI's figures and can change the weights live.
 * Client keys and free-text request descriptions are left out: the case list names cases by case id only.
 */
import {emitJson} from "../../../lib/site/emit.js";
import {defaultGemeente} from "../../../lib/model/queries/model.js";
import {savingsInputs} from "../../../lib/model/queries/savings.js";
import {readPriceList} from "../../../lib/model/queries/settings.js";

await emitJson(async (model) => {
  const gemeente = await defaultGemeente(model);
  const inputs = await savingsInputs(model, {gemeente, budgetLine: null});
  return {
    gemeente,
    prices: readPriceList(),
    inputs: {...inputs, cases: inputs.cases.map((c) => ({...c, client_key: null})), requests: inputs.requests.map((r) => ({...r, description: null}))}
  };
});
