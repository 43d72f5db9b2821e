// The cold importers on small fixtures in the real layouts: GMSD monitor delivery, budget file
// (Windows-1252), statistics-office table; and the whole demo delivery with its planted bad rows.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {cpSync, mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {importDelivery, type ImportResult} from "../lib/import/index.js";
import {DEMO_KEY, pseudonym} from "../lib/privacy/pseudonym.js";
import {seriesBreak} from "../lib/import/cold/statistics.js";
import {detectImporter, loadImporters} from "../lib/import/registry.js";
import {probeFile} from "../lib/import/probe.js";
import {messageKind} from "../lib/formats/istandaarden.js";

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

describe("iWmo/iJw 301, 305, 307, 315 and 319 messages", () => {
  it("assignments from 301, delivery start/stop from 305/307, requests from 315 with their answers (319, or a 301 naming them)", async () => {
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
      {assignment_id: "20000003", gemeente: "0384", provider_agb: "12345678", law: "wmo", productcategorie: "15", ps: "2024-03-01", s: null, e: null, end_reason: null, volume: null, unit: null, frequency: null, budget: 12500},
      // The 301 that answers VOT-2024-017 (3.2 element names Ingangsdatum/Einddatum).
      {assignment_id: "20000004", gemeente: "0384", provider_agb: "12345678", law: "wmo", productcategorie: "07", ps: "2024-03-01", s: null, e: null, end_reason: null, volume: 3, unit: "16", frequency: "2", budget: null}
    ]);

    // Every 319 is one Antwoord (line 12 of each file); the one whose ReferentieAanbieder no 315 in the delivery has is rejected.
    expect(["jw319-0384-202402.xml", "jw319-0384-202403.xml", "wmo319-0384-202402.xml", "wmo319-0384-202403.xml"].map((f) => [byFile[f].format, byFile[f].rows_read, byFile[f].rows_accepted])).toEqual([
      ["ijw-319", 1, 1], ["ijw-319", 1, 1], ["iwmo-319", 1, 1], ["iwmo-319", 1, 0]
    ]);
    expect(byFile["wmo319-0384-202403.xml"].rejects).toEqual([
      {row: 12, column: "Antwoord/ReferentieAanbieder", reason: 'no verzoek om toewijzing (315) with ReferentieAanbieder "VOT-2023-999" from aanbieder 12345678 in the delivery'}
    ]);
    expect([byFile["wmo315-12345678-202402.xml"].format, byFile["wmo315-12345678-202402.xml"].rows_accepted]).toEqual(["iwmo-315", 2]);

    const requests = await q(join(out, "requests.parquet"),
      "SELECT reference, law, provider_agb, productcategorie, productcode, verwijzer, description, status, answer_date::VARCHAR AS answer_date, answer_reason, client_key, source_file, source_row FROM t ORDER BY reference");
    expect(requests).toEqual([
      // jw315 REF-9: 'in onderzoek' on 2024-02-19 (jw319-0384-202402), then afgewezen, reden 3 (geen contract), on 2024-03-04.
      {reference: "REF-9", law: "jeugd", provider_agb: "87654321", productcategorie: "45", productcode: "45A12", verwijzer: "02", description: "verzoek om toewijzing REF-9",
        status: "afgewezen", answer_date: "2024-03-04", answer_reason: "3", client_key: pseudonym(DEMO_KEY, "111222333"), source_file: "jw315-87654321-202402.xml", source_row: 7},
      // Answered by ToegewezenProduct 20000004 of the 301 (Toewijzingsdatum 2024-02-26).
      {reference: "VOT-2024-017", law: "wmo", provider_agb: "12345678", productcategorie: "07", productcode: "07A02", verwijzer: "01", description: "verzoek om toewijzing VOT-2024-017",
        status: "toegewezen", answer_date: "2024-02-26", answer_reason: null, client_key: pseudonym(DEMO_KEY, "999934508"), source_file: "wmo315-12345678-202402.xml", source_row: 14},
      // wmo319-0384-202402: VerzoekAntwoord 2 on 2024-02-28, no reason.
      {reference: "VOT-2024-018", law: "wmo", provider_agb: "12345678", productcategorie: "02", productcode: "02A03", verwijzer: "01", description: "verzoek om toewijzing VOT-2024-018",
        status: "in onderzoek", answer_date: "2024-02-28", answer_reason: null, client_key: pseudonym(DEMO_KEY, "999934508"), source_file: "wmo315-12345678-202402.xml", source_row: 21}
    ]);
  });

  it("319: the latest answer wins whatever the file order, a decision beats 'in onderzoek' on the same day, an unknown VerzoekAntwoord is rejected", async () => {
    const dir = mkdtempSync(join(work, "antwoorden-"));
    const answers = readFileSync(join(FIXTURES, "berichten/jw319-0384-202403.xml"), "utf8"); // afgewezen, reden 3, 2024-03-04
    const pending = readFileSync(join(FIXTURES, "berichten/jw319-0384-202402.xml"), "utf8"); // in onderzoek, 2024-02-19
    cpSync(join(FIXTURES, "berichten/jw315-87654321-202402.xml"), join(dir, "jw315.xml"));
    writeFileSync(join(dir, "jw319-1.xml"), answers);
    writeFileSync(join(dir, "jw319-2.xml"), pending); // read after the decision, but dated before it
    writeFileSync(join(dir, "jw319-3.xml"), pending.replace("2024-02-19", "2024-03-04")); // same day as the decision
    writeFileSync(join(dir, "jw319-4.xml"), pending.replace("<VerzoekAntwoord>2<", "<VerzoekAntwoord>3<"));
    const out = join(work, "antwoorden-model");
    const result = await importDelivery([dir], {out, demo: true});
    expect(result.files.map((f) => [f.file, f.rows_accepted, f.rejects])).toEqual([
      ["jw315.xml", 1, []],
      ["jw319-1.xml", 1, []],
      ["jw319-2.xml", 1, []],
      ["jw319-3.xml", 1, []],
      ["jw319-4.xml", 0, [{row: 12, column: "Antwoord/VerzoekAntwoord", reason: 'unknown value "3" (expected 1 verzoek afgewezen, 2 aanvraag in onderzoek)'}]]
    ]);
    const requests = await q(join(out, "requests.parquet"), "SELECT reference, status, answer_date::VARCHAR AS answer_date, answer_reason FROM t");
    expect(requests).toEqual([{reference: "REF-9", status: "afgewezen", answer_date: "2024-03-04", answer_reason: "3"}]);
  });
});

describe("release-2 303 declarations", () => {
  const out = join(work, "release2");
  let result: ImportResult;
  beforeAll(async () => {
    // A 303 of release 2.4 and a 323 of release 3.2 in one delivery: both go to `declarations`.
    result = await importDelivery([join(FIXTURES, "release2"), join(FIXTURES, "tweedelijn/wmo323-12345678-202403.xml")], {out, demo: true});
  });

  it("is detected without --format, as is a 319", async () => {
    const importers = await loadImporters();
    const detected = async (file: string) => detectImporter(importers, await probeFile(join(FIXTURES, file), FIXTURES))?.format;
    expect(await detected("release2/wmo303-06123456-202011.xml")).toBe("iwmo-323");
    expect(await detected("berichten/jw319-0384-202403.xml")).toBe("iwmo-messages");
    expect(await detected("berichten/wmo319-0384-202402.xml")).toBe("iwmo-messages");
    const kind = messageKind(readFileSync(join(FIXTURES, "release2/wmo303-06123456-202011.xml"), "utf8"));
    expect([kind?.law, kind?.code, kind?.release]).toEqual(["wmo", "303", "2_4"]);
    expect(result.files.map((f) => [f.file, f.format])).toEqual([["release2/wmo303-06123456-202011.xml", "iwmo-303"], ["tweedelijn/wmo323-12345678-202403.xml", "iwmo-323"]]);
  });

  it("rejects the line whose amount is not whole eurocents, naming the 303's element", () => {
    const r = result.files[0];
    expect([r.rows_read, r.rows_accepted, r.rows_rejected]).toEqual([4, 3, 1]);
    expect(r.rejects).toEqual([{row: 54, column: "Client/Prestaties/Prestatie/DeclaratieFactuurBedrag/Bedrag", reason: 'not a whole number of eurocents "177,00"'}]);
  });

  it("writes signed euro amounts from eurocents and D/C, with lineage, into the table the 323 lines are in", async () => {
    const rows = await q(join(out, "declarations.parquet"),
      "SELECT declaration_id, line_id, client_key, gemeente, law, assignment_id, productcategorie, productcode, provider_agb, period_start::VARCHAR AS ps, period_end::VARCHAR AS pe, year, volume, unit, tariff::DOUBLE AS tariff, amount::DOUBLE AS amount, source_file, source_row FROM t WHERE source_file LIKE 'release2/%' ORDER BY source_row");
    const file = "release2/wmo303-06123456-202011.xml";
    const a = pseudonym(DEMO_KEY, "999911211");
    const b = pseudonym(DEMO_KEY, "999923407");
    expect(rows).toEqual([
      // 12 h x EUR 64.20 = EUR 770.40 (77040 cents, D)
      {declaration_id: "DF2020110042", line_id: "P2020-11-0101", client_key: a, gemeente: "0384", law: "wmo", assignment_id: "1900123", productcategorie: "02", productcode: "02A03",
        provider_agb: "06123456", ps: "2020-11-01", pe: "2020-11-30", year: 2020, volume: 12, unit: "04", tariff: 64.2, amount: 770.4, source_file: file, source_row: 18},
      // credit of 3 h of October: 19260 cents, C -> -192.60
      {declaration_id: "DF2020110042", line_id: "P2020-11-0102", client_key: a, gemeente: "0384", law: "wmo", assignment_id: "1900123", productcategorie: "02", productcode: "02A03",
        provider_agb: "06123456", ps: "2020-10-01", pe: "2020-10-31", year: 2020, volume: 3, unit: "04", tariff: 64.2, amount: -192.6, source_file: file, source_row: 28},
      // 6 h x EUR 29.50 = EUR 177.00
      {declaration_id: "DF2020110042", line_id: "P2020-11-0103", client_key: b, gemeente: "0384", law: "wmo", assignment_id: "1900456", productcategorie: "01", productcode: "01A01",
        provider_agb: "06123456", ps: "2020-11-01", pe: "2020-11-30", year: 2020, volume: 6, unit: "04", tariff: 29.5, amount: 177, source_file: file, source_row: 44}
    ]);
    // 770.40 - 192.60 + 177.00 = 754.80 for the 303; the 323 keeps its 3 accepted lines (import-delivery.test.ts).
    const totals = await q(join(out, "declarations.parquet"), "SELECT split_part(source_file, '/', 1) AS folder, count(*)::INTEGER AS n, sum(amount)::VARCHAR AS total FROM t GROUP BY ALL ORDER BY folder");
    expect(totals).toEqual([{folder: "release2", n: 3, total: "754.80"}, {folder: "tweedelijn", n: 3, total: "513.00"}]);
  });

  it("takes the declaration number of a 3.2 323 from Declaratie/DeclaratieNummer, where release 3.2 puts it", async () => {
    const dir = mkdtempSync(join(work, "323-decl-"));
    writeFileSync(join(dir, "wmo323-06123456-202102.xml"), `<?xml version="1.0" encoding="UTF-8"?>
<Bericht xmlns="http://www.istandaarden.nl/iwmo/3_2/wmo323/schema">
  <Header><BerichtCode>484</BerichtCode><Afzender>06123456</Afzender><Ontvanger>0384</Ontvanger><IdentificatieBericht>BER-77</IdentificatieBericht></Header>
  <Declaratie><DeclaratieNummer>DECL-2021-02-9</DeclaratieNummer><DeclaratieDagtekening>2021-03-05</DeclaratieDagtekening></Declaratie>
  <Client>
    <Bsn>999911211</Bsn>
    <Prestaties>
      <Prestatie>
        <ReferentieNummer>R1</ReferentieNummer><ToewijzingNummer>1900123</ToewijzingNummer>
        <Product><Categorie>02</Categorie><Code>02A03</Code></Product>
        <ProductPeriode><Begindatum>2021-02-01</Begindatum><Einddatum>2021-02-28</Einddatum></ProductPeriode>
        <GeleverdVolume>2</GeleverdVolume><Eenheid>04</Eenheid><ProductTarief>6420</ProductTarief>
        <IngediendBedrag><Bedrag>12840</Bedrag><DebetCredit>D</DebetCredit></IngediendBedrag>
      </Prestatie>
    </Prestaties>
  </Client>
</Bericht>
`);
    const out = join(work, "323-decl-model");
    await importDelivery([dir], {out, demo: true});
    // Not the message identification BER-77: the declaration's own number. 12840 cents = 128.40 euro.
    expect(await q(join(out, "declarations.parquet"), "SELECT declaration_id, line_id, amount::DOUBLE AS amount FROM t"))
      .toEqual([{declaration_id: "DECL-2021-02-9", line_id: "R1", amount: 128.4}]);
  });

  it("finds a line declared again in a 323 after its 303 (converted in separate sets)", async () => {
    const dir = mkdtempSync(join(work, "303-323-"));
    cpSync(join(FIXTURES, "release2"), join(dir, "release2"), {recursive: true});
    // The 303's first line (row 18) again, now in a 3.2 323 with a new number.
    writeFileSync(join(dir, "wmo323-06123456-202101.xml"), `<?xml version="1.0" encoding="UTF-8"?>
<Bericht xmlns="http://www.istandaarden.nl/iwmo/3_2/wmo323/schema">
  <Header><BerichtCode>484</BerichtCode><Afzender>06123456</Afzender><Ontvanger>0384</Ontvanger><DeclaratieFactuurNummer>D2021-01-7</DeclaratieFactuurNummer></Header>
  <Client>
    <Bsn>999911211</Bsn>
    <Prestaties>
      <Prestatie>
        <ReferentieNummer>N1</ReferentieNummer><ToewijzingNummer>1900123</ToewijzingNummer>
        <Product><Categorie>02</Categorie><Code>02A03</Code></Product>
        <ProductPeriode><Begindatum>2020-11-01</Begindatum><Einddatum>2020-11-30</Einddatum></ProductPeriode>
        <GeleverdVolume>12</GeleverdVolume><Eenheid>04</Eenheid><ProductTarief>6420</ProductTarief>
        <IngediendBedrag><Bedrag>77040</Bedrag><DebetCredit>D</DebetCredit></IngediendBedrag>
      </Prestatie>
    </Prestaties>
  </Client>
</Bericht>
`);
    const again = await importDelivery([dir], {out: join(work, "303-323-model"), demo: true});
    expect(again.files.map((f) => [f.file, f.rows_accepted, f.rejects])).toEqual([
      ["release2/wmo303-06123456-202011.xml", 3, [{row: 54, column: "Client/Prestaties/Prestatie/DeclaratieFactuurBedrag/Bedrag", reason: 'not a whole number of eurocents "177,00"'}]],
      ["wmo323-06123456-202101.xml", 0, [{row: 7, column: "Client/Prestaties/Prestatie/ReferentieNummer", reason: "duplicate of a line already imported from release2/wmo303-06123456-202011.xml"}]]
    ]);
  });
});
