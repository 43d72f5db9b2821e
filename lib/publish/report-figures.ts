/**
 * The figures of the public report (/openbaar/rapportage), computed from the imported model with
 * the same methods as the analyst pages and `warmkoud stats`, and published only through the
 * small-cell rules (lib/privacy/suppression.ts). Node side: the report's loader calls
 * `reportFigures` and writes the result as JSON. Nothing row-level leaves this module: no story,
 * case or client, no story text, no individual dot; counts are rounded or "< 10", euro figures and
 * means over fewer than 10 persons are withheld.
 *
 * Choices that keep a withheld figure from being recovered (privacy.md, secondary suppression):
 * - tables with totals go through suppressCounts (zones per group, need after help per quarter);
 * - the cumulative avoided cost is published in steps of at least 10 avoided cases, so no step
 *   (the difference between two published points, or between the last point and the total) is a
 *   sum over fewer than 10 cases;
 * - a share is published only when both the part and the rest are at least 10.
 */
import {
  DEFAULT_ZERO_POLICY, applyZeroPolicy, confidenceRegion, describeZeroPolicy, summariseIlr, toCartesian,
  type Composition
} from "../methods/compositional.js";
import {TRIAD_ZONES, triadZone, type TriadZone} from "../methods/zones.js";
import {answerComposition, summariseTriad, type TriadAnswer} from "../methods/triad-summary.js";
import {computeSavings, DEFAULT_WEIGHTS, SCENARIOS, type Scenario, type SavingsResult} from "../methods/savings.js";
import {computeCostliest} from "../methods/costliest.js";
import {needAfterCounts, needAfterTotal} from "../methods/need-after.js";
import {peerIndex, type BenchmarkRow} from "../methods/peers.js";
import {defaultGemeente, type Model} from "../model/queries/model.js";
import {savingsInputs} from "../model/queries/savings.js";
import {costliestInputs} from "../model/queries/costliest.js";
import {needAfterRows} from "../model/queries/need-after.js";
import {benchmarkRows} from "../model/queries/peers.js";
import {readPriceList} from "../model/queries/settings.js";
import {stripHtml} from "../formats/stories/html.js";
import {ROLES, SAFE_ON_WHITE} from "./palette.js";
import {
  LEGEND, SUPPRESSION_RULES, publishCount, suppressCounts, suppressSums, suppressValue, type PublishedCell
} from "../privacy/suppression.js";

export interface TriadGroupFigures {
  group: string;
  stories: PublishedCell;
  answered: PublishedCell;
  na: PublishedCell;
  skipped: PublishedCell;
  zones: {zone: TriadZone; name: string; count: PublishedCell}[];
  /** Closed geometric mean in percent; null when fewer than 10 answers. */
  centre: {top: number; left: number; right: number} | null;
  /** 95% confidence region of the centre as cartesian points of the triangle; null as centre. */
  region: [number, number][] | null;
}

export interface TriadFigures {
  title: string;
  labels: [string, string, string];
  /** Drawing geometry in cartesian coordinates (top (0.5, sqrt(3)/2), left (0, 0), right (1, 0)). */
  geometry: {triangle: [number, number][]; zones: {zone: TriadZone; polygon: [number, number][]; label: [number, number]}[]};
  /** Fixed role colours (lib/publish/palette.ts). */
  colours: Record<string, string>;
  groups: TriadGroupFigures[];
  /** Hotelling T^2 of the two groups, when both have at least 10 answers. */
  test: {p: number; distance: number} | null;
  zero_policy: string;
}

export interface NeedFigures {
  quarters: {quarter: string; geen: PublishedCell; blijft: PublishedCell; nieuw: PublishedCell; total: PublishedCell}[];
  total: {geen: PublishedCell; blijft: PublishedCell; nieuw: PublishedCell; onbekend: PublishedCell; total: PublishedCell};
  /** Share "geen" of the cases with a recorded need, or null (see the module header). */
  share_geen: number | null;
}

export interface SavingsFigures {
  investment: number;
  scenarios: Record<Scenario, {gross: PublishedCell; net: PublishedCell; ratio: number | null}>;
  realised: PublishedCell;
  cases: {closed: PublishedCell; avoided: PublishedCell; still_needed: PublishedCell; open: PublishedCell};
  weights: SavingsResult["method"]["weights"];
  /** Published points: date, cumulative gross avoided per scenario, investment spent by then. */
  cumulative: {date: string; avoided_cases: PublishedCell; low: number; central: number; high: number; investment: number}[];
  cost_sources: {own: number; price_list: number};
}

export interface CostliestFigures {
  year: number;
  clients: PublishedCell;
  top_clients: PublishedCell;
  share: number | null;
  total_spend: PublishedCell;
  top_spend: PublishedCell;
  by_law: {law: string; spend: PublishedCell; share: number | null}[];
  gini: number | null;
  lump_sum: {name: string; amount: number}[];
}

export interface PeerFigures {
  measure: string;
  unit: string;
  base_year: number;
  peers: number;
  points: {year: number; own: number | null; peers: number | null; provisional: boolean; series_break: boolean}[];
}

export interface ReportFigures {
  gemeente: {code: string; name: string | null} | null;
  period: {from: string | null; to: string | null};
  triad: TriadFigures | null;
  need: NeedFigures;
  savings: SavingsFigures;
  costliest: CostliestFigures | null;
  peers: PeerFigures[];
  rules: {legend: string; minCount: number; roundTo: number; minPersons: number};
  /** Fixed role colours and the order of series colours (lib/publish/palette.ts). */
  palette: {roles: Record<string, string>; series: string[]};
}

const ROLE_ORDER = ["inwoner", "medewerker"];
const MIN = SUPPRESSION_RULES.minPersons;

export async function reportFigures(model: Model): Promise<ReportFigures> {
  const gemeente = await defaultGemeente(model);
  const savingsResult = computeSavings(await savingsInputs(model, {gemeente, budgetLine: null}), {prices: readPriceList(), weights: DEFAULT_WEIGHTS});
  const [period] = await model.rows<{from: string | null; to: string | null}>(
    `SELECT strftime(min(help_start), '%Y-%m') AS "from", strftime(max(help_end), '%Y-%m') AS "to" FROM cases`
  );
  const benchmark = await benchmarkRows(model, await benchmarkMeasureNames(model));
  return {
    gemeente: ownGemeente(gemeente, benchmark),
    period: period ?? {from: null, to: null},
    triad: await triadFigures(model),
    need: needFigures(await needAfterRows(model, gemeente)),
    savings: savingsFigures(savingsResult),
    costliest: await costliestFigures(model, gemeente),
    peers: peerFigures(benchmark, gemeente),
    rules: {legend: LEGEND, ...SUPPRESSION_RULES},
    palette: {roles: {...ROLES}, series: [...SAFE_ON_WHITE]}
  };
}

// --- Triad ---------------------------------------------------------------------------------

const ZONE_NAMES = (l: [string, string, string]): Record<TriadZone, string> => ({
  T: `vooral ${l[0]}`, L: `vooral ${l[1]}`, R: `vooral ${l[2]}`,
  TL: `${l[0]} en ${l[1]}`, TR: `${l[0]} en ${l[2]}`, LR: `${l[1]} en ${l[2]}`, Centre: "alle drie"
});

async function triadFigures(model: Model): Promise<TriadFigures | null> {
  const [signifier] = await model.rows<{signifier_id: string; title: string}>(
    `SELECT signifier_id, title FROM signifiers WHERE type = 'triad' ORDER BY position NULLS LAST, signifier_id LIMIT 1`
  );
  if (!signifier) return null;
  const id = signifier.signifier_id.replaceAll("'", "''");
  const options = await model.rows<{position: number; label: string}>(`SELECT position, label FROM signifier_options WHERE signifier_id = '${id}' ORDER BY position`);
  const labels = [0, 1, 2].map((p) => stripHtml(options.find((o) => o.position === p)?.label ?? ["boven", "links", "rechts"][p])) as [string, string, string];
  const answers = await model.rows<TriadAnswer & {role: string | null}>(`
    SELECT a.story_id, a.status, a.top, a."left", a."right", s.teller_role AS role
    FROM triad_answers a JOIN stories s USING (story_id) WHERE a.signifier_id = '${id}' ORDER BY a.story_id`);
  const roles = [...new Set(answers.map((a) => a.role).filter((r): r is string => !!r))]
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b, "nl"));
  if (roles.length === 0) return null;
  const groupOf = new Map(answers.filter((a) => a.role).map((a) => [a.story_id, a.role!]));
  const summary = summariseTriad(answers, {groupOf, groupOrder: roles});

  // Zones per group with the answered total per group and per zone (secondary suppression).
  const zoneCounts = roles.map((role) => {
    const counts = Object.fromEntries(TRIAD_ZONES.map((z) => [z, 0])) as Record<TriadZone, number>;
    for (const a of answers) {
      const x = a.role === role ? answerComposition(a) : null;
      if (x) counts[triadZone(x)]++;
    }
    return TRIAD_ZONES.map((z) => counts[z]);
  });
  const zones = suppressCounts({rows: roles, cols: [...TRIAD_ZONES], cells: zoneCounts}, {rowTotals: true, colTotals: true});
  const statusCounts = roles.map((role) => {
    const g = summary.groups.find((x) => x.group === role);
    return [g?.n ?? 0, g?.n_na ?? 0, g?.n_skipped ?? 0];
  });
  const status = suppressCounts({rows: roles, cols: ["answered", "na", "skipped"], cells: statusCounts}, {rowTotals: true});
  const names = ZONE_NAMES(labels);

  const groups = roles.map((role, i): TriadGroupFigures => {
    const g = summary.groups.find((x) => x.group === role)!;
    const enough = g.n_used >= MIN;
    const compositions = answers.filter((a) => a.role === role).map(answerComposition).filter((x): x is Composition => x !== null);
    const used = applyZeroPolicy(compositions, DEFAULT_ZERO_POLICY).compositions;
    const region = enough ? confidenceRegion(summariseIlr(used), 0.95, 72) : null;
    return {
      group: role,
      stories: status.rowTotals![i],
      answered: status.cells[i][0],
      na: status.cells[i][1],
      skipped: status.cells[i][2],
      zones: TRIAD_ZONES.map((zone, j) => ({zone, name: names[zone], count: zones.cells[i][j]})),
      centre: enough && g.geometric_mean ? roundParts(g.geometric_mean) : null,
      region: region ? region.simplex.map((x) => toCartesian(x).map((v) => round(v, 4)) as [number, number]) : null
    };
  });
  const test = summary.test && summary.test.test === "hotelling-t2" && summary.test.n.every((n) => n >= MIN)
    ? {p: summary.test.p, distance: round(summary.test.distance, 3)}
    : null;
  const colours = Object.fromEntries(roles.map((r) => [r, (ROLES as Record<string, string>)[r] ?? "#333333"]));
  return {title: stripHtml(signifier.title), labels, geometry: triadGeometry(), colours, groups, test, zero_policy: describeZeroPolicy(DEFAULT_ZERO_POLICY)};
}

/** The seven zones (methods.md "Zones") as polygons, in composition order (top, left, right). */
const ZONE_POLYGONS: Record<TriadZone, Composition[]> = {
  T: [[1, 0, 0], [0.6, 0.4, 0], [0.6, 0, 0.4]],
  L: [[0, 1, 0], [0.4, 0.6, 0], [0, 0.6, 0.4]],
  R: [[0, 0, 1], [0.4, 0, 0.6], [0, 0.4, 0.6]],
  TL: [[0.6, 0.4, 0], [0.4, 0.6, 0], [0.2, 0.6, 0.2], [0.6, 0.2, 0.2]],
  TR: [[0.6, 0, 0.4], [0.4, 0, 0.6], [0.2, 0.2, 0.6], [0.6, 0.2, 0.2]],
  LR: [[0, 0.6, 0.4], [0, 0.4, 0.6], [0.2, 0.2, 0.6], [0.2, 0.6, 0.2]],
  Centre: [[0.6, 0.2, 0.2], [0.2, 0.6, 0.2], [0.2, 0.2, 0.6]]
};

export function triadGeometry(): TriadFigures["geometry"] {
  const xy = (x: Composition) => toCartesian(x).map((v) => round(v, 4)) as [number, number];
  return {
    triangle: ([[1, 0, 0], [0, 1, 0], [0, 0, 1]] as Composition[]).map(xy),
    zones: TRIAD_ZONES.map((zone) => {
      const corners = ZONE_POLYGONS[zone];
      const mean = [0, 1, 2].map((k) => corners.reduce((s, c) => s + c[k], 0) / corners.length) as unknown as Composition;
      return {zone, polygon: corners.map(xy), label: xy(mean)};
    })
  };
}

const rank = (role: string) => (ROLE_ORDER.includes(role) ? ROLE_ORDER.indexOf(role) : ROLE_ORDER.length);

function roundParts(p: {top: number; left: number; right: number}) {
  return {top: round(p.top, 1), left: round(p.left, 1), right: round(p.right, 1)};
}

// --- Need after help -----------------------------------------------------------------------

function needFigures(rows: Awaited<ReturnType<typeof needAfterRows>>): NeedFigures {
  const quarters = needAfterCounts(rows, "quarter");
  const table = suppressCounts(
    {rows: quarters.map((q) => q.key), cols: ["geen", "blijft", "nieuw"], cells: quarters.map((q) => [q.geen, q.blijft, q.nieuw])},
    {rowTotals: true, colTotals: true}
  );
  const total = needAfterTotal(rows);
  const rest = total.blijft + total.nieuw;
  const shareOk = total.geen >= MIN && rest >= MIN;
  return {
    quarters: quarters.map((q, i) => ({quarter: q.key, geen: table.cells[i][0], blijft: table.cells[i][1], nieuw: table.cells[i][2], total: table.rowTotals![i]})),
    total: {
      geen: table.colTotals![0], blijft: table.colTotals![1], nieuw: table.colTotals![2],
      onbekend: publishCount(total.onbekend), total: publishCount(total.total)
    },
    share_geen: shareOk ? round(total.geen / (total.geen + rest), 3) : null
  };
}

// --- Avoided cost --------------------------------------------------------------------------

function savingsFigures(r: SavingsResult): SavingsFigures {
  const avoided = r.cases.avoided;
  const euro = (v: number, persons: number) => roundEuro(suppressValue(v, persons, "euro"));
  const scenarios = Object.fromEntries(SCENARIOS.map((s) => {
    const f = r.scenarios[s];
    return [s, {gross: euro(f.gross_avoided, avoided), net: euro(f.net, avoided), ratio: avoided >= MIN && f.ratio !== null ? round(f.ratio, 2) : null}];
  })) as SavingsFigures["scenarios"];
  const own = r.method.prices.filter((p) => p.cost_source === "eigen declaraties").length;
  return {
    investment: Math.round(r.investment),
    scenarios,
    realised: euro(r.scenarios.central.realised_second_line, r.cases.still_needed),
    cases: {
      closed: publishCount(r.cases.closed), avoided: publishCount(avoided),
      still_needed: publishCount(r.cases.still_needed), open: publishCount(r.cases.open)
    },
    weights: r.method.weights,
    cumulative: cumulativeSteps(r),
    cost_sources: {own, price_list: r.method.prices.length - own}
  };
}

/**
 * Points of the cumulative avoided cost where at least 10 avoided cases closed since the previous
 * point; a last step under 10 is merged into the one before (so the total, published as a key
 * figure, cannot be differenced against the last point either).
 */
export function cumulativeSteps(r: Pick<SavingsResult, "per_case" | "cumulative">): SavingsFigures["cumulative"] {
  const avoidedByDate = new Map<string, number>();
  for (const c of r.per_case) {
    if (c.closed && c.help_end && c.avoided.central + c.avoided.low + c.avoided.high > 0) avoidedByDate.set(c.help_end, (avoidedByDate.get(c.help_end) ?? 0) + 1);
  }
  const breaks: {index: number; cases: number}[] = [];
  let since = 0;
  let total = 0;
  r.cumulative.forEach((p, index) => {
    const n = avoidedByDate.get(p.date) ?? 0;
    since += n;
    total += n;
    if (since >= MIN) {
      breaks.push({index, cases: total});
      since = 0;
    }
  });
  if (since > 0 && breaks.length > 0) {
    // The tail after the last break has fewer than 10 cases: end the last step at the end instead.
    breaks[breaks.length - 1] = {index: r.cumulative.length - 1, cases: total};
  }
  return breaks.map(({index, cases}) => {
    const p = r.cumulative[index];
    return {
      date: p.date, avoided_cases: publishCount(cases),
      low: roundTo(p.gross_avoided.low, 1000), central: roundTo(p.gross_avoided.central, 1000), high: roundTo(p.gross_avoided.high, 1000),
      investment: roundTo(p.investment, 1000)
    };
  });
}

// --- Costliest 10% -------------------------------------------------------------------------

async function costliestFigures(model: Model, gemeente: string | null): Promise<CostliestFigures | null> {
  const inputs = await costliestInputs(model, gemeente);
  if (inputs.year === null) return null;
  const r = computeCostliest(inputs.rows, inputs.year, {lumpSum: inputs.lumpSum, listLimit: 0});
  const top = r.top_decile.clients;
  const laws = r.by_law.filter((b) => b.key !== null && b.spend > 0);
  const byLaw = laws.length > 0
    ? suppressSums({rows: laws.map((b) => b.key!), cols: ["spend"], cells: laws.map((b) => [b.spend])}, laws.map((b) => [b.clients]), {colTotals: true})
    : null;
  return {
    year: r.year,
    clients: publishCount(r.clients),
    top_clients: publishCount(top),
    share: top >= MIN && r.clients - top >= MIN ? round(r.top_decile.share, 3) : null,
    total_spend: roundEuro(suppressValue(r.total_spend, r.clients, "euro")),
    top_spend: roundEuro(suppressValue(r.top_decile.spend, top, "euro")),
    by_law: laws.map((b, i) => {
      const spend = roundEuro(byLaw!.cells[i][0]);
      return {law: b.key!, spend, share: spend.value === null ? null : round(b.share, 3)};
    }),
    gini: r.clients >= MIN ? round(r.gini, 3) : null,
    lump_sum: r.lump_sum.map((l) => ({name: l.name, amount: Math.round(l.amount)}))
  };
}

// --- Peers ---------------------------------------------------------------------------------

/** Benchmark measures of the report: Wmo clients and Wmo cost, each per inhabitant. */
const PEER_MEASURES = [
  {numerator: /wmo-cli[eë]nten/i, unit: "cliënten per 1.000 inwoners", per: 1000, scale: 1, label: "Wmo-cliënten met een maatwerkvoorziening"},
  {numerator: /kosten wmo/i, unit: "euro per inwoner", per: 1, scale: 1000, label: "Kosten Wmo-maatwerkvoorzieningen"},
  {numerator: /^jongeren met jeugdhulp \(/i, unit: "jongeren per 1.000 inwoners", per: 1000, scale: 1, label: "Jongeren met jeugdhulp"}
];
const POPULATION = /^bevolking/i;

async function benchmarkMeasureNames(model: Model): Promise<string[]> {
  const rows = await model.rows<{measure: string}>(`SELECT DISTINCT measure FROM benchmark WHERE measure IS NOT NULL ORDER BY measure`);
  return rows.map((r) => r.measure).filter((m) => POPULATION.test(m) || PEER_MEASURES.some((p) => p.numerator.test(m)));
}

function ownGemeente(gemeente: string | null, benchmark: BenchmarkRow[]): ReportFigures["gemeente"] {
  const codes = [...new Set(benchmark.map((b) => b.gemeente))].sort();
  const code = gemeente ?? codes[0] ?? null;
  if (code === null) return null;
  return {code, name: benchmark.find((b) => b.gemeente === code)?.gemeente_name ?? null};
}

/**
 * Index (first year = 100) of the municipality against the mean of the other municipalities in
 * the benchmark table. Without a gemeente in the first-line data, the first code in the table is
 * taken as the municipality (the demo delivers its own code first).
 */
function peerFigures(benchmark: BenchmarkRow[], gemeente: string | null): PeerFigures[] {
  const own = ownGemeente(gemeente, benchmark);
  const population = benchmark.find((b) => POPULATION.test(b.measure))?.measure;
  if (!own || !population) return [];
  const peers = [...new Set(benchmark.map((b) => b.gemeente))].filter((g) => g !== own.code).sort();
  const out: PeerFigures[] = [];
  for (const m of PEER_MEASURES) {
    const numerator = benchmark.find((b) => m.numerator.test(b.measure))?.measure;
    if (!numerator || peers.length === 0) continue;
    const years = benchmark.filter((b) => b.measure === numerator).map((b) => b.year);
    const baseYear = Math.min(...years);
    const points = peerIndex(benchmark, {gemeente: own.code, peers, numerator, denominator: population, per: m.per, scale: m.scale, baseYear});
    out.push({
      measure: m.label, unit: m.unit, base_year: baseYear, peers: peers.length,
      points: points.map((p) => ({
        year: p.year,
        own: p.municipality.index === null ? null : round(p.municipality.index, 1),
        peers: p.peers.index === null ? null : round(p.peers.index, 1),
        provisional: p.municipality.provisional || p.peers.provisional,
        series_break: p.municipality.series_break || p.peers.series_break
      }))
    });
  }
  return out;
}

// --- Small helpers -------------------------------------------------------------------------

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

const roundTo = (x: number, step: number) => Math.round(x / step) * step;

/** Euro figures in the report are rounded to whole thousands (the method is not more precise). */
function roundEuro(cell: PublishedCell): PublishedCell {
  if (cell.value === null) return cell;
  const value = roundTo(cell.value, 1000);
  return {...cell, value, display: new Intl.NumberFormat("nl-NL", {style: "currency", currency: "EUR", maximumFractionDigits: 0}).format(value)};
}

