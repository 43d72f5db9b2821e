/**
 * The costliest 10% (methods.md, "Costliest 10%"). Pure and browser-safe: it works on spend rows
 * per client, year, law, productcategorie and provider that lib/model/queries/costliest.ts
 * aggregates from accepted declarations (debit minus credit) plus PGB budgets.
 *
 * Definitions used here (shown with the figures):
 * - Cost of a client in a year: the sum of its rows for that year. Clients whose sum is zero or
 *   negative (everything credited) are not ranked; they are counted in `not_ranked`.
 * - Ranking: by cost, highest first; ties broken by client key so the ranking is reproducible.
 * - Top decile: the ceil(10% x n) highest-ranked clients of the n ranked clients (with 25 clients,
 *   3), so the top decile never has fewer than 10% of the clients.
 * - Lorenz curve: clients sorted from lowest to highest cost; point i = (i/n, cumulative cost of
 *   the i lowest / total). Gini = 1 - (1/n) sum_i (L_i + L_{i-1}) (trapezoids under that curve).
 * - Stapeling: per client the number of distinct laws and of distinct productcategorieën with
 *   positive spend in the year.
 * - Lump-sum (task-based) funded care has no per-client cost: it is named with its amount for the
 *   year and left out of the ranking.
 * - Per household (`unit: "household"`): the same figures with a household's members taken
 *   together: its cost is the sum of its members' rows, its stapeling the distinct laws and
 *   categories over its members. A client without a household value is a household of its own.
 *   "Client" in the definitions above then reads "household".
 */

export interface SpendRow {
  client_key: string;
  /** The client's latest known household (model table `households`); null or absent: none known. */
  household_key?: string | null;
  year: number;
  law: string | null;
  productcategorie: string | null;
  provider_agb: string | null;
  /** "declaraties" or "pgb". */
  source: string;
  amount: number;
}

/** Funding that cannot be attributed to a client: named, not ranked. */
export interface LumpSum {
  name: string;
  year: number;
  amount: number;
  reason: string;
}

export interface ClientCost {
  client_key: string;
  spend: number;
  /** 1 = costliest. */
  rank: number;
  laws: number;
  categories: number;
}

export interface Breakdown {
  key: string | null;
  /** Spend of the top decile in this group. */
  spend: number;
  /** Share of the top decile's spend. */
  share: number;
  /** Top-decile clients with spend in this group. */
  clients: number;
  /** Spend of all ranked clients in this group. */
  total_spend: number;
}

export interface LorenzPoint {
  clients_share: number;
  spend_share: number;
}

export interface StackingCounts {
  /** Number of clients by number of distinct laws ("1", "2", ...). */
  laws: Record<string, number>;
  categories: Record<string, number>;
}

export interface Movement {
  previous_year: number;
  /** In the top decile both years. */
  stayed: number;
  /** In the top decile this year, not the year before. */
  entered: number;
  /** In the top decile the year before, not this year. */
  left: number;
  /** Of those who left: still a (ranked) client this year. */
  left_still_client: number;
}

/** What is ranked: clients, or households (a client without a household value is its own). */
export type CostUnit = "client" | "household";

/** Per household: how many clients with spend in the year were grouped, and how many had no household value. */
export interface HouseholdCoverage {
  clients: number;
  without_household: number;
}

export interface CostliestResult {
  year: number;
  unit: CostUnit;
  /** Ranked units: clients, or households when `unit` is "household" (as everywhere below). */
  clients: number;
  /** Household unit only (else null): the clients behind the households, and those without a household value. */
  household_values: HouseholdCoverage | null;
  total_spend: number;
  top_decile: {clients: number; spend: number; share: number; threshold: number};
  by_law: Breakdown[];
  by_category: Breakdown[];
  by_provider: Breakdown[];
  lorenz: LorenzPoint[];
  gini: number;
  stacking: {top_decile: StackingCounts; all: StackingCounts};
  movement: Movement | null;
  not_ranked: number;
  lump_sum: LumpSum[];
  top_clients: ClientCost[];
  method: {decile: string; cost: string; lorenz: string; unit: string};
}

export interface CoverageRow {
  year: number;
  /** Distinct calendar months with declaration periods in that year. */
  months: number;
}

/** The latest year with declarations in all twelve months; else the latest year with any. */
export function latestCompleteYear(coverage: CoverageRow[]): number | null {
  const complete = coverage.filter((c) => c.months >= 12).map((c) => c.year);
  if (complete.length > 0) return Math.max(...complete);
  return coverage.length > 0 ? Math.max(...coverage.map((c) => c.year)) : null;
}

/** Top decile size: ceil(10% of n). */
export function decileSize(n: number): number {
  return Math.ceil(n / 10); // n / 10 is exact for whole multiples of 10
}

/** Clients of one year ranked by cost (positive totals only), with their stapeling counts. */
export function rankClients(rows: SpendRow[], year: number): {ranked: ClientCost[]; notRanked: number} {
  const byClient = new Map<string, {spend: number; laws: Map<string, number>; categories: Map<string, number>}>();
  for (const r of rows) {
    if (r.year !== year) continue;
    let c = byClient.get(r.client_key);
    if (!c) byClient.set(r.client_key, (c = {spend: 0, laws: new Map(), categories: new Map()}));
    c.spend += r.amount;
    add(c.laws, r.law ?? "onbekend", r.amount);
    add(c.categories, r.productcategorie ?? "onbekend", r.amount);
  }
  const positive = (m: Map<string, number>) => [...m.values()].filter((v) => v > 0).length;
  const all = [...byClient.entries()].map(([client_key, c]) => ({client_key, spend: c.spend, rank: 0, laws: positive(c.laws), categories: positive(c.categories)}));
  const ranked = all.filter((c) => c.spend > 0).sort((a, b) => b.spend - a.spend || a.client_key.localeCompare(b.client_key));
  ranked.forEach((c, i) => (c.rank = i + 1));
  return {ranked, notRanked: all.length - ranked.length};
}

/** Lorenz points (ascending cost); at most `maxPoints` evenly spaced over the clients, always both ends. */
export function lorenzCurve(spends: number[], maxPoints = 101): LorenzPoint[] {
  const sorted = [...spends].sort((a, b) => a - b);
  const n = sorted.length;
  const total = sorted.reduce((a, b) => a + b, 0);
  if (n === 0 || total <= 0) return [];
  const cumulative = [0];
  for (const v of sorted) cumulative.push(cumulative[cumulative.length - 1] + v);
  const steps = Math.min(n, maxPoints - 1);
  const indexes = [...new Set(Array.from({length: steps + 1}, (_, j) => Math.round((j * n) / steps)))];
  return indexes.map((i) => ({clients_share: i / n, spend_share: cumulative[i] / total}));
}

/** Gini coefficient from all clients' costs (exact, not from the thinned Lorenz points). */
export function gini(spends: number[]): number {
  const sorted = [...spends].sort((a, b) => a - b);
  const n = sorted.length;
  const total = sorted.reduce((a, b) => a + b, 0);
  if (n === 0 || total <= 0) return 0;
  let previous = 0;
  let cumulative = 0;
  let area = 0;
  for (const v of sorted) {
    cumulative += v;
    area += (previous + cumulative) / total;
    previous = cumulative;
  }
  return 1 - area / n;
}

function breakdown(rows: SpendRow[], year: number, top: Set<string>, ranked: Set<string>, key: (r: SpendRow) => string | null): Breakdown[] {
  const groups = new Map<string | null, {spend: number; clients: Set<string>; total: number}>();
  for (const r of rows) {
    if (r.year !== year || !ranked.has(r.client_key)) continue;
    const k = key(r);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = {spend: 0, clients: new Set(), total: 0}));
    g.total += r.amount;
    if (top.has(r.client_key)) {
      g.spend += r.amount;
      g.clients.add(r.client_key);
    }
  }
  const topSpend = [...groups.values()].reduce((s, g) => s + g.spend, 0);
  return [...groups.entries()]
    .map(([k, g]) => ({key: k, spend: g.spend, share: topSpend > 0 ? g.spend / topSpend : 0, clients: g.clients.size, total_spend: g.total}))
    .sort((a, b) => b.spend - a.spend || b.total_spend - a.total_spend || String(a.key).localeCompare(String(b.key)));
}

function stacking(clients: ClientCost[]): StackingCounts {
  const out: StackingCounts = {laws: {}, categories: {}};
  for (const c of clients) {
    out.laws[c.laws] = (out.laws[c.laws] ?? 0) + 1;
    out.categories[c.categories] = (out.categories[c.categories] ?? 0) + 1;
  }
  return out;
}

function topDecileKeys(ranked: ClientCost[]): Set<string> {
  return new Set(ranked.slice(0, decileSize(ranked.length)).map((c) => c.client_key));
}

export interface CostliestOptions {
  /** Default "client". */
  unit?: CostUnit;
  lumpSum?: LumpSum[];
  /** Top-decile clients listed in `top_clients` (the analyst's case list); default all of them. */
  listLimit?: number;
  lorenzPoints?: number;
}

/** The rows with each client key replaced by its household key (or kept: its own household). */
export function householdRows(rows: SpendRow[]): SpendRow[] {
  return rows.map((r) => (r.household_key ? {...r, client_key: r.household_key} : r));
}

/** Clients with spend rows in `year`, and how many of them have no household value. */
export function householdCoverage(rows: SpendRow[], year: number): HouseholdCoverage {
  const clients = new Map<string, boolean>();
  for (const r of rows) if (r.year === year) clients.set(r.client_key, Boolean(r.household_key) || (clients.get(r.client_key) ?? false));
  return {clients: clients.size, without_household: [...clients.values()].filter((known) => !known).length};
}

export function computeCostliest(clientRows: SpendRow[], year: number, options: CostliestOptions = {}): CostliestResult {
  const unit = options.unit ?? "client";
  const rows = unit === "household" ? householdRows(clientRows) : clientRows;
  const {ranked, notRanked} = rankClients(rows, year);
  const size = decileSize(ranked.length);
  const top = ranked.slice(0, size);
  const topKeys = new Set(top.map((c) => c.client_key));
  const rankedKeys = new Set(ranked.map((c) => c.client_key));
  const total = ranked.reduce((s, c) => s + c.spend, 0);
  const topSpend = top.reduce((s, c) => s + c.spend, 0);
  const spends = ranked.map((c) => c.spend);
  return {
    year,
    unit,
    clients: ranked.length,
    household_values: unit === "household" ? householdCoverage(clientRows, year) : null,
    total_spend: total,
    top_decile: {clients: size, spend: topSpend, share: total > 0 ? topSpend / total : 0, threshold: size > 0 ? top[size - 1].spend : 0},
    by_law: breakdown(rows, year, topKeys, rankedKeys, (r) => r.law),
    by_category: breakdown(rows, year, topKeys, rankedKeys, (r) => r.productcategorie),
    by_provider: breakdown(rows, year, topKeys, rankedKeys, (r) => r.provider_agb),
    lorenz: lorenzCurve(spends, options.lorenzPoints),
    gini: gini(spends),
    stacking: {top_decile: stacking(top), all: stacking(ranked)},
    movement: movement(rows, year, topKeys, rankedKeys),
    not_ranked: notRanked,
    lump_sum: (options.lumpSum ?? []).filter((l) => l.year === year),
    top_clients: top.slice(0, options.listLimit ?? size),
    method: methodText(unit)
  };
}

/** How the figures are defined, in the words of the unit (shown with them). */
function methodText(unit: CostUnit): CostliestResult["method"] {
  const units = unit === "household" ? "huishoudens" : "cliënten";
  const declared = "geaccepteerde declaraties (debet min credit) + pgb-budget naar rato van de dagen in het jaar";
  return {
    decile: `top 10% = de ceil(10% x n) ${units} met de hoogste kosten in het jaar (n = ${units} met kosten > 0)`,
    cost: unit === "household"
      ? `kosten per huishouden per jaar = de kosten van alle leden samen; kosten per cliënt = ${declared}`
      : `kosten per cliënt per jaar = ${declared}`,
    lorenz: `${units} oplopend naar kosten; punt i = (i/n, cumulatieve kosten / totaal)`,
    unit: unit === "household"
      ? "per huishouden: elke cliënt telt mee in zijn laatst bekende huishouden uit het casusregister; een cliënt zonder huishouden telt als eigen huishouden"
      : "per cliënt"
  };
}

function movement(rows: SpendRow[], year: number, topKeys: Set<string>, rankedKeys: Set<string>): Movement | null {
  const previous = year - 1;
  if (!rows.some((r) => r.year === previous)) return null;
  const before = topDecileKeys(rankClients(rows, previous).ranked);
  const left = [...before].filter((k) => !topKeys.has(k));
  return {
    previous_year: previous,
    stayed: [...topKeys].filter((k) => before.has(k)).length,
    entered: [...topKeys].filter((k) => !before.has(k)).length,
    left: left.length,
    left_still_client: left.filter((k) => rankedKeys.has(k)).length
  };
}

function add(map: Map<string, number>, key: string, amount: number): void {
  map.set(key, (map.get(key) ?? 0) + amount);
}
