/**
 * Avoided second-line cost of first-line cases (methods.md, "Avoided second-line cost"). Pure and
 * browser-safe: it turns the small tables that lib/model/queries/savings.ts aggregates (cases,
 * their requests, observed monthly costs and durations, realised cost, budgets) into the figures,
 * so the page and `warmkoud stats savings` compute them the same way.
 *
 * For a closed case i with need after help "geen": avoided_i = sum over its requested provisions k
 * of p_ik x C_k x D_k, with
 * - p from the likelihood (a request without one is a concrete request: "zeker"), per weight set;
 * - C_k the median monthly cost from the municipality's own declarations (productcode level when
 *   the request names a productcode and it has enough observations, else productcategorie level),
 *   falling back to the configured price list;
 * - D_k the median trajectory length in months from start/stop data, same fallback.
 * Cases with need "blijft" or "nieuw" count their realised second-line cost instead (a fact: the
 * same in every scenario). Net = gross avoided - investment; ratio = gross avoided / investment.
 */

export const LIKELIHOODS = ["zeker", "waarschijnlijk", "misschien"] as const;
export type Likelihood = (typeof LIKELIHOODS)[number];
export type WeightSet = Record<Likelihood, number>;
export const SCENARIOS = ["low", "central", "high"] as const;
export type Scenario = (typeof SCENARIOS)[number];
export type ByScenario<T> = Record<Scenario, T>;

/**
 * Default likelihood weights. Central is methods.md's 1.0 / 0.6 / 0.3. Low and high are this
 * workspace's assumption for the uncertainty of an assessor's estimate: "zeker" stays 1.0 and the
 * two uncertain grades move 0.2 down or up. Callers may pass their own sets; the output shows them.
 */
export const DEFAULT_WEIGHTS: ByScenario<WeightSet> = {
  low: {zeker: 1.0, waarschijnlijk: 0.4, misschien: 0.1},
  central: {zeker: 1.0, waarschijnlijk: 0.6, misschien: 0.3},
  high: {zeker: 1.0, waarschijnlijk: 0.8, misschien: 0.5}
};

export type Need = "geen" | "blijft" | "nieuw";
export type CostSource = "eigen declaraties" | "prijslijst";

/** A first-line case (dates ISO yyyy-mm-dd). */
export interface CaseRow {
  case_id: string;
  client_key: string | null;
  domain: string | null;
  help_start: string | null;
  help_end: string | null;
  need_after: string | null;
}

/** A second-line provision requested at intake. */
export interface RequestRow {
  case_id: string;
  productcategorie: string | null;
  productcode: string | null;
  description: string | null;
  likelihood: string | null;
}

/** Median monthly cost (euros) over `n` assignment-months; productcode null = the whole category. */
export interface ObservedCost {
  productcategorie: string;
  productcode: string | null;
  monthly_cost: number;
  n: number;
}

/** Median trajectory length (months) over `n` trajectories; productcode null = the whole category. */
export interface ObservedDuration {
  productcategorie: string;
  productcode: string | null;
  months: number;
  n: number;
}

/** Second-line cost a case's client incurred after the first-line help ended. */
export interface RealisedRow {
  case_id: string;
  amount: number;
}

/** A budget line of the first-line investment (dates ISO, inclusive). */
export interface BudgetRow {
  line: string | null;
  period_start: string | null;
  period_end: string | null;
  amount: number;
}

/** The configured fallback (config/prijslijst.json). */
export interface PriceList {
  categories: Record<string, {name: string; monthly_cost: number; months: number}>;
  /** Own data is used only with at least this many observations. */
  min_observations: {months: number; trajectories: number};
}

export interface SavingsInputs {
  cases: CaseRow[];
  requests: RequestRow[];
  costs: ObservedCost[];
  durations: ObservedDuration[];
  realised: RealisedRow[];
  budgets: BudgetRow[];
}

/** The price used for one requested (productcategorie, productcode), and where it came from. */
export interface ResolvedPrice {
  productcategorie: string;
  productcode: string | null;
  monthly_cost: number | null;
  cost_source: CostSource | null;
  /** Observations behind an own-data cost (assignment-months), 0 for the price list. */
  cost_n: number;
  months: number | null;
  duration_source: CostSource | null;
  duration_n: number;
}

export interface RequestResult {
  productcategorie: string | null;
  productcode: string | null;
  likelihood: Likelihood;
  monthly_cost: number | null;
  months: number | null;
  avoided: ByScenario<number>;
}

export interface CaseResult {
  case_id: string;
  client_key: string | null;
  domain: string | null;
  help_end: string | null;
  need_after: Need | null;
  closed: boolean;
  /** Non-zero only for closed "geen" cases. */
  avoided: ByScenario<number>;
  /** Only for closed "blijft"/"nieuw" cases. */
  realised_second_line: number;
  requests: RequestResult[];
}

export interface ScenarioFigures {
  gross_avoided: number;
  realised_second_line: number;
  net: number;
  /** Euros avoided per euro invested; null without investment. */
  ratio: number | null;
}

export interface CumulativePoint {
  date: string;
  closed: number;
  gross_avoided: ByScenario<number>;
  realised_second_line: number;
  /** Investment spent up to this date (budget lines spread evenly over their periods). */
  investment: number;
}

export interface SavingsResult {
  investment: number;
  scenarios: ByScenario<ScenarioFigures>;
  cases: {
    closed: number;
    /** Closed, need "geen", at least one requested provision. */
    avoided: number;
    /** Closed, need "blijft" or "nieuw". */
    still_needed: number;
    /** Closed, need "geen", nothing requested: no avoided cost can be attributed. */
    geen_without_request: number;
    /** Closed without a recorded need after help. */
    need_unknown: number;
    open: number;
  };
  method: {
    formula: string;
    weights: ByScenario<WeightSet>;
    prices: ResolvedPrice[];
    /** Requested provisions of avoided cases that could not be priced (no category, or no cost or duration). */
    unpriced_requests: number;
    min_observations: PriceList["min_observations"];
  };
  per_case: CaseResult[];
  cumulative: CumulativePoint[];
}

const zero = (): ByScenario<number> => ({low: 0, central: 0, high: 0});

/**
 * What a case counts as (the keys of SavingsResult.cases other than "closed"). One home for the rule,
 * so that /geld/besparing and /geld/warm-koud agree: "avoided" needs need "geen" and at least one
 * request; "geen" without a request had no second-line care in view, so nothing was avoided.
 */
export type CaseClass = "open" | "need_unknown" | "avoided" | "geen_without_request" | "still_needed";

export function classifyCase(c: Pick<CaseResult, "closed" | "need_after"> & {requests: readonly unknown[]}): CaseClass {
  if (!c.closed) return "open";
  if (c.need_after === "blijft" || c.need_after === "nieuw") return "still_needed";
  if (c.need_after === "geen") return c.requests.length > 0 ? "avoided" : "geen_without_request";
  return "need_unknown";
}

export function normaliseNeed(value: string | null): Need | null {
  const v = value?.trim().toLowerCase();
  return v === "geen" || v === "blijft" || v === "nieuw" ? v : null;
}

/** A request without a likelihood is a concrete request: "zeker" (methods.md). */
export function normaliseLikelihood(value: string | null): Likelihood {
  const v = value?.trim().toLowerCase();
  return v === "waarschijnlijk" || v === "misschien" ? v : "zeker";
}

function pick<T extends {productcategorie: string; productcode: string | null; n: number}>(observed: T[], cat: string, code: string | null, min: number): T | null {
  const enough = (o: T) => o.productcategorie === cat && o.n >= min;
  return (code !== null && observed.find((o) => enough(o) && o.productcode === code)) || observed.find((o) => enough(o) && o.productcode === null) || null;
}

/** C_k and D_k for one requested provision: own data first (code, then category), then the price list. */
export function resolvePrice(cat: string, code: string | null, costs: ObservedCost[], durations: ObservedDuration[], prices: PriceList): ResolvedPrice {
  const cost = pick(costs, cat, code, prices.min_observations.months);
  const duration = pick(durations, cat, code, prices.min_observations.trajectories);
  const listed = prices.categories[cat];
  return {
    productcategorie: cat,
    productcode: code,
    monthly_cost: cost ? cost.monthly_cost : listed ? listed.monthly_cost : null,
    cost_source: cost ? "eigen declaraties" : listed ? "prijslijst" : null,
    cost_n: cost?.n ?? 0,
    months: duration ? duration.months : listed ? listed.months : null,
    duration_source: duration ? "eigen declaraties" : listed ? "prijslijst" : null,
    duration_n: duration?.n ?? 0
  };
}

const DAY_MS = 86_400_000;
const dayNumber = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;

/**
 * The part of a budget line that falls on or before `date` (ISO), spreading the amount evenly over
 * the days of its period (both ends inclusive). A line without a period counts in full.
 */
export function budgetSpentBy(line: BudgetRow, date: string): number {
  if (!line.period_start || !line.period_end) return line.amount;
  return budgetShareBetween(line, line.period_start, date);
}

/** The part of a budget line's amount that falls between `from` and `to` (ISO, inclusive). */
export function budgetShareBetween(line: BudgetRow, from: string, to: string): number {
  if (!line.period_start || !line.period_end) return 0;
  const start = dayNumber(line.period_start);
  const end = dayNumber(line.period_end);
  const overlap = Math.min(end, dayNumber(to)) - Math.max(start, dayNumber(from)) + 1;
  return overlap <= 0 ? 0 : (line.amount * overlap) / (end - start + 1);
}

export interface SavingsOptions {
  prices: PriceList;
  weights?: ByScenario<WeightSet>;
}

export function computeSavings(inputs: SavingsInputs, options: SavingsOptions): SavingsResult {
  const weights = options.weights ?? DEFAULT_WEIGHTS;
  const priceCache = new Map<string, ResolvedPrice>();
  const price = (cat: string, code: string | null) => {
    const key = `${cat}|${code ?? ""}`;
    let p = priceCache.get(key);
    if (!p) priceCache.set(key, (p = resolvePrice(cat, code, inputs.costs, inputs.durations, options.prices)));
    return p;
  };
  const requestsByCase = groupBy(inputs.requests, (r) => r.case_id);
  const realised = new Map<string, number>();
  for (const r of inputs.realised) realised.set(r.case_id, (realised.get(r.case_id) ?? 0) + r.amount);

  let unpriced = 0;
  const perCase: CaseResult[] = inputs.cases.map((c) => {
    const need = normaliseNeed(c.need_after);
    const closed = c.help_end !== null;
    const counts = closed && need === "geen";
    const requests = (requestsByCase.get(c.case_id) ?? []).map((r): RequestResult => {
      const likelihood = normaliseLikelihood(r.likelihood);
      const p = r.productcategorie ? price(r.productcategorie, r.productcode) : null;
      const priced = p !== null && p.monthly_cost !== null && p.months !== null;
      if (counts && !priced) unpriced++;
      const avoided = zero();
      if (counts && priced) for (const s of SCENARIOS) avoided[s] = weights[s][likelihood] * p.monthly_cost! * p.months!;
      return {productcategorie: r.productcategorie, productcode: r.productcode, likelihood, monthly_cost: p?.monthly_cost ?? null, months: p?.months ?? null, avoided};
    });
    const avoided = zero();
    for (const r of requests) for (const s of SCENARIOS) avoided[s] += r.avoided[s];
    const stillNeeded = closed && (need === "blijft" || need === "nieuw");
    return {
      case_id: c.case_id, client_key: c.client_key, domain: c.domain, help_end: c.help_end, need_after: need, closed,
      avoided, realised_second_line: stillNeeded ? realised.get(c.case_id) ?? 0 : 0, requests
    };
  });

  const investment = sum(inputs.budgets.map((b) => b.amount));
  const gross = zero();
  for (const c of perCase) for (const s of SCENARIOS) gross[s] += c.avoided[s];
  const realisedTotal = sum(perCase.map((c) => c.realised_second_line));
  const scenario = (s: Scenario): ScenarioFigures => ({
    gross_avoided: gross[s],
    realised_second_line: realisedTotal,
    net: gross[s] - investment,
    ratio: investment > 0 ? gross[s] / investment : null
  });
  const closedCases = perCase.filter((c) => c.closed);
  const count = (k: CaseClass) => perCase.filter((c) => classifyCase(c) === k).length;
  return {
    investment,
    scenarios: {low: scenario("low"), central: scenario("central"), high: scenario("high")},
    cases: {
      closed: closedCases.length,
      avoided: count("avoided"),
      still_needed: count("still_needed"),
      geen_without_request: count("geen_without_request"),
      need_unknown: count("need_unknown"),
      open: count("open")
    },
    method: {
      formula: "avoided_i = sum_k p_ik * C_k * D_k, alleen gesloten casussen met tweedelijnsbehoefte 'geen'",
      weights,
      prices: [...priceCache.values()].sort((a, b) => a.productcategorie.localeCompare(b.productcategorie) || (a.productcode ?? "").localeCompare(b.productcode ?? "")),
      unpriced_requests: unpriced,
      min_observations: options.prices.min_observations
    },
    per_case: perCase,
    cumulative: cumulativeSeries(closedCases, inputs.budgets)
  };
}

/** One point per distinct closing date, cases in order of help_end (they "move right as they close"). */
export function cumulativeSeries(closed: CaseResult[], budgets: BudgetRow[]): CumulativePoint[] {
  const sorted = closed.filter((c) => c.help_end !== null).sort((a, b) => a.help_end!.localeCompare(b.help_end!));
  const points: CumulativePoint[] = [];
  const gross = zero();
  let realised = 0;
  sorted.forEach((c, i) => {
    for (const s of SCENARIOS) gross[s] += c.avoided[s];
    realised += c.realised_second_line;
    const date = c.help_end!;
    const point = {date, closed: i + 1, gross_avoided: {...gross}, realised_second_line: realised, investment: sum(budgets.map((b) => budgetSpentBy(b, date)))};
    if (points.length > 0 && points[points.length - 1].date === date) points[points.length - 1] = point;
    else points.push(point);
  });
  return points;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}
