// Dutch CSV core (lib/formats/csv.ts): dialect sniffing, encodings, header, row numbers, typed SQL.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {decimalSql, decodeHead, detectEncoding, dropCsv, findHeader, installDutchMacros, loadCsv, openCsv, sniffDelimiter} from "../lib/formats/csv.js";
import {ImportFileError} from "../lib/import/types.js";

const dir = mkdtempSync(join(tmpdir(), "warmkoud-csv-test-"));
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
let conn: DuckDBConnection;
beforeAll(async () => {
  conn = await (await DuckDBInstance.create(":memory:")).connect();
  await installDutchMacros(conn);
});
afterAll(() => conn.closeSync());
const rows = async (sql: string) => (await conn.runAndReadAll(sql)).getRowObjectsJS();

describe("dialect", () => {
  it("sniffs ; , and TAB, ignoring decimal commas inside ;-files", () => {
    expect(sniffDelimiter("a;b;c\n1,5;2,5;3\n4;5;6\n")).toBe(";");
    expect(sniffDelimiter("a,b,c\n1,2,3\n")).toBe(",");
    expect(sniffDelimiter("a\tb\n1,5\t2\n")).toBe("\t");
    expect(sniffDelimiter("just one column\nvalue\n")).toBeNull();
  });

  it("finds the header under a title block and refuses a data row as header", () => {
    const text = '"Jeugdhulp; gemeenten"\n"Eenheid: aantal"\n\n"Regio";"Perioden";"Jongeren"\n"GM0384    ";"2020";"15"\n';
    expect(findHeader(text, ";")).toEqual({line: 4, fields: ["Regio", "Perioden", "Jongeren"]});
    expect(findHeader("123456782;01-01-2024;12,50\n123456782;02-01-2024;1,00\n", ";").line).toBe(0);
  });

  it("reads a delimiter at the end of every line as no column, and still refuses a blank name inside the header", () => {
    expect(findHeader("a;b;c;\n1;2;3;\n", ";")).toEqual({line: 1, fields: ["a", "b", "c"], trailing: true});
    expect(findHeader("a;;c\n1;2;3\n", ";").line).toBe(0);
  });

  it("detects UTF-8, UTF-8 with BOM and Windows-1252 (an é far down the file)", async () => {
    expect(await detectEncoding(file("u.csv", "a;b\néé;1\n"))).toBe("utf-8");
    expect(await detectEncoding(file("bom.csv", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("a;b\n1;2\n")])))).toBe("utf-8-bom");
    const w = Buffer.concat([Buffer.from("a;b\n" + "x;1\n".repeat(50000)), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x3b, 0x32, 0x0a])]);
    expect(await detectEncoding(file("w.csv", w))).toBe("windows-1252");
    expect(decodeHead(Buffer.from([0x63, 0x61, 0x66, 0xe9]))).toBe("café");
  });
});

describe("loading", () => {
  it("transcodes Windows-1252, strips the BOM, keeps leading zeros and text as is", async () => {
    const w = Buffer.from("Naam;BSN;Cat\r\nHulp bij één keer;012345672;03\r\n", "latin1");
    const src = await openCsv(file("w2.csv", w));
    expect(src.encoding).toBe("windows-1252");
    const loaded = await loadCsv(conn, src, "w2");
    expect(await rows("SELECT c0, c1, c2, __row FROM w2")).toEqual([{c0: "Hulp bij één keer", c1: "012345672", c2: "03", __row: 2}]);
    await src.dispose();
    await dropCsv(conn, loaded.table);
    const bom = await openCsv(file("bom2.csv", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('"id";"x"\n"1";"2"\n')])));
    expect(bom.header.fields).toEqual(["id", "x"]);
  });

  it("numbers records as lines and rejects lines with too few or too many fields without shifting later rows", async () => {
    const src = await openCsv(file("s.csv", "titel van de tabel\n\na;b;c\n1;x;3\n2;z\n3;q;4;5\n4;w;6\n5;v;7\n"));
    expect(src.header.line).toBe(3);
    const loaded = await loadCsv(conn, src, "s");
    expect(loaded.rowsRead).toBe(5);
    expect(loaded.structural.map((r) => [r.row, r.reason])).toEqual([[5, "too few fields on this line"], [6, "too many fields on this line"]]);
    expect(await rows("SELECT c0, __row FROM s ORDER BY __row")).toEqual([{c0: "1", __row: 4}, {c0: "4", __row: 7}, {c0: "5", __row: 8}]);
  });

  it("finds a Windows-1252 character beyond the sniffed head while loading, and reads the file transcoded", async () => {
    // The head (64 KiB) is plain ASCII, so openCsv cannot tell; DuckDB's UTF-8 check in loadCsv can.
    const body = "a;b\n" + "x;1\n".repeat(30000);
    const w = Buffer.concat([Buffer.from(body), Buffer.from("caf", "latin1"), Buffer.from([0xe9]), Buffer.from(";2\n")]);
    const src = await openCsv(file("late.csv", w));
    expect(src.encoding).toBe("utf-8");
    const loaded = await loadCsv(conn, src, "late");
    expect(src.encoding).toBe("windows-1252");
    expect(loaded.structural).toEqual([]);
    // 30000 records + the last one; the header is line 1, so the last record is line 30002.
    expect(loaded.rowsRead).toBe(30001);
    expect(await rows("SELECT c0, c1, __row FROM late WHERE __row = 30002")).toEqual([{c0: "café", c1: "2", __row: 30002}]);
    await src.dispose();
    await dropCsv(conn, loaded.table);
  });

  it("loads a file whose lines all end with the delimiter as the same file without, and refuses a value after the last column", async () => {
    const src = await openCsv(file("t.csv", "a;b;c;\r\n1;x;3;\r\n2;y;4;\r\n"));
    await loadCsv(conn, src, "t");
    expect(await rows("SELECT c0, c1, c2, __row FROM t ORDER BY __row")).toEqual([{c0: "1", c1: "x", c2: "3", __row: 2}, {c0: "2", c1: "y", c2: "4", __row: 3}]);
    const filled = await openCsv(file("t2.csv", "a;b;c;\n1;x;3;\n2;y;4;5\n"));
    await expect(loadCsv(conn, filled, "t2")).rejects.toThrow(/t2\.csv: row 3 has a value after the last column/);
  });

  it("refuses an empty file and a file without header, naming the file", async () => {
    await expect(openCsv(file("leeg.csv", ""))).rejects.toThrow(ImportFileError);
    await expect(openCsv(file("leeg.csv", ""))).rejects.toThrow(/leeg\.csv: the file is empty/);
    await expect(openCsv(file("nohdr.csv", "123;456\n789;012\n"))).rejects.toThrow(/no header row/);
  });
});

describe("typed conversion in SQL", () => {
  it("reads every date form and rejects impossible dates with a reason", async () => {
    const r = await rows(`SELECT s, nl_date(s)::VARCHAR AS d, nl_date_reason(s) AS why FROM (VALUES
      ('01-02-2024'), ('1-2-2024'), ('2024-02-01'), ('20240201'), ('1/2/2024'), ('31-02-2024'), ('29-02-2023'), ('01-02-24'), (''), (NULL)) v(s)`);
    expect(r.map((x) => x.d)).toEqual(["2024-02-01", "2024-02-01", "2024-02-01", "2024-02-01", "2024-02-01", null, null, null, null, null]);
    expect(r[5].why).toBe('impossible date "31-02-2024"');
    expect(r[6].why).toBe('impossible date "29-02-2023"');
    expect(r[7].why).toMatch(/not a date "01-02-24"/);
    expect(r[8].why).toBeNull();
    expect(r[9].why).toBeNull();
  });

  it("leaves off a time of midnight (Excel's date cells as date and time), not any other time", async () => {
    const r = await rows(`SELECT s, nl_date(s)::VARCHAR AS d, nl_date_reason(s) AS why FROM (VALUES
      ('01-02-2024 00:00'), ('1-2-2024 0:00:00'), ('2024-02-01T00:00:00'), ('2024-02-01 00:00:00.000'), ('01-02-2024 13:45'), ('31-02-2024 00:00'), ('01-02-2024 00:00x')) v(s)`);
    expect(r.map((x) => x.d)).toEqual(["2024-02-01", "2024-02-01", "2024-02-01", "2024-02-01", null, null, null]);
    expect(r[4].why).toMatch(/^not a date "01-02-2024 13:45"/);
    expect(r[5].why).toBe('impossible date "31-02-2024 00:00"');
    expect(r[6].why).toMatch(/^not a date/);
  });

  it("decides decimal comma per column, not per cell", async () => {
    await conn.run(`CREATE TEMP TABLE n AS SELECT * FROM (VALUES ('1.234', '1.234', '12.5'), ('1.234,56', '2.000', '3'), ('-12,50', '15', '0.25')) v(a, b, c)`);
    const a = await decimalSql(conn, "n", "a");
    const b = await decimalSql(conn, "n", "b");
    const c = await decimalSql(conn, "n", "c");
    expect([a.style, b.style, c.style]).toEqual(["comma", "comma", "point"]);
    const r = await rows(`SELECT ${a.sql} AS a, ${b.sql} AS b, ${c.sql} AS c FROM n`);
    expect(r).toEqual([{a: 1234, b: 1234, c: 12.5}, {a: 1234.56, b: 2000, c: 3}, {a: -12.5, b: 15, c: 0.25}]);
  });

  it("gives NULL for a cell not shaped like its column's style, instead of reading its separators the other way", async () => {
    const read = async (macro: string, cells: string[]) =>
      (await rows(`SELECT ${macro}(s) AS x FROM (VALUES ${cells.map((c, i) => `(${i}, '${c}')`).join(", ")}) v(i, s) ORDER BY i`)).map((r) => r.x);
    expect(await read("nl_decimal", ["12.5", "1,234.50", "1.23", "1.234.5", "12.345,6.7", "1.234,56", "-1.234,50", "€ 1.234,56", "12,5", "1234", "+1.234.567", "1 234,5"]))
      .toEqual([null, null, null, null, null, 1234.56, -1234.5, 1234.56, 12.5, 1234, 1234567, 1234.5]);
    expect(await read("en_decimal", ["12,5", "1.234,50", "1,23", "1,234,5", "1,234.56", "-1,234.50", "€ 1,234.56", "12.5", "1234", "+1,234,567", "1 234.5"]))
      .toEqual([null, null, null, null, 1234.56, -1234.5, 1234.56, 12.5, 1234, 1234567, 1234.5]);
  });
});
