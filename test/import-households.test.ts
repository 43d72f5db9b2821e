// The household column of the case register: optional in the profile, pseudonymised at the door in
// its own domain, and turned into one latest known household per client (docs/data-model.md).
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {importDelivery, type ImportResult} from "../lib/import/index.js";
import {loadProfile, profileMatches} from "../lib/import/cold/profile.js";
import {pseudonym} from "../lib/privacy/pseudonym.js";

const KEY_HEX = "a1".repeat(32);
const key = Buffer.from(KEY_HEX, "hex");
const work = mkdtempSync(join(tmpdir(), "warmkoud-households-"));
const keyFile = join(work, "key.hex");
writeFileSync(keyFile, KEY_HEX);

const HEADER = "Dossiernummer;BSN;Domein;Eerste contact;Start hulp;Einde hulp;Geboden hulp;Gevraagde productcategorie;Gevraagde voorziening;Inschatting kosten;Waarschijnlijkheid;Tweedelijns nodig na hulp;Huishouden";
// Client 123456782 moves from HH-1 to HH-2 (later first contact), where 111222333 already lives.
// 234567892: HH-3 (padded with spaces), then a later case with the household left blank.
// 345678904: never a household. 456789017: a household number that happens to equal a BSN.
const ROWS = [
  "C1;123456782;Wmo;03-01-2024;10-01-2024;;Maatje;;;;;;HH-1",
  "C2;123456782;Wmo;01-05-2024;02-05-2024;;Budgetcoach;;;;;;HH-2",
  "C3;111222333;Jeugd;01-02-2024;01-02-2024;;Gezinscoach;;;;;;HH-2",
  "C4;234567892;Wmo;01-02-2024;05-02-2024;;Koffieochtend;;;;;;  HH-3 ",
  "C5;234567892;Wmo;01-06-2024;05-06-2024;;Maatje;;;;;;",
  "C6;345678904;Jeugd;01-03-2024;01-03-2024;;Opvoedcursus;;;;;;",
  "C7;456789017;Wmo;01-03-2024;01-03-2024;;Maatje;;;;;;123456782",
  // Rejected (BSN fails the elfproef): its household must not appear anywhere.
  "C8;123456789;Wmo;01-03-2024;01-03-2024;;Maatje;;;;;;HH-9"
];

let conn: DuckDBConnection;
let result: ImportResult;
const out = join(work, "model");
const q = async (file: string, sql: string) => (await conn.runAndReadAll(sql.replace(/\bt\b/, `read_parquet('${join(out, file)}')`))).getRowObjectsJS();

beforeAll(async () => {
  const delivery = join(work, "delivery");
  mkdirSync(delivery);
  writeFileSync(join(delivery, "casusregister.csv"), [HEADER, ...ROWS].join("\r\n") + "\r\n");
  result = await importDelivery([delivery], {out, keyFile});
  conn = await (await DuckDBInstance.create(":memory:")).connect();
});
afterAll(() => {
  conn?.closeSync();
  rmSync(work, {recursive: true, force: true});
});

describe("household column of the case register", () => {
  it("is optional in the shipped profile: a register with or without it matches", () => {
    const profile = loadProfile("demo-casusregister");
    const header = HEADER.split(";");
    expect(profileMatches(profile, header)).toBe(true);
    expect(profileMatches(profile, header.slice(0, -1))).toBe(true);
    expect(profileMatches(profile, header.filter((h) => h !== "BSN"))).toBe(false);
  });

  it("accepts every row with a household value, rejects only the bad BSN", () => {
    const f = result.files[0];
    expect([f.rows_read, f.rows_accepted, f.rows_rejected]).toEqual([8, 7, 1]);
    expect(f.rejects.map((r) => [r.row, r.column])).toEqual([[9, "BSN"]]);
  });

  it("pseudonymises household numbers in their own domain (never a client key)", async () => {
    const cases = await q("cases.parquet", "SELECT case_id, client_key, household_key FROM t ORDER BY case_id");
    const byCase = new Map(cases.map((c) => [c.case_id, c]));
    // python3: dk = hmac.new(bytes.fromhex("a1" * 32), b"warmkoud pseudonym domain: household", sha256).digest()
    //          hmac.new(dk, b"HH-2", sha256).hexdigest()[:32]
    expect(byCase.get("C2")!.household_key).toBe("596f93539d215c873d5b987d1cf7bafe");
    expect(byCase.get("C3")!.household_key).toBe("596f93539d215c873d5b987d1cf7bafe");
    // The same text as a BSN gives another pseudonym in the household domain (python3 as above with
    // b"123456782": 76996eac...; as a client: hmac.new(key, b"123456782", sha256) -> 50bb8a5a...).
    expect(byCase.get("C7")!.household_key).toBe("76996eac8388d90aa57fe7cb7fe0dded");
    expect(byCase.get("C1")!.client_key).toBe("50bb8a5a283dbf99d1dc76168a8d14ab");
    expect(pseudonym(key, "123456782")).toBe("50bb8a5a283dbf99d1dc76168a8d14ab");
    // Trimmed: "  HH-3 " is HH-3; blank is unknown.
    expect(byCase.get("C4")!.household_key).not.toBeNull();
    expect([byCase.get("C5")!.household_key, byCase.get("C6")!.household_key]).toEqual([null, null]);
    // No household number in clear anywhere in the model.
    for (const f of readdirSync(out)) expect(readFileSync(join(out, f)).includes("HH-"), f).toBe(false);
  });

  it("maps each client to its latest known household; a client without one gets no row", async () => {
    const cases = await q("cases.parquet", "SELECT case_id, client_key, household_key FROM t");
    const of = (id: string) => cases.find((c) => c.case_id === id)!;
    const households = await q("households.parquet", "SELECT client_key, household_key, source_file, source_row FROM t ORDER BY source_row");
    expect(households).toEqual([
      // 111222333 (C3, line 4) and 123456782's latest case C2 (01-05-2024 beats C1's 03-01-2024, line 3): both HH-2.
      {client_key: of("C2").client_key, household_key: of("C2").household_key, source_file: "casusregister.csv", source_row: 3},
      {client_key: of("C3").client_key, household_key: of("C2").household_key, source_file: "casusregister.csv", source_row: 4},
      // 234567892: C5 is later but blank, so C4 (line 5) is the latest known.
      {client_key: of("C4").client_key, household_key: of("C4").household_key, source_file: "casusregister.csv", source_row: 5},
      {client_key: of("C7").client_key, household_key: of("C7").household_key, source_file: "casusregister.csv", source_row: 8}
    ]);
    expect(result.outputs.find((o) => o.table === "households")!.rows).toBe(4);
  });

  it("imports a register without the column: household_key NULL, no households", async () => {
    const delivery = join(work, "without");
    mkdirSync(delivery);
    const strip = (line: string) => line.split(";").slice(0, -1).join(";");
    writeFileSync(join(delivery, "casusregister.csv"), [HEADER, ...ROWS].map(strip).join("\n") + "\n");
    const model = join(work, "model-without");
    const r = await importDelivery([delivery], {out: model, keyFile});
    expect(r.files[0].format).toBe("casusregister:demo-casusregister");
    expect(r.files[0].rows_accepted).toBe(7);
    const read = async (sql: string) => (await conn.runAndReadAll(sql)).getRowObjectsJS();
    expect(await read(`SELECT count(*)::INTEGER AS n, count(household_key)::INTEGER AS known FROM read_parquet('${join(model, "cases.parquet")}')`)).toEqual([{n: 7, known: 0}]);
    expect(await read(`SELECT count(*)::INTEGER AS n FROM read_parquet('${join(model, "households.parquet")}')`)).toEqual([{n: 0}]);
  });
});
