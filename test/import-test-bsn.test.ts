// The test-range BSN flag (privacy.md) on every table the report says it is in: declarations from
// the flat export, a 323 and a release-2 303, assignments from a 301 and the monitor delivery,
// requests from a 315. Each holds a test-range BSN next to a normal one; demo mode flags nothing.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {importDelivery, type ImportResult} from "../lib/import/index.js";
import {DEMO_KEY, pseudonym} from "../lib/privacy/pseudonym.js";
import {isTestBsn} from "../lib/privacy/bsn.js";

const FIXTURES = new URL("./fixtures/cold/", import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), "warmkoud-test-bsn-"));
const KEY_HEX = "b2".repeat(32);
const keyFile = join(work, "key.hex");
writeFileSync(keyFile, KEY_HEX);

/** Test-range BSNs put next to the fixtures' normal ones (valid by the elfproef). */
const TEST_323 = "999934508";
const TEST_GMSD = "999990019";

const delivery = join(work, "delivery");
mkdirSync(join(delivery, "tweedelijn"), {recursive: true});
mkdirSync(join(delivery, "monitor"), {recursive: true});
cpSync(join(FIXTURES, "tweedelijn/declaratieregels.csv"), join(delivery, "tweedelijn/declaratieregels.csv"));
// The 323's third client (a normal BSN in the fixture) gets a test-range BSN.
const wmo323 = readFileSync(join(FIXTURES, "tweedelijn/wmo323-12345678-202403.xml"), "utf8");
writeFileSync(join(delivery, "tweedelijn/wmo323-12345678-202403.xml"), wmo323.replace("<Bsn>111222333</Bsn>", `<Bsn>${TEST_323}</Bsn>`));
cpSync(join(FIXTURES, "release2"), join(delivery, "release2"), {recursive: true});
cpSync(join(FIXTURES, "berichten"), join(delivery, "berichten"), {recursive: true});
const gmsd = readFileSync(join(FIXTURES, "monitor/gmsd-jeugd.csv"), "utf8");
writeFileSync(join(delivery, "monitor/gmsd-jeugd.csv"), `${gmsd.trimEnd()}\n0384;31-12-2025;${TEST_GMSD};A-4;45;45A12;01234567;01-01-2025;31-12-2025;ZIN;04;;;6;04;2;100,00;\n`);

/** Every BSN cell of the delivery's files, as written. */
function bsnsIn(dir: string, files: string[]): string[] {
  return files.flatMap((f) => readFileSync(join(dir, f), "utf8").match(/\b\d{9}\b/g) ?? []);
}
const SOURCES = [
  "tweedelijn/declaratieregels.csv", "tweedelijn/wmo323-12345678-202403.xml", "release2/wmo303-06123456-202011.xml",
  "berichten/wmo301-0384-202403.xml", "monitor/gmsd-jeugd.csv"
];
/** The 315 fixtures: one with a test-range BSN, one with a normal one. */
const REQUEST_SOURCES = ["berichten/jw315-87654321-202402.xml", "berichten/wmo315-12345678-202402.xml"];
const testBsns = [...new Set(bsnsIn(delivery, [...SOURCES, ...REQUEST_SOURCES]).filter(isTestBsn))];

let conn: DuckDBConnection;
beforeAll(async () => {
  conn = await (await DuckDBInstance.create(":memory:")).connect();
});
afterAll(() => conn.closeSync());
const parquet = async (file: string, sql: string) =>
  (await conn.runAndReadAll(sql.replace(/\bt\b/, `read_parquet('${file}')`))).getRowObjectsJS();

interface Flagged {source_file: string; test_bsn: boolean | null; client_key: string}

describe("test-range BSNs in a production import", () => {
  const out = join(work, "model");
  const key = Buffer.from(KEY_HEX, "hex");
  let result: ImportResult;
  let testKeys: Set<string>;
  beforeAll(async () => {
    result = await importDelivery([delivery], {out, keyFile});
    testKeys = new Set(testBsns.map((b) => pseudonym(key, b)));
  });

  /** The rows come from `files`; a row is flagged exactly when its BSN is a test one; each of `mixed` has both kinds. */
  const expectFlags = (rows: Flagged[], files: string[], mixed: string[]) => {
    expect(new Set(rows.map((r) => r.source_file))).toEqual(new Set(files));
    for (const r of rows) expect(r.test_bsn, `${r.source_file} ${r.client_key}`).toBe(testKeys.has(r.client_key));
    for (const f of mixed) expect(new Set(rows.filter((r) => r.source_file === f).map((r) => r.test_bsn)), f).toEqual(new Set([true, false]));
  };

  it("flags declaration lines from the flat export, a 323 and a 303", async () => {
    const rows = (await parquet(join(out, "declarations.parquet"), "SELECT source_file, test_bsn, client_key FROM t")) as unknown as Flagged[];
    expectFlags(rows, SOURCES.slice(0, 3), SOURCES.slice(0, 2));
    // The 303 fixture has test-range BSNs only.
    expect(rows.filter((r) => r.source_file.startsWith("release2/")).every((r) => r.test_bsn)).toBe(true);
  });

  it("flags assignments from a 301 and from the monitor delivery", async () => {
    const rows = (await parquet(join(out, "assignments.parquet"), "SELECT source_file, test_bsn, client_key FROM t")) as unknown as Flagged[];
    expectFlags(rows, SOURCES.slice(3), SOURCES.slice(3));
  });

  it("flags requests from a 315", async () => {
    const rows = (await parquet(join(out, "requests.parquet"), "SELECT source_file, test_bsn, client_key FROM t")) as unknown as Flagged[];
    expectFlags(rows, REQUEST_SOURCES, []);
    expect(new Set(rows.map((r) => r.test_bsn))).toEqual(new Set([true, false]));
  });

  it("warns in the report for each file whose rows are flagged", () => {
    const warned = result.files.filter((f) => f.warnings.some((w) => w.includes("flagged in test_bsn"))).map((f) => f.file);
    expect(warned).toEqual(expect.arrayContaining(SOURCES));
  });
});

describe("test-range BSNs in demo mode", () => {
  it("are expected there: nothing is flagged, nothing warned", async () => {
    const out = join(work, "model-demo");
    const result = await importDelivery([delivery], {out, demo: true});
    for (const table of ["declarations", "assignments", "requests"]) {
      const rows = await parquet(join(out, `${table}.parquet`), "SELECT test_bsn, count(*)::INTEGER AS n FROM t GROUP BY ALL");
      expect(rows, table).toEqual([{test_bsn: false, n: expect.any(Number)}]);
    }
    expect(result.files.flatMap((f) => f.warnings).filter((w) => w.includes("test_bsn"))).toEqual([]);
    // The demo key pseudonymises the test BSNs like any other.
    const keys = await parquet(join(out, "assignments.parquet"), "SELECT client_key FROM t");
    expect(keys.map((r) => r.client_key)).toContain(pseudonym(DEMO_KEY, TEST_GMSD));
  });
});
