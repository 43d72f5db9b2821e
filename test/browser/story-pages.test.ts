/**
 * The story pages in headless Chromium against the built site: brushing a region of a triad opens
 * exactly the stories whose dots lie in it, a filter lands in the URL and survives a reload, the dyad
 * page's first view gives way to its charts and a filter shows all stories faintly behind, and an
 * export dropped on /verhalen/eigen-export is parsed in the page, charted and read as plain text.
 */
import {readFileSync, readdirSync} from "node:fs";
import {join} from "node:path";
import {DuckDBInstance} from "@duckdb/node-api";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {cellErrors, DIST, openSite, visit, type Site} from "./harness.js";

let site: Site;
beforeAll(async () => { site = await openSite(); });
afterAll(async () => { await site?.close(); });

const SLOW = {timeout: 90_000};
// The page's own panels, not the preview drawn before the engine has started.
const PANELS = ".wk-panels:not(.wk-preview)";
const READER_COUNT = ".wk-story-reader .wk-story-count";

/** The model table as the site serves it (Framework adds a content hash to the name). */
function servedParquet(table: string): string {
  const dir = join(DIST, "_file", "data", "model");
  const name = readdirSync(dir).find((f) => f.startsWith(`${table}.`) && f.endsWith(".parquet"));
  if (!name) throw new Error(`${table}.parquet not in ${dir}`);
  return join(dir, name);
}

/** Answered dots of the first triad (by position) told by residents, counted by DuckDB in Node. */
async function residentDotsInModel(): Promise<number> {
  const db = await DuckDBInstance.create(":memory:");
  const c = await db.connect();
  const src = (t: string) => `read_parquet('${servedParquet(t)}')`;
  const reader = await c.runAndReadAll(`
    WITH first_triad AS (SELECT signifier_id FROM ${src("signifiers")} WHERE type = 'triad' ORDER BY position, signifier_id LIMIT 1)
    SELECT count(*)::INTEGER AS n FROM ${src("triad_answers")} a JOIN ${src("stories")} s USING (story_id)
    WHERE a.signifier_id = (SELECT signifier_id FROM first_triad) AND a.status = 'answered' AND s.teller_role = 'inwoner'`);
  const n = Number(reader.getRowObjects()[0].n);
  c.closeSync();
  return n;
}

describe("/verhalen/triaden", () => {
  it("brushing a region lists as many stories as there are dots in it", async () => {
    const v = await visit(site, "/verhalen/triaden", {timeout: 90_000});
    const {page} = v;
    await page.setViewportSize({width: 1200, height: 900});
    const panel = page.locator(PANELS + " section").first().locator("svg[data-chart='ternary']");
    await panel.waitFor(SLOW);
    // Brush only once the page has drawn everything (a later redraw would replace the chart).
    await page.waitForFunction(() => Number(document.body.dataset.renderCount) >= 1, undefined, SLOW);
    await page.waitForLoadState("networkidle");
    const dots = panel.locator("g.wk-selectable circle");
    expect(await dots.count()).toBe(await residentDotsInModel());

    // Brush the lower half of the triangle, where most stories lie (mouse coordinates are the viewport's).
    await panel.scrollIntoViewIfNeeded();
    const box = (await panel.boundingBox())!;
    const [x0, y0, x1, y1] = [box.x + box.width * 0.05, box.y + box.height * 0.45, box.x + box.width * 0.95, box.y + box.height * 0.88];
    // The same rule as the brush: a dot counts when its centre lies in the rectangle.
    const expected = await dots.evaluateAll((circles, [a, b, c, d]) => circles.filter((el) => {
      const r = el.getBoundingClientRect();
      const cx = r.x + r.width / 2;
      const cy = r.y + r.height / 2;
      return cx >= a && cx <= c && cy >= b && cy <= d;
    }).length, [x0, y0, x1, y1]);
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(await dots.count());

    // The drag must start on the chart's brush layer, not on something drawn over it.
    expect(await page.evaluate(([x, y]) => document.elementFromPoint(x, y)?.closest(".wk-brush") !== null, [x0, y0])).toBe(true);
    await page.mouse.move(x0, y0);
    await page.mouse.down();
    await page.mouse.move(x1, y1, {steps: 8});
    await page.mouse.up();
    await expect.poll(() => page.locator(READER_COUNT).textContent(), SLOW).toBe(`${expected} verhalen`);
    expect(await page.locator(".wk-story-reader article").count()).toBe(Math.min(10, expected));
    expect(v.pageErrors).toEqual([]);
    expect(v.foreignRequests).toEqual([]);
    expect(await cellErrors(page)).toEqual([]);
    await page.close();
  }, 300_000);

  it("keeps a filter in the URL and restores it on reload", async () => {
    const v = await visit(site, "/verhalen/triaden", {timeout: 90_000});
    const {page} = v;
    await page.locator(PANELS).waitFor(SLOW);
    const renders = Number(await page.evaluate(() => document.body.dataset.renderCount));
    expect(renders).toBeGreaterThan(0);
    await page.getByRole("checkbox", {name: "medewerker"}).uncheck();
    await page.waitForFunction(() => new URLSearchParams(location.search).getAll("rol").join() === "inwoner", undefined, SLOW);
    // Only residents are left: one panel, and the page was drawn again.
    await page.waitForFunction((n) => Number(document.body.dataset.renderCount) > n, renders, SLOW);
    const summary = await page.locator(".wk-filter-summary").textContent();
    expect(summary).toMatch(/verteller: inwoner/);

    const url = page.url();
    await page.goto(url);
    await page.locator(PANELS).waitFor(SLOW);
    expect(await page.getByRole("checkbox", {name: "medewerker"}).isChecked()).toBe(false);
    expect(await page.getByRole("checkbox", {name: "inwoner"}).isChecked()).toBe(true);
    expect(await page.locator(".wk-filter-summary").textContent()).toBe(summary);
    expect(await page.locator(PANELS + " section").count()).toBe(1);
    await page.close();
  }, 300_000);
});

/** Answered dots of the first dyad (by position) with a teller role, counted by DuckDB in Node. */
async function dyadDotsInModel(): Promise<number> {
  const db = await DuckDBInstance.create(":memory:");
  const c = await db.connect();
  const src = (t: string) => `read_parquet('${servedParquet(t)}')`;
  const reader = await c.runAndReadAll(`
    WITH first_dyad AS (SELECT signifier_id FROM ${src("signifiers")} WHERE type = 'dyad' ORDER BY position, signifier_id LIMIT 1)
    SELECT count(*)::INTEGER AS n FROM ${src("dyad_answers")} a JOIN ${src("stories")} s USING (story_id)
    WHERE a.signifier_id = (SELECT signifier_id FROM first_dyad) AND a.status = 'answered' AND s.teller_role IS NOT NULL`);
  const n = Number(reader.getRowObjects()[0].n);
  c.closeSync();
  return n;
}

describe("/verhalen/dyaden", () => {
  it("replaces its first view by the page's charts, and with a filter draws every story faintly behind the subset", async () => {
    const v = await visit(site, "/verhalen/dyaden", SLOW);
    const {page} = v;
    await page.waitForFunction(() => Number(document.body.dataset.renderCount) >= 1, undefined, SLOW);
    expect(await page.locator(".wk-preview").count()).toBe(0);
    // Dots of the first dyad chart: coloured (the filtered stories) and grey (#999, all stories).
    const dots = () => page.evaluate(() => {
      const svg = document.querySelector("main section svg[class^='plot-']")!;
      const fills = [...svg.querySelectorAll("circle")].map((c) => c.getAttribute("fill"));
      return {grey: fills.filter((f) => f === "#999").length, coloured: fills.filter((f) => f !== "#999").length};
    });
    const all = await dyadDotsInModel();
    expect(await dots()).toEqual({grey: 0, coloured: all});

    const renders = Number(await page.evaluate(() => document.body.dataset.renderCount));
    const domain = page.locator("[data-filter]").getByLabel("Domein", {exact: true});
    const first = (await domain.locator("option").allTextContents()).find((t) => t !== "alle domeinen")!;
    await domain.selectOption({label: first});
    await page.waitForFunction((n) => Number(document.body.dataset.renderCount) > n, renders, SLOW);
    const filtered = await dots();
    // Both roles still tell stories in the domain, so both rows hold every story of their role.
    expect(filtered.grey).toBe(all);
    expect(filtered.coloured).toBeGreaterThan(0);
    expect(filtered.coloured).toBeLessThan(all);
    expect(v.pageErrors).toEqual([]);
    expect(await cellErrors(page)).toEqual([]);
    await page.close();
  }, 300_000);
});

describe("/verhalen/eigen-export", () => {
  it("reads a dropped generic story CSV in the page, charts it, and shows HTML in a story as text", async () => {
    const example = readFileSync(new URL("../../examples/verhalen-generiek.csv", import.meta.url), "utf8");
    const header = example.split("\n")[0];
    const html = "<b>vet</b> <script>window.__wkInjected = 1</script> & <img src=x onerror=\"window.__wkInjected = 2\">";
    // One extra story whose text holds HTML, in the example's own columns (";"-separated).
    const extra = header.split(";").map((column) => ({
      verhaal_id: "v999", datum: "01-04-2025", verteller: "inwoner", titel: "Met <i>HTML</i>",
      tekst: `"${html.replaceAll('"', '""')}"`
    })[column] ?? "").join(";");
    const csv = `${example.trimEnd()}\n${extra}\n`;
    const stories = 1 + (example.match(/^v\d{3};/gm) ?? []).length;

    const v = await visit(site, "/verhalen/eigen-export", {timeout: 5_000});
    const {page} = v;
    await page.locator(".wk-export-picker input[type=file]").waitFor(SLOW);
    await page.locator(".wk-export-picker input[type=file]").setInputFiles({name: "mijn-verhalen.csv", mimeType: "text/csv", buffer: Buffer.from(csv)});
    await page.locator("svg[data-chart='ternary']").first().waitFor(SLOW);
    await page.waitForFunction(([sel, n]) => document.querySelector(sel)?.textContent === `${n} verhalen`, [READER_COUNT, stories] as const, SLOW);
    expect(await page.locator(".wk-read-report").textContent()).toContain(`${stories} verhalen ingelezen`);

    const article = page.locator(".wk-story-reader article[data-story-id='v999']");
    expect(await article.locator(".wk-story-text").textContent()).toBe(html);
    expect(await article.locator("h3").textContent()).toBe("Met <i>HTML</i>");
    expect(await article.locator("b, i, script, img").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as {__wkInjected?: number}).__wkInjected)).toBeUndefined();
    expect(v.pageErrors).toEqual([]);
    expect(v.foreignRequests).toEqual([]);
    expect(await cellErrors(page)).toEqual([]);
    await page.close();
  }, 300_000);
});

describe("charts with thousands of dots", () => {
  it("paints them on a canvas that selects, highlights and counts like the SVG dots", async () => {
    // 2,000 stories in four known places; zones by methods.md (a corner at 60% or more, the centre
    // when no part reaches 60% and no two lie between 20% and 60%): 700 top, 500 left, 400 right, 400 centre.
    const places: [number, [number, number, number]][] = [[700, [80, 10, 10]], [500, [10, 80, 10]], [400, [10, 10, 80]], [400, [34, 33, 33]]];
    const lines = ["verhaal_id;datum;verteller;titel;tekst;triade:nadruk:boven;triade:nadruk:links;triade:nadruk:rechts"];
    let n = 0;
    for (const [count, [top, left, right]] of places) {
      for (let i = 0; i < count; i++, n++) lines.push(`g${String(n).padStart(5, "0")};01-03-2025;inwoner;Verhaal ${n};Tekst ${n};${top};${left};${right}`);
    }
    // No viewport change here: the page would redraw its file picker, and a file given to the old one is lost.
    const v = await visit(site, "/verhalen/eigen-export", {timeout: 5_000});
    const {page} = v;
    await page.locator(".wk-export-picker input[type=file]").waitFor(SLOW);
    // The example delivery's charts first (its engine started), as when an analyst picks a file.
    await page.waitForFunction(() => Number(document.body.dataset.renderCount) >= 1, undefined, SLOW);
    await page.locator(".wk-export-picker input[type=file]").setInputFiles({name: "veel.csv", mimeType: "text/csv", buffer: Buffer.from(lines.join("\n") + "\n")});
    await page.waitForFunction(([sel, text]) => document.querySelector(sel)?.textContent === text, [READER_COUNT, `${(2000).toLocaleString("nl-NL")} verhalen`] as const, SLOW);
    const chart = page.locator(".wk-ternary").first();
    const layer = chart.locator("svg[data-chart='ternary'] foreignObject.wk-dot-canvas.wk-selectable");
    expect(await layer.getAttribute("data-dots")).toBe("2000");
    expect(await chart.locator("svg[data-chart='ternary'] g.wk-selectable circle").count()).toBe(0);

    const image = () => layer.locator("canvas").evaluate((c) => (c as HTMLCanvasElement).toDataURL());
    const painted = await image();
    // Something is painted: a blank canvas of the same size serialises differently.
    expect(painted).not.toBe(await layer.locator("canvas").evaluate((c) => {
      const blank = document.createElement("canvas");
      blank.width = (c as HTMLCanvasElement).width;
      blank.height = (c as HTMLCanvasElement).height;
      return blank.toDataURL();
    }));

    const zone = (label: string) => chart.locator(".wk-selection-buttons button", {hasText: label});
    expect(await zone("Hoek “boven”").textContent()).toContain("(700)");
    expect(await zone("Hoek “links”").textContent()).toContain("(500)");
    expect(await zone("Hoek “rechts”").textContent()).toContain("(400)");
    expect(await zone("Midden").textContent()).toContain("(400)");
    await zone("Hoek “links”").click();
    await page.waitForFunction(([sel]) => document.querySelector(sel)?.textContent === "500 verhalen", [READER_COUNT] as const, SLOW);
    const highlighted = await image();
    expect(highlighted).not.toBe(painted); // the others faded, the chosen ringed
    await chart.locator(".wk-selection-buttons button", {hasText: "Wis keuze"}).click();
    await page.waitForFunction(() => document.querySelector(".wk-ternary .wk-selection-status")?.textContent === "Geen verhalen gekozen.", undefined, SLOW);
    expect(await image()).toBe(painted);

    // A brush over the whole triangle takes every dot, as with SVG dots (the drag starts inside the
    // plot area, where the brush is; the chart's margins are 46 top, 18 sides, 40 bottom).
    const svg = chart.locator("svg[data-chart='ternary']");
    await svg.scrollIntoViewIfNeeded();
    const box = (await svg.boundingBox())!;
    await page.mouse.move(box.x + 20, box.y + 48);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width - 5, box.y + box.height - 5, {steps: 8});
    await page.mouse.up();
    await page.waitForFunction(() => document.querySelector(".wk-ternary .wk-selection-status")?.textContent?.startsWith(`${(2000).toLocaleString("nl-NL")} verhalen gekozen`), undefined, SLOW);
    expect(v.pageErrors).toEqual([]);
    expect(await cellErrors(page)).toEqual([]);
    await page.close();
  }, 300_000);
});
