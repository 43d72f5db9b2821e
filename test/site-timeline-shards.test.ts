// The client timelines of /geld/client (lib/site/timeline-shards.ts, loader src/data/geld/tijdlijn.zip.ts):
// shard assignment, the index and a client's events packed from the small hand-made model
// (test/fixtures/model-small/build.ts), and the archive's bytes. Expected values are worked out by hand
// from the fixture's rows, named in the comments.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import JSZip from "jszip";
import {buildSmallModel} from "./fixtures/model-small/build.js";
import {openModel, type Model} from "../lib/model/queries/model.js";
import {caseClientsSql, shortKeyLength, timelineRows} from "../lib/model/queries/client-timeline.js";
import {SHARDS, clientEvents, clientOfCase, packTimeline, shardOf} from "../lib/site/timeline-shards.js";
import type {TimelineRow} from "../lib/model/queries/client-timeline.js";
import {zipFiles} from "../lib/site/emit.js";

const G = "0999";
const root = mkdtempSync(join(tmpdir(), "warmkoud-timeline-shards-"));
let model: Model;

beforeAll(async () => {
  await buildSmallModel(root);
  model = await openModel(root);
});
afterAll(() => {
  model?.close();
  rmSync(root, {recursive: true, force: true});
});

/** A hand-made row: only what the test varies, the rest empty. */
function row(k: string, kind: TimelineRow["kind"], start: string | null, extra: Partial<TimelineRow> = {}): TimelineRow {
  return {k, kind, start, end: null, law: null, productcategorie: null, productcode: null, provider_agb: null, amount: null, label: null, ref: null, detail: null, ...extra};
}

describe("shard of a short key", () => {
  it("is the key's first hex digit, in lower case, after trimming", () => {
    expect(shardOf("1d58ee12")).toBe("1");
    expect(shardOf("f0000000")).toBe("f");
    expect(shardOf("Ab12cd34")).toBe("a");
    expect(shardOf("  3f00aa11 ")).toBe("3");
  });

  it("names a shard for any other text too (character code modulo 16)", () => {
    // "K" is 75; 75 mod 16 = 11 -> "b". "z" is 122; 122 mod 16 = 10 -> "a". Empty text -> shard 0.
    expect(shardOf("K1")).toBe("b");
    expect(shardOf("zzz")).toBe("a");
    expect(shardOf("")).toBe("0");
  });
});

describe("packed timelines", () => {
  it("puts each client in the shard of its first digit; every shard exists, keys sorted", () => {
    const {shards, index} = packTimeline([
      row("1b", "casus", "2024-01-01", {ref: "C2"}), row("1a", "casus", "2024-02-01", {ref: "C1"}), row("f0", "verzoek", null)
    ]);
    expect(Object.keys(shards)).toEqual([...SHARDS]);
    expect(shards["1"].keys).toEqual(["1a", "1b"]);
    expect(shards.f.keys).toEqual(["f0"]);
    expect(shards["0"]).toEqual({strings: [], keys: [], events: []});
    expect(index.clients).toBe(3);
    expect(index.cases).toEqual({case_id: ["C1", "C2"], k: ["1a", "1b"]});
    // No declarations: no client to open by default.
    expect(index.default_key).toBeNull();
  });

  it("opens by default on the client with the most declared euros, the smallest key on a tie", () => {
    // 2b: 100 + 250 = 350; 1a: 500 - 150 = 350 (tie: 1a is smaller); 3c: 300.
    const rows = [
      row("1a", "declaratie", "2024-01-01", {amount: 500}), row("1a", "declaratie", "2024-02-01", {amount: -150}),
      row("2b", "declaratie", "2024-01-01", {amount: 100}), row("2b", "declaratie", "2024-02-01", {amount: 250}),
      row("2b", "toewijzing", "2024-01-01", {amount: null}), row("3c", "declaratie", "2024-01-01", {amount: 300})
    ];
    expect(packTimeline(rows).index.default_key).toBe("1a");
    // One more euro for 2b breaks the tie.
    expect(packTimeline([...rows, row("2b", "declaratie", "2024-03-01", {amount: 1})]).index.default_key).toBe("2b");
  });

  it("keeps repeated texts once per shard and gives the events back as they went in", () => {
    const rows = [
      row("ab", "declaratie", "2024-01-01", {amount: 12.5, label: "declaraties in de maand", detail: "2 regels", law: "wmo"}),
      row("ab", "declaratie", "2024-02-01", {amount: 7, label: "declaraties in de maand", detail: "2 regels", law: "wmo"}),
      row("ab", "toewijzing", "2024-01-15", {end: "2024-03-31", ref: "A1", label: "ZIN"})
    ];
    const {shards} = packTimeline(rows);
    expect(shards.a.strings.filter((s) => s === "declaraties in de maand")).toHaveLength(1);
    const events = clientEvents(shards.a, "ab");
    expect(events.map((e) => [e.kind, e.start?.toISOString().slice(0, 10), e.end?.toISOString().slice(0, 10) ?? null, e.amount, e.label, e.ref, e.detail, e.law]))
      .toEqual([
        ["declaratie", "2024-01-01", null, 12.5, "declaraties in de maand", null, "2 regels", "wmo"],
        ["declaratie", "2024-02-01", null, 7, "declaraties in de maand", null, "2 regels", "wmo"],
        ["toewijzing", "2024-01-15", "2024-03-31", null, "ZIN", "A1", null, null]
      ]);
    // Dates are UTC midnight, as the Parquet rows were.
    expect(events[0].start?.getTime()).toBe(Date.UTC(2024, 0, 1));
    expect(events.every((e) => e.k === "ab")).toBe(true);
    expect(clientEvents(shards.a, "ac")).toEqual([]);
  });
});

describe("from the small model", () => {
  async function packed() {
    // Short keys: the fixture's keys are at most 3 characters, shorter than the minimum of 8, so
    // they are kept whole. Clients: those of the 10 first-line cases plus K2 (a declaring client).
    const keyLength = await shortKeyLength(model, G);
    expect(keyLength).toBe(3);
    const clientsSql = `SELECT 'K2' AS client_key UNION ${caseClientsSql(G)}`;
    return packTimeline(await timelineRows(model, {gemeente: G, keyLength, clientsSql}));
  }

  it("indexes the cases' clients and opens on the client with the most declared euros", async () => {
    const {index, shards} = await packed();
    // Declared (fixture DECLARATIONS): K1 800 + (800 - 800 + 600) + 800 + 5000 (2023) = 7200;
    // K2 500 + 700 + 700 + 3000 = 4900; K4 840 + 760 + 420 = 2020; the case-only clients declare nothing.
    expect(index.default_key).toBe("K1");
    // Fixture CASES: C1 K11, C2 K12, C3 K13, C4 K14, C5 K1, C6 K4, C7 K15, C8 K16, C9 K17, C10 K18 (ids in code-point order).
    expect(index.cases.case_id).toEqual(["C1", "C10", "C2", "C3", "C4", "C5", "C6", "C7", "C8", "C9"]);
    expect(index.cases.k).toEqual(["K11", "K18", "K12", "K13", "K14", "K1", "K4", "K15", "K16", "K17"]);
    expect(clientOfCase(index, "C6")).toBe("K4");
    expect(clientOfCase(index, "C99")).toBeNull();
    // 10 case clients + K2; all start with "K", so all in shard "b".
    expect(index.clients).toBe(11);
    expect(shards.b.keys).toEqual(["K1", "K11", "K12", "K13", "K14", "K15", "K16", "K17", "K18", "K2", "K4"]);
  });

  it("gives a client's events by date: case, request, assignment and declaration months", async () => {
    const {shards} = await packed();
    const events = clientEvents(shards[shardOf("K1")], "K1");
    // K1: case C5 (help 2023-12-01 to 2024-01-31, need after "blijft"), its request (02, waarschijnlijk;
    // dated by the case's start), assignment A1 (actual 2024-01-01 to 2024-03-31), declarations per month:
    // Dec 2023 5000 (01), Jan 800, Feb 800 - 800 + 600 = 600, Mar 800. Same date: by kind.
    expect(events.map((e) => [e.kind, e.start?.toISOString().slice(0, 10), e.amount, e.ref])).toEqual([
      ["casus", "2023-12-01", null, "C5"],
      ["declaratie", "2023-12-01", 5000, null],
      ["verzoek", "2023-12-01", null, "C5"],
      ["declaratie", "2024-01-01", 800, null],
      ["toewijzing", "2024-01-01", null, "A1"],
      ["declaratie", "2024-02-01", 600, null],
      ["declaratie", "2024-03-01", 800, null]
    ]);
    expect(events[0].detail).toBe("tweedelijnsbehoefte na de hulp: blijft");
    expect(events[4].end?.toISOString().slice(0, 10)).toBe("2024-03-31");
    expect(events[1].productcategorie).toBe("01");
  });

  it("makes the same archive bytes from the same model, entries in the order given", async () => {
    const files = async () => {
      const {index, shards} = await packed();
      return [["index.json", JSON.stringify(index)] as const, ...SHARDS.map((s) => [`${s}.json`, JSON.stringify(shards[s])] as const)];
    };
    const first = await zipFiles(await files());
    const second = await zipFiles(await files());
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    const zip = await JSZip.loadAsync(first);
    expect(Object.keys(zip.files)).toEqual(["index.json", ...SHARDS.map((s) => `${s}.json`)]);
    expect(JSON.parse(await zip.file("index.json")!.async("string")).default_key).toBe("K1");
    // Every entry carries the fixed date, not the time of the build.
    expect(Object.values(zip.files).every((f) => f.date.getUTCFullYear() === 2000)).toBe(true);
  });
});
