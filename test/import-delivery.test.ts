// End to end: importDelivery over the cold fixtures (real layouts), the CLI exit codes, the
// report and manifest, determinism, verify catching a change, and malformed files.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {importDelivery} from "../lib/import/index.js";
import {verifyModel} from "../lib/import/manifest.js";
import {ImportFileError} from "../lib/import/types.js";
import {pseudonym} from "../lib/privacy/pseudonym.js";
import {run as importCli, summary} from "../bin/commands/import.js";
import {run as verifyCli} from "../bin/commands/verify.js";

const FIXTURES = new URL("./fixtures/cold/", import.meta.url).pathname;
const KEY_HEX = "a1".repeat(32);
const work = mkdtempSync(join(tmpdir(), "warmkoud-import-"));
const keyFile = join(work, "key.hex");
writeFileSync(keyFile, KEY_HEX);
const key = Buffer.from(KEY_HEX, "hex");
/** The case register and the declaration files (the other fixture folders are tested in import-cold). */
const copyDelivery = (to: string) => {
  cpSync(join(FIXTURES, "casusregister.csv"), join(to, "casusregister.csv"));
  cpSync(join(FIXTURES, "tweedelijn"), join(to, "tweedelijn"), {recursive: true});
  return to;
};
const delivery = copyDelivery(join(work, "delivery"));

let conn: DuckDBConnection;
beforeAll(async () => {
  conn = await (await DuckDBInstance.create(":memory:")).connect();
});
afterAll(() => conn.closeSync());
const parquet = async (file: string, sql = "SELECT * FROM t") =>
  (await conn.runAndReadAll(sql.replace(/\bt\b/, `read_parquet('${file}')`))).getRowObjectsJS();

describe("importing the cold fixtures", () => {
  const out = join(work, "model");
  let result: Awaited<ReturnType<typeof importDelivery>>;
  beforeAll(async () => {
    result = await importDelivery([delivery], {out, keyFile});
  });

  it("accounts for every row of every file", () => {
    expect(result.files.map((f) => f.file)).toEqual(["casusregister.csv", "tweedelijn/declaratieregels.csv", "tweedelijn/jw323-87654321-202403.xml", "tweedelijn/wmo323-12345678-202403.xml"]);
    for (const f of result.files) {
      expect(f.rows_read).toBe(f.rows_accepted + f.rows_rejected);
      expect(new Set(f.rejects.map((r) => r.row)).size).toBe(f.rows_rejected);
    }
  });

  it("rejects the flat export's bad lines with row, column and reason", () => {
    const csv = result.files[1];
    expect([csv.rows_read, csv.rows_accepted, csv.rows_rejected]).toEqual([10, 4, 6]);
    expect(csv.rejects.map((r) => [r.row, r.column, r.reason])).toEqual([
      [5, "Regelnummer", "duplicate declaration and line number of row 3"],
      [6, "BSN", "BSN fails the elfproef"],
      [7, "Begindatum", 'impossible date "31-02-2024"'],
      [8, "Bedrag", 'not a number "12x"'],
      [9, "Debet/Credit", 'Debet/Credit must be D or C, not "X"'],
      [10, "Regelnummer", "duplicate content of row 2"]
    ]);
    expect(csv.warnings.join()).toMatch(/1 row\(s\) with a BSN from the test range/);
  });

  it("rejects a duplicate line in a 323 message (by its line in the XML) ", () => {
    const wmo = result.files[3];
    expect(wmo.rejects.map((r) => [r.row, r.reason])).toEqual([
      [40, "BSN fails the elfproef"],
      [65, "duplicate declaration and line number of row 55"]
    ]);
  });

  it("writes signed euro amounts, padded codes and pseudonyms, never a clear BSN", async () => {
    const rows = await parquet(join(out, "declarations.parquet"), "SELECT declaration_id, line_id, gemeente, law, productcategorie, provider_agb, amount::DOUBLE AS amount, tariff::DOUBLE AS tariff, year, client_key, source_file, source_row FROM t WHERE declaration_id IN ('D-1', 'D2024-03-001') ORDER BY source_file, source_row");
    expect(rows.map((r) => [r.declaration_id, r.line_id, r.gemeente, r.law, r.productcategorie, r.provider_agb, r.amount, r.tariff, r.year])).toEqual([
      ["D-1", "1", "0384", "wmo", "02", "01234567", 524, 65.5, 2024],
      ["D-1", "2", "0384", "wmo", "02", "01234567", -131, 65.5, 2024],
      ["D-1", "3", "0384", "jeugd", "45", "01234567", 1800, 1200, 2024],
      ["D2024-03-001", "R1", "0384", "wmo", "02", "12345678", 524, 65.5, 2024],
      ["D2024-03-001", "R2", "0384", "wmo", "02", "12345678", -131, 65.5, 2024],
      ["D2024-03-001", "R4", "0384", "wmo", "01", "12345678", 120, 30, 2024]
    ]);
    expect(rows[0].client_key).toBe(pseudonym(key, "123456782"));
    for (const f of readdirSync(out)) expect(readFileSync(join(out, f)).includes("123456782"), f).toBe(false);
  });

  it("writes cases and requests from the case register, flagging the test-range BSN", async () => {
    expect(result.files[0].warnings).toEqual([expect.stringMatching(/^1 row\(s\) with a BSN from the test range 999900006-999999990/)]);
    const cases = await parquet(join(out, "cases.parquet"), "SELECT case_id, domain, first_contact::VARCHAR AS fc, help_end::VARCHAR AS he, test_bsn, client_key FROM t ORDER BY case_id");
    expect(cases.map((c) => [c.case_id, c.domain, c.fc, c.he, c.test_bsn])).toEqual([
      ["ST-0001", "jeugd", "2024-01-03", "2024-03-15", false],
      ["ST-0002", "wmo", "2024-02-01", null, false],
      ["ST-0006", "participatie", "2024-04-01", null, false],
      ["ST-0007", "wmo", "2024-05-01", null, true]
    ]);
    expect(cases[1].client_key).toBe(pseudonym(key, "012345672")); // 8-digit Excel BSN left-padded
    const requests = await parquet(join(out, "requests.parquet"), "SELECT case_id, law, productcategorie, estimated_cost::DOUBLE AS cost, likelihood FROM t ORDER BY case_id");
    expect(requests).toEqual([
      {case_id: "ST-0001", law: "jeugd", productcategorie: "45", cost: 1250.5, likelihood: "zeker"},
      {case_id: "ST-0002", law: "wmo", productcategorie: "02", cost: 800, likelihood: "waarschijnlijk"}
    ]);
  });

  it("summarises on stderr without values: rejections by reason with their rows, clean files counted", () => {
    const text = summary(result);
    expect(text).toContain("casusregister.csv (casusregister:demo-casusregister): 8 read, 4 accepted, 4 rejected");
    expect(text).toContain('  rejected Begindatum: impossible date "…" (row 7)');
    expect(text).toContain("1 file(s) ijw-323: 2 read, all accepted");
    expect(text).not.toMatch(/31-02-2024|123456789/);
  });

  it("writes the report and a manifest that verify accepts", async () => {
    const report = JSON.parse(readFileSync(join(out, "import-report.json"), "utf8"));
    expect(report.files[1].rejects[0]).toEqual({row: 5, column: "Regelnummer", reason: "duplicate declaration and line number of row 3"});
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    expect(manifest.inputs).toHaveLength(4);
    expect(manifest.outputs.find((o: {table: string}) => o.table === "declarations").rows).toBe(9);
    expect(manifest.settings.demo).toBe(false);
    expect(await verifyModel(out)).toEqual([]);
  });

  it("is byte-identical when run again with the same inputs and key", async () => {
    const again = join(work, "model-again");
    const second = await importDelivery([delivery], {out: again, keyFile});
    expect(second.outputs).toEqual(result.outputs);
    for (const o of result.outputs) expect(readFileSync(join(again, o.file)).equals(readFileSync(join(out, o.file)))).toBe(true);
  });
});

describe("partitioned declarations", () => {
  it("writes one sorted file per gemeente and year, listed in the manifest, identical run to run", async () => {
    const a = await importDelivery([delivery], {out: join(work, "part-a"), keyFile, partitionMinRows: 1});
    const b = await importDelivery([delivery], {out: join(work, "part-b"), keyFile, partitionMinRows: 1});
    const parts = a.outputs.filter((o) => o.file.startsWith("declarations/"));
    expect(parts.map((p) => p.file)).toEqual(["declarations/gemeente=0384/year=2024/data.parquet"]);
    expect(parts[0].rows).toBe(a.outputs.find((o) => o.file === "declarations.parquet")!.rows);
    expect(b.outputs).toEqual(a.outputs);
    expect(await verifyModel(join(work, "part-a"))).toEqual([]);
  });
});

describe("verify", () => {
  it("catches a changed input and a changed output", async () => {
    const copy = copyDelivery(join(work, "delivery-verify"));
    const out = join(work, "model-verify");
    await importDelivery([copy], {out, keyFile});
    expect(await verifyCli([out])).toBe(0);
    writeFileSync(join(copy, "casusregister.csv"), readFileSync(join(copy, "casusregister.csv"), "utf8").replace("Gezinscoach", "Gezinscoacg"));
    expect((await verifyModel(out)).map((p) => p.problem)).toEqual(["SHA-256 differs"]);
    expect(await verifyCli([out])).toBe(1);
    writeFileSync(join(out, "cases.parquet"), "x");
    expect((await verifyModel(out)).map((p) => p.problem)).toEqual(["SHA-256 differs", "SHA-256 differs", "not a readable Parquet file"]);
  });

  it("catches an edited report, edited row counts, an unlisted table and a stray file", async () => {
    const out = join(work, "model-verify-2");
    await importDelivery([delivery], {out, keyFile});
    expect(await verifyModel(out)).toEqual([]);
    const manifestPath = join(out, "manifest.json");
    const original = readFileSync(manifestPath, "utf8");
    const problems = async (edit: (m: Record<string, any>) => void) => {
      const m = JSON.parse(original);
      edit(m);
      writeFileSync(manifestPath, JSON.stringify(m));
      const found = (await verifyModel(out)).map((p) => `${p.file.slice(out.length + 1)}: ${p.problem}`);
      writeFileSync(manifestPath, original);
      return found;
    };
    const cases = (m: Record<string, any>) => m.outputs.find((o: {table: string}) => o.table === "cases");
    const rows = JSON.parse(original).outputs.find((o: {table: string}) => o.table === "cases").rows;
    expect(await problems((m) => (cases(m).rows = rows + 1))).toEqual([`cases.parquet: ${rows} rows, manifest.json says ${rows + 1}`]);
    expect(await problems((m) => (m.outputs = m.outputs.filter((o: {table: string}) => o.table !== "declarations")))).toEqual([
      "declarations.parquet: table not listed in manifest.json", "declarations.parquet: not listed in manifest.json"
    ]);
    expect(await problems((m) => (m.inputs[0].rows_rejected += 1))).toEqual([`import-report.json: row counts of ${JSON.parse(original).inputs[0].file} differ from manifest.json`]);
    expect(await problems((m) => delete m.report)).toEqual(["import-report.json: not listed in manifest.json"]);
    expect(await problems((m) => delete m.outputs)).toEqual(["manifest.json: not a manifest: no outputs list"]);

    const report = readFileSync(join(out, "import-report.json"), "utf8");
    writeFileSync(join(out, "import-report.json"), report.replace('"rows_rejected": 6', '"rows_rejected": 5'));
    expect((await verifyModel(out)).map((p) => p.problem)).toEqual(["SHA-256 differs", "row counts of tweedelijn/declaratieregels.csv differ from manifest.json"]);
    writeFileSync(join(out, "import-report.json"), report);
    writeFileSync(join(out, "extra.parquet"), "x");
    expect((await verifyModel(out)).map((p) => p.problem)).toEqual(["not listed in manifest.json"]);
    writeFileSync(manifestPath, "{not json");
    expect((await verifyModel(out))[0].problem).toMatch(/^not valid JSON/);
    expect(await verifyCli([out])).toBe(1);
  });
});

describe("the output folder", () => {
  it("is never an input, inside an input folder, or a folder of other files", async () => {
    const dir = copyDelivery(join(work, "delivery-out"));
    const file = join(dir, "casusregister.csv");
    await expect(importDelivery([dir], {out: dir, keyFile})).rejects.toThrow(/--out is or holds the input/);
    await expect(importDelivery([file], {out: dir, keyFile})).rejects.toThrow(/--out is or holds the input/);
    await expect(importDelivery([dir], {out: join(dir, "model"), keyFile})).rejects.toThrow(/--out lies inside the input folder/);
    const other = mkdtempSync(join(work, "other-"));
    writeFileSync(join(other, "notes.txt"), "mine");
    await expect(importDelivery([dir], {out: other, keyFile})).rejects.toThrow(/--out is a folder with other files/);
    expect(readFileSync(join(other, "notes.txt"), "utf8")).toBe("mine");
    expect(existsSync(file)).toBe(true);
    expect(await importCli([dir, "--out", dir, "--key-file", keyFile])).toBe(2);
    expect(existsSync(file)).toBe(true);
    // An empty folder or an earlier model is replaced.
    const empty = mkdtempSync(join(work, "empty-"));
    await importDelivery([file], {out: empty, keyFile});
    await importDelivery([file], {out: empty, keyFile});
    expect(await verifyModel(empty)).toEqual([]);
  });
});

describe("which files a folder import reads", () => {
  it("stops at a CSV no importer recognises, naming it, instead of leaving its rows out", async () => {
    const dir = copyDelivery(join(work, "delivery-typo"));
    writeFileSync(join(dir, "typo.csv"), "Dossiernr;Startdatum\n1;01-01-2024\n");
    writeFileSync(join(dir, "toelichting.pdf"), "%PDF-1.4");
    await expect(importDelivery([dir], {out: join(work, "m-typo"), keyFile})).rejects.toThrow(/typo\.csv: not a format warmkoud recognises: its rows would be left out/);
    expect(existsSync(join(work, "m-typo"))).toBe(false);
    rmSync(join(dir, "typo.csv"));
    const result = await importDelivery([dir], {out: join(work, "m-typo"), keyFile});
    expect(result.skipped).toEqual([{file: "toelichting.pdf", reason: "format not recognised"}]);
  });

  it("takes a --profile for the files it fits and leaves the others to their own profile", async () => {
    const dir = mkdtempSync(join(work, "delivery-profile-"));
    const register = readFileSync(join(FIXTURES, "casusregister.csv"), "utf8").replace("Dossiernummer;", "Casusnummer;");
    writeFileSync(join(dir, "register.csv"), register);
    cpSync(join(FIXTURES, "financien"), join(dir, "financien"), {recursive: true});
    const profile = JSON.parse(readFileSync(new URL("../profiles/demo-casusregister.json", import.meta.url), "utf8"));
    const profileFile = join(work, "mijn-register.json");
    writeFileSync(profileFile, JSON.stringify({...profile, name: "mijn-register", columns: {...profile.columns, case_id: "Casusnummer"}}));
    await expect(importDelivery([dir], {out: join(work, "m-profile"), keyFile})).rejects.toThrow(/register\.csv: not a format/);
    const result = await importDelivery([dir], {out: join(work, "m-profile"), keyFile, profile: profileFile});
    expect(result.files.map((f) => [f.file, f.format, f.rows_read > 0])).toEqual([["financien/budget-eerstelijn.csv", "budget:budget", true], ["register.csv", "casusregister:mijn-register", true]]);
    writeFileSync(profileFile, "{kapot");
    await expect(importDelivery([dir], {out: join(work, "m-profile"), keyFile, profile: profileFile})).rejects.toThrow(/mijn-register\.json: not a readable profile/);
  });

  it("leaves a definition to its export when the format is forced", async () => {
    const stories = new URL("./fixtures/stories/sensemaker/", import.meta.url).pathname;
    const result = await importDelivery([stories], {out: join(work, "m-forced"), keyFile, format: "sensemaker-raw"});
    expect(result.files.map((f) => [f.file, f.format])).toEqual([["sensemaker-export.csv", "sensemaker-raw"]]);
    expect(result.skipped).toEqual([{file: "sensemaker-definition.json", reason: "read together with its export"}]);
  });
});

describe("the demo key", () => {
  it("is not taken from a demo-sleutel.json that is not the demo's answer key", async () => {
    const dir = copyDelivery(join(work, "delivery-fake-demo"));
    writeFileSync(join(dir, "demo-sleutel.json"), "{}");
    const saved = process.env.WARMKOUD_KEY;
    delete process.env.WARMKOUD_KEY;
    try {
      await expect(importDelivery([dir], {out: join(work, "m-fake-demo")})).rejects.toThrow(/no pseudonymisation key/);
      writeFileSync(join(dir, "demo-sleutel.json"), JSON.stringify({generator: "warmkoud demo", seed: 1, counts: {}}));
      const result = await importDelivery([dir], {out: join(work, "m-demo")});
      expect(result.demo).toBe(true);
    } finally {
      if (saved !== undefined) process.env.WARMKOUD_KEY = saved;
    }
  });
});

describe("files that cannot be read", () => {
  const bad = (name: string, content: string) => {
    const dir = mkdtempSync(join(work, "bad-"));
    cpSync(join(FIXTURES, "casusregister.csv"), join(dir, "casusregister.csv"));
    writeFileSync(join(dir, name), content);
    return dir;
  };

  it("a truncated 323 message: one error naming the file, earlier output untouched", async () => {
    const xml = readFileSync(join(FIXTURES, "tweedelijn/wmo323-12345678-202403.xml"), "utf8");
    const dir = bad("wmo323-kapot.xml", xml.slice(0, xml.length / 2));
    const out = join(work, "model-kept");
    await importDelivery([join(FIXTURES, "casusregister.csv")], {out, keyFile});
    const before = readFileSync(join(out, "manifest.json"));
    const error = await importDelivery([dir], {out, keyFile}).catch((e) => e);
    expect(error).toBeInstanceOf(ImportFileError);
    expect(error.message).toMatch(/wmo323-kapot\.xml: (truncated|malformed) XML/);
    expect(readFileSync(join(out, "manifest.json")).equals(before)).toBe(true);
    expect(readdirSync(work).filter((f) => f.includes(".tmp-"))).toEqual([]);
  });

  it("an empty file, a CSV without header, and an unrecognised file given by name", async () => {
    await expect(importDelivery([bad("leeg.csv", "")], {out: join(work, "m1"), keyFile})).rejects.toThrow(/leeg\.csv: the file is empty/);
    await expect(importDelivery([join(bad("x.csv", "1;2;3\n4;5;6\n"), "x.csv")], {out: join(work, "m2"), keyFile})).rejects.toThrow(/x\.csv: not a format/);
    await expect(importDelivery([join(bad("x.csv", "1;2;3\n4;5;6\n"), "x.csv")], {out: join(work, "m3"), keyFile, format: "declaraties-csv"})).rejects.toThrow(/no header row/);
    expect(existsSync(join(work, "m1"))).toBe(false);
  });

  it("a --definition that does not exist, even when no file needs it", async () => {
    await expect(importDelivery([delivery], {out: join(work, "m5"), keyFile, definition: join(work, "nope.json")})).rejects.toThrow(/nope\.json: no such file \(given with --definition\)/);
  });

  it("a missing key outside demo mode", async () => {
    const saved = process.env.WARMKOUD_KEY;
    delete process.env.WARMKOUD_KEY;
    await expect(importDelivery([delivery], {out: join(work, "m4")})).rejects.toThrow(/no pseudonymisation key/);
    if (saved !== undefined) process.env.WARMKOUD_KEY = saved;
  });
});

describe("command line exit codes", () => {
  it("0 when clean, 1 with rejected rows, 2 when a file cannot be read", async () => {
    const clean = mkdtempSync(join(work, "clean-"));
    writeFileSync(join(clean, "declaratieregels.csv"), readFileSync(join(FIXTURES, "tweedelijn/declaratieregels.csv"), "utf8").split("\n").slice(0, 4).join("\n") + "\n");
    expect(await importCli([clean, "--out", join(work, "c0"), "--key-file", keyFile])).toBe(0);
    expect(await importCli([delivery, "--out", join(work, "c1"), "--key-file", keyFile])).toBe(1);
    writeFileSync(join(clean, "leeg.csv"), "");
    expect(await importCli([clean, "--out", join(work, "c2"), "--key-file", keyFile])).toBe(2);
  });
});
