// The cold importers on small fixtures in the real layouts: GMSD monitor delivery, budget file
// (Windows-1252), statistics-office table; and the whole demo delivery with its planted bad rows.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {mkdtempSync, readFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {importDelivery, type ImportResult} from "../lib/import/index.js";
import {DEMO_KEY, pseudonym} from "../lib/privacy/pseudonym.js";
import {seriesBreak} from "../lib/import/cold/statistics.js";

const FIXTURES = new URL("./fixtures/cold/", import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), "warmkoud-cold-"));
let conn: DuckDBConnection;
beforeAll(async () => {
  conn = await (await DuckDBInstance.create(":memory:")).connect();
});
afterAll(() => conn.closeSync());
const q = async (file: string, sql: string) => (await conn.runAndReadAll(sql.replace(/\bt\b/, `read_parquet('${file}')`))).getRowObjectsJS();

describe("small fixtures", () => {
  let result: ImportResult;
  const out = join(work, "model");
  beforeAll(async () => {
    result = await importDelivery([join(FIXTURES, "monitor"), join(FIXTURES, "financien"), join(FIXTURES, "benchmark")], {out, demo: true});
  });
  const file = (name: string) => result.files.find((f) => f.file.endsWith(name))!;

  it("GMSD: padded codes, PGB/ZIN, law from the profile, impossible order and values rejected", async () => {
    const g = file("gmsd-jeugd.csv");
    expect(g.format).toBe("gmsd:gmsd-jeugd");
    expect(g.rejects.map((r) => [r.row, r.column, r.reason])).toEqual([
      [3, "Beoogde einddatum", "Beoogde einddatum before Beoogde startdatum"],
      [4, "Leveringsvorm", 'unknown value "ABC" (expected zin, pgb)']
    ]);
    const rows = await q(join(out, "assignments.parquet"), "SELECT gemeente, law, provider_agb, unit, verwijzer, delivery_form, paid_amount::DOUBLE AS paid, client_key FROM t");
    expect(rows).toEqual([{gemeente: "0384", law: "jeugd", provider_agb: "01234567", unit: "04", verwijzer: "04", delivery_form: "ZIN", paid: 3360.5, client_key: pseudonym(DEMO_KEY, "123456782")}]);
  });

  it("budget: Windows-1252 text, thousands dots, periods", async () => {
    expect(file("budget-eerstelijn.csv").rows_accepted).toBe(2);
    const rows = await q(join(out, "budgets.parquet"), "SELECT line, period_start::VARCHAR AS s, amount::DOUBLE AS amount FROM t");
    expect(rows).toEqual([
      {line: "Sociaal team – eerste helft", s: "2024-07-01", amount: 150000},
      {line: "Sociaal team 2025", s: "2025-01-01", amount: 300000}
    ]);
  });

  it("statistics: codes unpadded, '.' unknown, '*' provisional, series break, footer not counted, bad year rejected", async () => {
    const c = file("cbs-jeugdhulp.csv");
    expect([c.rows_read, c.rows_accepted, c.rows_rejected]).toEqual([4, 3, 1]);
    expect(c.rejects).toEqual([{row: 9, column: "Perioden", reason: 'not a year "twintig"'}]);
    const rows = await q(join(out, "benchmark.parquet"), "SELECT gemeente, year, measure, value, status, series_break FROM t ORDER BY measure, year");
    expect(rows).toEqual([
      {gemeente: "0384", year: 2020, measure: "Jongeren met jeugdhulp (aantal)", value: 1420, status: "definitief", series_break: false},
      {gemeente: "0384", year: 2021, measure: "Jongeren met jeugdhulp (aantal)", value: null, status: "onbekend", series_break: true},
      {gemeente: "0384", year: 2025, measure: "Jongeren met jeugdhulp (aantal)", value: 1500, status: "voorlopig", series_break: false},
      {gemeente: "0384", year: 2020, measure: "Kosten (x 1 000 euro)", value: 12.5, status: "definitief", series_break: false},
      {gemeente: "0384", year: 2021, measure: "Kosten (x 1 000 euro)", value: 13, status: "definitief", series_break: false},
      {gemeente: "0384", year: 2025, measure: "Kosten (x 1 000 euro)", value: 14.25, status: "voorlopig", series_break: false}
    ]);
    expect(seriesBreak('"Trendbreuk jeugdzorg in 2021."')).toEqual({year: 2021, youthOnly: true});
    expect(seriesBreak("Bevolking; kerncijfers")).toBeNull();
  });
});

describe("the demo delivery", () => {
  it("imports with exactly the planted bad rows rejected, at their row and column", async () => {
    const {writeDemo} = await import("../lib/demo/index.js");
    const demo = join(work, "demo");
    await writeDemo({out: demo, seed: 7, scale: "small"});
    const result = await importDelivery([demo], {out: join(work, "demo-model")});
    expect(result.demo).toBe(true);
    const key = JSON.parse(readFileSync(join(demo, "demo-sleutel.json"), "utf8")) as {planted: {file: string; row: number; column: string; expected: string}[]};
    const rejects = result.files.flatMap((f) => f.rejects.map((r) => ({file: f.file, row: r.row, column: r.column})));
    const coldFiles = (f: string) => !f.startsWith("verhalen/");
    const expected = key.planted.filter((p) => p.expected === "reject" && coldFiles(p.file)).map((p) => ({file: p.file, row: p.row, column: p.column}));
    expect(expected.length).toBeGreaterThanOrEqual(3);
    expect(rejects.filter((r) => coldFiles(r.file))).toEqual(expected.sort((a, b) => (a.file < b.file ? -1 : 1)));
    for (const f of result.files) expect(f.rows_read).toBe(f.rows_accepted + f.rows_rejected);
    expect(result.skipped.map((s) => s.file)).toEqual(["LEESMIJ.txt", "demo-sleutel.json", "verhalen/sensemaker-definition.json"]);
  }, 60_000);
});

describe("iWmo/iJw 301, 305, 307 and 315 messages", () => {
  it("assignments from 301, delivery start/stop from 305/307, requests from 315", async () => {
    const out = join(work, "messages");
    const result = await importDelivery([join(FIXTURES, "berichten")], {out, demo: true});
    const byFile = Object.fromEntries(result.files.map((f) => [f.file, f]));
    expect(byFile["wmo301-0384-202403.xml"].format).toBe("iwmo-301");
    expect(byFile["wmo301-0384-202403.xml"].rejects).toEqual([{row: 21, column: "ToegewezenProduct/ToewijzingEinddatum", reason: "end before start"}]);
    expect(byFile["wmo305-12345678-202403.xml"].rejects).toEqual([{row: 8, column: "StartProduct/ToewijzingNummer", reason: "no assignment 29999999 for this client in the delivery"}]);
    expect(byFile["wmo307-12345678-202409.xml"].rows_accepted).toBe(1);
    const assignments = await q(join(out, "assignments.parquet"),
      "SELECT assignment_id, gemeente, provider_agb, law, productcategorie, planned_start::VARCHAR AS ps, actual_start::VARCHAR AS s, actual_end::VARCHAR AS e, end_reason, volume, unit, frequency, budget::DOUBLE AS budget FROM t ORDER BY assignment_id");
    expect(assignments).toEqual([
      {assignment_id: "20000001", gemeente: "0384", provider_agb: "12345678", law: "wmo", productcategorie: "02", ps: "2024-03-01", s: "2024-03-04", e: "2024-09-30", end_reason: "02", volume: 8, unit: "04", frequency: "4", budget: null},
      {assignment_id: "20000003", gemeente: "0384", provider_agb: "12345678", law: "wmo", productcategorie: "15", ps: "2024-03-01", s: null, e: null, end_reason: null, volume: null, unit: null, frequency: null, budget: 12500}
    ]);
    const requests = await q(join(out, "requests.parquet"), "SELECT law, productcategorie, productcode, verwijzer, status, client_key FROM t");
    expect(requests).toEqual([{law: "jeugd", productcategorie: "45", productcode: "45A12", verwijzer: "02", status: "aangevraagd", client_key: pseudonym(DEMO_KEY, "111222333")}]);
  });
});
