/**
 * Charts of avoided second-line cost (/geld/besparing), over the result of lib/methods/savings.ts
 * `computeSavings`: the cumulative series by case end date (gross avoided as a low-high band with
 * the central line, realised second-line cost, the investment spent so far and net) and the
 * per-case amounts.
 */
import * as Plot from "@observablehq/plot";
import {plot} from "./a11y.js";
import {ROLES} from "../lib/publish/palette.js";
import type {CaseResult, CumulativePoint} from "../lib/methods/savings.js";
import {euro, moneyTable, monthLabel} from "./money-text.js";

export const SERIES = {
  bruto: "bruto vermeden (midden)",
  gerealiseerd: "gerealiseerde tweedelijnskosten",
  investering: "investering tot dan",
  netto: "netto (bruto min investering tot dan)"
} as const;
const SERIES_COLOURS = [ROLES.vermeden, ROLES.gerealiseerd, ROLES.investering, "#000000"];

const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** Net at a point: gross avoided (central) minus the investment spent up to that date. */
export const netAt = (p: CumulativePoint): number => p.gross_avoided.central - p.investment;

export function cumulativeSavingsChart(points: readonly CumulativePoint[], {width}: {width: number}): SVGSVGElement | HTMLElement {
  const long = points.flatMap((p) => [
    {date: utc(p.date), series: SERIES.bruto, value: p.gross_avoided.central},
    {date: utc(p.date), series: SERIES.gerealiseerd, value: p.realised_second_line},
    {date: utc(p.date), series: SERIES.investering, value: p.investment},
    {date: utc(p.date), series: SERIES.netto, value: netAt(p)}
  ]);
  return plot({
    ariaLabel: "Cumulatief naar einddatum van de hulp: bruto vermeden kosten, gerealiseerde tweedelijnskosten, investering en netto",
    width,
    height: 360,
    marginLeft: 80,
    x: {label: "Einddatum van de hulp", type: "utc"},
    y: {label: "Euro (cumulatief)", grid: true, tickFormat: (v: number) => euro(v)},
    color: {domain: Object.values(SERIES), range: SERIES_COLOURS, legend: true},
    marks: [
      Plot.areaY(points, {x: (p) => utc(p.date), y1: (p) => p.gross_avoided.low, y2: (p) => p.gross_avoided.high, fill: ROLES.vermeden, fillOpacity: 0.18, curve: "step-after"}),
      Plot.lineY(long.filter((d) => d.series !== SERIES.netto), {x: "date", y: "value", stroke: "series", strokeWidth: 2, curve: "step-after"}),
      // Net dashed, so it is told apart from the other lines without colour.
      Plot.lineY(long.filter((d) => d.series === SERIES.netto), {x: "date", y: "value", stroke: "series", strokeWidth: 2, strokeDasharray: "6 3", curve: "step-after"}),
      Plot.ruleY([0]),
      Plot.tip(long, Plot.pointerX({x: "date", y: "value", title: (d) => `${d.date.toISOString().slice(0, 10)}\n${d.series}: ${euro(d.value)}`}))
    ]
  });
}

/** One row per month: the last cumulative point of that month. */
export function monthlyPoints(points: readonly CumulativePoint[]): CumulativePoint[] {
  const byMonth = new Map<string, CumulativePoint>();
  for (const p of points) byMonth.set(p.date.slice(0, 7), p);
  return [...byMonth.values()];
}

export function cumulativeTable(points: readonly CumulativePoint[]): HTMLTableElement {
  return moneyTable("Cumulatief aan het eind van elke maand (euro)",
    ["Maand", "Afgesloten", "Bruto laag", "Bruto midden", "Bruto hoog", "Gerealiseerd tweede lijn", "Investering tot dan", "Netto (midden)"],
    monthlyPoints(points).map((p) => [monthLabel(p.date), String(p.closed), euro(p.gross_avoided.low), euro(p.gross_avoided.central), euro(p.gross_avoided.high),
      euro(p.realised_second_line), euro(p.investment), euro(netAt(p))]));
}

/**
 * Per closed case: the avoided cost (central dot, low-high rule) of cases without second-line
 * need, and the realised second-line cost of cases that still needed it.
 */
export function perCaseChart(cases: readonly CaseResult[], {width}: {width: number}): SVGSVGElement | HTMLElement {
  const closed = cases.filter((c) => c.closed && c.help_end !== null);
  const avoided = closed.filter((c) => c.need_after === "geen" && c.avoided.high > 0);
  const realised = closed.filter((c) => (c.need_after === "blijft" || c.need_after === "nieuw") && c.realised_second_line > 0);
  const kinds = ["vermeden (geen behoefte)", "gerealiseerd (blijft of nieuw)"];
  return plot({
    ariaLabel: "Per afgesloten casus: vermeden kosten (geen behoefte) en gerealiseerde tweedelijnskosten, naar einddatum",
    width,
    height: 300,
    marginLeft: 80,
    x: {label: "Einddatum van de hulp", type: "utc"},
    y: {label: "Euro per casus", grid: true, tickFormat: (v: number) => euro(v)},
    color: {domain: kinds, range: [ROLES.vermeden, ROLES.gerealiseerd], legend: true},
    symbol: {domain: kinds, range: ["circle", "triangle"]},
    marks: [
      Plot.ruleX(avoided, {x: (c) => utc(c.help_end!), y1: (c) => c.avoided.low, y2: (c) => c.avoided.high, stroke: ROLES.vermeden, strokeOpacity: 0.4}),
      Plot.dot(avoided, {x: (c) => utc(c.help_end!), y: (c) => c.avoided.central, fill: () => kinds[0], symbol: () => kinds[0], r: 3,
        title: (c) => `${c.case_id}: ${euro(c.avoided.central)} vermeden (${euro(c.avoided.low)} – ${euro(c.avoided.high)})`}),
      Plot.dot(realised, {x: (c) => utc(c.help_end!), y: (c) => c.realised_second_line, fill: () => kinds[1], symbol: () => kinds[1], r: 3.5,
        title: (c) => `${c.case_id}: ${euro(c.realised_second_line)} gerealiseerd (${c.need_after})`}),
      Plot.ruleY([0])
    ]
  });
}
