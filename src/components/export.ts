/**
 * Downloads for every chart (issue 6, "Export"): the chart as SVG and PNG, and its data as CSV
 * (formula-safe, lib/formats/csv-export.ts, in the Dutch Excel dialect). Everything happens in the
 * browser: the SVG is serialised as drawn (Plot's own <style> included), the PNG is that SVG drawn
 * on a canvas at twice the size, and files are handed over through blob: URLs, which the site's
 * Content-Security-Policy allows. Buttons are real <button>s: reachable and usable by keyboard.
 *
 * `exportableFigure` wraps a chart in a <figure> with a caption, the download buttons and a text
 * alternative (a table, or any element) that is open in print and for screen readers.
 */
import {DUTCH_EXCEL, toCsv, type CsvColumn} from "../lib/formats/csv-export.js";
import {accessibleChart} from "./a11y.js";

export interface ChartData {
  rows: Record<string, unknown>[];
  columns: (string | CsvColumn)[];
}

export interface FigureOptions {
  /** Caption above the chart; also the accessible name of the figure. */
  title: string;
  /** File name without extension, e.g. "vermeden-kosten". */
  name: string;
  /** The chart (an SVG, or a Plot figure holding one). */
  chart: Element;
  /** Data behind the chart, for the CSV download. */
  data: ChartData;
  /** Text alternative shown beneath the chart (e.g. a table). */
  alternative?: Element | Element[];
  /** Label of the disclosure that holds the alternative. */
  alternativeLabel?: string;
  /** A short note under the chart (source, method). */
  note?: string;
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** The chart's main SVG: the largest svg inside (Plot figures also hold small legend svgs). */
export function mainSvg(chart: Element): SVGSVGElement | null {
  if (chart instanceof SVGSVGElement) return chart;
  const svgs = [...chart.querySelectorAll("svg")] as SVGSVGElement[];
  return svgs.sort((a, b) => area(b) - area(a))[0] ?? null;
}

function area(svg: SVGSVGElement): number {
  return Number(svg.getAttribute("width") ?? 0) * Number(svg.getAttribute("height") ?? 0);
}

/** Standalone SVG text: namespace, explicit size, white background, system fonts. */
export function svgText(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute("xmlns", SVG_NS);
  paintedLayersAsImages(svg, copy);
  const width = svg.getAttribute("width") ?? String(svg.getBoundingClientRect().width);
  const height = svg.getAttribute("height") ?? String(svg.getBoundingClientRect().height);
  copy.setAttribute("width", width);
  copy.setAttribute("height", height);
  copy.style.background = "white";
  copy.style.fontFamily ||= "system-ui, sans-serif";
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}`;
}

/**
 * Dots painted on a canvas (dot-layer.ts) do not survive serialisation: the copy gets each
 * canvas as an embedded PNG image in its place.
 */
function paintedLayersAsImages(svg: SVGSVGElement, copy: SVGSVGElement): void {
  const originals = [...svg.querySelectorAll("foreignObject.wk-dot-canvas")];
  const copies = [...copy.querySelectorAll("foreignObject.wk-dot-canvas")];
  originals.forEach((object, i) => {
    const canvas = object.querySelector("canvas");
    const image = copy.ownerDocument.createElementNS(SVG_NS, "image");
    for (const name of ["x", "y", "width", "height"]) {
      const value = object.getAttribute(name);
      if (value !== null) image.setAttribute(name, value);
    }
    if (canvas) image.setAttribute("href", canvas.toDataURL("image/png"));
    copies[i].replaceWith(image);
  });
}

/** PNG of an SVG at `scale` times its size. */
export async function svgToPng(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const text = svgText(svg);
  const width = Number(svg.getAttribute("width") ?? svg.getBoundingClientRect().width);
  const height = Number(svg.getAttribute("height") ?? svg.getBoundingClientRect().height);
  const url = URL.createObjectURL(new Blob([text], {type: "image/svg+xml"}));
  try {
    const image = new Image();
    image.width = width;
    image.height = height;
    await new Promise((ok, fail) => {
      image.onload = ok;
      image.onerror = () => fail(new Error("de grafiek kon niet als afbeelding worden getekend"));
      image.src = url;
    });
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext("2d")!;
    context.fillStyle = "white";
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((ok, fail) => canvas.toBlob((b) => (b ? ok(b) : fail(new Error("PNG maken mislukt"))), "image/png"));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Hands a file to the browser's download (a Blob URL; nothing is sent anywhere). */
export function download(blob: Blob, filename: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const a = doc.createElement("a");
  a.href = url;
  a.download = filename;
  a.hidden = true;
  doc.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The CSV text of a chart's data (Dutch Excel: `;` and decimal comma, formula-safe). */
export function chartCsv(data: ChartData): string {
  return toCsv(data.rows, data.columns, DUTCH_EXCEL);
}

function button(label: string, description: string, action: () => Promise<void> | void): HTMLButtonElement {
  const b = document.createElement("button");
  b.type = "button";
  b.className = "wk-export-button";
  b.textContent = label;
  b.setAttribute("aria-label", description);
  b.addEventListener("click", async () => {
    b.disabled = true;
    try {
      await action();
    } finally {
      b.disabled = false;
    }
  });
  return b;
}

/** The three download buttons for a chart. */
export function exportButtons(chart: Element, data: ChartData, name: string, title: string): HTMLDivElement {
  const bar = document.createElement("div");
  bar.className = "wk-export";
  bar.setAttribute("role", "group");
  bar.setAttribute("aria-label", `Downloaden: ${title}`);
  const svg = () => {
    const s = mainSvg(chart);
    if (!s) throw new Error(`${name}: geen grafiek gevonden`);
    return s;
  };
  bar.append(
    button("PNG", `${title} downloaden als afbeelding (PNG)`, async () => download(await svgToPng(svg()), `${name}.png`)),
    button("SVG", `${title} downloaden als tekening (SVG)`, () => download(new Blob([svgText(svg())], {type: "image/svg+xml"}), `${name}.svg`)),
    button("CSV", `Gegevens van ${title} downloaden (CSV)`, () => download(new Blob([chartCsv(data)], {type: "text/csv;charset=utf-8"}), `${name}.csv`))
  );
  return bar;
}

/** A chart with caption, download buttons and text alternative; see FigureOptions. */
export function exportableFigure(o: FigureOptions): HTMLElement {
  // The figure's caption, the svg's name and the table say it all (a11y.ts).
  accessibleChart(o.chart);
  const figure = document.createElement("figure");
  figure.className = "wk-figure";
  figure.dataset.export = o.name;
  const caption = document.createElement("figcaption");
  caption.textContent = o.title;
  figure.append(caption, o.chart);
  if (o.note) {
    const note = document.createElement("p");
    note.className = "wk-figure-note";
    note.textContent = o.note;
    figure.append(note);
  }
  figure.append(exportButtons(o.chart, o.data, o.name, o.title));
  if (o.alternative) {
    const details = document.createElement("details");
    details.className = "wk-alternative";
    const summary = document.createElement("summary");
    summary.textContent = o.alternativeLabel ?? "Tabel bij deze grafiek";
    details.append(summary, ...(Array.isArray(o.alternative) ? o.alternative : [o.alternative]));
    figure.append(details);
  }
  return figure;
}
