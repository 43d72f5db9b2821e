/**
 * `warmkoud stats <figure> <model-dir>`: the figures of the evaluation computed from an imported
 * model folder, for reviewers and tests. Each figure is a sub-subcommand in `figures`; SQL
 * aggregation lives in lib/model/queries, the arithmetic in lib/methods (shared with the pages).
 */
import {parseArgs} from "node:util";
import {defaultGemeente, openModel, type Model} from "../../lib/model/queries/model.js";
import {savingsInputs} from "../../lib/model/queries/savings.js";
import {costliestInputs} from "../../lib/model/queries/costliest.js";
import {readPriceList} from "../../lib/model/queries/settings.js";
import {computeSavings, SCENARIOS, type SavingsResult} from "../../lib/methods/savings.js";
import {computeCostliest, type Breakdown, type CostliestResult} from "../../lib/methods/costliest.js";

interface Figure {
  summary: string;
  usage: string;
  run(args: string[]): Promise<number>;
}

const euros = (x: number) => Math.round(x * 100) / 100;
const fraction = (x: number | null) => (x === null ? null : Math.round(x * 10_000) / 10_000);
const nl = (x: number) => x.toLocaleString("nl-NL", {maximumFractionDigits: 0});

/** Opens the model, resolves the gemeente (option or default) and always closes the model. */
async function withModel<T>(dir: string, gemeente: string | undefined, use: (model: Model, gemeente: string | null) => Promise<T>): Promise<T> {
  const model = await openModel(dir);
  try {
    return await use(model, gemeente ?? (await defaultGemeente(model)));
  } finally {
    model.close();
  }
}

/** The stable JSON of `stats savings` (euros rounded to cents). */
export function savingsJson(r: SavingsResult, gemeente: string | null, detail: boolean): object {
  const scenario = (s: (typeof SCENARIOS)[number]) => {
    const f = r.scenarios[s];
    return {gross_avoided: euros(f.gross_avoided), realised_second_line: euros(f.realised_second_line), net: euros(f.net), ratio: fraction(f.ratio)};
  };
  return {
    investment: euros(r.investment),
    scenarios: {low: scenario("low"), central: scenario("central"), high: scenario("high")},
    cases: {closed: r.cases.closed, avoided: r.cases.avoided, still_needed: r.cases.still_needed},
    method: {
      gemeente,
      formula: r.method.formula,
      weights: r.method.weights,
      prices: r.method.prices.map((p) => ({...p, monthly_cost: p.monthly_cost === null ? null : euros(p.monthly_cost), months: fraction(p.months)})),
      unpriced_requests: r.method.unpriced_requests,
      min_observations: r.method.min_observations,
      case_counts: r.cases
    },
    ...(detail ? {per_case: r.per_case, cumulative: r.cumulative} : {})
  };
}

const savings: Figure = {
  summary: "vermeden tweedelijnskosten: bruto, gerealiseerd, investering, netto, ratio (laag/midden/hoog)",
  usage: "warmkoud stats savings <model-map> [--json] [--detail] [--gemeente CODE] [--prices FILE] [--budget-line TEXT]",
  async run(args) {
    const {values, positionals} = parseArgs({
      args, allowPositionals: true,
      options: {json: {type: "boolean"}, detail: {type: "boolean"}, gemeente: {type: "string"}, prices: {type: "string"}, "budget-line": {type: "string"}}
    });
    if (positionals.length !== 1) return usageError(this.usage);
    const prices = readPriceList(values.prices);
    const {result, gemeente} = await withModel(positionals[0], values.gemeente, async (model, gemeente) => ({
      gemeente,
      result: computeSavings(await savingsInputs(model, {gemeente, budgetLine: values["budget-line"] ?? null}), {prices})
    }));
    if (values.json) {
      console.log(JSON.stringify(savingsJson(result, gemeente, values.detail ?? false), null, 2));
      return 0;
    }
    const c = result.scenarios.central;
    console.log([
      `Vermeden tweedelijnskosten${gemeente ? ` (gemeente ${gemeente})` : ""}`,
      `  casussen: ${result.cases.closed} afgesloten, ${result.cases.avoided} zonder tweedelijnsbehoefte (met verzoek), ${result.cases.still_needed} met blijvende of nieuwe behoefte`,
      `  investering eerste lijn: EUR ${nl(result.investment)}`,
      ...SCENARIOS.map((s) => {
        const f = result.scenarios[s];
        return `  ${s.padEnd(8)} bruto EUR ${nl(f.gross_avoided)}, netto EUR ${nl(f.net)}, ratio ${f.ratio === null ? "-" : f.ratio.toFixed(2)}`;
      }),
      `  gerealiseerde tweedelijnskosten (blijft/nieuw): EUR ${nl(c.realised_second_line)}`,
      `  bronnen: ${result.method.prices.map((p) => `${p.productcategorie}${p.productcode ? `/${p.productcode}` : ""} ${p.cost_source ?? "geen prijs"}`).join(", ")}`
    ].join("\n"));
    return 0;
  }
};

function breakdownJson(rows: Breakdown[], key: string): object[] {
  return rows.map((b) => ({[key]: b.key, spend: euros(b.spend), share: fraction(b.share), clients: b.clients, total_spend: euros(b.total_spend)}));
}

/** The stable JSON of `stats costliest`. */
export function costliestJson(r: CostliestResult, gemeente: string | null): object {
  return {
    year: r.year,
    unit: r.unit,
    clients: r.clients,
    household_values: r.household_values,
    total_spend: euros(r.total_spend),
    top_decile: {clients: r.top_decile.clients, spend: euros(r.top_decile.spend), share: fraction(r.top_decile.share)},
    by_law: breakdownJson(r.by_law, "law"),
    by_category: breakdownJson(r.by_category, "productcategorie"),
    by_provider: breakdownJson(r.by_provider, "provider_agb"),
    stacking: r.stacking,
    movement: r.movement,
    gini: fraction(r.gini),
    lorenz: r.lorenz.map((p) => ({clients_share: fraction(p.clients_share), spend_share: fraction(p.spend_share)})),
    lump_sum: r.lump_sum.map((l) => ({...l, amount: euros(l.amount)})),
    method: {gemeente, threshold: euros(r.top_decile.threshold), not_ranked: r.not_ranked, ...r.method}
  };
}

const costliest: Figure = {
  summary: "duurste 10% van de cliënten (of huishoudens): aandeel, Lorenz-curve, verdeling naar wet, categorie en aanbieder",
  usage: "warmkoud stats costliest <model-map> [--year YEAR] [--per client|household] [--json] [--gemeente CODE]",
  async run(args) {
    const {values, positionals} = parseArgs({
      args, allowPositionals: true,
      options: {json: {type: "boolean"}, year: {type: "string"}, gemeente: {type: "string"}, per: {type: "string", default: "client"}}
    });
    if (positionals.length !== 1) return usageError(this.usage);
    const year = values.year === undefined ? undefined : Number(values.year);
    if (year !== undefined && !Number.isInteger(year)) return usageError(`--year: geen jaartal: ${values.year}`);
    const unit = values.per;
    if (unit !== "client" && unit !== "household") return usageError(`--per: client of household, niet ${unit}`);
    const out = await withModel(positionals[0], values.gemeente, async (model, gemeente) => {
      const inputs = await costliestInputs(model, gemeente, year);
      return {gemeente, result: inputs.year === null ? null : computeCostliest(inputs.rows, inputs.year, {lumpSum: inputs.lumpSum, unit})};
    });
    if (out.result === null) {
      console.error("warmkoud stats costliest: het model bevat geen declaraties");
      return 1;
    }
    const r = out.result;
    if (values.json) {
      console.log(JSON.stringify(costliestJson(r, out.gemeente), null, 2));
      return 0;
    }
    const units = r.unit === "household" ? "huishoudens" : "cliënten";
    const members = r.household_values;
    console.log([
      `Duurste 10% in ${r.year}${r.unit === "household" ? " per huishouden" : ""}${out.gemeente ? ` (gemeente ${out.gemeente})` : ""}`,
      `  ${r.clients} ${units}, totaal EUR ${nl(r.total_spend)}`,
      ...(members ? [`  ${members.clients} cliënten met kosten, van wie ${members.without_household} zonder huishouden (elk een eigen huishouden)`] : []),
      `  top 10%: ${r.top_decile.clients} ${units}, EUR ${nl(r.top_decile.spend)} = ${(r.top_decile.share * 100).toFixed(1)}% van de kosten`,
      `  naar wet: ${r.by_law.map((b) => `${b.key ?? "onbekend"} ${(b.share * 100).toFixed(0)}%`).join(", ")}`,
      ...r.lump_sum.map((l) => `  niet meegeteld: ${l.name}, EUR ${nl(l.amount)} (${l.reason})`)
    ].join("\n"));
    return 0;
  }
};

/** Sub-subcommands; add a figure here (e.g. triads) with its own module-level definition. */
export const figures: Record<string, Figure> = {savings, costliest};
figures.triads = (await import("./stats-triads.js")).triads;

function usageError(message: string): number {
  console.error(message);
  return 2;
}

function usage(): string {
  return ["usage: warmkoud stats <figuur> <model-map> [opties]", "", "figuren:",
    ...Object.entries(figures).map(([name, f]) => `  ${name.padEnd(10)} ${f.summary}\n             ${f.usage}`)].join("\n");
}

export async function run(args: string[]): Promise<number> {
  const [name, ...rest] = args;
  if (!name || name === "--help" || name === "-h") {
    console.log(usage());
    return name ? 0 : 2;
  }
  const figure = figures[name];
  if (!figure) {
    console.error(`warmkoud stats: onbekende figuur "${name}"\n\n${usage()}`);
    return 2;
  }
  return figure.run(rest);
}
