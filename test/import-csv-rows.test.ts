// Cells of a flat CSV export that must be rejected with their row and column rather than read
// wrongly: numbers not shaped like their column's decimal style, a Debet/Credit value that is
// neither, a credit amount that is negative already. And a file whose lines all end with the
// delimiter, which imports as the same file without it.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {mkdirSync, mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {importDelivery} from "../lib/import/index.js";
import {completeBsn} from "../lib/privacy/bsn.js";

const work = mkdtempSync(join(tmpdir(), "warmkoud-csv-rows-"));
let conn: DuckDBConnection;
beforeAll(async () => {
  conn = await (await DuckDBInstance.create(":memory:")).connect();
});
afterAll(() => conn.closeSync());

const HEADER = "Declaratienummer;Regelnummer;Gemeentecode;Wet;BSN;Begindatum;Bedrag;Debet/Credit";
/** A declaration line per amount and D/C value, each for another client (no duplicate content). */
const declarationLines = (cells: [amount: string, dc: string][]) =>
  cells.map(([amount, dc], i) => `E1;${i + 1};0363;Wmo;${completeBsn(String(12345600 + i * 7))};01-03-2024;${amount};${dc}`);

/** Imports one declaration file (demo mode): its report and the accepted amounts by line number. */
async function importDeclarations(name: string, lines: string[]) {
  const dir = join(work, name);
  mkdirSync(dir, {recursive: true});
  writeFileSync(join(dir, "declaratieregels.csv"), lines.join("\n") + "\n");
  const out = join(work, `${name}-model`);
  const result = await importDelivery([join(dir, "declaratieregels.csv")], {out, demo: true});
  const amounts = (await conn.runAndReadAll(
    `SELECT line_id, amount::DOUBLE AS amount FROM read_parquet('${join(out, "declarations.parquet")}') ORDER BY line_id::INTEGER`
  )).getRowObjectsJS();
  return {report: result.files[0], amounts: Object.fromEntries(amounts.map((r) => [r.line_id, r.amount]))};
}

describe("a number not shaped like its column's decimal style", () => {
  it("is rejected as not a number with its row and column in a decimal-comma column", async () => {
    const cells: [string, string][] = [["12.5", "D"], ["1,234.50", "D"], ["1.234,56", "D"], ["-1.234,50", "D"], ["€ 1.234,56", "D"], ["12,5", "D"], ["1234", "D"]];
    const {report, amounts} = await importDeclarations("comma", [HEADER, ...declarationLines(cells)]);
    expect(report.rejects.map((r) => [r.row, r.column, r.reason])).toEqual([
      [2, "Bedrag", 'not a number "12.5"'],
      [3, "Bedrag", 'not a number "1,234.50"']
    ]);
    expect(amounts).toEqual({3: 1234.56, 4: -1234.5, 5: 1234.56, 6: 12.5, 7: 1234});
  });
});

describe("the Debet/Credit column", () => {
  it("accepts exactly D, C, Debet and Credit in any case, and makes a credit amount negative", async () => {
    const cells: [string, string][] = [["100,00", "D"], ["100,00", "C"], ["100,00", "debet"], ["100,00", "CREDIT"], ["100,00", " c "], ["100,00", ""]];
    const {report, amounts} = await importDeclarations("dc-words", [HEADER, ...declarationLines(cells)]);
    expect(report.rejects).toEqual([]);
    expect(amounts).toEqual({1: 100, 2: -100, 3: 100, 4: -100, 5: -100, 6: 100});
  });

  it("rejects any other value, also one starting with C or D", async () => {
    const cells: [string, string][] = [["100,00", "Correctie"], ["100,00", "Dubbel"], ["100,00", "X"]];
    const {report} = await importDeclarations("dc-other", [HEADER, ...declarationLines(cells)]);
    expect(report.rejects.map((r) => [r.row, r.column, r.reason])).toEqual([
      [2, "Debet/Credit", 'Debet/Credit must be D or C, not "Correctie"'],
      [3, "Debet/Credit", 'Debet/Credit must be D or C, not "Dubbel"'],
      [4, "Debet/Credit", 'Debet/Credit must be D or C, not "X"']
    ]);
  });

  it("rejects a negative amount with Credit (the sign given twice) and keeps it negative with D or no D/C", async () => {
    const cells: [string, string][] = [["-100,00", "C"], ["-100,00", "Credit"], ["-100,00", "D"], ["-100,00", ""], ["-0,00", "C"]];
    const {report, amounts} = await importDeclarations("dc-sign", [HEADER, ...declarationLines(cells)]);
    expect(report.rejects.map((r) => [r.row, r.column, r.reason])).toEqual([
      [2, "Bedrag", "negative amount with Credit: sign given twice"],
      [3, "Bedrag", "negative amount with Credit: sign given twice"]
    ]);
    expect(amounts).toEqual({3: -100, 4: -100, 5: 0});
  });
});

describe("a delimiter at the end of every line", () => {
  const FIXTURES = new URL("./fixtures/cold/", import.meta.url).pathname;
  /** Imports `text` as `name` (demo mode): the report without its file name, and the rows of `tables` without source_file. */
  async function importAs(folder: string, name: string, text: string, tables: string[]) {
    const dir = join(work, folder);
    mkdirSync(dir, {recursive: true});
    writeFileSync(join(dir, name), text);
    const out = join(work, `${folder}-model`);
    const {file: _, ...report} = (await importDelivery([join(dir, name)], {out, demo: true})).files[0];
    const rows = [];
    for (const t of tables) {
      rows.push(...(await conn.runAndReadAll(`SELECT * EXCLUDE (source_file) FROM read_parquet('${join(out, `${t}.parquet`)}') ORDER BY ALL`)).getRowObjectsJS());
    }
    return {report, rows};
  }
  const withTrailing = (text: string) => text.replace(/\r?\n/g, ";$&");

  it("is no column: a case register and a declaration export import as without it", async () => {
    for (const [name, tables] of [["casusregister.csv", ["cases", "requests"]], ["tweedelijn/declaratieregels.csv", ["declarations"]]] as const) {
      const text = readFileSync(join(FIXTURES, name), "utf8");
      const base = name.split("/").pop()!;
      const plain = await importAs(`plain-${base}`, base, text, [...tables]);
      const trailing = await importAs(`trailing-${base}`, base, withTrailing(text), [...tables]);
      expect(withTrailing(text)).toMatch(/;\r?\n.*;\r?\n/);
      expect(plain.report.rows_accepted, name).toBeGreaterThan(0);
      expect(trailing, name).toEqual(plain);
    }
  });
});
