/**
 * Story dots for the ternary and dyad charts. Up to a few thousand dots are SVG circles (each
 * carries its story id, prints and exports crisply). Above that, thousands of SVG nodes cost more
 * in style and layout than the whole rest of a page, so the dots are painted on one <canvas> held
 * in the plot's SVG (a <foreignObject>): the same positions, colours and selection highlight.
 *
 * Selection works on positions (ternary.ts makeSelectable), never on DOM nodes, so both forms
 * behave alike; `dotHighlighter` hides which one a chart has.
 */
import * as Plot from "@observablehq/plot";
import {rasterDots} from "./dot-raster.js";

export interface LayerDot {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly colour: string;
}

export interface DotLayerOptions {
  /** Radius in pixels (default 3). */
  r?: number;
  fillOpacity?: number;
  /** Outline colour (default none) and width; SVG dots only (see paintDots). */
  stroke?: string;
  strokeWidth?: number;
  /** Dots take part in selection (story ids on circles, highlight on select). */
  selectable?: boolean;
  /** Draw on a canvas when there are more dots than this (default CANVAS_ABOVE). */
  canvasAbove?: number;
}

/** Beyond this many dots a layer is painted on canvas. */
export const CANVAS_ABOVE = 1500;

const SVG_NS = "http://www.w3.org/2000/svg";
const HTML_NS = "http://www.w3.org/1999/xhtml";
const FADED = 0.2;

/** Repaint functions of canvas layers, by their <foreignObject>. */
const painters = new WeakMap<Element, (selected: ReadonlySet<string> | null) => void>();

/** A Plot mark drawing `dots` (x, y in the plot's data coordinates). */
export function dotLayer(dots: readonly LayerDot[], options: DotLayerOptions = {}): Plot.Markish {
  const {r = 3, fillOpacity = 1, stroke, strokeWidth = 0.5, selectable = false} = options;
  if (dots.length <= (options.canvasAbove ?? CANVAS_ABOVE)) {
    return Plot.dot(dots, {
      x: "x", y: "y", fill: "colour", r, fillOpacity, stroke: stroke ?? "none", strokeWidth,
      ...(selectable ? {className: "wk-selectable"} : {ariaHidden: "true"})
    });
  }
  const render: Plot.RenderFunction = (_index, scales, _values, dimensions) => {
    const {width, height} = dimensions;
    const object = document.createElementNS(SVG_NS, "foreignObject");
    object.setAttribute("width", String(width));
    object.setAttribute("height", String(height));
    object.setAttribute("aria-hidden", "true");
    object.setAttribute("class", selectable ? "wk-selectable wk-dot-canvas" : "wk-dot-canvas");
    object.setAttribute("data-dots", String(dots.length));
    const ratio = Math.min(2, globalThis.devicePixelRatio || 1);
    const canvas = reusableCanvas(Math.round(width * ratio), Math.round(height * ratio));
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
    canvas.style.pointerEvents = "none";
    object.append(canvas);
    const sx = affine(scales.x!);
    const sy = affine(scales.y!);
    const px = new Float64Array(dots.length);
    const py = new Float64Array(dots.length);
    for (let i = 0; i < dots.length; i++) {
      px[i] = sx(dots[i].x);
      py[i] = sy(dots[i].y);
    }
    // A detached chart's canvas may have gone to a newer chart: only its current holder paints.
    // Where the scales put two corners: the same dots at the same places paint the same pixels.
    const placement = `${sx(0)} ${sx(1)} ${sy(0)} ${sy(1)} ${canvas.width}x${canvas.height} ${ratio} ${r} ${fillOpacity}`;
    const paint = (selected: ReadonlySet<string> | null) => {
      if (canvas.parentNode === object) paintDots(canvas, ratio, dots, px, py, {r, fillOpacity, placement}, selected);
    };
    paint(null);
    painters.set(object, paint);
    return object;
  };
  return render;
}

/**
 * A linear scale of two stops as a plain function (a d3 scale call costs several times more, and
 * a layer places tens of thousands of dots); any other scale as it is.
 */
function affine(scale: (value: number) => unknown): (value: number) => number {
  const d3scale = scale as unknown as {type?: string; domain?: () => number[]; range?: () => number[]; clamp?: () => boolean};
  if (d3scale.type !== "linear" || !d3scale.domain || !d3scale.range || d3scale.clamp?.()) return scale as (value: number) => number;
  const domain = d3scale.domain();
  const range = d3scale.range();
  if (domain.length !== 2 || range.length !== 2 || domain[0] === domain[1] || !range.every((r) => typeof r === "number")) return scale as (value: number) => number;
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const k = (r1 - r0) / (d1 - d0);
  const map = (value: number) => r0 + (value - d0) * k;
  // A scale that rounds or interpolates otherwise is left as it is.
  const probe = d0 + (d1 - d0) * 0.3183;
  return Math.abs(Number(scale(probe)) - map(probe)) < 1e-9 * Math.max(1, Math.abs(r1 - r0)) ? map : (scale as (value: number) => number);
}

/**
 * Canvases of earlier charts that are no longer on the page are reused: a redraw (a filter change)
 * then skips setting up a new drawing surface, which costs tens of milliseconds per canvas.
 */
const canvases: HTMLCanvasElement[] = [];
/** Canvases seen on the page: only these are free once detached (one still being built is not). */
const shown = new WeakSet<HTMLCanvasElement>();
const KEEP = 8;

function reusableCanvas(width: number, height: number): HTMLCanvasElement {
  for (const c of canvases) if (c.isConnected) shown.add(c);
  const free = canvases.find((c) => shown.has(c) && !c.isConnected && c.width === width && c.height === height);
  if (free) {
    shown.delete(free);
    free.remove(); // from the detached chart it was in
    return free;
  }
  const canvas = document.createElementNS(HTML_NS, "canvas") as HTMLCanvasElement;
  canvas.width = width;
  canvas.height = height;
  canvases.push(canvas);
  if (canvases.length > KEEP) canvases.shift();
  return canvas;
}

/** Sets which dots are selected (null: none) in every selectable layer of the svg. */
export function dotHighlighter(svg: SVGSVGElement): (selected: readonly string[]) => void {
  const circles = [...svg.querySelectorAll<SVGCircleElement>("g.wk-selectable circle")];
  const circleById = new Map(circles.map((c) => [c.getAttribute("data-id"), c]));
  const canvases = [...svg.querySelectorAll("foreignObject.wk-selectable")].map((o) => painters.get(o)).filter((p) => p !== undefined);
  let marked: SVGCircleElement[] = [];
  // A new layer is painted unselected: a chart setting its empty initial selection repaints nothing.
  let painted: ReadonlySet<string> | null = null;
  return (selected) => {
    // Only the selected circles change class; a class on the svg fades all others through CSS,
    // which keeps a selection fast.
    for (const dot of marked) dot.classList.remove("wk-selected");
    marked = selected.map((id) => circleById.get(id)).filter((c): c is SVGCircleElement => c !== undefined);
    for (const dot of marked) dot.classList.add("wk-selected");
    svg.classList.toggle("wk-has-selection", selected.length > 0);
    const set = selected.length > 0 ? new Set(selected) : null;
    if (set === null && painted === null) return;
    painted = set;
    for (const paint of canvases) paint(set);
  };
}

interface PaintStyle {
  r: number;
  fillOpacity: number;
  /** Everything besides the dots that decides the pixels (see dotLayer). */
  placement: string;
}

/**
 * The last unselected paintings, by list of dots: a chart drawn again with the same dots (a panel
 * a filter left alone, a filter switched back; the lists are kept by ternary.ts) puts the same
 * pixels back instead of painting tens of thousands of dots again.
 */
const paintings: {dots: readonly LayerDot[]; placement: string; image: ImageData}[] = [];
const PAINTINGS_KEPT = 6;

/**
 * Paints the dots in the pixels of the canvas (dot-raster.ts: several times faster than a canvas
 * fill per dot on a software rasteriser); with a selection, the others faded and the selected on
 * top with a black ring, drawn as paths (a selection is usually a few dots).
 */
function paintDots(
  canvas: HTMLCanvasElement, ratio: number, dots: readonly LayerDot[], px: Float64Array, py: Float64Array,
  style: PaintStyle, selected: ReadonlySet<string> | null
): void {
  const context = canvas.getContext("2d");
  if (!context) return; // no canvas support (e.g. a DOM without layout): nothing to paint
  // A kept painting replaces every pixel (putImageData ignores the transform): nothing to clear.
  const at = selected ? -1 : paintings.findIndex((p) => p.dots === dots && p.placement === style.placement);
  if (at >= 0) {
    // Most recently used first: the faint layers, the same in every view, stay while views change.
    const [known] = paintings.splice(at, 1);
    paintings.unshift(known);
    return context.putImageData(known.image, 0, 0);
  }
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.clearRect(0, 0, canvas.width, canvas.height);
  // No outline on the canvas: at thousands of dots a 0.5 px white ring is invisible and costs as
  // much as the fill.
  const {palette, colourIndex} = paletteOf(context, dots);
  const image = context.createImageData(canvas.width, canvas.height);
  rasterDots(image, {
    xs: px.map((x) => x * ratio), ys: py.map((y) => y * ratio), colourIndex, palette, radius: style.r * ratio,
    opacity: style.fillOpacity * (selected ? FADED : 1), include: selected ? (i) => !selected.has(dots[i].id) : undefined
  });
  context.putImageData(image, 0, 0);
  if (!selected) {
    paintings.unshift({dots, placement: style.placement, image});
    if (paintings.length > PAINTINGS_KEPT) paintings.pop();
    return;
  }
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  context.globalAlpha = 1;
  context.strokeStyle = "#000";
  context.lineWidth = 1.5;
  let colour = "";
  for (let i = 0; i < dots.length; i++) {
    if (!selected.has(dots[i].id)) continue;
    context.beginPath();
    context.arc(px[i], py[i], style.r, 0, 2 * Math.PI);
    // Setting fillStyle parses the colour: only when it changes.
    if (dots[i].colour !== colour) context.fillStyle = colour = dots[i].colour;
    context.fill();
    context.stroke();
  }
}

/** The dots' distinct colours as RGBA (the canvas parses each CSS colour once) and each dot's index among them. */
function paletteOf(context: CanvasRenderingContext2D, dots: readonly LayerDot[]): {palette: [number, number, number, number][]; colourIndex: Uint16Array} {
  const at = new Map<string, number>();
  const palette: [number, number, number, number][] = [];
  const colourIndex = new Uint16Array(dots.length);
  for (let i = 0; i < dots.length; i++) {
    const colour = dots[i].colour;
    let k = at.get(colour);
    if (k === undefined) {
      at.set(colour, (k = palette.length));
      palette.push(rgba(context, colour));
    }
    colourIndex[i] = k;
  }
  return {palette, colourIndex};
}

/** A CSS colour as red, green, blue 0..255 and alpha 0..1; the canvas gives it back as #rrggbb or rgba(...). */
function rgba(context: CanvasRenderingContext2D, colour: string): [number, number, number, number] {
  context.fillStyle = "#000";
  context.fillStyle = colour;
  const normal = String(context.fillStyle);
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(normal);
  if (hex) return [parseInt(hex[1], 16), parseInt(hex[2], 16), parseInt(hex[3], 16), 1];
  const parts = /^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/.exec(normal);
  if (parts) return [Number(parts[1]), Number(parts[2]), Number(parts[3]), parts[4] === undefined ? 1 : Number(parts[4])];
  throw new Error(`dot colour "${colour}" is not a colour the canvas understands (it gave "${normal}")`);
}
