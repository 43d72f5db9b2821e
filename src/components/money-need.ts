/**
 * Charts of second-line need after first-line help (/geld/behoefte), over counts per period from
 * lib/methods/need-after.ts: all closed cases stacked by need, and the background signal of
 * "blijft" and "nieuw" as small multiples with their own scales (count and share), so a few cases
 * a month stay visible next to the large "geen" group.
 */
import * as Plot from "@observablehq/plot";
import {plot} from "./a11y.js";
import {ROLES} from "../lib/publish/palette.js";
import type {NeedCount} from "../lib/methods/need-after.js";
import {count, moneyTable, pct} from "./money-text.js";

export const NEED_ORDER = ["geen", "blijft", "nieuw", "onbekend"] as const;
export type NeedKey = (typeof NEED_ORDER)[number];

/** Need -> colour; "onbekend" is a neutral grey with 4.5:1 contrast on white. */
export const NEED_COLOURS: Record<NeedKey, string> = {geen: ROLES.vermeden, blijft: ROLES.blijftNodig, nieuw: ROLES.nieuw, onbekend: "#767676"};

export const NEED_LABELS: Record<NeedKey, string> = {
  geen: "geen tweedelijnszorg nodig",
  blijft: "tweedelijnszorg blijft nodig",
  nieuw: "nieuwe tweedelijnszorg nodig",
  onbekend: "niet vastgelegd"
};

/** A period key (yyyy-mm, yyyy-Kq or yyyy) as the first day of that period (UTC). */
export function periodStart(key: string): Date {
  const quarter = /^(\d{4})-K([1-4])$/.exec(key);
  if (quarter) return new Date(Date.UTC(Number(quarter[1]), (Number(quarter[2]) - 1) * 3, 1));
  if (/^\d{4}$/.test(key)) return new Date(Date.UTC(Number(key), 0, 1));
  return new Date(Date.UTC(Number(key.slice(0, 4)), Number(key.slice(5, 7)) - 1, 1));
}

export type PeriodUnit = "month" | "quarter" | "year";

interface Options {
  width: number;
  unit: PeriodUnit;
}

const tickFormat = (unit: PeriodUnit) => (d: Date) =>
  unit === "year" ? String(d.getUTCFullYear()) : d.toLocaleDateString("nl-NL", {month: "short", year: "2-digit", timeZone: "UTC"});

/** Stacked bars: closed cases per period by need after help. */
export function needStackChart(counts: readonly NeedCount[], {width, unit}: Options): SVGSVGElement | HTMLElement {
  const long = counts.flatMap((c) => NEED_ORDER.map((need) => ({period: periodStart(c.key), key: c.key, need, cases: c[need]})));
  return plot({
    ariaLabel: "Afgesloten casussen per periode, gestapeld naar tweedelijnsbehoefte na de hulp",
    width,
    height: 280,
    marginLeft: 50,
    x: {label: "Afgesloten in", tickFormat: tickFormat(unit)},
    y: {label: "Afgesloten casussen", grid: true},
    color: {domain: [...NEED_ORDER], range: NEED_ORDER.map((n) => NEED_COLOURS[n]), legend: true, tickFormat: (n: NeedKey) => NEED_LABELS[n]},
    marks: [
      Plot.rectY(long, {x: "period", interval: unit, y: "cases", fill: "need", inset: 0.5, title: (d) => `${d.key}: ${d.cases} ${NEED_LABELS[d.need as NeedKey]}`}),
      Plot.ruleY([0])
    ]
  });
}

/**
 * Small multiples for one need ("blijft" or "nieuw"): the number of cases per period (bars) and
 * its share of the cases with a recorded need (line), each on its own scale.
 */
export function needSignalChart(counts: readonly NeedCount[], need: "blijft" | "nieuw", {width, unit}: Options): HTMLDivElement {
  const colour = NEED_COLOURS[need];
  const rows = counts.map((c) => ({period: periodStart(c.key), key: c.key, cases: c[need], share: c.share[need]}));
  const half = Math.max(240, Math.floor((width - 16) / 2));
  const x = {label: null, tickFormat: tickFormat(unit)};
  const counted = plot({
    ariaLabel: `Aantal casussen per periode: ${NEED_LABELS[need]}`,
    width: half,
    height: 170,
    marginLeft: 40,
    x,
    y: {label: `Aantal (${need})`, grid: true, tickFormat: "d"},
    marks: [
      Plot.rectY(rows, {x: "period", interval: unit, y: "cases", fill: colour, inset: 0.5, title: (d) => `${d.key}: ${d.cases}`}),
      Plot.ruleY([0])
    ]
  });
  const shared = plot({
    ariaLabel: `Aandeel van de casussen per periode: ${NEED_LABELS[need]}`,
    width: half,
    height: 170,
    marginLeft: 45,
    x,
    y: {label: `Aandeel (${need})`, grid: true, domain: [0, Math.max(0.1, ...rows.map((r) => r.share ?? 0))], nice: true, tickFormat: (v: number) => pct(v, 0)},
    marks: [
      Plot.lineY(rows, {x: "period", y: "share", stroke: colour, strokeWidth: 2}),
      Plot.dot(rows, {x: "period", y: "share", fill: colour, r: 3, title: (d) => `${d.key}: ${pct(d.share)}`}),
      Plot.ruleY([0])
    ]
  });
  const div = document.createElement("div");
  div.className = "wk-money-multiples";
  div.style.cssText = "display: flex; flex-wrap: wrap; gap: 0 16px;";
  const h = document.createElement("h3");
  h.textContent = NEED_LABELS[need];
  h.style.flexBasis = "100%";
  div.append(h, counted, shared);
  return div;
}

/** Text alternative: a table of counts and shares per period. */
export function needTable(counts: readonly NeedCount[], caption: string): HTMLTableElement {
  return moneyTable(caption, ["Periode", "Geen", "Blijft", "Nieuw", "Onbekend", "Totaal", "Aandeel geen", "Aandeel blijft", "Aandeel nieuw"],
    counts.map((c) => [c.key, count(c.geen), count(c.blijft), count(c.nieuw), count(c.onbekend), count(c.total), pct(c.share.geen), pct(c.share.blijft), pct(c.share.nieuw)]));
}
