/**
 * WCAG 2.1 A/AA on the analyst site (issue 6): axe-core finds no violation on any page of the
 * build once its charts are drawn, and the story pages work by keyboard alone: a filter of the
 * filter bar is changed and cleared, a group of stories is chosen with a chart's buttons, and the
 * story reader moves between stories with the arrow keys and pages with its buttons.
 * axe-core comes from node_modules and is evaluated in the page, as in public-report.test.ts.
 */
import {readFileSync} from "node:fs";
import {createRequire} from "node:module";
import type {Locator, Page} from "playwright-core";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {builtPages, cellErrors, openSite, visit, type Site} from "./harness.js";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const WCAG21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const SLOW = {timeout: 90_000};

let site: Site;
beforeAll(async () => { site = await openSite(); });
afterAll(async () => { await site?.close(); });

/**
 * Waits until a page has drawn everything: the network idle, the story pages' render counter
 * (filters.ts markRendered) at 1 or more, then no change to the DOM for a second (at most 30 s).
 */
async function settled(page: Page, path: string): Promise<void> {
  await page.waitForLoadState("networkidle");
  if (path.startsWith("/verhalen/")) {
    await page.waitForFunction(() => Number(document.body.dataset.renderCount) >= 1, undefined, SLOW);
  }
  await page.evaluate(() => new Promise<void>((done) => {
    let observer: MutationObserver | null = null;
    const finish = () => { observer?.disconnect(); clearTimeout(cap); done(); };
    let quiet = setTimeout(finish, 1000);
    const cap = setTimeout(finish, 30_000);
    observer = new MutationObserver(() => { clearTimeout(quiet); quiet = setTimeout(finish, 1000); });
    observer.observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});
  }));
}

/** axe-core's WCAG 2.1 A/AA violations in the page (or under `selector`), one line each: id, help, targets. */
async function axeViolations(page: Page, selector?: string): Promise<string[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async ([tags, within]) => {
    type Result = {violations: {id: string; help: string; nodes: {target: string[]}[]}[]};
    const axe = (window as unknown as {axe: {run(context: unknown, options: unknown): Promise<Result>}}).axe;
    const result = await axe.run(within ? {include: [within]} : document, {runOnly: {type: "tag", values: tags}});
    return result.violations.map((v) => ({id: v.id, help: v.help, targets: v.nodes.map((n) => n.target.join(" "))}));
  }, [WCAG21_AA, selector ?? null] as const);
  return violations.map((v) => `${v.id}: ${v.help} (${v.targets.length}x: ${v.targets.slice(0, 5).join(" | ")})`);
}

/** Presses Tab until `target` has the focus; fails after `max` presses (it is not reachable). */
async function tabTo(page: Page, target: Locator, max = 400): Promise<number> {
  for (let presses = 1; presses <= max; presses++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((el) => el === document.activeElement)) return presses;
  }
  throw new Error(`not reached with ${max} presses of Tab: ${target}`);
}

const focusedStory = (page: Page) => page.evaluate(() => document.activeElement?.closest("article")?.getAttribute("data-story-id") ?? null);
const renders = (page: Page) => page.evaluate(() => Number(document.body.dataset.renderCount ?? 0));

describe("axe-core on every page of the analyst build", () => {
  const pages = builtPages();

  it("the build holds the analyst pages", () => {
    expect(pages).toEqual(expect.arrayContaining(["/", "/verhalen/triaden", "/verhalen/patronen", "/geld/besparing", "/geld/capaciteit"]));
  });

  it("the check can fail: an unlabelled control is reported", async () => {
    const v = await visit(site, "/geld/capaciteit", SLOW);
    await v.page.evaluate(() => document.querySelector("main")!.append(Object.assign(document.createElement("input"), {type: "checkbox", id: "wk-unlabelled"})));
    expect((await axeViolations(v.page)).some((line) => line.startsWith("label:") && line.includes("#wk-unlabelled"))).toBe(true);
    await v.page.close();
  });

  for (const path of pages) {
    it(`${path}: no WCAG 2.1 A/AA violation once drawn`, async () => {
      const v = await visit(site, path, SLOW);
      expect(v.firstChartMs, `${path}: a chart`).not.toBeNull();
      await settled(v.page, path);
      expect(v.pageErrors, `${path}: page errors`).toEqual([]);
      expect(await cellErrors(v.page), `${path}: cell errors`).toEqual([]);
      expect(await axeViolations(v.page), `${path}: axe-core violations`).toEqual([]);
      await v.page.close();
    }, 300_000);
  }
});

describe("/verhalen/triaden by keyboard only", () => {
  it("a filter is changed and cleared with Tab, Space and Enter", async () => {
    const v = await visit(site, "/verhalen/triaden", SLOW);
    const {page} = v;
    await settled(page, "/verhalen/triaden");
    const staff = page.getByRole("checkbox", {name: "medewerker"});
    expect(await staff.isChecked()).toBe(true);

    await tabTo(page, staff);
    const before = await renders(page);
    await page.keyboard.press("Space");
    await page.waitForFunction(() => new URLSearchParams(location.search).getAll("rol").join() === "inwoner", undefined, SLOW);
    await page.waitForFunction((n) => Number(document.body.dataset.renderCount) > n, before, SLOW);
    expect(await staff.isChecked()).toBe(false);
    expect(await page.locator(".wk-filter-summary").textContent()).toMatch(/verteller: inwoner/);

    // On from the checkbox to the bar's reset button.
    const reset = page.getByRole("button", {name: "Wis alle filters"});
    await tabTo(page, reset, 50);
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => !new URLSearchParams(location.search).has("rol"), undefined, SLOW);
    expect(await staff.isChecked()).toBe(true);
    expect(v.pageErrors).toEqual([]);
    await page.close();
  }, 300_000);

  it("a zone button chooses stories and the reader moves and pages by keyboard", async () => {
    const v = await visit(site, "/verhalen/triaden", SLOW);
    const {page} = v;
    await settled(page, "/verhalen/triaden");
    // The zone (or corner) of the first panel with the most stories; paging needs more than 10.
    const buttons = page.locator(".wk-panels section").first().locator(".wk-selection-buttons button[data-group]");
    const counts = (await buttons.allTextContents()).map((t) => Number(/\((\d+)\)\s*$/.exec(t)?.[1] ?? 0));
    const n = Math.max(...counts);
    expect(n, "a zone with more than one page of stories").toBeGreaterThan(10);
    const zone = buttons.nth(counts.indexOf(n));

    await tabTo(page, zone);
    await page.keyboard.press("Enter");
    expect(await zone.getAttribute("aria-pressed")).toBe("true");
    const reader = page.locator(".wk-story-reader");
    await expect.poll(() => reader.locator(".wk-story-count").textContent(), SLOW).toBe(`${n.toLocaleString("nl-NL")} verhalen`);
    const firstPage = await reader.locator("article").evaluateAll((a) => a.map((x) => x.getAttribute("data-story-id")));
    expect(firstPage.length).toBe(10);

    // Tab enters the list once (roving tabindex); the arrow keys, Home and End move inside it.
    await tabTo(page, reader.locator("article").first());
    await page.keyboard.press("ArrowDown");
    expect(await focusedStory(page)).toBe(firstPage[1]);
    await page.keyboard.press("End");
    expect(await focusedStory(page)).toBe(firstPage[9]);
    await page.keyboard.press("Home");
    expect(await focusedStory(page)).toBe(firstPage[0]);

    // "Volgende" pages forward and puts the focus on the first story of the new page.
    await tabTo(page, reader.getByRole("button", {name: "Volgende"}), 20);
    await page.keyboard.press("Enter");
    await expect.poll(() => reader.locator(".wk-story-nav span").textContent()).toBe(
      `verhalen 11-${Math.min(20, n)} van ${n} (pagina 2 van ${Math.ceil(n / 10)})`);
    const secondPage = await reader.locator("article").evaluateAll((a) => a.map((x) => x.getAttribute("data-story-id")));
    expect(secondPage.length).toBe(Math.min(10, n - 10));
    expect(secondPage.filter((id) => firstPage.includes(id))).toEqual([]);
    expect(await focusedStory(page)).toBe(secondPage[0]);

    // Back with "Vorige", the first button after the list.
    await tabTo(page, reader.getByRole("button", {name: "Vorige"}), 5);
    await page.keyboard.press("Enter");
    await expect.poll(() => focusedStory(page)).toBe(firstPage[0]);

    // The page with a selection and a filled reader is still free of violations.
    expect(await axeViolations(page), "axe-core with the reader open").toEqual([]);
    expect(v.pageErrors).toEqual([]);
    await page.close();
  }, 300_000);
});
