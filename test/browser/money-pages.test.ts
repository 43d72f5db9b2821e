import {execFileSync} from "node:child_process";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import type {Page} from "playwright-core";
import {cellErrors, openSite, visit, type Site} from "./harness.js";
import {ensureModel} from "../../lib/workspace.js";

// The money pages against the built site (WARMKOUD_DIST) and the command line on the model the
// build read (ensureModel: .warmkoud/model/<id>, or under WARMKOUD_WORKDIR): the page computes in
// the browser what `warmkoud stats` computes in Node, so both must print the same figures.

let site: Site;
let savings: {investment: number; scenarios: Record<"low" | "central" | "high", {gross_avoided: number; net: number}>};
let costliest: {year: number; top_decile: {share: number}};
let costliestHouseholds: {year: number; unit: string; top_decile: {share: number}; household_values: {clients: number; without_household: number}};

function stats(figure: string, model: string, ...options: string[]): unknown {
  const out = execFileSync(process.execPath, ["bin/warmkoud.js", "stats", figure, model, "--json", ...options], {encoding: "utf8"});
  return JSON.parse(out);
}

beforeAll(async () => {
  const model = process.env.WARMKOUD_MODEL ?? (await ensureModel());
  savings = stats("savings", model) as typeof savings;
  costliest = stats("costliest", model) as typeof costliest;
  costliestHouseholds = stats("costliest", model, "--per", "household") as typeof costliestHouseholds;
  site = await openSite(process.env.WARMKOUD_DIST ?? "dist");
});
afterAll(async () => { await site?.close(); });

/** "€ 1.850.876" (nl-NL) -> 1850876; a minus sign in any form makes it negative. */
function euros(text: string): number {
  const digits = Number(text.replace(/[^\d]/g, ""));
  return /[-−]/.test(text) ? -digits : digits;
}

async function figureText(page: Page, name: string): Promise<string> {
  return (await page.locator(`[data-figure="${name}"]`).first().textContent()) ?? "";
}

async function open(path: string): Promise<Page> {
  const v = await visit(site, path);
  expect(v.firstChartMs, `${path}: first chart`).not.toBeNull();
  expect(v.pageErrors).toEqual([]);
  expect(v.foreignRequests).toEqual([]);
  return v.page;
}

describe("/geld/besparing", () => {
  it("shows the central gross and net of `stats savings` (±2%)", async () => {
    const page = await open("/geld/besparing");
    const gross = euros(await figureText(page, "gross-central"));
    const net = euros(await figureText(page, "net-central"));
    const invested = euros(await figureText(page, "investment"));
    expect(gross).toBeGreaterThan(0);
    expect(Math.abs(gross - savings.scenarios.central.gross_avoided)).toBeLessThanOrEqual(0.02 * savings.scenarios.central.gross_avoided);
    expect(Math.abs(net - savings.scenarios.central.net)).toBeLessThanOrEqual(0.02 * Math.abs(savings.scenarios.central.net));
    expect(Math.abs(invested - savings.investment)).toBeLessThanOrEqual(1);
    expect(await cellErrors(page)).toEqual([]);
    await page.close();
  });

  it("recomputes when a weight changes: central with the high weights equals the command line's high", async () => {
    const page = await open("/geld/besparing");
    const before = euros(await figureText(page, "gross-central"));
    await page.getByLabel("midden: waarschijnlijk", {exact: true}).fill("0.8");
    await page.getByLabel("midden: misschien", {exact: true}).fill("0.5");
    // High uses 1.0 / 0.8 / 0.5 (DEFAULT_WEIGHTS.high): the same weights in the central set must give its gross.
    // Polled to the end: each fill recomputes, so the figure first shows the state after one of the two.
    const offHigh = async () => Math.abs(euros(await figureText(page, "gross-central")) - savings.scenarios.high.gross_avoided);
    await expect.poll(offHigh, {timeout: 10_000}).toBeLessThanOrEqual(1);
    const after = euros(await figureText(page, "gross-central"));
    expect(after).toBeGreaterThan(before);
    await page.close();
  });
});

describe("/geld/duurste-10", () => {
  it("shows the top decile's share of `stats costliest`, above 50%", async () => {
    const page = await open("/geld/duurste-10");
    const text = await figureText(page, "top-share");
    const share = Number(text.replace("%", "").replace(",", ".")) / 100;
    expect(share).toBeGreaterThan(0.5);
    expect(Math.abs(share - costliest.top_decile.share)).toBeLessThanOrEqual(0.001);
    expect(await cellErrors(page)).toEqual([]);
    await page.close();
  });

  it("switches to households: the shown share changes to that of `stats costliest --per household`", async () => {
    const page = await open("/geld/duurste-10");
    const share = (text: string) => Number(text.replace("%", "").replace(",", ".")) / 100;
    const before = await figureText(page, "top-share");
    expect(Math.abs(share(before) - costliest.top_decile.share)).toBeLessThanOrEqual(0.001);
    await page.getByRole("radio", {name: "per huishouden"}).check();
    await page.waitForFunction((old) => document.querySelector('[data-figure="top-share"]')?.textContent !== old, before);
    const after = await figureText(page, "top-share");
    expect(after).not.toBe(before);
    expect(costliestHouseholds.unit).toBe("household");
    expect(costliestHouseholds.year).toBe(costliest.year);
    expect(Math.abs(share(after) - costliestHouseholds.top_decile.share)).toBeLessThanOrEqual(0.001);
    // The note names the rule and how many clients have no household value.
    const note = await page.locator("li", {hasText: /Per huishouden: de kosten van alle cliënten/}).textContent();
    expect(note).toContain("eigen huishouden");
    expect(note).toContain(`${costliestHouseholds.household_values.without_household.toLocaleString("nl-NL")} van hen hebben geen huishouden`);
    expect(await cellErrors(page)).toEqual([]);
    await page.close();
  });

  it("opens a client's timeline from the case list", async () => {
    const page = await open("/geld/duurste-10");
    const link = page.locator("a[href*='client?k=']").first();
    const key = (await link.textContent())?.trim() ?? "";
    expect(key).toMatch(/^[0-9a-f]{8,}$/);
    await link.click();
    await page.waitForURL(/\/geld\/client\?k=/);
    await page.waitForSelector(".wk-client-summary", {timeout: 30_000});
    expect(await page.locator(".wk-client-summary").textContent()).toContain(`Cliënt ${key}`);
    await page.waitForSelector(".wk-money-timeline svg");
    expect(await cellErrors(page)).toEqual([]);
    await page.close();
  });
});

describe("/geld/client", () => {
  it("finds a case's client from the savings list (?case=)", async () => {
    const page = await open("/geld/besparing");
    const link = page.locator("a[href*='client?case=']").first();
    const caseId = (await link.textContent())?.trim() ?? "";
    await link.click();
    await page.waitForSelector(".wk-client-summary", {timeout: 30_000});
    expect(await page.locator(".wk-client-summary").textContent()).toMatch(/casussen in de eerste lijn/);
    // The case itself is an event on the timeline (its id in the text alternative).
    expect(await page.locator(".wk-money-text").first().textContent()).toContain(caseId);
    // The page fetched the index and the one shard of its client (named by the key's first digit), no Parquet decoder.
    const key = (await page.locator(".wk-client-summary").textContent())!.match(/Cliënt ([0-9a-f]+)/)![1];
    const fetched = await page.evaluate(() => performance.getEntriesByType("resource").map((e) => new URL(e.name).pathname));
    const timelineFiles = fetched.filter((p) => p.startsWith("/_file/data/geld/tijdlijn/")).map((p) => p.split("/").pop()!.split(".")[0]);
    expect(timelineFiles.sort()).toEqual([key[0], "index"].sort());
    expect(fetched.filter((p) => p.endsWith(".wasm") || p.endsWith(".parquet"))).toEqual([]);
    await page.close();
  });
});
