// @vitest-environment jsdom
// The DOM the components build, in jsdom: story text stays text, text alternatives hold the
// numbers, and the charts' keyboard selection yields story ids as `value` with an input event.
import {describe, expect, it} from "vitest";
import {storyReader} from "../src/components/story-reader.js";
import {chartText, triadSummary} from "../src/components/chart-text.js";
import {ternaryChart} from "../src/components/ternary.js";
import {dyadChart} from "../src/components/dyad.js";
import {triadZone} from "../lib/methods/zones.js";

const HOSTILE = `Eerste regel\n<script>alert("x")</script> en <b>vet</b> & <img src=x onerror=alert(1)>`;

describe("storyReader", () => {
  const stories = [
    {story_id: "s1", title: "<i>Titel</i>", text: HOSTILE, collected_on: "2025-02-03", teller_role: "inwoner", values: {"Rol": "<b>inwoner</b>"}},
    {story_id: "s2", title: null, text: "Gewoon", teller_role: "medewerker"},
    {story_id: "s3", title: "Derde", text: "Drie"}
  ];

  it("renders story text, titles and values literally, never as HTML", () => {
    const reader = storyReader(stories);
    expect(reader.querySelectorAll("script, b, i, img")).toHaveLength(0);
    const first = reader.querySelector("article")!;
    expect(first.querySelector("h3")!.textContent).toBe("<i>Titel</i>");
    expect(first.querySelector(".wk-story-text")!.textContent).toBe(HOSTILE);
    expect(first.querySelector("dd")!.textContent).toBe("<b>inwoner</b>");
    expect(first.querySelector(".wk-story-meta")!.textContent).toBe("03-02-2025 · inwoner · verhaal s1");
    expect(reader.querySelector(".wk-story-count")!.textContent).toBe("3 verhalen");
  });

  it("pages long lists and moves focus with the arrow keys", () => {
    const reader = storyReader(stories, {limit: 2});
    document.body.append(reader);
    const ids = () => [...reader.querySelectorAll("article")].map((a) => a.getAttribute("data-story-id"));
    expect(ids()).toEqual(["s1", "s2"]);
    const [previous, next] = [...reader.querySelectorAll<HTMLButtonElement>(".wk-story-nav button")];
    expect(previous.disabled).toBe(true);
    const articles = [...reader.querySelectorAll<HTMLElement>("article")];
    expect(articles.map((a) => a.tabIndex)).toEqual([0, -1]);
    articles[0].focus();
    articles[0].dispatchEvent(new KeyboardEvent("keydown", {key: "ArrowDown", bubbles: true}));
    expect(document.activeElement).toBe(articles[1]);
    next.click();
    expect(ids()).toEqual(["s3"]);
    expect(next.disabled).toBe(true);
    expect(reader.querySelector(".wk-story-nav span")!.textContent).toBe("verhalen 3-3 van 3 (pagina 2 van 2)");
    reader.remove();
  });

  it("completes each page through `load` before showing it, and shows only the page last asked for", async () => {
    const asked: string[][] = [];
    const pending: (() => void)[] = [];
    const load = (page: readonly {story_id: string}[]) => new Promise<{story_id: string; text: string}[]>((done) => {
      asked.push(page.map((s) => s.story_id));
      pending.push(() => done(page.map((s) => ({story_id: s.story_id, text: `tekst ${s.story_id}`}))));
    });
    const reader = storyReader([{story_id: "s1"}, {story_id: "s2"}, {story_id: "s3"}], {limit: 2, load});
    const texts = () => [...reader.querySelectorAll(".wk-story-text")].map((t) => t.textContent);
    // Nothing shown until the first page has its texts; the count is there at once.
    expect(asked).toEqual([["s1", "s2"]]);
    expect(texts()).toEqual([]);
    expect(reader.getAttribute("aria-busy")).toBe("true");
    expect(reader.querySelector(".wk-story-count")!.textContent).toBe("3 verhalen");
    pending[0]();
    await new Promise((r) => setTimeout(r, 0));
    expect(texts()).toEqual(["tekst s1", "tekst s2"]);
    expect(reader.hasAttribute("aria-busy")).toBe(false);
    // Next, then back before the second page arrived: the late second page is not shown.
    const [previous, next] = [...reader.querySelectorAll<HTMLButtonElement>(".wk-story-nav button")];
    next.click();
    previous.click();
    expect(asked).toEqual([["s1", "s2"], ["s3"], ["s1", "s2"]]);
    pending[2]();
    await new Promise((r) => setTimeout(r, 0));
    pending[1]();
    await new Promise((r) => setTimeout(r, 0));
    expect(texts()).toEqual(["tekst s1", "tekst s2"]);
  });

  it("says so when there are no stories", () => {
    const reader = storyReader([]);
    expect(reader.querySelector(".wk-story-count")!.textContent).toBe("0 verhalen");
    expect(reader.querySelector("li")!.textContent).toBe("Geen verhalen om te tonen.");
    expect((reader.querySelector(".wk-story-nav") as HTMLElement).hidden).toBe(true);
  });
});

describe("chartText", () => {
  it("puts labels in as text and the numbers in tables", () => {
    const rows = [
      {story_id: "a", top: 0.7, left: 0.2, right: 0.1},
      {story_id: "b", top: 0.1, left: 0.8, right: 0.1},
      {story_id: "c", status: "na"}
    ];
    const el = chartText(triadSummary(rows, {labels: ["<b>Boven</b>", "Links<br>deel", "Rechts"]}));
    expect(el.querySelectorAll("b, br")).toHaveLength(0);
    const zoneRows = [...el.querySelectorAll("table")[0].querySelectorAll("tbody tr")].map((tr) => tr.textContent);
    expect(zoneRows[0]).toBe("Hoek “Boven”1");
    expect(zoneRows[1]).toBe("Hoek “Links deel”1");
    expect(el.querySelector(".wk-chart-counts")!.textContent).toBe("2 beantwoord, 1 niet van toepassing, 0 overgeslagen");
  });
});

describe("ternaryChart", () => {
  const rows = [
    {story_id: "a", role: "inwoner", top: 0.7, left: 0.2, right: 0.1},
    {story_id: "b", role: "inwoner", top: 0.3, left: 0.4, right: 0.3},
    {story_id: "c", role: "medewerker", top: 0.34, left: 0.33, right: 0.33},
    {story_id: "d", role: "medewerker", top: 0.1, left: 0.1, right: 0.8},
    {story_id: "e", role: "medewerker", status: "skipped"}
  ];

  it("draws one tagged dot per answered story and selects a zone from its button", () => {
    const chart = ternaryChart(rows, {width: 400, fill: "role", zoneCounts: true, centres: true, density: 5});
    const ids = [...chart.querySelectorAll("svg[data-chart=ternary] circle[data-id]")].map((c) => c.getAttribute("data-id"));
    expect(ids.sort()).toEqual(["a", "b", "c", "d"]);
    expect(chart.value).toEqual([]);
    let events = 0;
    chart.addEventListener("input", () => events++);
    const centre = chart.querySelector<HTMLButtonElement>("button[data-group='Midden']")!;
    expect(centre.textContent).toBe("Midden (2)");
    centre.click();
    const expected = rows.filter((r) => r.top !== undefined && triadZone([r.top, r.left!, r.right!]) === "Centre").map((r) => r.story_id);
    expect(chart.value).toEqual(expected);
    expect(events).toBe(1);
    expect(centre.getAttribute("aria-pressed")).toBe("true");
    expect(chart.querySelector(".wk-selection-status")!.textContent).toBe("2 verhalen gekozen: Midden.");
    const highlighted = [...chart.querySelectorAll("circle.wk-selected")].map((c) => c.getAttribute("data-id"));
    expect(highlighted.sort()).toEqual([...expected].sort());
    expect(chart.querySelector("svg[data-chart=ternary]")!.classList.contains("wk-has-selection")).toBe(true);
    centre.click(); // pressing again clears
    expect(chart.value).toEqual([]);
    expect(events).toBe(2);
  });

  it("clips density cells and regions to the drawn triangle", () => {
    const chart = ternaryChart(rows, {width: 400, density: 4, centres: true, text: false, interactive: false});
    const clipped = [...chart.querySelectorAll("g[clip-path]")];
    // One clipped group for the density cells, one for the regions.
    expect(clipped).toHaveLength(2);
    const outline = chart.querySelector("[stroke='#555'] path, path[stroke='#555']")!.getAttribute("d")!;
    for (const g of clipped) {
      const id = g.getAttribute("clip-path")!.match(/#([^)]+)/)![1];
      const clip = chart.ownerDocument.getElementById(id) ?? chart.querySelector(`[id='${id}']`);
      expect(clip).not.toBeNull();
      // The clip is the triangle: the same three corners as the drawn outline.
      const corners = (d: string) => (d.match(/-?[\d.]+,-?[\d.]+/g) ?? []).map((p) => p.split(",").map((v) => Math.round(Number(v))).join(",")).sort();
      expect(corners(clip!.querySelector("path")!.getAttribute("d")!)).toEqual(corners(outline));
      expect(g.querySelectorAll("path").length).toBeGreaterThan(0);
    }
    expect(chart.querySelector(".wk-chart-text")).toBeNull();
  });
});

describe("ternaryChart kept per list of rows", () => {
  // ternary.ts keeps a chart's data per list of rows and settings: the same rows under other
  // settings must not get the kept data back.
  const rows = [
    {story_id: "a", role: "inwoner", top: 0.7, left: 0.2, right: 0.1},
    {story_id: "b", role: "inwoner", top: 0, left: 0.5, right: 0.5},
    {story_id: "c", role: "medewerker", top: 0.3, left: 0.3, right: 0.4},
    {story_id: "d", role: "medewerker", top: 0.2, left: 0.1, right: 0.7}
  ];
  const legend = (chart: Element) => chart.querySelector("[class*='-swatches']");
  const text = (chart: Element) => chart.querySelector(".wk-chart-text")!.textContent;

  it("colours the same rows anew by another column, or not at all", () => {
    expect(legend(ternaryChart(rows, {width: 400, fill: "role"}))).not.toBeNull();
    expect(legend(ternaryChart(rows, {width: 400}))).toBeNull();
    expect(legend(ternaryChart(rows, {width: 400, fill: "role"}))).not.toBeNull();
  });

  it("summarises the same rows anew under another zero policy", () => {
    const replaced = text(ternaryChart(rows, {width: 400, centres: true, zeroPolicy: {kind: "replace", delta: 0.005}}));
    const dropped = text(ternaryChart(rows, {width: 400, centres: true, zeroPolicy: {kind: "drop", delta: 0.005}}));
    expect(dropped).not.toBe(replaced);
    expect(text(ternaryChart(rows, {width: 400, centres: true, zeroPolicy: {kind: "replace", delta: 0.005}}))).toBe(replaced);
  });
});

describe("dyadChart", () => {
  it("selects a band from the keyboard", () => {
    const rows = [0.05, 0.1, 0.5, 0.95].map((position, i) => ({story_id: `d${i}`, position}));
    const chart = dyadChart(rows, {width: 500, poles: ["Links", "Rechts"]});
    const button = chart.querySelector<HTMLButtonElement>("button[data-group='Vak 0-20%']")!;
    button.click();
    expect(chart.value).toEqual(["d0", "d1"]);
    expect(chart.querySelectorAll("circle[data-id]")).toHaveLength(4);
  });
});
