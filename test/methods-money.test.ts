// Money figures (savings, costliest 10%, need after help, capacity, peers) on the hand-made model
// of test/fixtures/model-small/build.ts. Every expected number is worked out by hand from the rows
// in that file, spreadsheet-style, in the comments; the code under test is not used to derive them.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {buildSmallModel} from "./fixtures/model-small/build.js";
import {openModel, type Model} from "../lib/model/queries/model.js";
import {observedDurations, observedMonthlyCosts, realisedSecondLine, savingsInputs} from "../lib/model/queries/savings.js";
import {costliestInputs, yearCoverage} from "../lib/model/queries/costliest.js";
import {needAfterRows} from "../lib/model/queries/need-after.js";
import {caseloadRows} from "../lib/model/queries/capacity.js";
import {benchmarkRows} from "../lib/model/queries/peers.js";
import {readCapacityConfig, readPriceList} from "../lib/model/queries/settings.js";
import {computeSavings, type PriceList, type SavingsResult} from "../lib/methods/savings.js";
import {computeCostliest, decileSize, latestCompleteYear, type CostliestResult} from "../lib/methods/costliest.js";
import {needAfterCounts, needAfterTotal} from "../lib/methods/need-after.js";
import {caseloadByType, fte, scenarioFte, type CaseTypeEstimate} from "../lib/methods/capacity.js";
import {peerIndex} from "../lib/methods/peers.js";

const M = 30.4375; // days per month (365.25 / 12)
const root = mkdtempSync(join(tmpdir(), "warmkoud-money-"));
const prices: PriceList = {
  min_observations: {months: 3, trajectories: 2},
  categories: {"02": {name: "begeleiding", monthly_cost: 999, months: 99}, "15": {name: "beschermd wonen", monthly_cost: 5000, months: 20}}
};
let model: Model;
let partitioned: Model;

beforeAll(async () => {
  await buildSmallModel(join(root, "single"));
  await buildSmallModel(join(root, "partitioned"), {partitioned: true});
  model = await openModel(join(root, "single"));
  partitioned = await openModel(join(root, "partitioned"));
});
afterAll(() => {
  model?.close();
  partitioned?.close();
  rmSync(root, {recursive: true, force: true});
});

const find = <T extends {productcategorie: string; productcode: string | null}>(rows: T[], cat: string, code: string | null = null) =>
  rows.find((r) => r.productcategorie === cat && r.productcode === code);

describe("model folder", () => {
  it("reads one declarations file and hive-partitioned declarations alike", async () => {
    const sql = "SELECT count(*)::INTEGER AS n, sum(amount)::DOUBLE AS total, count(DISTINCT year)::INTEGER AS years FROM declarations";
    // 31 lines. 2024: 2200 (A1) + 1900 (A2) + 1000 (A3) + 2020 (A4) + 2580 (A5) + 4000 (A6)
    // + 100 + 150 + 200 + 250 - 50 + 300 (01) + 250 (no client) = 14900; 2023: 5000 + 3000 + 100 + 200 = 8300.
    const one = (await model.rows<{n: number; total: number; years: number}>(sql))[0];
    const many = (await partitioned.rows<{n: number; total: number; years: number}>(sql))[0];
    expect(one.n).toBe(31);
    expect(one.total).toBeCloseTo(23200, 6);
    expect(many).toEqual({...one, years: 2}); // the partitioned copy carries `year` back from the folder names
  });

  it("gives a table without a file as an empty view with the schema's columns", async () => {
    const rows = await model.rows<{n: number}>("SELECT count(*)::INTEGER AS n FROM story_texts WHERE title IS NULL OR text IS NULL");
    expect(rows).toEqual([{n: 0}]);
  });
});

describe("avoided cost inputs (SQL)", () => {
  it("takes the median monthly cost per assignment-month, credits netted, fully credited months left out", async () => {
    for (const m of [model, partitioned]) {
      const costs = await observedMonthlyCosts(m, "0999");
      // 02: A1 800, 600 (800-800+600), 800; A2 500, 700, 700 (400+300); A3 1000 (its February nets to 0: left out).
      // Sorted 500 600 700 700 800 800 1000: n = 7, median 700. The line without client or assignment is not a unit.
      expect(find(costs, "02")).toEqual({productcategorie: "02", productcode: null, monthly_cost: 700, n: 7});
      expect(find(costs, "02", "02A03")).toEqual({productcategorie: "02", productcode: "02A03", monthly_cost: 700, n: 7});
      // 45A12: 840 760 420 1050 630 900 -> sorted 420 630 760 840 900 1050, median (760 + 840) / 2 = 800.
      expect(find(costs, "45", "45A12")).toMatchObject({monthly_cost: 800, n: 6});
      // 45: plus 45A13's 2000 2000 -> 420 630 760 840 900 1050 2000 2000, median (840 + 900) / 2 = 870.
      expect(find(costs, "45")).toMatchObject({monthly_cost: 870, n: 8});
      expect(find(costs, "45", "45A13")).toMatchObject({monthly_cost: 2000, n: 2});
      // 01: 2024 Jan 100 150 200 250 300 (K25's -50 left out), 2023 Dec 5000 3000 100 200 -> median of 9 = 200.
      expect(find(costs, "01")).toMatchObject({monthly_cost: 200, n: 9});
    }
  });

  it("takes the median length of ended trajectories (planned dates only when there is no start/stop data)", async () => {
    const d = await observedDurations(model, "0999");
    // 02: A1 90 days, A2 212 days, A7 planned 303 days (A3 still runs: left out): median 212 days.
    expect(find(d, "02")!.n).toBe(3);
    expect(find(d, "02")!.months).toBeCloseTo(212 / M, 10);
    // 45: 90, 59, 59 -> 59 days; 45A12: 90 and 59 -> 74.5 days; 45A13 only 59.
    expect(find(d, "45")!.months).toBeCloseTo(59 / M, 10);
    expect(find(d, "45", "45A12")).toMatchObject({n: 2});
    expect(find(d, "45", "45A12")!.months).toBeCloseTo(74.5 / M, 10);
    expect(find(d, "45", "45A13")).toMatchObject({n: 1});
    // 07: the PGB assignment 2023-07-01..2024-06-30 = 365 days. 01: both still running: no row.
    expect(find(d, "07")!.months).toBeCloseTo(365 / M, 10);
    expect(find(d, "01")).toBeUndefined();
  });

  it("counts realised second-line cost after the help ended, PGB pro rata", async () => {
    const r = await realisedSecondLine(model, "0999");
    // C5 (K1, ended 2024-01-31): February 800 - 800 + 600 = 600, March 800 -> 1400.
    // C6 (K4, ended 2024-02-10): March 420 (February's period starts 02-01, before the end); PGB A8
    // 3660 over 366 days, 141 of them after 2024-02-10 (19 + 31 + 30 + 31 + 30) -> 1410; total 1830.
    expect(r.find((x) => x.case_id === "C5")!.amount).toBeCloseTo(1400, 6);
    expect(r.find((x) => x.case_id === "C6")!.amount).toBeCloseTo(1830, 6);
    expect(r).toHaveLength(2);
  });
});

describe("avoided cost (savings)", () => {
  let result: SavingsResult;
  beforeAll(async () => {
    result = computeSavings(await savingsInputs(model, {gemeente: "0999"}), {prices});
  });

  it("prices each request from own data (code, then category) or the price list, and says which", () => {
    const p = (cat: string, code: string | null) => result.method.prices.find((x) => x.productcategorie === cat && x.productcode === code)!;
    expect(p("02", null)).toMatchObject({monthly_cost: 700, cost_source: "eigen declaraties", cost_n: 7, duration_source: "eigen declaraties", duration_n: 3});
    expect(p("45", "45A12")).toMatchObject({monthly_cost: 800, cost_n: 6, duration_n: 2});
    // 45A13 has 2 months (< 3) and 1 trajectory (< 2): category level for both.
    expect(p("45", "45A13")).toMatchObject({monthly_cost: 870, cost_n: 8, duration_n: 3});
    expect(p("45", "45A13").months).toBeCloseTo(59 / M, 10);
    expect(p("15", null)).toMatchObject({monthly_cost: 5000, months: 20, cost_source: "prijslijst", duration_source: "prijslijst"});
    expect(p("99", null)).toMatchObject({monthly_cost: null, cost_source: null});
  });

  it("computes gross, realised, net and ratio per weight set", () => {
    // Per avoided case (C = monthly cost, D = months, p by scenario low/central/high):
    //   C1 02 zeker:           700 x 212/M             = 148400/M = 4875.5647 (all scenarios)
    //   C2 45A12 waarschijnl.: p x 800 x 74.5/M        = p x 59600/M, p = 0.4 / 0.6 / 0.8
    //   C3 15 misschien + 02:  p x 5000 x 20 + 148400/M, p = 0.1 / 0.3 / 0.5
    //   C4 45A13 misschien:    p x 870 x 59/M          = p x 51330/M, p = 0.1 / 0.3 / 0.5
    //   C10 99: no price (unpriced, 0)
    // central = 30000 + (148400 + 35760 + 148400 + 15399)/M = 30000 + 347959/M = 41431.9179
    // low     = 10000 + (148400 + 23840 + 148400 + 5133)/M  = 10000 + 325773/M = 20703.0144
    // high    = 50000 + (148400 + 47680 + 148400 + 25665)/M = 50000 + 370145/M = 62160.8214
    // investment = 18200 + 18400 = 36600; realised = 1400 + 1830 = 3230.
    expect(result.investment).toBe(36600);
    const expected = {low: 10000 + 325773 / M, central: 30000 + 347959 / M, high: 50000 + 370145 / M};
    for (const s of ["low", "central", "high"] as const) {
      const f = result.scenarios[s];
      expect(f.gross_avoided).toBeCloseTo(expected[s], 6);
      expect(f.realised_second_line).toBeCloseTo(3230, 6);
      expect(f.net).toBeCloseTo(expected[s] - 36600, 6);
      expect(f.ratio!).toBeCloseTo(expected[s] / 36600, 10);
    }
    expect(result.scenarios.central.gross_avoided).toBeCloseTo(41431.9179, 3);
    expect(result.method.unpriced_requests).toBe(1);
  });

  it("counts cases: avoided only with need 'geen' and a request", () => {
    // closed: all but C8 (9); avoided: C1 C2 C3 C4 C10; still needed: C5 C6; C7 geen without request; C9 need unknown.
    expect(result.cases).toEqual({closed: 9, avoided: 5, still_needed: 2, geen_without_request: 1, need_unknown: 1, open: 1});
    const c5 = result.per_case.find((c) => c.case_id === "C5")!;
    expect(c5.avoided.central).toBe(0); // 'blijft' never counts as avoided, even with a request
    expect(c5.realised_second_line).toBeCloseTo(1400, 6);
  });

  it("accumulates by closing date, with the investment spent so far", () => {
    const at = result.cumulative.find((p) => p.date === "2024-04-15")!;
    // Closed by 2024-04-15: C5, C6, C1, C2, C3. Central: C1 + C2 + C3 = 148400/M + 35760/M + 30000 + 148400/M.
    expect(at.closed).toBe(5);
    expect(at.gross_avoided.central).toBeCloseTo(30000 + 332560 / M, 6);
    expect(at.realised_second_line).toBeCloseTo(3230, 6);
    // Budget 100 a day from 2024-01-01: 31 + 29 + 31 + 15 = 106 days.
    expect(at.investment).toBeCloseTo(10600, 6);
    const dates = result.cumulative.map((p) => p.date);
    expect(dates).toEqual([...new Set(dates)].sort());
    expect(result.cumulative.at(-1)!.gross_avoided.high).toBeCloseTo(result.scenarios.high.gross_avoided, 6);
  });

  it("uses the price list when own data is too thin", async () => {
    const strict = {...prices, min_observations: {months: 100, trajectories: 100}};
    const r = computeSavings(await savingsInputs(model, {gemeente: "0999"}), {prices: strict});
    // Only 02 and 15 are listed: C1 999 x 99 = 98901; C3 0.3 x 100000 + 98901; 45 unpriced (C2, C4) + 99 (C10).
    expect(r.scenarios.central.gross_avoided).toBeCloseTo(98901 + 30000 + 98901, 6);
    expect(r.method.unpriced_requests).toBe(3);
  });

  it("ships a price list and capacity estimates that parse", () => {
    const list = readPriceList();
    expect(list.categories["02"].monthly_cost).toBeGreaterThan(0);
    expect(readCapacityConfig().productive_hours_per_fte).toBe(1200);
  });
});

describe("costliest 10%", () => {
  let r: CostliestResult;
  beforeAll(async () => {
    const inputs = await costliestInputs(model, "0999");
    expect(inputs.year).toBe(2024); // no year has 12 months: the latest year with any
    r = computeCostliest(inputs.rows, 2024, {lumpSum: inputs.lumpSum});
  });

  it("ranks clients by yearly cost and takes ceil(10%) as the top decile", () => {
    // 2024 per client: K1 800+600+800 = 2200; K2 500+700+700 = 1900; K3 1000+0 = 1000; K4 840+760+420 = 2020
    // plus PGB 3660 x 182/366 = 1820 -> 3840; K5 1050+630+900 = 2580; K6 4000; K21..K24, K26: 100 150 200 250 300.
    // K25 nets -50: not ranked. n = 11, total 16520, top decile ceil(1.1) = 2: K6 4000 + K4 3840 = 7840.
    expect(r.clients).toBe(11);
    expect(r.not_ranked).toBe(1);
    expect(r.total_spend).toBeCloseTo(16520, 6);
    expect(r.top_decile.clients).toBe(2);
    expect(r.top_decile.spend).toBeCloseTo(7840, 6);
    expect(r.top_decile.share).toBeCloseTo(7840 / 16520, 10); // 0.474576
    expect(r.top_clients.map((c) => c.client_key)).toEqual(["K6", "K4"]);
  });

  it("breaks the top decile down by law, category and provider, and counts stapeling", () => {
    // Top: K6 jeugd/45 4000; K4 jeugd/45 2020 + wmo/07 (PGB) 1820. Jeugd 6020 / 7840 = 0.767857.
    const jeugd = r.by_law.find((b) => b.key === "jeugd")!;
    expect(jeugd).toMatchObject({clients: 2});
    expect(jeugd.spend).toBeCloseTo(6020, 6);
    expect(jeugd.share).toBeCloseTo(6020 / 7840, 10);
    // All ranked clients in jeugd: K4 2020 + K5 2580 + K6 4000 = 8600.
    expect(jeugd.total_spend).toBeCloseTo(8600, 6);
    expect(r.by_law.find((b) => b.key === "wmo")!.spend).toBeCloseTo(1820, 6);
    // Groups without top-decile spend follow by all clients' spend: 02 5100 (K1 K2 K3) before 01 1000.
    expect(r.by_category.map((b) => [b.key, Math.round(b.spend), Math.round(b.total_spend)])).toEqual([["45", 6020, 8600], ["07", 1820, 1820], ["02", 0, 5100], ["01", 0, 1000]]);
    expect(r.by_provider.find((b) => b.key === "44444444")!.spend).toBeCloseTo(4000, 6);
    // K6: one law, one category; K4: two laws, two categories.
    expect(r.stacking.top_decile).toEqual({laws: {1: 1, 2: 1}, categories: {1: 1, 2: 1}});
  });

  it("draws the Lorenz curve and the Gini coefficient", () => {
    // Ascending 100 150 200 250 300 1000 1900 2200 2580 3840 4000; cumulative / 16520.
    const cumulative = [0, 100, 250, 450, 700, 1000, 2000, 3900, 6100, 8680, 12520, 16520];
    expect(r.lorenz).toHaveLength(12);
    r.lorenz.forEach((p, i) => {
      expect(p.clients_share).toBeCloseTo(i / 11, 12);
      expect(p.spend_share).toBeCloseTo(cumulative[i] / 16520, 12);
    });
    // numpy: 1 - sum(L[1:] + L[:-1]) / n = 0.5161787365, equal to sum|xi - xj| / (2 n^2 mean).
    expect(r.gini).toBeCloseTo(0.5161787365, 9);
  });

  it("follows clients in and out of the top decile", () => {
    // 2023: K1 5000, K2 3000, K4 PGB 3660 x 184/366 = 1840, K21 200, K3 100: n = 5, top = {K1}.
    // 2024 top {K6, K4}: stayed 0, entered 2, left 1 (K1, still a client in 2024).
    expect(r.movement).toEqual({previous_year: 2023, stayed: 0, entered: 2, left: 1, left_still_client: 1});
  });

  it("names lump-sum funding and leaves it out", () => {
    expect(r.lump_sum.map((l) => [l.name, l.amount])).toEqual([
      ["Sociaal team eerste helft 2024", 18200], ["Sociaal team tweede helft 2024", 18400], ["declaraties zonder cliënt", 250]
    ]);
  });

  it("picks the latest complete year and sizes the decile", async () => {
    expect(await yearCoverage(model, "0999")).toEqual([{year: 2023, months: 1}, {year: 2024, months: 3}]);
    expect(latestCompleteYear([{year: 2022, months: 12}, {year: 2023, months: 12}, {year: 2024, months: 5}])).toBe(2023);
    expect(latestCompleteYear([])).toBeNull();
    expect([0, 1, 9, 10, 11, 25, 100].map(decileSize)).toEqual([0, 1, 1, 1, 2, 3, 10]);
  });
});

describe("costliest 10% per household", () => {
  let h: CostliestResult;
  beforeAll(async () => {
    const inputs = await costliestInputs(model, "0999");
    h = computeCostliest(inputs.rows, 2024, {lumpSum: inputs.lumpSum, unit: "household"});
  });

  it("sums the members' yearly cost per household; a client without a household is its own", () => {
    // 2024 (client costs as above): H1 = K1 2200 + K2 1900 = 4100; H2 = K5 2580 + K25 -50 = 2530;
    // H3 = K21 100 + K22 150 + K23 200 = 450 (K11 has no spend); own: K6 4000, K4 3840, K3 1000,
    // K26 300, K24 250. n = 8 (all positive, so nothing unranked), total 16520 - 50 = 16470.
    // Top decile ceil(0.8) = 1: H1 4100, share 4100 / 16470 = 0.248937.
    expect(h.unit).toBe("household");
    expect(h.clients).toBe(8);
    expect(h.not_ranked).toBe(0);
    expect(h.total_spend).toBeCloseTo(16470, 6);
    expect(h.top_decile).toEqual({clients: 1, spend: 4100, share: 4100 / 16470, threshold: 4100});
    expect(h.top_clients.map((c) => [c.client_key, c.spend, c.laws, c.categories])).toEqual([["H1", 4100, 1, 1]]);
    // Clients with spend rows in 2024: K1-K6, K21-K26 = 12; without a household: K3 K4 K6 K24 K26 = 5.
    expect(h.household_values).toEqual({clients: 12, without_household: 5});
    expect(h.method.unit).toMatch(/eigen huishouden/);
  });

  it("breaks the top household down and counts stapeling over its members", () => {
    // H1 is K1 + K2, both wmo/02: wmo 4100 of 4100. Jeugd in all households: K4 2020 + K5 2580 + K6 4000 = 8600.
    expect(h.by_law.map((b) => [b.key, b.spend, b.share, b.clients, b.total_spend])).toEqual([["wmo", 4100, 1, 1, 7870], ["jeugd", 0, 0, 0, 8600]]);
    // 02: K1 K2 K3 = 5100; 45: 8600; 07: K4's PGB 1820; 01: 100 + 150 + 200 + 250 - 50 + 300 = 950.
    expect(h.by_category.map((b) => [b.key, Math.round(b.spend), Math.round(b.total_spend)])).toEqual([["02", 4100, 5100], ["45", 0, 8600], ["07", 0, 1820], ["01", 0, 950]]);
    // H2: jeugd/45 2580 and wmo/01 -50: only jeugd has positive spend -> 1 law, 1 category. K4 alone has 2.
    expect(h.stacking).toEqual({top_decile: {laws: {1: 1}, categories: {1: 1}}, all: {laws: {1: 7, 2: 1}, categories: {1: 7, 2: 1}}});
  });

  it("draws the Lorenz curve and the Gini coefficient over households", () => {
    // Ascending 250 300 450 1000 2530 3840 4000 4100; cumulative / 16470.
    const cumulative = [0, 250, 550, 1000, 2000, 4530, 8370, 12370, 16470];
    expect(h.lorenz.map((p) => p.clients_share)).toEqual(cumulative.map((_, i) => i / 8));
    h.lorenz.forEach((p, i) => expect(p.spend_share).toBeCloseTo(cumulative[i] / 16470, 12));
    // 1 - (2 x (250 + 550 + 1000 + 2000 + 4530 + 8370 + 12370) + 16470) / 16470 / 8 = 1 - 74610 / 131760
    // = 0.4337431694; python3: sum|xi - xj| / (2 n^2 mean) gives the same.
    expect(h.gini).toBeCloseTo(1 - 74610 / 131760, 12);
  });

  it("follows households in and out of the top decile", () => {
    // 2023: H1 = K1 5000 + K2 3000 = 8000, K4 1840, H3 = K21 200, K3 100: n = 4, top {H1}; 2024 top {H1}.
    expect(h.movement).toEqual({previous_year: 2023, stayed: 1, entered: 0, left: 0, left_still_client: 0});
  });

  it("leaves the per-client figures as they were", async () => {
    const inputs = await costliestInputs(model, "0999");
    const c = computeCostliest(inputs.rows, 2024);
    expect([c.unit, c.clients, c.household_values]).toEqual(["client", 11, null]);
    expect(inputs.rows.find((r) => r.client_key === "K2")!.household_key).toBe("H1");
    expect(inputs.rows.find((r) => r.client_key === "K6")!.household_key).toBeNull();
  });
});

describe("need after help", () => {
  it("counts closed cases by month of closing and need, shares of known need", async () => {
    const rows = await needAfterRows(model, "0999");
    const byMonth = needAfterCounts(rows, "month");
    // 01: C5 blijft; 02: C6 nieuw; 03: C1 geen; 04: C2 C3 geen; 05: C4 geen; 06: C7 C10 geen, C9 unknown.
    expect(byMonth.map((g) => [g.key, g.geen, g.blijft, g.nieuw, g.onbekend])).toEqual([
      ["2024-01", 0, 1, 0, 0], ["2024-02", 0, 0, 1, 0], ["2024-03", 1, 0, 0, 0], ["2024-04", 2, 0, 0, 0], ["2024-05", 1, 0, 0, 0], ["2024-06", 2, 0, 0, 1]
    ]);
    expect(byMonth[5].share).toEqual({geen: 1, blijft: 0, nieuw: 0});
    const total = needAfterTotal(rows);
    // 9 closed: geen 6, blijft 1, nieuw 1, unknown 1 -> shares of 8 known.
    expect([total.total, total.share.geen, total.share.blijft]).toEqual([9, 6 / 8, 1 / 8]);
    // By first requested category: C3's first request is 15; C6 and C7 have none.
    const byCategory = Object.fromEntries(needAfterCounts(rows, "category").map((g) => [g.key, g.total]));
    expect(byCategory).toEqual({"02": 2, "15": 1, "45": 2, "99": 2, "geen verzoek": 2});
    expect(needAfterCounts(rows, "quarter", {domain: "Jeugd"}).map((g) => [g.key, g.total])).toEqual([["2024-K1", 1], ["2024-K2", 2]]);
  });
});

describe("capacity", () => {
  const types: CaseTypeEstimate[] = [
    {type: "jeugd-hulp", label: "", domain: "Jeugd", categories: ["45"], hours_per_case: 24},
    {type: "wmo-begeleiding", label: "", domain: "Wmo", categories: ["02"], hours_per_case: 20},
    {type: "wmo", label: "", domain: "Wmo", hours_per_case: 10}
  ];

  it("computes FTE from the caseload per case type", async () => {
    const {lines, unmatched} = caseloadByType(await caseloadRows(model, "0999"), 2024, types);
    // Started in 2024: C1 C8 Wmo/02 -> 2 x 20; C2 C4 Jeugd/45 -> 2 x 24; C3 (15) C7 C9 C10 -> Wmo 4 x 10.
    expect(lines.map((l) => [l.type, l.cases])).toEqual([["jeugd-hulp", 2], ["wmo-begeleiding", 2], ["wmo", 4]]);
    expect(unmatched).toBe(0);
    const result = fte(lines);
    // 48 + 40 + 40 = 128 hours / 1200 = 0.10667 FTE.
    expect(result.hours).toBe(128);
    expect(result.fte).toBeCloseTo(128 / 1200, 12);
  });

  it("grows the caseload by scenario and honours productive hours", () => {
    const lines = [{type: "a", domain: "Wmo", cases: 120, hours_per_case: 20}, {type: "b", domain: "Jeugd", cases: 60, hours_per_case: 10}];
    // 2400 + 600 = 3000 h / 1200 = 2.5 FTE; at 1500 h/FTE: 2.0.
    expect(fte(lines).fte).toBeCloseTo(2.5, 12);
    expect(fte(lines, 1500).fte).toBeCloseTo(2, 12);
    // Wmo x 1.1, Jeugd x 0.9: 120 x 1.1 x 20 = 2640, 60 x 0.9 x 10 = 540 -> 3180 h / 1200 = 2.65 FTE.
    const s = scenarioFte(lines, {name: "x", label: "", growth: {Wmo: 1.1, Jeugd: 0.9}});
    expect(s.hours).toBeCloseTo(3180, 9);
    expect(s.fte).toBeCloseTo(2.65, 12);
    // A type-specific factor wins over the domain one; "*" covers the rest.
    expect(scenarioFte(lines, {name: "y", label: "", growth: {a: 2, "*": 1.5}}).hours).toBeCloseTo(4800 + 900, 9);
    expect(() => fte(lines, 0)).toThrow(RangeError);
  });
});

describe("peers", () => {
  it("indexes clients per 1,000 inhabitants to the base year, with flags", async () => {
    const rows = await benchmarkRows(model, ["clienten", "inwoners"]);
    const points = peerIndex(rows, {gemeente: "0999", peers: ["0001", "0002"], numerator: "clienten", denominator: "inwoners", per: 1000, baseYear: 2020});
    // 0999: 200/10000, 210/10000, 250/12500 x 1000 = 20, 21, 20 -> index 100, 105, 100.
    expect(points.map((p) => p.municipality.value)).toEqual([20, 21, 20]);
    expect(points.map((p) => p.municipality.index)).toEqual([100, 105, 100]);
    // Peers: 0001 15, 16.5, 18; 0002 20, 20, suppressed. Mean: 17.5, 18.25, then 0001 alone (18, base 15).
    expect(points[0].peers).toMatchObject({value: 17.5, index: 100, n: 2});
    expect(points[1].peers.index).toBeCloseTo((18.25 / 17.5) * 100, 10); // 104.2857
    expect(points[2].peers).toMatchObject({value: 18, index: 120, n: 1});
    // 2021 flagged as a series break; 2021 and 2022 are compared across it; 2022 is provisional for 0999.
    expect(points.map((p) => [p.municipality.series_break, p.municipality.across_break, p.municipality.provisional])).toEqual([
      [false, false, false], [true, true, false], [false, true, true]
    ]);
    // Pooled: 2021 (330 + 100) / 25000 x 1000 = 17.2 against 2020 400 / 25000 x 1000 = 16 -> 107.5.
    const pooled = peerIndex(rows, {gemeente: "0999", peers: ["0001", "0002"], numerator: "clienten", denominator: "inwoners", per: 1000, baseYear: 2020, aggregate: "pooled"});
    expect(pooled[1].peers.index).toBeCloseTo(107.5, 10);
  });

  it("gives spend per inhabitant from figures in x EUR 1,000", async () => {
    const rows = await benchmarkRows(model, ["kosten", "inwoners"]);
    const points = peerIndex(rows, {gemeente: "0999", peers: [], numerator: "kosten", denominator: "inwoners", scale: 1000, baseYear: 2020});
    // 1000k / 10000 = 100; 1100k / 10000 = 110; 1500k / 12500 = 120.
    [[100, 100], [110, 110], [120, 120]].forEach(([value, index], i) => {
      expect(points[i].municipality.value).toBeCloseTo(value, 9);
      expect(points[i].municipality.index).toBeCloseTo(index, 9);
    });
    expect(points[0].peers).toMatchObject({value: null, index: null, n: 0});
  });
});
