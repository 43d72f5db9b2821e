// The shape of the fast import path (issue 3, speed and memory), without timing anything: the
// shortcuts taken for 1M-10M lines must give the same answers as the slow, obvious way.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {mkdirSync, mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {decimalSql, decimalSqls, installDutchMacros} from "../lib/formats/csv.js";
import {importDelivery} from "../lib/import/index.js";
import {addPart, dropStaging} from "../lib/import/staging.js";
import {buildTyped} from "../lib/import/cold/convert.js";
import {createTableSql, table} from "../lib/model/schema.js";
import {completeBsn} from "../lib/privacy/bsn.js";

const work = mkdtempSync(join(tmpdir(), "warmkoud-speed-shape-"));
let conn: DuckDBConnection;
beforeAll(async () => {
  conn = await (await DuckDBInstance.create(":memory:")).connect();
  await installDutchMacros(conn);
});
afterAll(() => conn.closeSync());
const rows = async (sql: string) => (await conn.runAndReadAll(sql)).getRowObjectsJS();

describe("one scan for the decimal style of several columns", () => {
  it("decides each column as decimalSql does on its own", async () => {
    await conn.run(`CREATE TABLE n AS SELECT * FROM (VALUES ('1.234,50', '1.5', '1.234'), ('12', '2', '12.345.678')) t(a, b, c)`);
    const together = await decimalSqls(conn, "n", [{column: "a"}, {column: "b"}, {column: "c", ref: "x.c"}], ";");
    // By hand: a has a comma (decimal comma); b only a dot not shaped 1.234 (decimal point);
    // c only thousands-shaped dots in a ;-file (decimal comma).
    expect(together.map((d) => d.style)).toEqual(["comma", "point", "comma"]);
    expect(together[2].sql).toBe("nl_decimal(x.c)");
    for (const [i, column] of ["a", "b", "c"].entries()) expect((await decimalSql(conn, "n", column)).style).toBe(together[i].style);
  });
});

describe("nl_date's dd-mm-jjjj shortcut", () => {
  it("reads the common form and rejects what the full patterns reject", async () => {
    const cases: [string, string | null][] = [
      ["01-03-2024", "2024-03-01"], ["1-3-2024", "2024-03-01"], ["01/03/2024", "2024-03-01"], ["2024-03-01", "2024-03-01"],
      ["20240301", "2024-03-01"], ["31-02-2024", null], ["0a-03-2024", null], ["+1-03-2024", null], ["01-0a-2024", null],
      ["01-03-202a", null], ["01-03-20245", null], ["01-13-2024", null]
    ];
    const values = cases.map(([s]) => `('${s}')`).join(", ");
    const got = await rows(`SELECT s, nl_date(s)::VARCHAR AS d FROM (VALUES ${values}) t(s)`);
    expect(got.map((r) => [r.s, r.d])).toEqual(cases);
  });
});

describe("nl_text's shortcut for ASCII cells", () => {
  it("gives what trimming every cell gives", async () => {
    const cells = ["a", " a", "a ", "  ", "", "a b", "\ta\t", "\u00a0a", "a\u00a0", "\u3000a\u202f", "é", " é ", "\u0085a", "x\u2003", "12 "];
    const values = [...cells.map((s) => `('${s}')`), "(NULL)"].join(", ");
    const got = await rows(`SELECT s, nl_text(s) AS fast, nullif(trim(s), '') AS slow FROM (VALUES ${values}) t(s)`);
    expect(got.length).toBe(cells.length + 1);
    for (const r of got) expect(r.fast, JSON.stringify(r.s)).toBe(r.slow);
  });
});

describe("the decimal macros' shortcut for plain ASCII numbers", () => {
  it("gives what the full chain of replacements gives", async () => {
    const cells = ["12", "12,5", "-0,75", "1.234,56", "1,234.56", "1.5", " 7,25 ", "€ 3,10", "\u00a012,5", "12,5\u00a0", "1 234,5", "abc", "", "12,3,4", "٣", "1,234.50", "12.5,0"];
    // Not here: `1e3`. The shortcut reads a plain ASCII cell with DuckDB's DOUBLE cast, which takes an exponent (as before).
    const values = [...cells.map((s) => `('${s}')`), "(NULL)"].join(", ");
    // The slow way: strip euro sign and spaces, require the column's shape, drop the thousands separator.
    const got = await rows(`SELECT s, nl_decimal(s) AS nl, en_decimal(s) AS en,
      CASE WHEN regexp_full_match(t, '[-+]?(\\d+|\\d{1,3}(\\.\\d{3})+)(,\\d+)?') THEN TRY_CAST(replace(replace(t, '.', ''), ',', '.') AS DOUBLE) END AS nl_slow,
      CASE WHEN regexp_full_match(t, '[-+]?(\\d+|\\d{1,3}(,\\d{3})+)(\\.\\d+)?') THEN TRY_CAST(replace(t, ',', '') AS DOUBLE) END AS en_slow
      FROM (SELECT s, replace(replace(trim(s), '€', ''), ' ', '') AS t FROM (VALUES ${values}) v(s))`);
    expect(got.length).toBe(cells.length + 1);
    for (const r of got) expect([r.nl, r.en], JSON.stringify(r.s)).toEqual([r.nl_slow, r.en_slow]);
  });
});

describe("the decimal style of each number column, packed into one aggregate of the scan before typing", () => {
  it("reads every column in its own style", async () => {
    // By hand: volume has only a dot not shaped 1.234 (decimal point), tariff only dots shaped
    // 1.234 in a ;-file (thousands: decimal comma), amount a comma (decimal comma).
    const lines = ["Declaratienummer;Regelnummer;Gemeentecode;Wet;BSN;Begindatum;Einddatum;Geleverd volume;Tarief;Bedrag;Debet/Credit"];
    const bsn = completeBsn("12345678")!;
    lines.push(`P1;1;0363;Wmo;${bsn};01-03-2024;31-03-2024;1.5;1.234;12,50;D`, `P1;2;0363;Wmo;${bsn};01-04-2024;30-04-2024;2;2.500;7;D`);
    const dir = join(work, "styles");
    mkdirSync(dir, {recursive: true});
    writeFileSync(join(dir, "declaratieregels.csv"), lines.join("\n") + "\n");
    const out = join(work, "styles-model");
    expect((await importDelivery([join(dir, "declaratieregels.csv")], {out, demo: true})).rejected).toBe(0);
    const got = await rows(`SELECT volume, tariff::DOUBLE AS tariff, amount::DOUBLE AS amount FROM read_parquet('${join(out, "declarations.parquet")}') ORDER BY line_id`);
    expect(got).toEqual([{volume: 1.5, tariff: 1234, amount: 12.5}, {volume: 2, tariff: 2500, amount: 7}]);
  });
});

describe("staging parts", () => {
  it("shows a typed table's accepted rows through the canonical table, and drops everything after", async () => {
    await conn.run(createTableSql(table("declarations")));
    await conn.run(`INSERT INTO declarations (declaration_id, source_file, source_row) VALUES ('staged', 'a.xml', 1)`);
    const typed = async (name: string, bad: string) => {
      await conn.run(`CREATE TEMP TABLE ${name}_raw AS SELECT * FROM (VALUES ('x', 2), ('${bad}', 3)) t(v, __row)`);
      await buildTyped(conn, name, {
        from: `${name}_raw r`, values: {declaration_id: "r.v", amount: "1.5"}, file: "'b.csv'",
        checks: [{column: "v", reason: `CASE WHEN r.v = '${bad}' THEN 'bad' END`}]
      });
    };
    await typed("t1", "bad1");
    await addPart(conn, "declarations", "t1");
    await typed("t2", "bad2");
    await addPart(conn, "declarations", "t2");
    const seen = await rows(`SELECT declaration_id AS id, amount::DOUBLE AS amount, source_file AS f, source_row AS r FROM declarations ORDER BY ALL`);
    expect(seen).toEqual([
      {id: "staged", amount: null, f: "a.xml", r: 1},
      {id: "x", amount: 1.5, f: "b.csv", r: 2},
      {id: "x", amount: 1.5, f: "b.csv", r: 2}
    ]);
    await dropStaging(conn, "declarations");
    const left = await rows(`SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'declarations%' UNION ALL SELECT view_name FROM duckdb_views() WHERE view_name = 'declarations'`);
    expect(left).toEqual([]);
  });
});

describe("a large table sorted once, written whole and partitioned", () => {
  it("gives partitions that are exactly the consecutive runs of the whole file", async () => {
    const bsns = ["12345678", "23456789", "34567890"].map((p) => completeBsn(p)!);
    const lines = ["Declaratienummer;Regelnummer;Gemeentecode;Wet;BSN;Begindatum;Einddatum;Bedrag;Debet/Credit"];
    let n = 0;
    for (const gemeente of ["0384", "0363"]) for (const year of [2023, 2024]) for (const bsn of bsns) {
      n += 1;
      lines.push(`D${n};1;${gemeente};Wmo;${bsn};0${1 + (n % 9)}-0${1 + (n % 9)}-${year};28-0${1 + (n % 9)}-${year};${n},50;D`);
    }
    const delivery = join(work, "delivery");
    const csv = join(delivery, "declaratieregels.csv");
    mkdirSync(delivery, {recursive: true});
    writeFileSync(csv, lines.join("\n") + "\n");
    const out = join(work, "model");
    const result = await importDelivery([csv], {out, demo: true, partitionMinRows: 1});
    expect(result.rejected).toBe(0);
    const parts = result.outputs.filter((o) => o.file.startsWith("declarations/")).map((o) => o.file);
    expect(parts).toEqual(["0363/year=2023", "0363/year=2024", "0384/year=2023", "0384/year=2024"].map((p) => `declarations/gemeente=${p}/data.parquet`));
    const ids = async (file: string) => (await rows(`SELECT declaration_id FROM read_parquet('${join(out, file)}')`)).map((r) => r.declaration_id);
    const whole = await ids("declarations.parquet");
    const concatenated = (await Promise.all(parts.map(ids))).flat();
    expect(concatenated).toEqual(whole);
    expect(whole).toHaveLength(12);
  });
});

describe("a clean declaration file typed straight from read_csv", () => {
  // Large enough (about 19 MB) for DuckDB to read it in several parallel pieces.
  const LINES = 250_000;
  const bsn = completeBsn("12345678")!;
  // Line 1 is a title, line 2 the header; record k (0-based) is on line k + 3 and carries that
  // line number in its declaration number, so the expected row of every record is known here.
  const file = (name: string, broken?: number) => {
    const lines = ["Declaraties gemeente 0363", "Declaratienummer;Regelnummer;Gemeentecode;Wet;BSN;Toewijzingnummer;Begindatum;Einddatum;Bedrag;Debet/Credit"];
    for (let line = 3; line < LINES + 3; line++) {
      const cells = [`L${line}`, "1", "0363", "Wmo", line === 1000 ? "123" : bsn, `T${line % 977}`, `0${1 + (line % 9)}-03-2024`, "31-03-2024", `${line % 5000},25`, "D"];
      if (line === broken) cells.push("extra");
      lines.push(cells.join(";"));
    }
    const dir = join(work, name);
    mkdirSync(dir, {recursive: true});
    writeFileSync(join(dir, "declaratieregels.csv"), lines.join("\n") + "\n");
    return join(dir, "declaratieregels.csv");
  };
  const check = async (csv: string, out: string) => {
    const result = await importDelivery([csv], {out, demo: true});
    const wrong = await rows(`SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE source_row <> substr(declaration_id, 2)::INTEGER)::INTEGER AS wrong FROM read_parquet('${join(out, "declarations.parquet")}')`);
    return {report: result.files[0], ...wrong[0]};
  };

  it("numbers every row by its line, as a file loaded with its bad records does", async () => {
    const clean = await check(file("straight"), join(work, "model-straight"));
    expect(clean.report.rejects).toEqual([{row: 1000, column: "BSN", reason: "BSN is not 8 or 9 digits"}]);
    expect(clean).toMatchObject({n: LINES - 1, wrong: 0});
    // A record with an extra field sends the file through loadCsv (rejects stored, rows shifted back).
    const broken = await check(file("loaded", 200_000), join(work, "model-loaded"));
    expect(broken.report.rejects.map((r) => [r.row, r.reason])).toEqual([[1000, "BSN is not 8 or 9 digits"], [200_000, "too many fields on this line"]]);
    expect(broken).toMatchObject({n: LINES - 2, wrong: 0});
  }, 180_000);
});
