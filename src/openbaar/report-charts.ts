/**
 * Charts of the public report. They draw only what the report's loader published
 * (lib/publish/report-figures.ts): zone counts instead of story dots, rounded or withheld counts,
 * euro figures in steps of at least 10 cases. A withheld value is never drawn as a number; the
 * table beside each chart shows it as "< 10", "x" or "n < 10". Each function returns an element
 * whose main svg carries an accessible name and description, and rows for the CSV download.
 */
import * as Plot from "@observablehq/plot";
import {interpolatePurples} from "d3";
import {dataTable} from "../components/data-table.js";
import type {
  CostliestFigures, NeedFigures, PeerFigures, ReportFigures, SavingsFigures, TriadFigures
} from "../lib/publish/report-figures.js";

type Cell = {value: number | null; display: string};
type Row = Record<string, unknown>;

const EURO = new Intl.NumberFormat("nl-NL", {style: "currency", currency: "EUR", maximumFractionDigits: 0});
export const euro = (x: number | null | undefined): string => (x === null || x === undefined ? "niet te tonen" : EURO.format(x));
export const percent = (x: number | null | undefined): string => (x === null || x === undefined ? "niet te tonen" : `${Math.round(x * 100)}%`);
export const decimal = (x: number | null | undefined, digits = 1): string =>
  x === null || x === undefined ? "niet te tonen" : x.toLocaleString("nl-NL", {minimumFractionDigits: digits, maximumFractionDigits: digits});

/** Dutch month and year of an ISO date ("december 2025"). */
export function monthYear(iso: string | null): string {
  if (!iso) return "onbekend";
  const [y, m] = iso.split("-").map(Number);
  return new Date(Date.UTC(y, (m || 1) - 1, 1)).toLocaleDateString("nl-NL", {month: "long", year: "numeric", timeZone: "UTC"});
}

/** A small data table (the text alternative beside a chart). */
export function table(caption: string, head: string[], rows: (string | number)[][]): HTMLTableElement {
  return dataTable(caption, head, rows, {className: "wk-report-table"});
}

function describe(svg: Element, label: string, description: string): void {
  const s = svg instanceof SVGSVGElement ? svg : svg.querySelector("svg");
  s?.setAttribute("role", "img");
  s?.setAttribute("aria-label", label);
  if (s) {
    const desc = document.createElementNS("http://www.w3.org/2000/svg", "desc");
    desc.textContent = description;
    s.prepend(desc);
  }
}

// --- 1. Triad by zones --------------------------------------------------------------------

const GAP = 0.45;

const ANCHOR_STYLES = [
  {kind: "top", textAnchor: "middle", dy: -8, lineAnchor: "bottom"},
  {kind: "left", textAnchor: "start", dy: 8, lineAnchor: "top"},
  {kind: "right", textAnchor: "end", dy: 8, lineAnchor: "top"},
  {kind: "group", textAnchor: "middle", dy: 44, lineAnchor: "top"}
] as const;

/** One triangle per group side by side, zones shaded by their published count, centre and region. */
export function triadChart(t: TriadFigures, {width}: {width: number}): Element {
  const n = t.groups.length;
  const span = n + (n - 1) * GAP;
  const margin = {marginTop: 40, marginBottom: 70, marginLeft: 30, marginRight: 30};
  const inner = width - margin.marginLeft - margin.marginRight;
  const height = Math.round((inner / span) * 0.866 + margin.marginTop + margin.marginBottom);
  const max = Math.max(1, ...t.groups.flatMap((g) => g.zones.map((z) => z.count.value ?? 0)));
  const polygons: {points: [number, number][]; fill: string; stroke: string; dash?: string; width?: number; title: string}[] = [];
  const labels: Row[] = [];
  const anchors: Row[] = [];
  const centres: Row[] = [];
  t.groups.forEach((g, i) => {
    const dx = i * (1 + GAP);
    const shift = ([x, y]: [number, number]): [number, number] => [x + dx, y];
    g.zones.forEach((z, j) => {
      const geometry = t.geometry.zones[j];
      const v = z.count.value;
      polygons.push({
        points: geometry.polygon.map(shift),
        fill: v === null ? "#f4f4f4" : interpolatePurples(0.08 + (0.55 * v) / max),
        stroke: "#777",
        title: `${g.group}, ${z.name}: ${z.count.display}`
      });
      const [lx, ly] = shift(geometry.label);
      labels.push({x: lx, y: ly, text: z.count.display});
    });
    const [top, left, right] = t.geometry.triangle.map(shift);
    anchors.push({x: top[0], y: top[1], text: t.labels[0], kind: "top"});
    anchors.push({x: left[0], y: left[1], text: t.labels[1], kind: "left"});
    anchors.push({x: right[0], y: right[1], text: t.labels[2], kind: "right"});
    anchors.push({x: dx + 0.5, y: 0, text: `${groupName(g.group)} (${g.answered.display} antwoorden)`, kind: "group"});
    const colour = t.colours[g.group] ?? "#333";
    if (g.region) polygons.push({points: g.region.map(shift), fill: "none", stroke: colour, width: 2, title: `95%-betrouwbaarheidsgebied van het midden: ${g.group}`});
    if (g.centre) {
      const [cx, cy] = [g.centre.right / 100 + g.centre.top / 200 + dx, (g.centre.top / 100) * 0.866];
      centres.push({x: cx, y: cy, colour});
    }
  });
  const svg = Plot.plot({
    width, height, ...margin,
    x: {domain: [0, span], axis: null}, y: {domain: [0, 0.866], axis: null},
    style: {overflow: "visible", fontSize: "12px"},
    marks: [
      polygonMark(polygons),
      Plot.text(labels, {x: "x", y: "y", text: "text", fontSize: 13, fontWeight: 700, fill: "#111", stroke: "white", strokeWidth: 3}),
      // One text mark per kind of label: Plot's dy, textAnchor and lineAnchor are constants.
      ...ANCHOR_STYLES.map((style) => Plot.text(anchors.filter((a) => a.kind === style.kind), {
        x: "x", y: "y", text: "text", textAnchor: style.textAnchor, dy: style.dy, lineAnchor: style.lineAnchor,
        lineWidth: 9, fontWeight: style.kind === "group" ? 700 : 600, fill: "#222"
      })),
      Plot.dot(centres, {x: "x", y: "y", fill: "colour", stroke: "black", strokeWidth: 1.5, r: 7, symbol: "diamond2"})
    ]
  });
  describe(svg, `Driehoek "${t.title}" per groep`, triadSentence(t));
  return svg;
}

export const groupName = (g: string): string => (g === "inwoner" ? "Inwoners" : g === "medewerker" ? "Medewerkers" : g);

export function triadSentence(t: TriadFigures): string {
  return t.groups.map((g) => {
    const top = [...g.zones].filter((z) => z.count.value !== null).sort((a, b) => (b.count.value ?? 0) - (a.count.value ?? 0))[0];
    const where = top ? `De meeste verhalen staan bij "${top.name}" (${top.count.display}).` : "Geen vak heeft 10 of meer verhalen.";
    const centre = g.centre ? ` Het midden ligt op ${decimal(g.centre.top)}% ${t.labels[0]}, ${decimal(g.centre.left)}% ${t.labels[1]} en ${decimal(g.centre.right)}% ${t.labels[2]}.` : "";
    return `${groupName(g.group)}: ${g.answered.display} antwoorden. ${where}${centre}`;
  }).join(" ");
}

export function triadRows(t: TriadFigures): Row[] {
  return t.groups.flatMap((g) => g.zones.map((z) => ({groep: g.group, vak: z.name, verhalen: z.count.value, weergave: z.count.display})));
}

/** Closed polygons in data coordinates (Plot has no polygon mark). */
function polygonMark(polygons: {points: [number, number][]; fill: string; stroke: string; width?: number; title: string}[]): Plot.RenderFunction {
  return (_index, scales) => {
    const ns = "http://www.w3.org/2000/svg";
    const g = document.createElementNS(ns, "g");
    g.setAttribute("aria-hidden", "true");
    for (const p of polygons) {
      const path = document.createElementNS(ns, "path");
      path.setAttribute("d", `M${p.points.map(([x, y]) => `${scales.x!(x)},${scales.y!(y)}`).join("L")}Z`);
      path.setAttribute("fill", p.fill);
      path.setAttribute("stroke", p.stroke);
      path.setAttribute("stroke-width", String(p.width ?? 1));
      const title = document.createElementNS(ns, "title");
      title.textContent = p.title;
      path.append(title);
      g.append(path);
    }
    return g;
  };
}

// --- 2. Need after help -------------------------------------------------------------------

export const NEED_LABELS: Record<string, string> = {geen: "geen zorg meer nodig", blijft: "zorg blijft nodig", nieuw: "nieuwe zorg nodig"};

export function needRows(need: NeedFigures): Row[] {
  return need.quarters.flatMap((q) => (["geen", "blijft", "nieuw"] as const).map((k) => ({kwartaal: q.quarter, behoefte: k, dossiers: q[k].value, weergave: q[k].display})));
}

export function needChart(need: NeedFigures, palette: ReportFigures["palette"], {width}: {width: number}): Element {
  const rows = needRows(need).filter((r) => r.dossiers !== null).map((r) => ({...r, label: NEED_LABELS[r.behoefte as string]}));
  const domain = Object.values(NEED_LABELS);
  const figure = Plot.plot({
    width, height: 300, marginLeft: 50,
    x: {label: "Kwartaal waarin de hulp eindigde", domain: need.quarters.map((q) => q.quarter)},
    y: {label: "Dossiers (afgerond op 5)", grid: true},
    color: {domain, range: [palette.roles.vermeden, palette.roles.blijftNodig, palette.roles.nieuw], legend: true},
    marks: [Plot.barY(rows, {x: "kwartaal", y: "dossiers", fill: "label", order: domain}), Plot.ruleY([0])]
  });
  describe(figure, "Tweedelijnsbehoefte na de hulp per kwartaal", needSentence(need));
  return figure;
}

export function needSentence(need: NeedFigures): string {
  return `In totaal ${need.total.total.display} afgesloten dossiers. Geen tweedelijnszorg meer nodig: ${need.total.geen.display}` +
    ` (${percent(need.share_geen)} van de dossiers waarvan dit bekend is). Zorg blijft nodig: ${need.total.blijft.display}. Nieuwe zorg nodig: ${need.total.nieuw.display}.`;
}

// --- 3. Cumulative avoided cost -----------------------------------------------------------

export function savingsRows(s: SavingsFigures): Row[] {
  return s.cumulative.map((p) => ({datum: p.date, vermeden_dossiers: p.avoided_cases.display, laag: p.low, midden: p.central, hoog: p.high, investering: p.investment}));
}

export function savingsChart(s: SavingsFigures, palette: ReportFigures["palette"], {width}: {width: number}): Element {
  const points = s.cumulative.map((p) => ({...p, date: new Date(p.date)}));
  const last = points[points.length - 1];
  const figure = Plot.plot({
    width, height: 340, marginLeft: 70, marginRight: 120,
    x: {label: "Datum waarop de hulp eindigde", type: "utc"},
    y: {label: "Euro (opgeteld)", grid: true, tickFormat: (d: number) => `€ ${(d / 1e6).toLocaleString("nl-NL")} mln`},
    marks: [
      Plot.areaY(points, {x: "date", y1: "low", y2: "high", fill: palette.roles.vermeden, fillOpacity: 0.2, curve: "step-after"}),
      Plot.lineY(points, {x: "date", y: "central", stroke: palette.roles.vermeden, strokeWidth: 2.5, curve: "step-after"}),
      Plot.lineY(points, {x: "date", y: "investment", stroke: palette.roles.investering, strokeWidth: 2, strokeDasharray: "6,3"}),
      ...(last ? [
        Plot.text([last], {x: "date", y: "central", text: () => "vermeden kosten", textAnchor: "start", dx: 6, fill: "#222"}),
        Plot.text([last], {x: "date", y: "investment", text: () => "investering", textAnchor: "start", dx: 6, fill: "#222"})
      ] : []),
      Plot.ruleY([0])
    ]
  });
  describe(figure, "Vermeden tweedelijnskosten opgeteld in de tijd", savingsSentence(s));
  return figure;
}

export function savingsSentence(s: SavingsFigures): string {
  return `De vermeden kosten lopen op tot ${s.scenarios.central.gross.display} (middenschatting; tussen ${s.scenarios.low.gross.display} en ${s.scenarios.high.gross.display}).` +
    ` De investering in de eerste lijn was ${euro(s.investment)}.`;
}

// --- 4. Costliest 10% ---------------------------------------------------------------------

export function costliestRows(c: CostliestFigures): Row[] {
  return c.by_law.map((b) => ({wet: b.law, kosten_duurste_10: b.spend.value, weergave: b.spend.display, aandeel: b.share}));
}

export function costliestChart(c: CostliestFigures, palette: ReportFigures["palette"], {width}: {width: number}): Element {
  const rows = c.by_law.filter((b) => b.spend.value !== null).map((b) => ({wet: lawName(b.law), kosten: b.spend.value, label: b.spend.display}));
  const figure = Plot.plot({
    width, height: 60 + 40 * Math.max(1, rows.length), marginLeft: 90, marginRight: 110,
    x: {label: `Kosten van de duurste 10% in ${c.year} (euro)`, grid: true, tickFormat: (d: number) => `€ ${(d / 1e6).toLocaleString("nl-NL")} mln`},
    y: {label: null},
    marks: [
      Plot.barX(rows, {y: "wet", x: "kosten", fill: palette.series[0]}),
      Plot.text(rows, {y: "wet", x: "kosten", text: "label", textAnchor: "start", dx: 6, fill: "#222"}),
      Plot.ruleX([0])
    ]
  });
  describe(figure, `Kosten van de duurste 10% per wet in ${c.year}`, rows.map((r) => `${r.wet}: ${r.label}`).join(". "));
  return figure;
}

export const lawName = (law: string): string => ({wmo: "Wmo", jeugd: "Jeugdwet", pw: "Participatiewet"} as Record<string, string>)[law.toLowerCase()] ?? law;

// --- 5. Peers -----------------------------------------------------------------------------

export function peerRows(p: PeerFigures): Row[] {
  return p.points.map((x) => ({jaar: x.year, gemeente: x.own, vergelijkbare_gemeenten: x.peers, voorlopig: x.provisional, trendbreuk: x.series_break}));
}

export function peersChart(p: PeerFigures, own: string, palette: ReportFigures["palette"], {width}: {width: number}): Element {
  const series = [own, "andere gemeenten (gemiddeld)"];
  const rows = p.points.flatMap((x) => [
    {year: x.year, reeks: series[0], index: x.own, provisional: x.provisional},
    {year: x.year, reeks: series[1], index: x.peers, provisional: x.provisional}
  ]).filter((r) => r.index !== null);
  const figure = Plot.plot({
    width, height: 280, marginLeft: 50, marginRight: 20,
    x: {label: "Jaar", tickFormat: "d", ticks: p.points.map((x) => x.year)},
    y: {label: `Index (${p.base_year} = 100)`, grid: true},
    color: {domain: series, range: [palette.series[0], palette.series[4] ?? "#000"], legend: true},
    marks: [
      Plot.ruleY([100], {stroke: "#999"}),
      Plot.lineY(rows, {x: "year", y: "index", stroke: "reeks", strokeWidth: 2}),
      Plot.dot(rows, {x: "year", y: "index", fill: "reeks", symbol: "reeks", r: 3.5})
    ]
  });
  const lastPoint = p.points[p.points.length - 1];
  describe(figure, `${p.measure}: ${own} tegenover andere gemeenten`,
    lastPoint ? `In ${lastPoint.year}: ${own} ${decimal(lastPoint.own)}, andere gemeenten ${decimal(lastPoint.peers)} (${p.base_year} = 100).` : "Geen gegevens.");
  return figure;
}

/** A key figure as the report shows it: a cell's text, or the reason it is withheld. */
export const shown = (c: Cell): string => c.display;
