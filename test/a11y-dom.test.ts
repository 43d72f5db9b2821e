// @vitest-environment jsdom
// src/components/a11y.ts in jsdom: Plot's layer names are gone and a named chart is one image,
// Inputs.table's selection inputs are named after their rows (also rows drawn again after a
// sort), and Inputs.range's slider gets the range's label. The browser test
// (test/browser/analyst-a11y.test.ts) runs axe-core on the built pages.
import * as Plot from "@observablehq/plot";
// @ts-expect-error: @observablehq/inputs ships no type declarations
import * as Inputs from "@observablehq/inputs";
import {describe, expect, it} from "vitest";
import {labelControls, labelTableRows, plot} from "../src/components/a11y.js";

const nextTask = () => new Promise((ok) => setTimeout(ok, 0));

describe("plot", () => {
  const data = [{x: 1, y: 2}, {x: 2, y: 3}];

  it("Plot itself names its layer groups, which ARIA forbids (the reason for the helper)", () => {
    const raw = Plot.plot({marks: [Plot.dot(data, {x: "x", y: "y"}), Plot.ruleY([0])], document});
    expect([...raw.querySelectorAll("g[aria-label]")].map((g) => g.getAttribute("aria-label"))).toEqual(expect.arrayContaining(["dot", "rule"]));
  });

  it("keeps the chart's name on the svg as an image and drops the groups' names", () => {
    const svg = plot({ariaLabel: "Twee stippen", ariaDescription: "Van 2 naar 3", marks: [Plot.dot(data, {x: "x", y: "y", className: "wk-selectable"}), Plot.ruleY([0])], document});
    expect(svg.getAttribute("role")).toBe("img");
    expect(svg.getAttribute("aria-label")).toBe("Twee stippen");
    expect(svg.getAttribute("aria-description")).toBe("Van 2 naar 3");
    expect(svg.querySelectorAll("[aria-label]:not(svg), [aria-description]:not(svg)")).toHaveLength(0);
    // What the pages select on stays: the dots' class and circles.
    expect(svg.querySelectorAll("g.wk-selectable circle")).toHaveLength(2);
  });

  it("with a legend: the svg inside the figure is the named image", () => {
    const figure = plot({ariaLabel: "Per groep", color: {legend: true}, marks: [Plot.dot([{x: 1, g: "a"}, {x: 2, g: "b"}], {x: "x", fill: "g"})], document});
    expect(figure.localName).toBe("figure");
    const named = [...figure.querySelectorAll("svg[role='img']")];
    expect(named.map((s) => s.getAttribute("aria-label"))).toEqual(["Per groep"]);
    expect(figure.querySelectorAll("g[aria-label]")).toHaveLength(0);
  });
});

describe("labelTableRows", () => {
  const rows = ["appel", "peer", "kers", "pruim"].map((fruit, i) => ({fruit, n: 4 - i}));

  it("names every row's radio after its row, also after a sort redraws them", async () => {
    const table = labelTableRows(Inputs.table(rows, {multiple: false, required: false}) as HTMLElement, rows, (r) => `Kies ${r.fruit}`);
    document.body.append(table);
    const names = () => [...table.querySelectorAll("tbody input")].map((i) => i.getAttribute("aria-label"));
    expect(table.querySelectorAll("tbody input[type=radio]")).toHaveLength(4);
    expect(names()).toEqual(["Kies appel", "Kies peer", "Kies kers", "Kies pruim"]);
    expect(table.querySelector("thead input")!.getAttribute("aria-label")).toBe("Alle rijen kiezen");
    // Sorting on n (ascending) draws the rows again in the opposite order. (The table scrolls to
    // its top first; jsdom has no layout and no scrollTo.)
    Element.prototype.scrollTo ??= () => {};
    (table.querySelectorAll("thead th")[2] as HTMLElement).click();
    await nextTask();
    expect(names()).toEqual(["Kies pruim", "Kies kers", "Kies peer", "Kies appel"]);
    // The names follow the rows: the input named "Kies kers" selects kers.
    const kers = table.querySelector<HTMLInputElement>("tbody input[aria-label='Kies kers']")!;
    kers.click();
    expect((table as unknown as {value: {fruit: string}}).value.fruit).toBe("kers");
    table.remove();
  });
});

describe("labelControls", () => {
  it("names Inputs.range's slider after the range's label and leaves the number box its own label", () => {
    const range = labelControls(Inputs.range([1, 10], {label: "Over hoeveel jaar", value: 5, step: 1}) as HTMLElement);
    document.body.append(range);
    const slider = range.querySelector<HTMLInputElement>("input[type=range]")!;
    const box = range.querySelector<HTMLInputElement>("input[type=number]")!;
    expect(slider.getAttribute("aria-label")).toBe("Over hoeveel jaar");
    expect(box.hasAttribute("aria-label")).toBe(false);
    expect(box.labels?.[0]?.textContent).toBe("Over hoeveel jaar");
    range.remove();
  });
});
