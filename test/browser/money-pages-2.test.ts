import {readFileSync} from "node:fs";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {cellErrors, openSite, visit, type Site} from "./harness.js";
import {ensureModel} from "../../lib/workspace.js";
import {openModel} from "../../lib/model/queries/model.js";

// Interaction on /geld/capaciteit, /geld/vergelijking, /geld/warm-koud and /geld/eigen-trajecten of the built site
// (WARMKOUD_DIST, default dist/). Engine pages may take long to start on a busy machine.
let site: Site;
beforeAll(async () => { site = await openSite(process.env.WARMKOUD_DIST ?? "dist"); });
afterAll(async () => { await site?.close(); });

const config = JSON.parse(readFileSync(new URL("../../config/capaciteit.json", import.meta.url), "utf8")) as {case_types: {type: string; label: string; hours_per_case: number}[]};

describe("money pages 2", () => {
  it("capacity calculator recomputes FTE from the formula when inputs change", async () => {
    const v = await visit(site, "/geld/capaciteit");
    const {page} = v;
    await page.waitForSelector("table[data-table=per-type] tbody tr", {timeout: 60_000});
    await page.getByLabel("Productieve uren per fte per jaar").fill("1000");
    const changed = config.case_types.find((t) => t.type === "wmo-begeleiding")!;
    await page.getByLabel(changed.label).fill("33");
    await page.waitForFunction(() => document.querySelector("table[data-table=per-type] tr[data-type=wmo-begeleiding]")?.getAttribute("data-hours-per-case") === "33");
    const lines = await page.$$eval("table[data-table=per-type] tbody tr", (trs) => trs.map((tr) => ({type: tr.getAttribute("data-type")!, cases: Number(tr.getAttribute("data-cases"))})));
    expect(lines.length).toBeGreaterThan(0);
    // The formula, computed here: sum of cases x hours per case (config, one changed to 33) / 1000.
    const hours = (type: string) => (type === changed.type ? 33 : config.case_types.find((t) => t.type === type)!.hours_per_case);
    const expected = lines.reduce((s, l) => s + l.cases * hours(l.type), 0) / 1000;
    const shown = Number(await page.getAttribute("[data-fte-now]", "data-fte-now"));
    expect(shown).toBeCloseTo(expected, 6);
    expect(await cellErrors(page)).toEqual([]);
    expect(v.pageErrors).toEqual([]);
    await page.close();
  });

  it("peers page shows an index of 100 in the base year, provisional years marked", async () => {
    const v = await visit(site, "/geld/vergelijking");
    const {page} = v;
    await page.waitForSelector("table[data-table=index] tbody tr", {timeout: 60_000});
    const rows = await page.$$eval("table[data-table=index] tbody tr", (trs) => trs.map((tr) => ({year: Number(tr.getAttribute("data-year")), index: tr.getAttribute("data-index-own"), head: tr.querySelector("th")!.textContent})));
    const base = Number(await page.$eval("[data-input=base-year] select", (s) => (s as HTMLSelectElement).selectedOptions[0].textContent));
    expect(Number(rows.find((r) => r.year === base)!.index)).toBeCloseTo(100, 9);
    // Changing the base year moves the 100.
    const other = rows[rows.length - 1].year;
    await page.selectOption("[data-input=base-year] select", {label: String(other)});
    await page.waitForFunction((y) => Number(document.querySelector(`table[data-table=index] tr[data-year="${y}"]`)?.getAttribute("data-index-own")) === 100, other);
    expect(rows.some((r) => r.head?.includes("*"))).toBe(true);
    expect(await cellErrors(page)).toEqual([]);
    await page.close();
  });

  it("warm-koud page shows the groups with n", async () => {
    const v = await visit(site, "/geld/warm-koud", {timeout: 90_000});
    const {page} = v;
    await page.waitForSelector("table[data-table=groups] tbody tr", {timeout: 90_000});
    const groups = await page.$$eval("table[data-table=groups] tbody tr", (trs) => trs.map((tr) => ({group: tr.getAttribute("data-group"), n: Number(tr.getAttribute("data-n"))})));
    expect(groups.map((g) => g.group)).toEqual(["tweede lijn voorkomen", "tweede lijn nog nodig"]);
    expect(groups.every((g) => g.n > 0)).toBe(true);
    expect(await page.textContent("[data-text=links]")).toMatch(/geen casusnummer/);
    // The cases without a cost band are named and counted (no second line in view; a request without a price).
    const noBand = (await page.textContent("[data-text=no-band]"))!;
    const noSecondLine = await page.getAttribute("[data-text=no-band]", "data-no-second-line-cases");
    expect(noBand).toMatch(/geen tweede lijn in beeld/);
    expect(noBand).toMatch(/zonder prijs/);
    expect(noBand).toContain(`${noSecondLine} casus`);
    expect(await cellErrors(page)).toEqual([]);
    await page.close();
  });

  it("warm-koud and eigen-trajecten fetch story texts only when the reader opens, then show the model's texts", async () => {
    // Expected texts and case numbers straight from the model the build read (not from the page's data).
    const model = await openModel(process.env.WARMKOUD_MODEL ?? (await ensureModel()));
    const story = async (id: string) => (await model.rows<{text: string | null; case_ref: string | null}>(
      `SELECT t.text, s.case_ref FROM stories s LEFT JOIN story_texts t USING (story_id) WHERE s.story_id = '${id.replace(/'/g, "''")}'`))[0];
    try {
      for (const path of ["/geld/warm-koud", "/geld/eigen-trajecten"]) {
        const {page, firstChartMs} = await visit(site, path, {timeout: 90_000});
        expect(firstChartMs, path).not.toBeNull();
        // Texts come from data/geld2/verhaalteksten/ (an index and 16 shards, lib/site/story-answers.ts).
        const textFiles = () => page.evaluate(() => performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname).filter((p) => p.includes("/verhaalteksten/")));
        const fetchedTexts = async () => (await textFiles()).length > 0;
        expect(await fetchedTexts(), `${path}: texts before the reader opens`).toBe(false);
        await page.getByRole("button", {name: "Verhalen lezen"}).click();
        const articles = page.locator(".wk-story-reader article");
        await articles.first().waitFor({timeout: 60_000});
        expect(await fetchedTexts()).toBe(true);
        // The first page needs the index and the shards of its ten stories, not every text.
        const shards = (await textFiles()).filter((p) => !p.includes("/index."));
        expect(shards.length, `${path}: text shards fetched for the first page`).toBeGreaterThan(0);
        expect(shards.length, `${path}: text shards fetched for the first page`).toBeLessThan(16);
        // Without a selection the reader holds every story of the groups.
        const count = Number((await page.textContent(".wk-story-reader .wk-story-count"))!.replace(/\D/g, ""));
        if (path === "/geld/warm-koud") {
          const n = await page.$$eval("table[data-table=groups] tbody tr", (trs) => trs.reduce((s, tr) => s + Number(tr.getAttribute("data-n")), 0));
          expect(count).toBe(n);
        } else {
          expect(count).toBeGreaterThan(0);
        }
        for (const article of (await articles.all()).slice(0, 3)) {
          const id = (await article.getAttribute("data-story-id"))!;
          const expected = await story(id);
          expect(await article.locator(".wk-story-text").textContent(), `${path}: text of ${id}`).toBe(expected.text ?? "");
          if (path === "/geld/warm-koud") expect(await article.locator("dd").nth(1).textContent(), `${path}: case of ${id}`).toBe(expected.case_ref);
        }
        expect(await cellErrors(page)).toEqual([]);
        await page.close();
      }
    } finally {
      model.close();
    }
  }, 240_000);
});
