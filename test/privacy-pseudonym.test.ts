// Keyed pseudonyms: the HMAC primitive against RFC 4231, one BSN vector computed independently,
// key handling (env, key file, demo, errors) and the DuckDB distinct-id lookup table.
import {describe, expect, it} from "vitest";
import {mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {DuckDBInstance} from "@duckdb/node-api";
import {DEMO_KEY, KeyError, hmacSha256Hex, pseudonym, pseudonymise, resolveKey} from "../lib/privacy/pseudonym.js";
import {createPseudonymTable} from "../lib/import/pseudonyms.js";

const KEY32 = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

describe("HMAC-SHA-256 known answers (RFC 4231, section 4)", () => {
  it("test case 1", () => {
    expect(hmacSha256Hex(Buffer.alloc(20, 0x0b), "Hi There")).toBe("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  });
  it("test case 2 (short key)", () => {
    expect(hmacSha256Hex(Buffer.from("Jefe"), "what do ya want for nothing?")).toBe("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  });
  it("test case 6 (key longer than the block size)", () => {
    expect(hmacSha256Hex(Buffer.alloc(131, 0xaa), "Test Using Larger Than Block-Size Key - Hash Key First")).toBe(
      "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
    );
  });
});

describe("BSN pseudonyms", () => {
  it("matches an independently computed vector", () => {
    // python3: hmac.new(bytes.fromhex(KEY32), b"123456782", hashlib.sha256).hexdigest()[:32]
    //   -> full digest 8e4c078580cfe222fd12ced43ae58d770a18bb5092337edc9e9ba06050b7ba02
    expect(pseudonym(Buffer.from(KEY32, "hex"), "123456782")).toBe("8e4c078580cfe222fd12ced43ae58d77");
  });
  it("uses the documented demo key", () => {
    // python3: hmac.new(b"warmkoud demo: dit is geen geheim", b"999990019", hashlib.sha256).hexdigest()
    expect(pseudonym(DEMO_KEY, "999990019")).toBe("87f14f02eebafeba9dc1aaa0124d3f0f");
  });
  it("is stable per key and differs between keys (no joining across projects)", () => {
    const other = Buffer.from(KEY32.replace(/^00/, "ff"), "hex");
    const a = pseudonymise(Buffer.from(KEY32, "hex"), ["123456782", "123456782", "111222333"]);
    expect(a.size).toBe(2);
    expect(pseudonym(other, "123456782")).not.toBe(a.get("123456782"));
  });
});

describe("key resolution", () => {
  const dir = mkdtempSync(join(tmpdir(), "warmkoud-key-"));
  it("refuses a missing key outside demo mode, with a clear message", () => {
    expect(() => resolveKey({env: {}})).toThrow(KeyError);
    expect(() => resolveKey({env: {}})).toThrow(/WARMKOUD_KEY/);
  });
  it("refuses a short or non-hex key", () => {
    expect(() => resolveKey({env: {WARMKOUD_KEY: "abcd"}})).toThrow(/2 bytes; at least 32/);
    expect(() => resolveKey({env: {WARMKOUD_KEY: "zz".repeat(32)}})).toThrow(/hexadecimal/);
  });
  it("reads the env variable, a key file (which wins), and falls back to the demo key only in demo mode", () => {
    expect(resolveKey({env: {WARMKOUD_KEY: KEY32}}).toString("hex")).toBe(KEY32);
    const keyFile = join(dir, "key.hex");
    writeFileSync(keyFile, "ff".repeat(32) + "\n");
    expect(resolveKey({keyFile, env: {WARMKOUD_KEY: KEY32}}).toString("hex")).toBe("ff".repeat(32));
    expect(resolveKey({demo: true, env: {}})).toBe(DEMO_KEY);
  });
});

describe("distinct-id lookup table in DuckDB", () => {
  it("hashes each distinct id once and joins back", async () => {
    const conn = await (await DuckDBInstance.create(":memory:")).connect();
    const key = Buffer.from(KEY32, "hex");
    await conn.run(`CREATE TEMP TABLE lines AS SELECT * FROM (VALUES ('123456782'), ('123456782'), (NULL), ('111222333')) v(bsn)`);
    const name = await createPseudonymTable(conn, key, "SELECT bsn FROM lines", "p1");
    const rows = (await conn.runAndReadAll(`SELECT l.bsn, p.pseudonym FROM lines l LEFT JOIN ${name} p ON p.id = l.bsn ORDER BY l.bsn NULLS LAST`)).getRowObjectsJS();
    expect(rows).toEqual([
      {bsn: "111222333", pseudonym: pseudonym(key, "111222333")},
      {bsn: "123456782", pseudonym: "8e4c078580cfe222fd12ced43ae58d77"},
      {bsn: "123456782", pseudonym: "8e4c078580cfe222fd12ced43ae58d77"},
      {bsn: null, pseudonym: null}
    ]);
    expect(Number((await conn.runAndReadAll(`SELECT count(*) FROM ${name}`)).getRows()[0][0])).toBe(2);
    conn.closeSync();
  });
});
