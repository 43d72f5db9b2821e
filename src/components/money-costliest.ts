/**
 * Charts of the costliest 10% (/geld/duurste-10), over the result of lib/methods/costliest.ts
 * `computeCostliest`: the Lorenz curve with the top decile marked, the top decile's spend by a
 * breakdown (law, productcategorie, provider) and stapeling (number of laws or categories per
 * client, top decile against all clients). `unit` names what is ranked: clients or households.
 */
import * as Plot from "@observablehq/plot";
import {plot} from "./a11y.js";
import {OKABE_ITO, ROLES} from "../lib/publish/palette.js";
import type {Breakdown, CostUnit, LorenzPoint, StackingCounts} from "../lib/methods/costliest.js";
import {count, euro, moneyTable, pct} from "./money-text.js";

/** Dutch words for the ranked unit. */
export const UNIT_WORDS: Record<CostUnit, {one: string; many: string}> = {
  client: {one: "cliënt", many: "cliënten"},
  household: {one: "huishouden", many: "huishoudens"}
};

export function lorenzChart(points: readonly LorenzPoint[], topShare: number, {width, unit = "client"}: {width: number; unit?: CostUnit}): SVGSVGElement | HTMLElement {
  const size = Math.min(width, 520);
  // The top decile begins where 90% of the clients (the cheapest) lie to the left.
  const mark = {clients_share: 0.9, spend_share: 1 - topShare};
  return plot({
    ariaLabel: `Lorenz-curve: aandeel van de kosten tegen het aandeel ${UNIT_WORDS[unit].many}, de duurste 10% gemarkeerd`,
    width: size,
    height: size,
    marginLeft: 55,
    marginBottom: 45,
    x: {label: `Aandeel ${UNIT_WORDS[unit].many} (oplopend naar kosten)`, percent: true, domain: [0, 100]},
    y: {label: "Aandeel van de kosten", percent: true, domain: [0, 100], grid: true},
    marks: [
      Plot.line([[0, 0], [1, 1]], {stroke: "#767676", strokeDasharray: "4 3"}),
      Plot.text([[0.55, 0.6]], {text: () => "gelijke verdeling", fill: "#555", rotate: -45}),
      Plot.areaY(points, {x: "clients_share", y1: (p) => p.spend_share, y2: (p) => p.clients_share, fill: OKABE_ITO.blue, fillOpacity: 0.12}),
      Plot.line(points, {x: "clients_share", y: "spend_share", stroke: OKABE_ITO.blue, strokeWidth: 2}),
      Plot.ruleX([mark], {x: "clients_share", y1: 0, y2: "spend_share", stroke: ROLES.gerealiseerd}),
      Plot.dot([mark], {x: "clients_share", y: "spend_share", fill: ROLES.gerealiseerd, r: 4}),
      Plot.text([mark], {x: "clients_share", y: "spend_share", dx: -6, dy: -12, textAnchor: "end",
        text: () => `duurste 10%: ${pct(topShare)} van de kosten`, fill: "#000"}),
      Plot.frame({stroke: "#ccc"})
    ]
  });
}

export interface Labelled extends Breakdown {
  label: string;
}

/** Horizontal bars: the top decile's spend per group, with the group's spend over all clients faint behind it. */
export function breakdownChart(rows: readonly Labelled[], {width, limit = 12, unit = "client"}: {width: number; limit?: number; unit?: CostUnit}): SVGSVGElement | HTMLElement {
  const shown = rows.slice(0, limit);
  return plot({
    ariaLabel: `Kosten van de duurste 10% per groep, naast de kosten van alle ${UNIT_WORDS[unit].many}`,
    width,
    height: 40 + shown.length * 26,
    marginLeft: Math.min(300, 12 + 7 * Math.max(...shown.map((r) => r.label.length), 8)),
    marginRight: 80,
    x: {label: "Euro", grid: true, tickFormat: (v: number) => euro(v)},
    y: {label: null, domain: shown.map((r) => r.label)},
    marks: [
      Plot.barX(shown, {y: "label", x: "total_spend", fill: "#dddddd", title: (r) => `${r.label}: alle ${UNIT_WORDS[unit].many} ${euro(r.total_spend)}`}),
      Plot.barX(shown, {y: "label", x: "spend", fill: OKABE_ITO.blue, title: (r) => `${r.label}: duurste 10% ${euro(r.spend)} (${pct(r.share)})`}),
      Plot.text(shown, {y: "label", x: "total_spend", text: (r) => pct(r.share), dx: 6, textAnchor: "start", fill: "#000"}),
      Plot.ruleX([0])
    ]
  });
}

export function breakdownTable(rows: readonly Labelled[], caption: string, unit: CostUnit = "client"): HTMLTableElement {
  const many = UNIT_WORDS[unit].many;
  return moneyTable(caption, ["Groep", "Duurste 10% (euro)", "Aandeel in duurste 10%", `${capital(many)} in duurste 10%`, `Alle ${many} (euro)`],
    rows.map((r) => [r.label, euro(r.spend), pct(r.share), count(r.clients), euro(r.total_spend)]));
}

/** Stapeling: share of clients by number of distinct laws or categories, top decile against all. */
export function stackingChart(stacking: {top_decile: StackingCounts; all: StackingCounts}, what: "laws" | "categories", {width, unit = "client"}: {width: number; unit?: CostUnit}): SVGSVGElement | HTMLElement {
  const rows = stackingRows(stacking, what, unit);
  const {one, many} = UNIT_WORDS[unit];
  return plot({
    ariaLabel: `Aandeel ${many} naar aantal ${what === "laws" ? "wetten" : "productcategorieën"}: duurste 10% en alle ${many}`,
    width: Math.min(width, 560),
    height: 220,
    marginLeft: 50,
    x: {axis: null, domain: ["duurste 10%", `alle ${many}`]},
    y: {label: `Aandeel ${many}`, percent: true, grid: true},
    // One small band per number of laws or categories, the two groups side by side.
    fx: {label: what === "laws" ? `Aantal wetten per ${one}` : `Aantal productcategorieën per ${one}`, labelAnchor: "center"},
    color: {domain: ["duurste 10%", `alle ${many}`], range: [OKABE_ITO.blue, "#767676"], legend: true},
    marks: [
      Plot.barY(rows, {fx: "number", x: "group", y: "share", fill: "group", title: (r) => `${r.group}, ${r.number}: ${r.clients} ${many} (${pct(r.share)})`}),
      Plot.ruleY([0])
    ]
  });
}

export function stackingRows(stacking: {top_decile: StackingCounts; all: StackingCounts}, what: "laws" | "categories", unit: CostUnit = "client") {
  const groups = [["duurste 10%", stacking.top_decile[what]], [`alle ${UNIT_WORDS[unit].many}`, stacking.all[what]]] as const;
  const numbers = [...new Set(groups.flatMap(([, c]) => Object.keys(c)))].sort((a, b) => Number(a) - Number(b));
  return groups.flatMap(([group, counts]) => {
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    return numbers.map((number) => ({group, number, clients: counts[number] ?? 0, share: total > 0 ? (counts[number] ?? 0) / total : 0}));
  });
}

export function stackingTable(stacking: {top_decile: StackingCounts; all: StackingCounts}, what: "laws" | "categories", unit: CostUnit = "client"): HTMLTableElement {
  const rows = stackingRows(stacking, what, unit);
  const many = UNIT_WORDS[unit].many;
  const numbers = [...new Set(rows.map((r) => r.number))];
  const cell = (group: string, number: string) => {
    const r = rows.find((x) => x.group === group && x.number === number)!;
    return `${count(r.clients)} (${pct(r.share)})`;
  };
  return moneyTable(what === "laws" ? `${capital(many)} naar aantal wetten` : `${capital(many)} naar aantal productcategorieën`,
    ["Aantal", "Duurste 10%", `Alle ${many}`], numbers.map((n) => [n, cell("duurste 10%", n), cell(`alle ${many}`, n)]));
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
