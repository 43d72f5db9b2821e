/**
 * Small pieces the story pages share: which keys can group or colour the stories, the zero policy
 * from the page's controls, and test results in plain Dutch.
 */
import * as Plot from "@observablehq/plot";
import {plot} from "./a11y.js";
import {DOMAIN, ROLE, ROLE_ORDER, type ChoiceCount, type SelectionHub, type StoryEngine, type StoryMeta} from "./story-engine.js";
import {colourScale, ternaryChart, type SelectableFigure} from "./ternary.js";
import {dyadChart} from "./dyad.js";
import {listQuestions} from "./filters.js";
import {DEFAULT_ZERO_POLICY, type ZeroPolicy} from "../lib/methods/compositional.js";
import type {TriadSummary} from "../lib/methods/triad-summary.js";
import type {Pattern} from "../lib/methods/patterns.js";
import type {TriadRow} from "./chart-text.js";

export interface GroupChoice {
  /** ROLE, DOMAIN or a list question's signifier id (what StoryEngine's `groupBy` takes). */
  readonly key: string;
  readonly title: string;
  /** Order of the group labels in legends and rows. */
  readonly order: readonly string[];
}

/** Role first (the default), the domain when known, then every choice question. */
export function groupChoices(meta: StoryMeta): GroupChoice[] {
  const choices: GroupChoice[] = [{key: ROLE, title: "Verteller", order: ROLE_ORDER}];
  if (meta.domains.length > 0) choices.push({key: DOMAIN, title: "Domein", order: meta.domains});
  for (const q of listQuestions(meta)) {
    // The domain question already feeds the "Domein" choice above.
    if (meta.domains.length > 0 && /^domein/i.test(q.title)) continue;
    choices.push({key: q.signifier_id, title: q.title, order: q.options.map((o) => o.label)});
  }
  return choices;
}

/** "vervangen" (multiplicative replacement) or "weglaten" (drop), with the page's delta. */
export function zeroPolicyFrom(kind: string, delta: number): ZeroPolicy {
  return {kind: kind === "weglaten" ? "drop" : "replace", delta};
}

export function formatNumber(x: number, digits = 2): string {
  return x.toLocaleString("nl-NL", {maximumFractionDigits: digits, minimumFractionDigits: digits});
}

/** A p-value as people read it: "p < 0,001" or "p = 0,034". */
export function formatP(p: number): string {
  return p < 0.001 ? "p < 0,001" : `p = ${formatNumber(p, 3)}`;
}

const ROLE_PLURAL: Record<string, string> = {inwoner: "inwoners", medewerker: "medewerkers", anders: "anderen"};

/**
 * The group of a story in the residents-vs-staff comparison: its teller role when resident or
 * staff, otherwise none. One function for the page's lifetime, so summariseTriad keeps its results.
 */
export const residentOrStaff = (row: {teller_role?: string | null}): string | undefined =>
  row.teller_role === "inwoner" || row.teller_role === "medewerker" ? row.teller_role : undefined;

/** The residents-vs-staff comparison of a triad summary in words (Hotelling T^2 on ilr). */
export function describeTriadTest(summary: TriadSummary): string {
  const sizes = summary.groups.map((g) => `${ROLE_PLURAL[g.group ?? ""] ?? g.group}: ${g.n_used}`).join(", ");
  const test = summary.test;
  if (test === null || test.test !== "hotelling-t2") {
    return `Geen toets van inwoners tegen medewerkers: daarvoor zijn in beide groepen genoeg antwoorden nodig (${sizes || "geen antwoorden"}).`;
  }
  const [a, b] = summary.test_groups.map((g) => ROLE_PLURAL[g ?? ""] ?? g);
  const verdict = test.p < 0.05
    ? `Zo'n verschil is bij toeval onwaarschijnlijk: ${a} en ${b} leggen de nadruk anders.`
    : `Dit verschil kan goed toeval zijn.`;
  return `Toets van ${a} (n = ${test.n[0]}) tegen ${b} (n = ${test.n[1]}), Hotelling T² op ilr-coördinaten: ` +
    `T² = ${formatNumber(test.t2)}, F(${test.df1}; ${test.df2}) = ${formatNumber(test.f)}, ${formatP(test.p)}. ${verdict} ` +
    `De afstand tussen de twee middens (Aitchison-afstand) is ${formatNumber(test.distance)}. ${summary.zero_policy_description}`;
}

const TEST_NAMES: Record<Pattern["test"], string> = {
  "hotelling-t2": "Hotelling T²",
  "permutation-lawley-hotelling": "permutatietoets (Lawley-Hotelling)",
  "mann-whitney": "Mann-Whitney",
  "kruskal-wallis": "Kruskal-Wallis",
  "chi-square": "chi-kwadraat"
};

const EFFECT_NAMES: Record<Pattern["effect"]["measure"], string> = {
  "aitchison-distance": "Aitchison-afstand",
  "rank-biserial": "rang-biseriële r",
  "epsilon-squared": "epsilon²",
  "cramers-v": "Cramérs V"
};

export function testName(test: Pattern["test"]): string {
  return TEST_NAMES[test] ?? test;
}

export function effectName(measure: Pattern["effect"]["measure"]): string {
  return EFFECT_NAMES[measure] ?? measure;
}

// ---------------------------------------------------------------------------------------------
// Choice questions as bars with counts

export interface ChoiceBarsOptions {
  width?: number;
  title: string;
  /** Order of the groups (colours); null groups show as "zonder antwoord". */
  groupOrder?: readonly string[];
  /** Filtered stories that did not answer the question. */
  unanswered: number;
  multiSelect?: boolean;
  /** Called with the stories behind a bar (click or the table's buttons). */
  onSelect(ids: readonly string[], source: string): void;
}

const NO_GROUP = "zonder antwoord";

/**
 * Horizontal bars per option, stacked by group, with the count at the end of each bar; beneath,
 * the same counts as a table whose cells are buttons (keyboard) that open the stories.
 */
export function choiceBars(counts: readonly ChoiceCount[], options: ChoiceBarsOptions): HTMLElement {
  const doc = document;
  const data = counts.map((c) => ({...c, group: c.group ?? NO_GROUP}));
  const groups = [...new Set(data.map((d) => d.group))];
  const order = [...(options.groupOrder ?? []).filter((g) => groups.includes(g)), ...groups.filter((g) => !(options.groupOrder ?? []).includes(g)).sort()];
  const labels = [...new Map(data.map((d) => [d.option_id, d])).values()].sort((a, b) => a.position - b.position).map((d) => d.label);
  const totals = labels.map((label) => ({label, n: data.filter((d) => d.label === label).reduce((s, d) => s + d.n, 0)}));
  const colours = order.map(colourScale(order, order).colour);
  const svg = plot({
    width: options.width ?? 640, height: 40 + 28 * Math.max(1, labels.length), marginLeft: 170, marginRight: 40,
    ariaLabel: `${options.title}: aantal verhalen per antwoord`,
    x: {label: "aantal verhalen", grid: true}, y: {domain: labels, label: null},
    color: {domain: order, range: colours, legend: order.length > 1},
    marks: [
      Plot.barX(data, {y: "label", x: "n", fill: "group", order: order, className: "wk-choice-bar"}),
      Plot.text(totals, {y: "label", x: "n", text: (d: {n: number}) => String(d.n), textAnchor: "start", dx: 4}),
      Plot.ruleX([0])
    ]
  }) as unknown as HTMLElement;
  svg.setAttribute?.("data-chart", "bars");
  // Plot binds bar i to datum i: a click opens the stories of that bar.
  for (const rect of svg.querySelectorAll<SVGRectElement>(".wk-choice-bar rect")) {
    const i = (rect as unknown as {__data__?: number}).__data__;
    if (typeof i !== "number") continue;
    rect.style.cursor = "pointer";
    rect.addEventListener("click", () => options.onSelect(data[i].story_ids, `${data[i].label}, ${data[i].group}`));
  }
  const figure = doc.createElement("div");
  figure.className = "wk-choice";
  figure.append(svg, countsTable(doc, data, labels, order, options));
  const note = doc.createElement("p");
  note.className = "wk-chart-counts";
  note.textContent = `Zonder antwoord op deze vraag: ${options.unanswered}.` +
    (options.multiSelect ? " Meer antwoorden per verhaal mogelijk: een verhaal kan in meer staven staan." : "");
  figure.append(note);
  return figure;
}

function countsTable(doc: Document, data: readonly (ChoiceCount & {group: string})[], labels: readonly string[], groups: readonly string[], options: ChoiceBarsOptions): HTMLTableElement {
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string) => {
    const node = doc.createElement(tag);
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const t = el("table");
  t.className = "wk-chart-table";
  t.append(el("caption", `${options.title}: aantal verhalen per antwoord en groep (knop: lees de verhalen)`));
  const head = el("tr");
  for (const h of ["Antwoord", ...groups]) head.append(el("th", h));
  t.createTHead().append(head);
  const body = el("tbody");
  for (const label of labels) {
    const tr = el("tr");
    tr.append(el("th", label));
    for (const group of groups) {
      const cell = data.find((d) => d.label === label && d.group === group);
      const td = el("td");
      if (cell && cell.n > 0) {
        const b = el("button", String(cell.n));
        b.type = "button";
        b.setAttribute("aria-label", `${cell.n} verhalen: ${label}, ${group}`);
        b.addEventListener("click", () => options.onSelect(cell.story_ids, `${label}, ${group}`));
        td.append(b);
      } else td.textContent = "0";
      tr.append(td);
    }
    body.append(tr);
  }
  t.append(body);
  return t;
}

// ---------------------------------------------------------------------------------------------
// The chart behind a pattern

export interface PatternView {
  readonly element: HTMLElement;
  /** The selectable chart (triad or dyad), null for a cross table. */
  readonly chart: SelectableFigure | null;
}

const PATTERN_GROUP = "groep";

/**
 * The chart that shows a pattern: the triad per group (with centres), the dyad per group, or the
 * cross table as bars; plus a button per group that opens its stories.
 */
export async function patternChart(
  se: StoryEngine, pattern: Pattern, options: {width: number; onSelect(ids: readonly string[], source: string): void}
): Promise<PatternView> {
  const doc = document;
  const groupOf = new Map(pattern.groups.flatMap((g) => g.story_ids.map((id) => [id, g.label] as const)));
  const order = pattern.groups.map((g) => g.label);
  const tag = <T extends {story_id: string}>(rows: readonly T[]) =>
    rows.filter((r) => groupOf.has(r.story_id)).map((r) => ({...r, [PATTERN_GROUP]: groupOf.get(r.story_id)!}));
  const signifier = se.signifier(pattern.a.question_id);
  let chart: SelectableFigure | null = null;
  let body: Element;
  if (pattern.kind === "triad-choice") {
    const labels = (signifier?.options ?? []).map((o) => o.label) as unknown as [string, string, string];
    chart = ternaryChart(tag(await se.triadRows(pattern.a.question_id, {groupBy: null})), {
      width: options.width, labels: labels.length === 3 ? labels : undefined, title: `${pattern.a.title} per groep`,
      fill: PATTERN_GROUP, colorOrder: order, centres: true, zones: true, zeroPolicy: DEFAULT_ZERO_POLICY
    });
    body = chart;
  } else if (pattern.kind === "dyad-choice") {
    const poles = (signifier?.options ?? []).map((o) => o.label);
    chart = dyadChart(tag(await se.dyadRows(pattern.a.question_id, {groupBy: null})), {
      width: options.width, poles: poles.length === 2 ? [poles[0], poles[1]] : undefined, title: `${pattern.a.title} per groep`,
      fill: PATTERN_GROUP, colorOrder: order
    });
    body = chart;
  } else {
    body = crossTableBars(pattern, options.width);
  }
  const buttons = doc.createElement("div");
  buttons.className = "wk-selection-buttons";
  for (const g of pattern.groups) {
    const b = doc.createElement("button");
    b.type = "button";
    b.textContent = `Lees de verhalen: ${g.label} (${g.n})`;
    b.addEventListener("click", () => options.onSelect(g.story_ids, `${pattern.b.title}: ${g.label}`));
    buttons.append(b);
  }
  const element = doc.createElement("div");
  element.append(body, buttons);
  return {element, chart};
}

/** A chi-square pattern's table: bars per level of the compared question, stacked by group, and the table itself. */
function crossTableBars(pattern: Pattern, width: number): Element {
  const doc = document;
  const table = pattern.table!;
  const data = table.rows.flatMap((row, i) => table.cols.map((col, j) => ({row, col, n: table.counts[i][j]})));
  const svg = plot({
    width, height: 40 + 28 * Math.max(1, table.rows.length), marginLeft: 170,
    ariaLabel: `${pattern.a.title} naar ${pattern.b.title}`,
    x: {label: "aantal verhalen", grid: true}, y: {domain: table.rows, label: null},
    color: {domain: table.cols, range: table.cols.map(colourScale(table.cols, table.cols).colour), legend: true},
    marks: [Plot.barX(data, {y: "row", x: "n", fill: "col", order: table.cols}), Plot.ruleX([0])]
  }) as unknown as Element;
  svg.setAttribute("data-chart", "bars");
  const el = (tag: string, text?: string) => {
    const node = doc.createElement(tag);
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const t = el("table");
  t.className = "wk-chart-table";
  t.append(el("caption", `Kruistabel: ${pattern.a.title} (rijen) en ${pattern.b.title} (kolommen)`));
  const head = el("tr");
  for (const h of ["", ...table.cols]) head.append(el("th", h));
  t.append(head);
  table.rows.forEach((row, i) => {
    const tr = el("tr");
    tr.append(el("th", row), ...table.counts[i].map((n) => el("td", String(n))));
    t.append(tr);
  });
  const wrap = doc.createElement("div");
  wrap.append(svg, t);
  return wrap;
}

// ---------------------------------------------------------------------------------------------
// Every question of a story set at a glance (a dropped export)

/**
 * One chart per question: triads (dots by role, zones, centres), dyads (rows by role) and choice
 * questions (bars by role), each with its text alternative and wired to the page's selection hub.
 */
export async function overviewCharts(se: StoryEngine, hub: SelectionHub, {width}: {width: number}): Promise<HTMLElement[]> {
  const doc = document;
  const section = (title: string, body: Element) => {
    const s = doc.createElement("section");
    const h = doc.createElement("h2");
    h.textContent = title;
    s.append(h, body);
    return s;
  };
  const out: HTMLElement[] = [];
  for (const t of se.signifiersOf("triad")) {
    const labels = t.options.map((o) => o.label);
    out.push(section(t.title, hub.attach(ternaryChart(await se.triadRows(t.signifier_id, {groupBy: null}), {
      width: Math.min(width, 560), labels: labels.length === 3 ? [labels[0], labels[1], labels[2]] : undefined, title: t.title,
      fill: ROLE, colorOrder: ROLE_ORDER, background: await se.backgroundRows("triad", t.signifier_id),
      zones: true, zoneCounts: true, centres: true
    }), `driehoek ${t.title}`)));
  }
  for (const d of se.signifiersOf("dyad")) {
    const poles = d.options.map((o) => o.label);
    out.push(section(d.title, hub.attach(dyadChart(await se.dyadRows(d.signifier_id, {groupBy: null}), {
      width: Math.min(width, 900), poles: poles.length === 2 ? [poles[0], poles[1]] : undefined, title: d.title,
      fill: ROLE, colorOrder: ROLE_ORDER, background: await se.backgroundRows("dyad", d.signifier_id)
    }), `lijn ${d.title}`)));
  }
  for (const q of listQuestions(se.meta)) {
    const {counts, unanswered} = await se.choiceCounts(q.signifier_id);
    out.push(section(q.title, choiceBars(counts, {
      width: Math.min(width, 760), title: q.title, groupOrder: ROLE_ORDER, unanswered, multiSelect: q.multi_select,
      onSelect: (ids, source) => hub.set(ids, `${q.title}: ${source}`)
    })));
  }
  return out;
}

export interface RolePanelOptions {
  /**
   * The rows to draw (filtered) and the faint layer behind them (all stories), as triadRows gives
   * them; null when nothing is filtered out (the layer would lie exactly under the dots: on 10,000
   * stories that is 10,000 elements drawn for nothing).
   */
  readonly rows: readonly TriadRow[];
  readonly background: readonly TriadRow[] | null;
  /** Roles present in the data and the roles the filter lets through (empty: all). */
  readonly roles: readonly string[];
  readonly filterRoles: readonly string[];
  readonly width: number;
  readonly labels: readonly string[];
  readonly title: string;
  readonly colourColumn: string;
  readonly colourOrder: readonly string[];
  readonly spread: boolean;
  readonly density: boolean;
  readonly zeroPolicy: ZeroPolicy;
  /** Connects a chart to the page's selection hub; absent, the charts are only drawn (no brush, no buttons). */
  readonly attach?: (chart: SelectableFigure, name: string) => SelectableFigure;
}

/**
 * Residents and staff side by side (the roles the filter lets through), one triangle each: the
 * triad page's main view, drawn by the page and, before the engine has started, by its preview.
 */
export function rolePanels(o: RolePanelOptions): {element: HTMLElement; panels: SelectableFigure[]} {
  const panelRoles = ROLE_ORDER.filter((r) => o.roles.includes(r) && r !== "anders" && (o.filterRoles.length === 0 || o.filterRoles.includes(r)));
  const panelWidth = Math.max(260, Math.min(520, (o.width - 24 * (panelRoles.length - 1)) / Math.max(1, panelRoles.length)));
  const panels = panelRoles.map((role) => {
    const rows = o.rows.filter((r) => r.teller_role === role);
    const all = o.background?.filter((r) => r.teller_role === role);
    const chart = ternaryChart(rows, {
      width: panelWidth, labels: o.labels as [string, string, string], title: `${o.title}: ${role}`, fill: o.colourColumn,
      colorOrder: [...o.colourOrder],
      // Only when the filter left out some of this role's stories (a role filter leaves them all).
      background: all && all.length > rows.length ? all : undefined,
      zones: true, zoneCounts: true, centres: true, spread: o.spread ? [0.5, 0.9] : [],
      density: o.density ? 10 : false, zeroPolicy: o.zeroPolicy, interactive: o.attach !== undefined
    });
    return o.attach ? o.attach(chart, `driehoek ${role}`) : chart;
  });
  const element = document.createElement("div");
  element.className = "wk-panels";
  element.style.cssText = `display: grid; grid-template-columns: repeat(${panelRoles.length}, 1fr); gap: 24px;`;
  panels.forEach((p, i) => {
    const section = document.createElement("section");
    const h = document.createElement("h3");
    h.textContent = panelRoles[i] === "inwoner" ? "Inwoners" : panelRoles[i] === "medewerker" ? "Medewerkers" : panelRoles[i];
    section.append(h, p);
    element.append(section);
  });
  return {element, panels};
}
