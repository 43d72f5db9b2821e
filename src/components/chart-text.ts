/**
 * Text alternatives beside every triad and dyad chart: a short Dutch paragraph (B1) and small
 * tables with the counts per zone or band, the centre or median per group, and n answered / N/A /
 * skipped. The summaries behind them are plain data, shared with the charts, so that the chart
 * and its text always show the same numbers.
 */
import {median} from "d3";
import {dataTable} from "./data-table.js";
import {
  DEFAULT_ZERO_POLICY, DYAD_BANDS, TRIAD_ZONES, answerComposition, applyZeroPolicy, clampAndClose, describeZeroPolicy,
  dyadBandIndex, memoPerObject, stripHtml, summariseIlr, triadZone,
  type Composition, type IlrSummary, type TriadAnswer, type TriadZone, type ZeroPolicy
} from "./methods.js";

// ---------------------------------------------------------------------------------------------
// Rows and answer status

/** Whether a teller placed the story, ticked N/A ("niet van toepassing") or skipped the question. */
export type AnswerStatus = "answered" | "na" | "skipped";

/** One story's answer to one triad (a row of `triad_answers` joined with story columns). */
export interface TriadRow {
  readonly story_id: string;
  readonly status?: string | null;
  readonly top?: number | null;
  readonly left?: number | null;
  readonly right?: number | null;
  readonly [column: string]: unknown;
}

/** One story's answer to one dyad: position 0 (left pole) .. 1 (right pole). */
export interface DyadRow {
  readonly story_id: string;
  readonly status?: string | null;
  readonly position?: number | null;
  /** The dot's vertical offset in [-1, 1); jitterOf(story_id) when absent. */
  readonly jitter?: number;
  readonly [column: string]: unknown;
}

export interface StatusCounts {
  readonly total: number;
  readonly answered: number;
  readonly na: number;
  readonly skipped: number;
}

/** The stated status wins; without one, a row with usable numbers is answered, else skipped. */
export function answerStatus(row: TriadRow | DyadRow, hasValue: boolean): AnswerStatus {
  if (row.status === "na" || row.status === "skipped") return row.status;
  return hasValue ? "answered" : "skipped";
}

/**
 * The closed composition of an answered triad row, or null (N/A, skipped, unusable numbers). Kept
 * with the row (StoryEngine keeps a page's rows between filter changes); a row marked answered
 * gets the same composition object as the statistics under the chart (answerComposition).
 */
export const triadComposition: (row: TriadRow) => Composition | null = memoPerObject(compositionOf);

function compositionOf(row: TriadRow): Composition | null {
  if (row.status === "answered") return answerComposition(row as TriadAnswer);
  const parts = [row.top, row.left, row.right];
  if (row.status === "na" || row.status === "skipped") return null;
  if (!parts.every((p) => typeof p === "number" && Number.isFinite(p))) return null;
  const [top, left, right] = parts as number[];
  if (!(Math.max(top, 0) + Math.max(left, 0) + Math.max(right, 0) > 0)) return null;
  return clampAndClose([top, left, right]);
}

/** The position of an answered dyad row, clamped to 0..1, or null. */
export function dyadPosition(row: DyadRow): number | null {
  if (row.status === "na" || row.status === "skipped") return null;
  const p = row.position;
  return typeof p === "number" && Number.isFinite(p) ? Math.min(1, Math.max(0, p)) : null;
}

/** Counts answer statuses one row at a time (no list of a status per row). */
class StatusCounter {
  private readonly n = {answered: 0, na: 0, skipped: 0};
  add(status: AnswerStatus): void {
    this.n[status]++;
  }
  counts(): StatusCounts {
    const {answered, na, skipped} = this.n;
    return {total: answered + na + skipped, answered, na, skipped};
  }
}

/** The group of a row: the value in `column` as text; null (no group) when empty or missing. */
export function groupOf(row: Record<string, unknown>, column: string | undefined): string | null {
  if (column === undefined) return ALL;
  const value = row[column];
  if (value === null || value === undefined || value === "") return null;
  return String(value);
}

/** Group name when the chart is not split into groups. */
export const ALL = "alle verhalen";

function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function orderGroups(found: Iterable<string>, order: readonly string[] | undefined): string[] {
  const present = new Set(found);
  const first = (order ?? []).filter((g) => present.has(g));
  const rest = [...present].filter((g) => !first.includes(g)).sort((a, b) => a.localeCompare(b, "nl"));
  return [...first, ...rest];
}

// ---------------------------------------------------------------------------------------------
// Triad summary

export interface TriadGroup {
  readonly group: string;
  /** Answered stories in the group. */
  readonly n: number;
  /** Closed geometric mean after the zero policy; null when the policy left no answers. */
  readonly centre: Composition | null;
  /** ilr mean and covariance for the regions; null as for centre. */
  readonly ilr: IlrSummary | null;
  readonly replaced: number;
  readonly dropped: number;
}

export interface TriadSummary {
  readonly kind: "triad";
  /** Anchor labels top, left, right as plain text. */
  readonly labels: readonly [string, string, string];
  readonly counts: StatusCounts;
  readonly zones: Readonly<Record<TriadZone, number>>;
  readonly groups: readonly TriadGroup[];
  /** Answered stories without a value in the grouping column (in no group). */
  readonly withoutGroup: number;
  readonly groupBy: string | undefined;
  readonly zeroPolicy: ZeroPolicy;
}

export interface SummaryOptions {
  /** Column that splits the stories into groups (e.g. "teller_role"); none: one group. */
  groupBy?: string;
  /** Order of the groups (others follow alphabetically). */
  groupOrder?: readonly string[];
}

export interface TriadSummaryOptions extends SummaryOptions {
  /** Anchor labels top, left, right (HTML is stripped). */
  labels?: readonly [string, string, string];
  zeroPolicy?: ZeroPolicy;
}

export function triadSummary(rows: readonly TriadRow[], options: TriadSummaryOptions = {}): TriadSummary {
  const {groupBy, zeroPolicy = DEFAULT_ZERO_POLICY} = options;
  const zones = Object.fromEntries(TRIAD_ZONES.map((z) => [z, 0])) as Record<TriadZone, number>;
  const byGroup = new Map<string, Composition[]>();
  const statuses = new StatusCounter();
  let withoutGroup = 0;
  for (const row of rows) {
    const x = triadComposition(row);
    statuses.add(answerStatus(row, x !== null));
    if (x === null) continue;
    zones[triadZone(x)]++;
    const group = groupOf(row, groupBy);
    if (group === null) withoutGroup++;
    else pushTo(byGroup, group, x);
  }
  const groups = orderGroups(byGroup.keys(), options.groupOrder).map((group) => triadGroup(group, byGroup.get(group)!, zeroPolicy));
  return {
    kind: "triad", labels: plainLabels(options.labels ?? ["boven", "links", "rechts"]), counts: statuses.counts(),
    zones, groups, withoutGroup, groupBy, zeroPolicy
  };
}

function triadGroup(group: string, xs: Composition[], zeroPolicy: ZeroPolicy): TriadGroup {
  const handled = applyZeroPolicy(xs, zeroPolicy);
  const ilr = handled.compositions.length > 0 ? summariseIlr(handled.compositions) : null;
  return {group, n: xs.length, centre: ilr?.centre ?? null, ilr, replaced: handled.replaced, dropped: handled.dropped};
}

function plainLabels<T extends readonly string[]>(labels: T): T {
  return labels.map((l) => stripHtml(l)) as unknown as T;
}

/** Zone names in plain Dutch, using the anchor labels. */
export function zoneName(zone: TriadZone, labels: readonly [string, string, string]): string {
  const [top, left, right] = labels;
  switch (zone) {
    case "T": return `Hoek ${quote(top)}`;
    case "L": return `Hoek ${quote(left)}`;
    case "R": return `Hoek ${quote(right)}`;
    case "TL": return `Tussen ${quote(top)} en ${quote(left)}`;
    case "TR": return `Tussen ${quote(top)} en ${quote(right)}`;
    case "LR": return `Tussen ${quote(left)} en ${quote(right)}`;
    case "Centre": return "Midden";
  }
}

// ---------------------------------------------------------------------------------------------
// Dyad summary

export interface DyadGroup {
  readonly group: string;
  readonly n: number;
  /** Median position 0..1; null when the group has no answers. */
  readonly median: number | null;
  /** Stories per band 0-20, 20-40, 40-60, 60-80, 80-100 (% from the left pole). */
  readonly bands: readonly number[];
}

export interface DyadSummary {
  readonly kind: "dyad";
  /** Pole labels left, right as plain text. */
  readonly poles: readonly [string, string];
  readonly counts: StatusCounts;
  readonly bands: readonly number[];
  readonly groups: readonly DyadGroup[];
  readonly withoutGroup: number;
  readonly groupBy: string | undefined;
}

export interface DyadSummaryOptions extends SummaryOptions {
  poles?: readonly [string, string];
}

export function dyadSummary(rows: readonly DyadRow[], options: DyadSummaryOptions = {}): DyadSummary {
  const byGroup = new Map<string, number[]>();
  const statuses = new StatusCounter();
  const all: number[] = [];
  let withoutGroup = 0;
  for (const row of rows) {
    const p = dyadPosition(row);
    statuses.add(answerStatus(row, p !== null));
    if (p === null) continue;
    all.push(p);
    const group = groupOf(row, options.groupBy);
    if (group === null) withoutGroup++;
    else pushTo(byGroup, group, p);
  }
  const groups = orderGroups(byGroup.keys(), options.groupOrder).map((group) => {
    const ps = byGroup.get(group)!;
    return {group, n: ps.length, median: median(ps) ?? null, bands: bandCounts(ps)};
  });
  return {
    kind: "dyad", poles: plainLabels(options.poles ?? ["links", "rechts"]), counts: statuses.counts(),
    bands: bandCounts(all), groups, withoutGroup, groupBy: options.groupBy
  };
}

function bandCounts(positions: readonly number[]): number[] {
  const counts = DYAD_BANDS.map(() => 0);
  for (const p of positions) counts[dyadBandIndex(p)]++;
  return counts;
}

// ---------------------------------------------------------------------------------------------
// Words

/** How a count is printed: as is (analyst) or with the small-cell rule of the public report. */
export type CountFormat = (n: number) => string;

// One formatter for every count (toLocaleString would make one per call, hundreds per filter change).
const DUTCH = new Intl.NumberFormat("nl-NL");

export const exactCount: CountFormat = (n) => DUTCH.format(n);

/** Public report (privacy.md): below 10 shown as "< 10", otherwise rounded to a multiple of 5. */
export const publicCount: CountFormat = (n) => (n > 0 && n < 10 ? "< 10" : DUTCH.format(Math.round(n / 5) * 5));

export function percent(p: number): string {
  return `${Math.round(p * 100)}%`;
}

function quote(label: string): string {
  return `“${label}”`;
}

export function storyCount(n: number, format: CountFormat = exactCount): string {
  return `${format(n)} ${n === 1 ? "verhaal" : "verhalen"}`;
}

/** "120 beantwoord, 8 niet van toepassing, 12 overgeslagen". */
export function describeCounts(counts: StatusCounts, format: CountFormat = exactCount): string {
  return `${format(counts.answered)} beantwoord, ${format(counts.na)} niet van toepassing, ${format(counts.skipped)} overgeslagen`;
}

/** A composition in words: "50% kwaliteit van leven, 30% normaliseren en 20% socialiseren". */
export function describeComposition(x: Composition, labels: readonly [string, string, string]): string {
  return `${percent(x[0])} ${labels[0]}, ${percent(x[1])} ${labels[1]} en ${percent(x[2])} ${labels[2]}`;
}

export function describeTriad(summary: TriadSummary, format: CountFormat = exactCount): string {
  const {labels, counts, zones, groups} = summary;
  const sentences = [`In deze driehoek staan ${storyCount(counts.answered, format)}.`];
  if (counts.answered > 0) {
    const top = TRIAD_ZONES.reduce((best, z) => (zones[z] > zones[best] ? z : best));
    sentences.push(`De meeste verhalen (${format(zones[top])}) staan in de zone ${zoneName(top, labels)}.`);
  }
  for (const g of groups) {
    if (g.centre === null) continue;
    const who = g.group === ALL ? "alle verhalen" : `de groep ${quote(g.group)} (${storyCount(g.n, format)})`;
    sentences.push(`Het midden van ${who} ligt op ${describeComposition(g.centre, labels)}.`);
  }
  if (summary.withoutGroup > 0) sentences.push(`${storyCount(summary.withoutGroup, format)} zonder antwoord op de groepsvraag tellen niet mee in de groepen.`);
  sentences.push(`Niet van toepassing: ${format(counts.na)}. Overgeslagen: ${format(counts.skipped)}.`);
  return sentences.join(" ");
}

export function describeDyad(summary: DyadSummary, format: CountFormat = exactCount): string {
  const [left, right] = summary.poles;
  const sentences = [`Op deze lijn van ${quote(left)} (0%) naar ${quote(right)} (100%) staan ${storyCount(summary.counts.answered, format)}.`];
  for (const g of summary.groups) {
    if (g.median === null) continue;
    const who = g.group === ALL ? "alle verhalen" : `de groep ${quote(g.group)} (${storyCount(g.n, format)})`;
    sentences.push(`De helft van ${who} staat links van ${percent(g.median)}.`);
  }
  if (summary.withoutGroup > 0) sentences.push(`${storyCount(summary.withoutGroup, format)} zonder antwoord op de groepsvraag tellen niet mee in de groepen.`);
  sentences.push(`Niet van toepassing: ${format(summary.counts.na)}. Overgeslagen: ${format(summary.counts.skipped)}.`);
  return sentences.join(" ");
}

// ---------------------------------------------------------------------------------------------
// DOM (text only: every string goes in through textContent)

export interface ChartTextOptions {
  /** Counts as printed; `publicCount` for the public report. */
  countFormat?: CountFormat;
  document?: Document;
}

/** Paragraph, tables and counts for a triad or dyad summary. */
export function chartText(summary: TriadSummary | DyadSummary, options: ChartTextOptions = {}): HTMLDivElement {
  const doc = options.document ?? document;
  const format = options.countFormat ?? exactCount;
  const el = (tag: string, text?: string, className?: string): HTMLElement => {
    const node = doc.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  };
  const root = el("div", undefined, "wk-chart-text") as HTMLDivElement;
  const tableOptions = {className: "wk-chart-table", document: doc};
  if (summary.kind === "triad") {
    root.append(el("p", describeTriad(summary, format)));
    root.append(dataTable("Aantal verhalen per zone", ["Zone", "Aantal"],
      TRIAD_ZONES.map((z) => [zoneName(z, summary.labels), format(summary.zones[z])]), tableOptions));
    root.append(dataTable("Midden per groep (geometrisch gemiddelde)", ["Groep", "Aantal", ...summary.labels],
      summary.groups.map((g) => [g.group, format(g.n), ...(g.centre ?? [NaN, NaN, NaN]).map((p) => (Number.isFinite(p) ? percent(p) : "–"))]), tableOptions));
    root.append(el("p", describeZeroPolicy(summary.zeroPolicy), "wk-chart-note"));
  } else {
    root.append(el("p", describeDyad(summary, format)));
    const bandHeads = DYAD_BANDS.map((b) => `${b}%`);
    root.append(dataTable(`Aantal verhalen per vak (0% = ${summary.poles[0]}, 100% = ${summary.poles[1]})`, ["Groep", ...bandHeads, "Mediaan"],
      summary.groups.map((g) => [g.group, ...g.bands.map(format), g.median === null ? "–" : percent(g.median)]), tableOptions));
  }
  root.append(el("p", describeCounts(summary.counts, format), "wk-chart-counts"));
  return root;
}
