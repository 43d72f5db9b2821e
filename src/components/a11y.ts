/**
 * Accessibility of what Observable Plot and Observable Inputs draw (WCAG 2.1 AA, issue 6), fixed
 * once here instead of on every page:
 * - Plot names each layer <g> with aria-label ("dot", "rule", "tip"), which ARIA forbids on an
 *   element without a role (axe: aria-prohibited-attr). `plot` and `accessibleChart` drop those
 *   names and make a named chart one image (role="img" with its aria-label and aria-description):
 *   the page's text and the table beside the chart carry the numbers. Pointer events are left
 *   alone, so brushing and tips work as before.
 * - Inputs.table gives its selection checkboxes and radios no label: `labelTableRows` names each
 *   after its row. (A table nobody selects from takes `select: false` and has no such column.)
 * - Inputs.range labels only its number box: `labelControls` names the slider after the label.
 */
import * as Plot from "@observablehq/plot";

/** Plot options with the chart's name required: a chart without a name is an unnamed image. */
export type NamedPlotOptions = Plot.PlotOptions & {ariaLabel: string};

/** Plot.plot, then `accessibleChart`. */
export function plot(options: NamedPlotOptions): ReturnType<typeof Plot.plot> {
  return accessibleChart(Plot.plot(options));
}

/**
 * Drops the ARIA names Plot puts on elements that may not carry one, and gives every svg with a
 * name role="img". `chart` is an svg or an element holding svgs (a Plot figure with a legend).
 */
export function accessibleChart<T extends Element>(chart: T): T {
  const svgs = chart.localName === "svg" ? [chart] : [...chart.querySelectorAll("svg")];
  for (const svg of svgs) {
    for (const node of svg.querySelectorAll("[aria-label], [aria-description]")) {
      // A link (Plot's href channel) or an element with its own role may keep its name.
      if (node.localName === "a" || node.hasAttribute("role") || node.localName === "svg") continue;
      node.removeAttribute("aria-label");
      node.removeAttribute("aria-description");
    }
    if (svg.hasAttribute("aria-label") || svg.hasAttribute("aria-labelledby")) svg.setAttribute("role", "img");
  }
  return chart;
}

/**
 * Names the selection checkbox or radio of every row of an Inputs.table after `label(row)`,
 * also for the rows the table adds later (it appends rows while scrolling and redraws them when
 * sorted). `data` is the array the table was made from: a row's input holds its index in it.
 * The header checkbox is named too ("Alle rijen kiezen").
 */
export function labelTableRows<T extends Element, R>(table: T, data: readonly R[], label: (row: R) => string): T {
  const name = () => {
    const all = table.querySelector("thead input");
    if (all && !all.hasAttribute("aria-label")) all.setAttribute("aria-label", "Alle rijen kiezen");
    for (const input of table.querySelectorAll<HTMLInputElement>("tbody input")) {
      const row = data[Number(input.value)];
      if (row !== undefined) input.setAttribute("aria-label", label(row));
    }
  };
  name();
  const body = table.querySelector("tbody");
  if (body) new MutationObserver(name).observe(body, {childList: true});
  return table;
}

/**
 * Gives every input, select and textarea in an Inputs widget that has no label of its own the
 * text of the widget's label as its name (Inputs.range: the slider beside the number box).
 */
export function labelControls<T extends Element>(widget: T): T {
  const text = widget.querySelector("label")?.textContent?.trim();
  if (!text) return widget;
  for (const control of widget.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>("input, select, textarea")) {
    if (control.labels?.length || control.hasAttribute("aria-label") || control.hasAttribute("aria-labelledby")) continue;
    control.setAttribute("aria-label", text);
  }
  return widget;
}
