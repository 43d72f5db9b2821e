// Own first-line trajectories against contracted ones (lib/methods/trajectories.ts and the SQL in
// lib/model/queries/trajectories.ts): cost and duration per trajectory by who delivered it. Tiny
// hand-made cases, budgets, assignments and declarations; every expected figure is worked out by
// hand in the comments.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {writeModelTables, type Value} from "./fixtures/model-small/build.js";
import {openModel, type Model} from "../lib/model/queries/model.js";
import {caseContractedCategories, contractedCategories} from "../lib/model/queries/trajectories.js";
import {costRatio, monthsBetween, ownTrajectoryCosts, spread, type OwnCase} from "../lib/methods/trajectories.js";

const M = 365.25 / 12; // days per month, 30.4375

describe("own trajectories", () => {
  const budgets = [
    {period_start: "2024-01-01", period_end: "2024-06-30", amount: 18000},
    {period_start: "2024-07-01", period_end: "2024-12-31", amount: 12000}
  ];
  const own: OwnCase[] = [
    {case_id: "T1", start: "2024-01-01", help_start: "2024-01-01", help_end: "2024-03-01", hours: 10}, // first day of the period
    {case_id: "T2", start: "2024-12-31", help_start: "2024-12-31", help_end: null, hours: 30}, // last day, still running
    {case_id: "T3", start: "2023-12-31", help_start: "2023-12-31", help_end: "2024-01-31", hours: 20}, // a day before the period
    {case_id: "T4", start: null, help_start: null, help_end: null, hours: 10}, // no start date at all
    {case_id: "T5", start: "2024-05-01", help_start: "2024-05-01", help_end: "2024-05-01", hours: 0}, // same-day help, no hours
    {case_id: "T6", start: "2024-03-01", help_start: "2024-03-10", help_end: "2024-03-01", hours: 20} // ends before it starts
  ];

  it("spreads the investment equally over the cases started in the budget period", () => {
    const r = ownTrajectoryCosts(own, budgets, "per casus");
    // 18000 + 12000 = 30000 over 2024-01-01..2024-12-31; in it T1, T2, T5, T6 (both ends inclusive).
    expect(r.investment).toBe(30000);
    expect(r.period).toEqual({start: "2024-01-01", end: "2024-12-31"});
    expect(r.cases_in_period).toBe(4);
    // 30000 / 4 = 7500 each; T3 and T4 get none.
    expect(r.cases.map((c) => [c.case_id, c.in_period, c.cost])).toEqual([
      ["T1", true, 7500], ["T2", true, 7500], ["T3", false, null], ["T4", false, null], ["T5", true, 7500], ["T6", true, 7500]
    ]);
  });

  it("spreads it by the hours of each case's type, a case without hours costing nothing", () => {
    const r = ownTrajectoryCosts(own, budgets, "naar uren");
    // Hours in the period 10 + 30 + 0 + 20 = 60: T1 30000 x 10/60 = 5000, T2 x 30/60 = 15000,
    // T5 0, T6 x 20/60 = 10000; together 30000 again.
    const cost = new Map(r.cases.map((c) => [c.case_id, c.cost]));
    expect(cost.get("T1")).toBeCloseTo(5000, 9);
    expect(cost.get("T2")).toBeCloseTo(15000, 9);
    expect(cost.get("T5")).toBe(0);
    expect(cost.get("T6")).toBeCloseTo(10000, 9);
    expect(cost.get("T3")).toBeNull();
    // Nobody in the period has hours: nothing to spread by.
    const noHours = ownTrajectoryCosts(own.map((c) => ({...c, hours: 0})), budgets, "naar uren");
    expect(noHours.cases.filter((c) => c.in_period).map((c) => c.cost)).toEqual([null, null, null, null]);
  });

  it("measures the length of the help in months of 365.25/12 days", () => {
    const r = ownTrajectoryCosts(own, budgets, "per casus");
    // T1: 2024-01-01..2024-03-01 = 31 + 29 = 60 days = 1.9713 months; T3: 31 days; T5: 0 (same day);
    // T2 still running and T6 ending before its start: no length.
    const months = new Map(r.cases.map((c) => [c.case_id, c.months]));
    expect(months.get("T1")).toBeCloseTo(60 / M, 12);
    expect(months.get("T3")).toBeCloseTo(31 / M, 12);
    expect(months.get("T5")).toBe(0);
    expect([months.get("T2"), months.get("T4"), months.get("T6")]).toEqual([null, null, null]);
    // 2023-03-01..2024-03-01 crosses 29 February: 366 days.
    expect(monthsBetween("2023-03-01", "2024-03-01")).toBeCloseTo(366 / M, 12);
  });

  it("gives no cost without cases in the period, and an open period without dated budgets", () => {
    const none = ownTrajectoryCosts(own.filter((c) => c.case_id === "T3" || c.case_id === "T4"), budgets, "per casus");
    expect(none.cases_in_period).toBe(0);
    expect(none.cases.map((c) => c.cost)).toEqual([null, null]);
    // Undated budget line: every case with a start counts (T1, T2, T3, T5, T6): 1000 / 5 = 200.
    const open = ownTrajectoryCosts(own, [{period_start: null, period_end: null, amount: 1000}], "per casus");
    expect(open.period).toEqual({start: null, end: null});
    expect(open.cases.map((c) => c.cost)).toEqual([200, 200, 200, null, 200, 200]);
  });

  it("summarises costs with type-7 quartiles and compares own with contracted", () => {
    // 0 5000 10000 15000 (null and NaN left out): median h = 1.5 -> 7500; p25 h = 0.75 -> 3750;
    // p75 h = 2.25 -> 10000 + 0.25 x 5000 = 11250; mean 30000 / 4 = 7500.
    expect(spread([5000, null, 15000, 0, Number.NaN, 10000])).toEqual({n: 4, median: 7500, mean: 7500, p25: 3750, p75: 11250});
    expect(spread([])).toEqual({n: 0, median: null, mean: null, p25: null, p75: null});
    expect(spread([42])).toEqual({n: 1, median: 42, mean: 42, p25: 42, p75: 42});
    // 7500 / 15000 = 0.5: half the cost. A zero-cost own trajectory is a ratio of 0; no contracted
    // figure (or one of 0) gives no ratio.
    expect(costRatio(7500, 15000)).toBe(0.5);
    expect(costRatio(0, 15000)).toBe(0);
    expect([costRatio(7500, 0), costRatio(7500, null), costRatio(null, 15000)]).toEqual([null, null, null]);
  });
});

describe("contracted trajectories (SQL)", () => {
  const root = mkdtempSync(join(tmpdir(), "warmkoud-trajectories-"));
  let model: Model;

  // Assignments: [assignment_id, client_key, gemeente, law, productcategorie, provider_agb, delivery_form,
  // planned_start, actual_start, actual_end, budget, paid_amount]
  const ASSIGNMENTS: Value[][] = [
    ["B1", "K1", "0999", "jeugd", "45", "P1", "ZIN", "2024-01-01", "2024-01-01", "2024-04-30", null, null], // 120 days
    ["B2", "K2", "0999", "jeugd", "45", "P2", "ZIN", "2024-02-01", "2024-02-01", "2024-02-29", null, null], // 28 days (< 1 month)
    ["B3", "K3", "0999", "jeugd", "45", "P1", "ZIN", "2024-01-01", "2024-01-01", "2024-03-31", null, null], // ended, nothing declared
    ["B4", "K4", "0999", "jeugd", "45", "P2", "ZIN", "2024-01-01", "2024-01-01", "2024-03-31", null, null], // ended, fully credited
    ["B5", "K5", "0999", "jeugd", "45", "P3", "PGB", "2024-01-01", "2024-01-01", "2024-06-30", 2400, null], // PGB: budget, 181 days
    ["B6", "K1", "0999", "jeugd", "45", "P1", "ZIN", "2024-05-01", "2024-05-01", null, null, null], // running
    ["B7", "K7", "0999", "jeugd", "45", "P1", "ZIN", null, null, "2024-05-31", null, null], // ended, no start date known
    ["B8", "K8", "0888", "wmo", "02", "P9", "ZIN", "2024-01-01", "2024-01-01", "2024-01-31", null, null], // another municipality
    ["B9", "K9", "0999", "wmo", null, "P9", "ZIN", "2024-01-01", "2024-01-01", "2024-01-31", null, null], // no category
    ["B10", "K1", "0999", "wmo", "02", "P4", "ZIN", "2024-06-01", "2024-06-01", null, null, null] // running, other category
  ];
  // Declarations: [line_id, gemeente, assignment_id, amount]
  const DECLARATIONS: Value[][] = [
    ["L1", "0999", "B1", 1000], ["L2", "0999", "B1", 1000], ["L3", "0999", "B1", 1000], ["L4", "0999", "B1", 1000], ["L5", "0999", "B1", -1000],
    ["L6", "0999", "B2", 600],
    ["L7", "0999", "B4", 500], ["L8", "0999", "B4", -500],
    ["L9", "0999", "B6", 700],
    ["L10", "0999", "B7", 900],
    ["L11", "0888", "B8", 400],
    ["L12", "0999", null, 5000] // no assignment: belongs to no trajectory
  ];
  // Cases: [case_id, client_key, gemeente]
  const CASES: Value[][] = [["C1", "K1", "0999"], ["C2", "K99", "0999"], ["C3", null, "0999"], ["C4", "K5", "0999"], ["C8", "K8", "0888"]];

  beforeAll(async () => {
    await writeModelTables(root, [
      {name: "assignments", columns: ["assignment_id", "client_key", "gemeente", "law", "productcategorie", "provider_agb", "delivery_form", "planned_start", "actual_start", "actual_end", "budget", "paid_amount"], rows: ASSIGNMENTS},
      {name: "declarations", columns: ["line_id", "gemeente", "assignment_id", "amount"], rows: DECLARATIONS},
      {name: "cases", columns: ["case_id", "client_key", "gemeente"], rows: CASES}
    ]);
    model = await openModel(root);
  });
  afterAll(() => {
    model?.close();
    rmSync(root, {recursive: true, force: true});
  });

  it("gives cost and length per productcategorie, zero-cost and running trajectories counted apart", async () => {
    const rows = await contractedCategories(model, "0999");
    expect(rows.map((r) => r.productcategorie)).toEqual(["02", "45"]); // B8 is 0888's, B9 has no category
    const c45 = rows.find((r) => r.productcategorie === "45")!;
    // 45: B1..B7 = 7 trajectories; ended B1 B2 B3 B4 B5 B7 = 6; without cost B3 (nothing declared)
    // and B4 (500 - 500 = 0) = 2; providers P1 P2 P3 = 3.
    expect(c45).toMatchObject({law: "jeugd", trajectories: 7, ended: 6, ended_without_cost: 2, providers: 3});
    // Costs of the ended ones with a cost: B1 4 x 1000 - 1000 = 3000, B2 600, B5 PGB budget 2400,
    // B7 900 (its length is unknown, its cost is not). Sorted 600 900 2400 3000:
    // median (900 + 2400) / 2 = 1650; mean 6900 / 4 = 1725; p25 h = 0.75 -> 600 + 0.75 x 300 = 825;
    // p75 h = 2.25 -> 2400 + 0.25 x 600 = 2550.
    expect(c45.cost_median).toBeCloseTo(1650, 9);
    expect(c45.cost_mean).toBeCloseTo(1725, 9);
    expect(c45.cost_p25).toBeCloseTo(825, 9);
    expect(c45.cost_p75).toBeCloseTo(2550, 9);
    // Lengths: B2 28, B1 120, B5 181 days (B7 has no start) -> median 120 days.
    expect(c45.months_median).toBeCloseTo(120 / M, 9);
    // Per month, only trajectories of at least a month (B2's 0.92 months left out):
    // B1 3000 / (120/M) = 760.9375, B5 2400 / (181/M) = 403.5912 -> median (760.9375 + 403.5912) / 2.
    expect(c45.monthly_median).toBeCloseTo((3000 * M / 120 + 2400 * M / 181) / 2, 6);
    // 02: only B10, still running: counted, no figures.
    expect(rows.find((r) => r.productcategorie === "02")).toEqual({
      law: "wmo", productcategorie: "02", trajectories: 1, ended: 0, ended_without_cost: 0, providers: 1,
      cost_median: null, cost_mean: null, cost_p25: null, cost_p75: null, months_median: null, monthly_median: null
    });
  });

  it("takes every municipality when none is given", async () => {
    const rows = await contractedCategories(model, null);
    // 02 now also holds 0888's B8: 400 over 30 days (2024-01-01..2024-01-31, just under a month).
    const c02 = rows.find((r) => r.productcategorie === "02")!;
    expect(c02).toMatchObject({trajectories: 2, ended: 1, ended_without_cost: 0, providers: 2, cost_median: 400, monthly_median: null});
    expect(c02.months_median).toBeCloseTo(30 / M, 9);
  });

  it("lists per first-line case the categories of its client's contracted trajectories", async () => {
    // C1 (K1): B1 and B6 in 45 (once), B10 in 02; C2's client has none; C3 has no client; C4 (K5): B5 in 45.
    expect(await caseContractedCategories(model, "0999")).toEqual([
      {case_id: "C1", productcategorie: "02"}, {case_id: "C1", productcategorie: "45"}, {case_id: "C4", productcategorie: "45"}
    ]);
  });
});
