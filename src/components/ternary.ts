/**
 * Ternary (triad) chart on Observable Plot: stories as dots in the triangle, with optional grid,
 * zone boundaries and counts (methods.md "Zones"), a density layer of triangular cells, group
 * centres (closed geometric mean) with their confidence and spread regions, and a faint layer of
 * the full data set behind a filtered subset. Brushing or clicking selects stories; the zone
 * buttons beneath do the same from the keyboard. The returned element carries the selected story
 * ids as `value` and fires `input`, so a page can `view()` it and drive the story reader.
 *
 * Drawing (methods.md): top (0.5, sqrt(3)/2), left (0, 0), right (1, 0), via lib's toCartesian.
 */
import * as Plot from "@observablehq/plot";
import {plot} from "./a11y.js";
import {dotHighlighter, dotLayer} from "./dot-layer.js";
import {brush, interpolatePurples, pointer, select} from "d3";
import {
  ALL, chartText, groupOf, storyCount, triadComposition, triadSummary, zoneName,
  type CountFormat, type TriadRow, type TriadSummary
} from "./chart-text.js";
import {
  ALL_EIGHT, DEFAULT_ZERO_POLICY, ROLES, memoPerList, TRIAD_ZONES, confidenceRegion, spreadRegion, stripHtml, toCartesian, triadZone,
  type Composition, type TriadZone, type ZeroPolicy
} from "./methods.js";

export const TRIANGLE_HEIGHT = Math.sqrt(3) / 2;
export const CORNERS: readonly Composition[] = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];


// ---------------------------------------------------------------------------------------------
// Geometry (pure)

export type Segment = readonly [Composition, Composition];

/** Lines where one part equals a level (20/40/60/80%), from edge to edge. */
export function gridSegments(levels: readonly number[] = [0.2, 0.4, 0.6, 0.8]): Segment[] {
  return levels.flatMap((v) => [0, 1, 2].map((i) => [withPart(i, v, 1 - v, 0), withPart(i, v, 0, 1 - v)] as const));
}

/**
 * Boundaries of the zones: the three 60% chords cut off the corners, the three 20% segments
 * between them separate the sides from the centre triangle.
 */
export function zoneBoundarySegments(): Segment[] {
  const corners = [0, 1, 2].map((i) => [withPart(i, 0.6, 0.4, 0), withPart(i, 0.6, 0, 0.4)] as const);
  const sides = [0, 1, 2].map((i) => [withPart(i, 0.2, 0.6, 0.2), withPart(i, 0.2, 0.2, 0.6)] as const);
  return [...corners, ...sides];
}

/** A point inside each zone, where its count is printed. */
export const ZONE_LABEL_POINTS: Readonly<Record<TriadZone, Composition>> = {
  T: [0.8, 0.1, 0.1], L: [0.1, 0.8, 0.1], R: [0.1, 0.1, 0.8],
  TL: [0.45, 0.45, 0.1], TR: [0.45, 0.1, 0.45], LR: [0.1, 0.45, 0.45], Centre: [1 / 3, 1 / 3, 1 / 3]
};

/** Composition with part i = v and the other two (in order) = a, b. */
function withPart(i: number, v: number, a: number, b: number): Composition {
  const others = [a, b];
  const x = [0, 1, 2].map((j) => (j === i ? v : others.shift()!));
  return [x[0], x[1], x[2]];
}

/**
 * A cell of the triangular grid with k subdivisions (k^2 cells): "up" cells have corners
 * (a, b), (a+1, b), (a, b+1) and "down" cells (a+1, b), (a, b+1), (a+1, b+1), in units of 1/k of
 * (top, right); left = 1 - top - right.
 */
export interface TriangleCell {
  readonly key: string;
  readonly vertices: readonly [Composition, Composition, Composition];
}

export function triangleCells(k: number): TriangleCell[] {
  checkSubdivisions(k);
  const cells: TriangleCell[] = [];
  for (let a = 0; a < k; a++) {
    for (let b = 0; a + b < k; b++) {
      cells.push({key: cellKey(a, b, true), vertices: [gridPoint(a, b, k), gridPoint(a + 1, b, k), gridPoint(a, b + 1, k)]});
      if (a + b <= k - 2) {
        cells.push({key: cellKey(a, b, false), vertices: [gridPoint(a + 1, b, k), gridPoint(a, b + 1, k), gridPoint(a + 1, b + 1, k)]});
      }
    }
  }
  return cells;
}

/** The key of the cell that holds composition x (points on a shared edge go to one of the two). */
export function cellOf(x: Composition, k: number): string {
  const u = x[0] * k;
  const v = x[2] * k;
  const a = Math.min(Math.floor(u), k - 1);
  const b = Math.max(0, Math.min(Math.floor(v), k - 1 - a));
  const down = u - a + (v - b) > 1 && a + b <= k - 2;
  return cellKey(a, b, !down);
}

/** Stories per cell, for every cell of the grid (empty cells count 0). */
export function densityCounts(xs: readonly Composition[], k: number): Map<string, number> {
  const counts = new Map(triangleCells(k).map((c) => [c.key, 0]));
  for (const x of xs) {
    const key = cellOf(x, k);
    counts.set(key, counts.get(key)! + 1);
  }
  return counts;
}

function gridPoint(a: number, b: number, k: number): Composition {
  // Integer arithmetic first keeps shared corners exactly equal between neighbouring cells.
  return [a / k, (k - a - b) / k, b / k];
}

function cellKey(a: number, b: number, up: boolean): string {
  return `${a},${b},${up ? "u" : "d"}`;
}

function checkSubdivisions(k: number): void {
  if (!(Number.isInteger(k) && k >= 1 && k <= 100)) throw new RangeError(`grid subdivisions must be an integer 1..100, got ${k}`);
}

// ---------------------------------------------------------------------------------------------
// Selection (shared with the dyad chart)

/** A selectable mark in pixel coordinates of the svg. */
export interface SelectablePoint {
  readonly id: string;
  readonly px: number;
  readonly py: number;
}

/** A figure whose `value` is the list of selected story ids (empty: nothing selected). */
export type SelectableFigure = HTMLDivElement & {value: string[]};

/** Story ids of the points inside a pixel rectangle [[x0, y0], [x1, y1]]. */
export function pointsInRect(points: readonly SelectablePoint[], [[x0, y0], [x1, y1]]: [[number, number], [number, number]]): string[] {
  return points.filter((p) => p.px >= x0 && p.px <= x1 && p.py >= y0 && p.py <= y1).map((p) => p.id);
}

/** The story id of the point nearest to (x, y) within `radius` pixels, or null. */
export function nearestPoint(points: readonly SelectablePoint[], x: number, y: number, radius: number): string | null {
  let best: string | null = null;
  let bestDistance = radius * radius;
  for (const p of points) {
    const d = (p.px - x) ** 2 + (p.py - y) ** 2;
    if (d <= bestDistance) [best, bestDistance] = [p.id, d];
  }
  return best;
}

/** Stories to choose from a button (a zone, a band): their number now, the ids on the first click. */
export interface SelectionGroup {
  readonly label: string;
  readonly count: number;
  readonly ids: () => readonly string[];
}

/**
 * Wires selection into a figure: a d3-brush over the plot area (drag = rectangle, click = nearest
 * dot), keyboard buttons for the given groups (zones, bands), a live count, and dot highlighting.
 */
export function makeSelectable(
  figure: HTMLDivElement,
  svg: SVGSVGElement,
  // Worked out on the first brush or click: most charts are redrawn before anyone brushes them.
  points: () => readonly SelectablePoint[],
  groups: readonly SelectionGroup[],
  extent: [[number, number], [number, number]],
  initial: readonly string[] = []
): SelectableFigure {
  const doc = figure.ownerDocument;
  const out = figure as SelectableFigure;
  const status = doc.createElement("p");
  status.className = "wk-selection-status";
  status.setAttribute("aria-live", "polite");
  const buttons = doc.createElement("div");
  buttons.className = "wk-selection-buttons";
  buttons.setAttribute("role", "group");
  buttons.setAttribute("aria-label", "Kies verhalen");
  let brushLayer: ReturnType<typeof select<SVGGElement, unknown>> | null = null;
  const brushing = brush<unknown>().extent(extent);
  let placed: readonly SelectablePoint[] | undefined;
  const highlight = dotHighlighter(svg);
  const show = (ids: readonly string[], groupLabel: string | null) => {
    out.value = [...ids];
    highlight(ids);
    for (const b of buttons.querySelectorAll("button[data-group]")) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-group") === groupLabel));
    }
    status.textContent = ids.length === 0 ? "Geen verhalen gekozen." : `${storyCount(ids.length)} gekozen${groupLabel ? `: ${groupLabel}` : ""}.`;
  };
  const setValue = (ids: readonly string[], groupLabel: string | null, fromBrush = false) => {
    show(ids, groupLabel);
    if (!fromBrush && brushLayer) brushLayer.call(brushing.move, null);
    out.dispatchEvent(new Event("input", {bubbles: true}));
  };

  brushing.on("end", (event: {selection: [[number, number], [number, number]] | null; sourceEvent?: Event}) => {
    if (!event.sourceEvent) return; // moved by code
    placed ??= points();
    if (event.selection) return setValue(pointsInRect(placed, event.selection), null, true);
    const [x, y] = pointer(event.sourceEvent, svg);
    const id = nearestPoint(placed, x, y, 10);
    setValue(id === null ? [] : [id], null, true);
  });
  brushLayer = select(svg).append("g").attr("class", "wk-brush").call(brushing);

  for (const group of groups) {
    const b = doc.createElement("button");
    b.type = "button";
    b.setAttribute("data-group", group.label);
    b.setAttribute("aria-pressed", "false");
    b.textContent = `${group.label} (${group.count})`;
    b.disabled = group.count === 0;
    b.addEventListener("click", () => {
      const again = b.getAttribute("aria-pressed") === "true";
      setValue(again ? [] : group.ids(), again ? null : group.label);
    });
    buttons.append(b);
  }
  const clear = doc.createElement("button");
  clear.type = "button";
  clear.textContent = "Wis keuze";
  clear.addEventListener("click", () => setValue([], null));
  buttons.append(clear);
  figure.append(buttons, status);

  show(initial, null); // the initial state, without announcing a change
  return out;
}

/** Puts each story id on its circle (Plot binds circle i to datum i); dots on a canvas have none. */
export function tagDots(svg: SVGSVGElement, dots: readonly {readonly id: string}[]): void {
  for (const circle of svg.querySelectorAll<SVGCircleElement>("g.wk-selectable circle")) {
    const i = (circle as unknown as {__data__?: number}).__data__;
    if (typeof i === "number" && dots[i] !== undefined) circle.setAttribute("data-id", dots[i].id);
  }
}

/** Shared styles of the selectable charts (scoped by class). */
export const SELECTION_STYLE = `
.wk-has-selection .wk-selectable circle:not(.wk-selected) { opacity: 0.2; }
.wk-selectable circle.wk-selected { stroke: #000; stroke-width: 1.5; }
.wk-selection-buttons { display: flex; flex-wrap: wrap; gap: 0.25rem; margin: 0.25rem 0; }
.wk-selection-buttons button { font: inherit; font-size: 0.85em; }
.wk-selection-buttons button[aria-pressed="true"] { background: #333; color: #fff; }
.wk-selection-status { font-size: 0.85em; margin: 0.25rem 0; }
.wk-chart-text table { font-size: 0.85em; margin: 0.5rem 0; }
.wk-chart-text caption { text-align: left; font-weight: 600; }
.wk-chart-note, .wk-chart-counts, .wk-chart-legend { font-size: 0.85em; color: #444; }
`;

/** Adds the shared styles to the document once. */
export function ensureStyle(doc: Document): void {
  if (doc.getElementById("wk-chart-style")) return;
  const style = doc.createElement("style");
  style.id = "wk-chart-style";
  style.textContent = SELECTION_STYLE;
  doc.head.append(style);
}

// ---------------------------------------------------------------------------------------------
// Colours

/**
 * Colour per category (lib/publish/palette: Okabe & Ito): named roles (inwoner, medewerker, ...)
 * keep their fixed colour on every page; other categories take the next unused palette colour, in
 * the given order first, then alphabetically. "alle verhalen" is dark grey.
 */
export function colourScale(values: Iterable<string>, order: readonly string[] = []): {domain: string[]; colour: (v: string) => string} {
  const present = new Set(values);
  present.delete(ALL);
  const domain = [...order.filter((v) => present.has(v)), ...[...present].filter((v) => !order.includes(v)).sort((a, b) => a.localeCompare(b, "nl"))];
  const roles = ROLES as Readonly<Record<string, string>>;
  const fixed = new Set(domain.flatMap((v) => (roles[v] ? [roles[v]] : [])));
  const free = ALL_EIGHT.filter((c) => !fixed.has(c));
  let next = 0;
  // More than eight categories cannot be told apart; pages should group the small ones first.
  const assigned = new Map(domain.map((v) => [v, roles[v] ?? free[next++ % free.length]]));
  const colour = (v: string) => (v === ALL ? "#333" : assigned.get(v) ?? "#777");
  return {domain, colour};
}

// ---------------------------------------------------------------------------------------------
// The chart

export interface TernaryOptions {
  width?: number;
  /** Anchor labels top, left, right (HTML is stripped). */
  labels?: readonly [string, string, string];
  /** Accessible name of the chart. */
  title?: string;
  /** Column that colours the dots (e.g. "teller_role"). */
  fill?: string;
  /** Order of the colour categories (e.g. ["inwoner", "medewerker"]). */
  colorOrder?: readonly string[];
  /** Column for the group centres and regions; defaults to `fill`. */
  groupBy?: string;
  /** The full data set, drawn faintly behind `rows` (the filtered subset). */
  background?: readonly TriadRow[];
  /** Grid lines at 20/40/60/80% (default true). */
  grid?: boolean;
  /** Zone boundaries (default false). */
  zones?: boolean;
  /** Number of stories printed in each zone (default false). */
  zoneCounts?: boolean;
  /** Density layer: subdivisions of the triangular grid (10 = 100 cells); false = none. */
  density?: number | false;
  /** Story dots (default true). */
  dots?: boolean;
  /** Group centres (closed geometric mean) with their confidence region (default false). */
  centres?: boolean;
  /** Level of the confidence region of each centre (default 0.95); false = none. */
  confidence?: number | false;
  /** Levels of spread regions, e.g. [0.5, 0.9] (default none). */
  spread?: readonly number[];
  zeroPolicy?: ZeroPolicy;
  /** Text alternative beneath the chart (default true). */
  text?: boolean;
  countFormat?: CountFormat;
  /** Brush, click and zone buttons (default true). */
  interactive?: boolean;
  /** Initially selected story ids. */
  selection?: readonly string[];
  /** Paint the dots on a canvas above this many (default: dot-layer's CANVAS_ABOVE). */
  canvasAbove?: number;
}

const MARGIN = {marginTop: 46, marginRight: 18, marginBottom: 40, marginLeft: 18};

interface PlacedRow {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly colour: string;
  readonly zone: TriadZone;
}

/** A ternary chart of triad rows; see TernaryOptions. Returns a figure with `value` = selected ids. */
export function ternaryChart(rows: readonly TriadRow[], options: TernaryOptions = {}): SelectableFigure {
  const doc = document;
  const width = Math.max(240, options.width ?? 640);
  const innerWidth = width - MARGIN.marginLeft - MARGIN.marginRight;
  const height = Math.round(innerWidth * TRIANGLE_HEIGHT + MARGIN.marginTop + MARGIN.marginBottom);
  const labels = (options.labels ?? ["boven", "links", "rechts"]).map((l) => stripHtml(l)) as [string, string, string];
  const {summary, domain, colour, placed, zones} = chartData(rows, {
    labels, fill: options.fill, groupBy: options.groupBy ?? options.fill, colorOrder: options.colorOrder,
    zeroPolicy: options.zeroPolicy ?? DEFAULT_ZERO_POLICY
  });

  const marks: Plot.Markish[] = [
    options.density ? densityMark(placed().compositions, options.density) : null,
    Plot.line(CORNERS.map(toCartesian), {x: "0", y: "1", curve: "linear-closed", stroke: "#555", strokeWidth: 1}),
    options.grid !== false ? segmentMark(gridSegments(), {stroke: "#ddd", strokeDasharray: "2,3"}) : null,
    options.zones ? segmentMark(zoneBoundarySegments(), {stroke: "#888", strokeWidth: 1}) : null,
    anchorLabels(labels, innerWidth),
    options.background ? backgroundMark(options.background, options.canvasAbove) : null,
    options.dots !== false ? dotLayer(placed().rows, {r: 3, fillOpacity: 0.8, stroke: "white", strokeWidth: 0.5, selectable: true, canvasAbove: options.canvasAbove}) : null,
    options.centres ? regionsMark(summary, options, colour) : null,
    options.centres ? centresMarks(summary, colour) : null,
    options.zoneCounts ? zoneCountMark(summary, options.countFormat) : null
  ];
  const svg = plot({
    width, height, ...MARGIN,
    x: {domain: [0, 1], axis: null}, y: {domain: [0, TRIANGLE_HEIGHT], axis: null},
    style: {overflow: "visible"},
    ariaLabel: options.title ?? `Driehoek: ${labels.join(", ")}`,
    ariaDescription: `${summary.counts.answered} verhalen als stippen in een driehoek`,
    marks
  }) as SVGSVGElement & Plot.Plot;
  svg.setAttribute("data-chart", "ternary");
  if (options.dots !== false) tagDots(svg, placed().rows);

  const figure = doc.createElement("div");
  figure.className = "wk-ternary";
  ensureStyle(doc);
  if (domain.length > 0) figure.append(Plot.legend({color: {type: "categorical", domain, range: domain.map(colour)}, label: options.fill}) as Element);
  figure.append(svg);
  const note = legendNote(options);
  if (note) figure.append(note);

  const selectable = options.interactive === false
    ? Object.assign(figure, {value: [...(options.selection ?? [])]})
    : makeSelectable(figure, svg, () => pixelPoints(svg, placed().rows), zones, [[MARGIN.marginLeft, MARGIN.marginTop], [width - MARGIN.marginRight, height - MARGIN.marginBottom]], options.selection);
  if (options.text !== false) figure.append(chartText(summary, {countFormat: options.countFormat, document: doc}));
  return selectable;
}

interface ChartSettings {
  readonly labels: readonly [string, string, string];
  readonly fill: string | undefined;
  readonly groupBy: string | undefined;
  readonly colorOrder: readonly string[] | undefined;
  readonly zeroPolicy: ZeroPolicy;
}

/**
 * What a chart draws of its rows: the summary, the colours, the placed dots and the zones'
 * stories. Dots are placed on first use: a chart of centres only places them when brushed.
 */
interface ChartData {
  readonly summary: TriadSummary;
  readonly domain: string[];
  readonly colour: (v: string) => string;
  readonly placed: () => {rows: PlacedRow[]; compositions: Composition[]};
  readonly zones: SelectionGroup[];
}

/**
 * Worked out once per list of rows and settings (memoPerList; rows are kept by the story engine):
 * the charts of a page draw the same rows more than once (a panel, the overlay) and draw a panel
 * again unchanged when a filter leaves its rows alone or is switched back. Read-only once made.
 */
const chartData = memoPerList((rows: readonly TriadRow[], s: ChartSettings): ChartData => {
  const summary = triadSummary(rows, {labels: s.labels, groupBy: s.groupBy, groupOrder: s.colorOrder, zeroPolicy: s.zeroPolicy});
  const fillValues = new Set(summary.groups.map((g) => g.group));
  if (s.fill) for (const r of rows) fillValues.add(groupOf(r, s.fill) ?? ALL); // colourScale leaves ALL out
  const {domain, colour} = colourScale(fillValues, s.colorOrder);
  let dots: ReturnType<typeof placeRows> | undefined;
  const placed = () => (dots ??= placeRows(rows, s.fill, colour));
  return {summary, domain, colour, placed, zones: zoneGroups(summary, placed, s.labels)};
}, {keyOf: (s: ChartSettings) => [JSON.stringify(s)]});

// A row keeps its placed dot between redraws (rows are kept by the story engine); a new dot is made
// only when its colour changed.
const placedOf = new WeakMap<TriadRow, PlacedRow>();

function placeRows(rows: readonly TriadRow[], fill: string | undefined, colour: (v: string) => string): {rows: PlacedRow[]; compositions: Composition[]} {
  const placed: PlacedRow[] = [];
  const compositions: Composition[] = [];
  for (const row of rows) {
    const x = triadComposition(row);
    if (x === null) continue;
    const group = fill ? groupOf(row, fill) : null;
    const dotColour = group === null ? "#777" : colour(group);
    let dot = placedOf.get(row);
    if (dot === undefined || dot.colour !== dotColour) {
      const [cx, cy] = toCartesian(x);
      dot = {id: String(row.story_id), x: cx, y: cy, colour: dotColour, zone: triadZone(x)};
      placedOf.set(row, dot);
    }
    placed.push(dot);
    compositions.push(x);
  }
  return {rows: placed, compositions};
}

function pixelPoints(svg: Plot.Plot, rows: readonly PlacedRow[]): SelectablePoint[] {
  const sx = svg.scale("x")!;
  const sy = svg.scale("y")!;
  return rows.map((r) => ({id: r.id, px: sx.apply(r.x) as number, py: sy.apply(r.y) as number}));
}

function zoneGroups(summary: TriadSummary, placed: () => {rows: readonly PlacedRow[]}, labels: readonly [string, string, string]): SelectionGroup[] {
  let byZone: Map<TriadZone, string[]> | undefined;
  const idsOf = (zone: TriadZone) => {
    if (!byZone) {
      byZone = new Map(TRIAD_ZONES.map((z) => [z, []]));
      for (const r of placed().rows) byZone.get(r.zone)!.push(r.id);
    }
    return byZone.get(zone)!;
  };
  // The summary counts the same answered rows that are placed as dots.
  return TRIAD_ZONES.map((zone) => ({label: zoneName(zone, labels), count: summary.zones[zone], ids: () => idsOf(zone)}));
}

function segmentMark(segments: readonly Segment[], style: Plot.LinkOptions): Plot.Markish {
  const data = segments.map(([a, b]) => [...toCartesian(a), ...toCartesian(b)]);
  return Plot.link(data, {x1: "0", y1: "1", x2: "2", y2: "3", ...style});
}

function anchorLabels(labels: readonly [string, string, string], innerWidth: number): Plot.Markish {
  const lineWidth = Math.max(8, (innerWidth * 0.45) / 7);
  const common = {text: "label", x: "x", y: "y", lineWidth, fontSize: 12, fontWeight: 600, fill: "#222"} as const;
  return [
    Plot.text([{label: labels[0], x: 0.5, y: TRIANGLE_HEIGHT}], {...common, lineAnchor: "bottom", dy: -8}),
    Plot.text([{label: labels[1], x: 0, y: 0}], {...common, lineAnchor: "top", textAnchor: "start", dy: 8, dx: -10}),
    Plot.text([{label: labels[2], x: 1, y: 0}], {...common, lineAnchor: "top", textAnchor: "end", dy: 8, dx: 10})
  ];
}

function backgroundMark(rows: readonly TriadRow[], canvasAbove: number | undefined): Plot.Markish {
  return dotLayer(backgroundDots(rows, null), {r: 1.5, fillOpacity: 0.35, canvasAbove});
}

/** The faint dots of a list of rows, kept per list like chartData (and so painted once). */
const backgroundDots = memoPerList((rows: readonly TriadRow[]) => {
  const points = rows.map(triadComposition).filter((x): x is Composition => x !== null).map(toCartesian);
  return points.map(([x, y]) => ({id: "", x, y, colour: "#999"}));
}, {keep: 4});

function zoneCountMark(summary: TriadSummary, format: CountFormat = (n) => String(n)): Plot.Markish {
  const data = TRIAD_ZONES.map((zone) => {
    const [x, y] = toCartesian(ZONE_LABEL_POINTS[zone]);
    return {x, y, text: format(summary.zones[zone])};
  });
  return Plot.text(data, {x: "x", y: "y", text: "text", fontSize: 14, fontWeight: 700, fill: "#111", stroke: "white", strokeWidth: 3});
}

/** Triangular density cells, drawn with the plot's own x and y scales, clipped to the triangle. */
function densityMark(xs: readonly Composition[], k: number): Plot.Markish {
  const counts = densityCounts(xs, k);
  const max = Math.max(1, ...counts.values());
  return polygonsMark(triangleCells(k).filter((c) => counts.get(c.key)! > 0).map((c) => ({
    points: c.vertices.map(toCartesian),
    fill: interpolatePurples(0.1 + (0.75 * counts.get(c.key)!) / max),
    title: storyCount(counts.get(c.key)!)
  })));
}

interface PolygonSpec {
  points: readonly (readonly [number, number])[];
  fill?: string;
  fillOpacity?: number;
  stroke?: string;
  strokeDasharray?: string;
  title?: string;
}

/** A custom Plot mark: closed polygons in data coordinates, clipped to the triangle. */
function polygonsMark(polygons: readonly PolygonSpec[]): Plot.RenderFunction {
  return (_index, scales) => {
    const x = scales.x!;
    const y = scales.y!;
    const path = (pts: readonly (readonly [number, number])[]) => `M${pts.map(([a, b]) => `${x(a)},${y(b)}`).join("L")}Z`;
    const g = select(document.createElementNS("http://www.w3.org/2000/svg", "g"));
    const id = `wk-clip-${++clipCounter}`;
    g.append("clipPath").attr("id", id).append("path").attr("d", path(CORNERS.map(toCartesian)));
    const inner = g.append("g").attr("clip-path", `url(#${id})`);
    for (const p of polygons) {
      const el = inner.append("path").attr("d", path(p.points))
        .attr("fill", p.fill ?? "none").attr("fill-opacity", p.fillOpacity ?? 1)
        .attr("stroke", p.stroke ?? "none").attr("stroke-dasharray", p.strokeDasharray ?? null);
      if (p.title) el.append("title").text(p.title);
    }
    return g.node()!;
  };
}
let clipCounter = 0;

function regionsMark(summary: TriadSummary, options: TernaryOptions, colour: (v: string) => string): Plot.Markish {
  const confidence = options.confidence === undefined ? 0.95 : options.confidence;
  const polygons: PolygonSpec[] = [];
  for (const g of summary.groups) {
    if (g.ilr === null) continue;
    for (const level of options.spread ?? []) {
      const region = spreadRegion(g.ilr, level);
      if (region) polygons.push({points: region.simplex.map(toCartesian), stroke: colour(g.group), strokeDasharray: level < 0.75 ? "5,3" : "1,3", title: `spreiding ${percentLabel(level)}: ${g.group}`});
    }
    const region = confidence === false ? null : confidenceRegion(g.ilr, confidence);
    if (region) polygons.push({points: region.simplex.map(toCartesian), fill: colour(g.group), fillOpacity: 0.18, stroke: colour(g.group), title: `${percentLabel(region.level)}-betrouwbaarheidsgebied van het midden: ${g.group}`});
  }
  return polygonsMark(polygons);
}

function centresMarks(summary: TriadSummary, colour: (v: string) => string): Plot.Markish {
  const data = summary.groups.filter((g) => g.centre !== null).map((g) => {
    const [x, y] = toCartesian(g.centre!);
    return {x, y, group: g.group, colour: colour(g.group)};
  });
  return [
    Plot.dot(data, {x: "x", y: "y", fill: "colour", stroke: "black", strokeWidth: 1.5, r: 6, symbol: "diamond2"}),
    Plot.text(data, {x: "x", y: "y", text: "group", dy: -12, fontWeight: 600, stroke: "white", strokeWidth: 3, fill: "black"})
  ];
}

function percentLabel(level: number): string {
  return `${Math.round(level * 100)}%`;
}

function legendNote(options: TernaryOptions): HTMLParagraphElement | null {
  const parts: string[] = [];
  if (options.centres) {
    parts.push("◆ midden van de groep (geometrisch gemiddelde)");
    const confidence = options.confidence === undefined ? 0.95 : options.confidence;
    if (confidence !== false) parts.push(`gekleurd vlak: ${percentLabel(confidence)}-betrouwbaarheidsgebied van het midden`);
    for (const level of options.spread ?? []) parts.push(`${level < 0.75 ? "streepjeslijn" : "stippellijn"}: spreiding, hier valt ${percentLabel(level)} van de verhalen`);
  }
  if (options.density) parts.push(`donkerder vak = meer verhalen (${options.density * options.density} vakken)`);
  if (options.background) parts.push("grijze stippen: alle verhalen");
  if (parts.length === 0) return null;
  const p = document.createElement("p");
  p.className = "wk-chart-legend";
  p.textContent = parts.join(" · ");
  return p;
}
