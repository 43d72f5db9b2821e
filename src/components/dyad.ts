/**
 * Dyad chart on Observable Plot: per group a row of stories placed between the two poles (0 =
 * left pole, 1 = right pole), the five bands at 20/40/60/80% with their counts, and the median of
 * each group. Selection works as in the ternary chart (brush, click, band buttons); the figure's
 * `value` holds the selected story ids.
 */
import * as Plot from "@observablehq/plot";
import {plot} from "./a11y.js";
import {dotLayer} from "./dot-layer.js";
import {
  ALL, chartText, dyadPosition, dyadSummary, groupOf, percent,
  type CountFormat, type DyadRow
} from "./chart-text.js";
import {DYAD_BANDS, dyadBandIndex, stripHtml} from "./methods.js";
import {jitterOf} from "../lib/site/jitter.js";
import {
  colourScale, ensureStyle, makeSelectable, tagDots,
  type SelectableFigure, type SelectablePoint, type SelectionGroup
} from "./ternary.js";

export interface DyadOptions {
  width?: number;
  /** Pole labels left, right (HTML is stripped). */
  poles?: readonly [string, string];
  /** Accessible name of the chart. */
  title?: string;
  /** Column that colours the dots (e.g. "teller_role"). */
  fill?: string;
  colorOrder?: readonly string[];
  /** Column that splits the stories into rows; defaults to `fill`. */
  groupBy?: string;
  /** The full data set, drawn faintly behind `rows`. */
  background?: readonly DyadRow[];
  /** Band lines at 20/40/60/80% and the count per band (default true). */
  bands?: boolean;
  /** Median per group (default true). */
  medians?: boolean;
  text?: boolean;
  countFormat?: CountFormat;
  interactive?: boolean;
  selection?: readonly string[];
}

const ROW_HEIGHT = 72;
const MARGIN = {marginTop: 16, marginRight: 16, marginBottom: 54, marginLeft: 110};
/** Half the height of a row (in row units) that the dots spread over. */
const JITTER = 0.28;

interface PlacedDyad {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly colour: string;
  readonly band: number;
}

export function dyadChart(rows: readonly DyadRow[], options: DyadOptions = {}): SelectableFigure {
  const doc = document;
  const width = Math.max(280, options.width ?? 640);
  const poles = (options.poles ?? ["links", "rechts"]).map((p) => stripHtml(p)) as [string, string];
  const groupBy = options.groupBy ?? options.fill;
  const summary = dyadSummary(rows, {poles, groupBy, groupOrder: options.colorOrder});
  const groupNames = summary.groups.map((g) => g.group);
  const rowOf = new Map(groupNames.map((g, i) => [g, i]));
  const fillValues = options.fill ? rows.map((r) => groupOf(r, options.fill)).filter((v): v is string => v !== null) : [];
  const {domain, colour} = colourScale([...fillValues, ...groupNames], options.colorOrder);
  const place = (source: readonly DyadRow[]): PlacedDyad[] => source.flatMap((row) => {
    const x = dyadPosition(row);
    const group = groupOf(row, groupBy);
    const r = group === null ? undefined : rowOf.get(group);
    if (x === null || r === undefined) return [];
    const fill = options.fill ? groupOf(row, options.fill) : null;
    const id = String(row.story_id);
    return [{id, x, y: r + JITTER * (typeof row.jitter === "number" ? row.jitter : jitterOf(id)), colour: fill === null ? "#777" : colour(fill), band: dyadBandIndex(x)}];
  });
  const placed = place(rows);
  const height = MARGIN.marginTop + MARGIN.marginBottom + ROW_HEIGHT * Math.max(1, groupNames.length);
  const showBands = options.bands !== false;
  const bottom = Math.max(1, groupNames.length) - 0.5;

  const medians = summary.groups.flatMap((g, i) => (g.median === null ? [] : [{x: g.median, y: i, label: `mediaan ${percent(g.median)}`}]));
  const bandCounts = summary.groups.flatMap((g, i) => g.bands.map((n, b) => ({x: b * 0.2 + 0.1, y: i - 0.44, n: (options.countFormat ?? String)(n)})));
  const svg = plot({
    width, height, ...MARGIN,
    x: {domain: [0, 1], ticks: [0, 0.2, 0.4, 0.6, 0.8, 1], tickFormat: (d: number) => percent(d), label: null},
    y: {domain: [bottom, -0.5], axis: null},
    ariaLabel: options.title ?? `Lijn van ${poles[0]} naar ${poles[1]}`,
    ariaDescription: `${summary.counts.answered} verhalen als stippen op een lijn`,
    marks: [
      showBands ? Plot.ruleX([0.2, 0.4, 0.6, 0.8], {stroke: "#ddd"}) : null,
      Plot.ruleY(groupNames.map((_, i) => i), {stroke: "#eee"}),
      Plot.text(groupNames.map((g, i) => ({g: g === ALL ? "alle verhalen" : g, i})), {
        x: 0, y: "i", text: "g", textAnchor: "end", dx: -10, fontWeight: 600, lineWidth: 9
      }),
      // Pole labels beneath the axis, aligned with their end of the line.
      Plot.text([poles[0]], {x: 0, y: bottom, text: (d: string) => d, textAnchor: "start", lineAnchor: "top", dy: 24, fontWeight: 600}),
      Plot.text([poles[1]], {x: 1, y: bottom, text: (d: string) => d, textAnchor: "end", lineAnchor: "top", dy: 24, fontWeight: 600}),
      options.background ? dotLayer(place(options.background).map((d) => ({...d, colour: "#999"})), {r: 1.5, fillOpacity: 0.35}) : null,
      dotLayer(placed, {r: 3, fillOpacity: 0.8, stroke: "white", strokeWidth: 0.5, selectable: true}),
      options.medians !== false ? [
        Plot.link(medians, {x1: "x", x2: "x", y1: (d: {y: number}) => d.y - 0.3, y2: (d: {y: number}) => d.y + 0.3, stroke: "black", strokeWidth: 2.5}),
        Plot.text(medians, {x: "x", y: (d: {y: number}) => d.y + 0.3, text: "label", lineAnchor: "top", dy: 3, fontSize: 10, stroke: "white", strokeWidth: 3, fill: "black"})
      ] : null,
      showBands ? Plot.text(bandCounts, {x: "x", y: "y", text: "n", fill: "#666", fontSize: 10}) : null
    ]
  }) as SVGSVGElement & Plot.Plot;
  svg.setAttribute("data-chart", "dyad");
  tagDots(svg, placed);

  const figure = doc.createElement("div");
  figure.className = "wk-dyad";
  ensureStyle(doc);
  if (options.fill && domain.length > 0) figure.append(Plot.legend({color: {type: "categorical", domain, range: domain.map(colour)}}) as Element);
  figure.append(svg);
  const selectable = options.interactive === false
    ? Object.assign(figure, {value: [...(options.selection ?? [])]})
    : makeSelectable(figure, svg, () => pixelPoints(svg, placed), bandGroups(placed),
      [[MARGIN.marginLeft, MARGIN.marginTop], [width - MARGIN.marginRight, height - MARGIN.marginBottom]], options.selection);
  if (options.text !== false) figure.append(chartText(summary, {countFormat: options.countFormat, document: doc}));
  return selectable;
}

function pixelPoints(svg: Plot.Plot, placed: readonly PlacedDyad[]): SelectablePoint[] {
  const sx = svg.scale("x")!;
  const sy = svg.scale("y")!;
  return placed.map((p) => ({id: p.id, px: sx.apply(p.x) as number, py: sy.apply(p.y) as number}));
}

function bandGroups(placed: readonly PlacedDyad[]): SelectionGroup[] {
  return DYAD_BANDS.map((band, b) => {
    const ids = placed.filter((p) => p.band === b).map((p) => p.id);
    return {label: `Vak ${band}%`, count: ids.length, ids: () => ids};
  });
}
