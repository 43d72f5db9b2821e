/**
 * A client's timeline (/geld/client): one lane per kind of event, from the client's events in its
 * shard of data/geld/tijdlijn.zip (lib/site/timeline-shards.ts): first-line cases and assignments
 * as bars from start to end, requests and stories as points, and the declared euros per month as
 * columns underneath.
 */
import * as Plot from "@observablehq/plot";
import {plot} from "./a11y.js";
import {ALL_EIGHT, OKABE_ITO, ROLES} from "../lib/publish/palette.js";
import {categoryLabel, lawLabel} from "../lib/formats/code-lists.js";
import {euro, isoDate, moneyTable} from "./money-text.js";
import type {TimelineEvent} from "../lib/site/timeline-shards.js";

export type {TimelineEvent};

export const LANES = ["casus", "verzoek", "toewijzing", "verhaal"] as const;
const LANE_NAMES: Record<string, string> = {casus: "Eerste lijn", verzoek: "Gevraagde zorg", toewijzing: "Toewijzingen", verhaal: "Verhalen"};
const LANE_COLOURS: Record<string, string> = {casus: ROLES.vermeden, verzoek: OKABE_ITO.reddishPurple, toewijzing: OKABE_ITO.blue, verhaal: OKABE_ITO.vermillion};

/** What an event is, in words (category names from the code list). */
export function describeEvent(e: TimelineEvent): string {
  const what = [e.label, e.productcategorie ? categoryLabel(e.productcategorie) : null, e.productcode, e.law ? lawLabel(e.law) : null,
    e.provider_agb ? `aanbieder ${e.provider_agb}` : null].filter(Boolean).join(", ");
  return [what, e.amount !== null ? euro(e.amount) : null, e.detail].filter(Boolean).join(" — ");
}

export function timelineChart(events: readonly TimelineEvent[], {width}: {width: number}): SVGSVGElement | HTMLElement {
  const dated = events.filter((e) => e.start !== null);
  const lanes = dated.filter((e) => e.kind !== "declaratie");
  const spans = lanes.filter((e) => e.kind === "casus" || e.kind === "toewijzing");
  const points = lanes.filter((e) => e.kind === "verzoek" || e.kind === "verhaal");
  const declared = dated.filter((e) => e.kind === "declaratie");
  const xs = dated.flatMap((e) => [e.start!, e.end ?? e.start!]);
  const domain = xs.length > 0 ? [new Date(Math.min(...xs.map(Number))), new Date(Math.max(...xs.map(Number)) + 31 * 86_400_000)] : undefined;
  const lanesPlot = plot({
    ariaLabel: "Tijdlijn: eerste lijn, gevraagde zorg, toewijzingen en verhalen",
    width,
    height: 200,
    marginLeft: 120,
    x: {type: "utc", domain, label: null},
    y: {domain: LANES.map((l) => LANE_NAMES[l]), label: null},
    marks: [
      Plot.barX(spans, {x1: "start", x2: (e) => e.end ?? domain?.[1], y: (e) => LANE_NAMES[e.kind], fill: (e) => LANE_COLOURS[e.kind],
        fillOpacity: (e) => (e.end === null ? 0.4 : 0.8), insetTop: 6, insetBottom: 6, title: (e) => `${isoDate(e.start)} – ${isoDate(e.end) ?? "loopt"}\n${describeEvent(e)}`}),
      Plot.dot(points, {x: "start", y: (e) => LANE_NAMES[e.kind], fill: (e) => LANE_COLOURS[e.kind], r: 5, symbol: (e) => (e.kind === "verhaal" ? "star" : "diamond"),
        title: (e) => `${isoDate(e.start)}\n${describeEvent(e)}`}),
      Plot.gridX({stroke: "#eee"})
    ]
  });
  const moneyPlot = plot({
    ariaLabel: "Declaraties per maand, naar productcategorie",
    width,
    height: 170,
    marginLeft: 120,
    x: {type: "utc", domain, label: "Datum"},
    y: {label: "Declaraties per maand", grid: true, tickFormat: (v: number) => euro(v)},
    color: {type: "ordinal", range: [...ALL_EIGHT], legend: true, tickFormat: categoryLabel},
    marks: [
      Plot.rectY(declared, {x: "start", interval: "month", y: "amount", fill: "productcategorie", inset: 0.5,
        title: (e) => `${isoDate(e.start)?.slice(0, 7)}: ${describeEvent(e)}`}),
      Plot.ruleY([0])
    ]
  });
  const div = document.createElement("div");
  div.className = "wk-money-timeline";
  div.append(lanesPlot, moneyPlot);
  return div;
}

/** Text alternative: every event in date order. */
export function timelineTable(events: readonly TimelineEvent[]): HTMLTableElement {
  const names: Record<string, string> = {...LANE_NAMES, declaratie: "Declaraties"};
  const sorted = [...events].sort((a, b) => Number(a.start ?? 0) - Number(b.start ?? 0));
  return moneyTable("Alle gebeurtenissen op datum", ["Van", "Tot", "Soort", "Wat", "Kenmerk"],
    sorted.map((e) => [isoDate(e.start) ?? "onbekend", isoDate(e.end) ?? "", names[e.kind] ?? e.kind, describeEvent(e), e.ref ?? ""]));
}
