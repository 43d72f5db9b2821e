// The post-build privacy scan: a fake model and a fake built site with one leak in each kind of
// file (incl. a zstd Parquet file and source maps), and a clean site that must pass.
import {gzipSync} from "node:zlib";
import {mkdir, mkdtemp, readFile, rm, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {dirname, join} from "node:path";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {DuckDBInstance} from "@duckdb/node-api";
import {tableFromArrays, tableToIPC} from "apache-arrow";
import {buildNeedles, findInText, loadNeedles, normalise, packagePath, scanDist, type Finding, type Needles} from "../lib/privacy/scan.js";
import {isValidBsn} from "../lib/privacy/bsn.js";
import {run} from "../bin/commands/scan.js";

// Synthetic stories. Stories 1-3 share a stock phrase that a public page may well contain.
const COMMON = "Ik ben heel blij met de hulp van het wijkteam in onze buurt.";
const STORIES = [
  {
    story_id: "0b7c2f4e-1111-4a55-9d1e-5f3c2a1b0c01",
    title: "De keukentafel van mevrouw Zwaluwstaart",
    text: `Toen mijn man overleed stond ik er alleen voor met de administratie. De buurtcoach kwam elke dinsdag langs en samen hebben we de brieven van de belastingdienst uitgezocht. ${COMMON}`
  },
  {
    story_id: "0b7c2f4e-2222-4a55-9d1e-5f3c2a1b0c02",
    title: "Één gesprek over schulden in Lindewaard",
    text: `Mijn zoon speelde niet meer buiten en zat alleen nog op zijn kamer. Via school kwamen we bij de jeugdverpleegkundige terecht. ${COMMON}`
  },
  {
    story_id: "0b7c2f4e-3333-4a55-9d1e-5f3c2a1b0c03",
    title: "Kort",
    text: `De rolstoel kwam pas na vier maanden, in de tussentijd heeft de buurvrouw mij steeds naar de huisarts gereden. ${COMMON}`
  }
];
const CLIENT_KEYS = ["3f9a1c7be2d44e0a9b61c5d8e7f20a11", "9d2e4b6a8c0f1e3d5b7a9c1e3f5a7b90"];
const CASE_IDS = ["LW-2024-000731", "LW-2024-000732"];
const CANARY = "kanarie-merel-4471";
const BSN = "111222333"; // passes the elfproef (worked in test/bsn.test.ts)

const snippet = STORIES[0].text.slice(40, 110); // 70 characters from inside story 1

let root: string;
let modelDir: string;
let needles: Needles;

async function put(dir: string, path: string, content: string | Uint8Array): Promise<void> {
  await mkdir(dirname(join(dir, path)), {recursive: true});
  await writeFile(join(dir, path), content);
}

async function writeParquet(path: string, selectSql: string): Promise<void> {
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  await mkdir(dirname(path), {recursive: true});
  await conn.run(`COPY (${selectSql}) TO '${path}' (FORMAT parquet, COMPRESSION zstd)`);
  conn.closeSync();
  instance.closeSync();
}

const sqlString = (s: string) => `'${s.replaceAll("'", "''")}'`;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "warmkoud-scan-test-"));
  modelDir = join(root, "model");
  const storyRows = STORIES.map((s) => `(${sqlString(s.story_id)}, ${sqlString(s.title)}, ${sqlString(s.text)})`).join(", ");
  await writeParquet(join(modelDir, "story_texts.parquet"), `SELECT * FROM (VALUES ${storyRows}) t(story_id, title, text)`);
  await writeParquet(
    join(modelDir, "stories.parquet"),
    `SELECT * FROM (VALUES (${sqlString(STORIES[0].story_id)}, '${CLIENT_KEYS[0]}', '${CASE_IDS[0]}'), (${sqlString(STORIES[1].story_id)}, '${CLIENT_KEYS[1]}', NULL)) t(story_id, client_key, case_ref)`
  );
  await writeParquet(join(modelDir, "cases.parquet"), `SELECT * FROM (VALUES ('${CASE_IDS[0]}', '${CLIENT_KEYS[0]}'), ('${CASE_IDS[1]}', '${CLIENT_KEYS[1]}')) t(case_id, client_key)`);
  needles = await loadNeedles(modelDir, [CANARY]);
}, 60_000);

afterAll(async () => {
  if (root) await rm(root, {recursive: true, force: true});
});

describe("normalise", () => {
  it("folds case, accents, escapes, entities and separators", () => {
    expect(normalise("Één  Gesprek,\\n over\\u00e9 &eacute;&amp;<br>&#233;").text).toBe("een gesprek overe e e");
    expect(normalise("  a\tb  ").text).toBe("a b");
  });
  it("maps normalised characters back to their position", () => {
    const {text, origin} = normalise("x &amp; yz");
    expect(text).toBe("x yz");
    expect(origin[2]).toBe(8); // "y"
  });
  it("keeps letters of other scripts", () => {
    expect(normalise("Merhaba, çocuğum! مرحبا").text).toBe("merhaba cocugum مرحبا");
  });
});

describe("matching", () => {
  it("loads needles from the model", () => {
    expect(needles.counts).toMatchObject({storyTexts: 3, pseudonyms: 2, ids: 5, canaries: 1});
    expect(needles.counts.titles).toBe(2); // "Kort" is too short to be distinctive
  });
  it("finds a story fragment through markup and line breaks", () => {
    const cut = snippet.indexOf(" ", 30); // a tag between two words (inside a word it would split it)
    const html = `<p>${snippet.slice(0, cut)}<br>\n${snippet.slice(cut)}</p>`;
    expect(findInText(html, needles).map((h) => h.kind)).toContain("story-text");
  });
  it("does not flag a phrase shared by many stories", () => {
    expect(findInText(`<p>${COMMON}</p>`, needles)).toEqual([]);
  });
  it("finds a clear BSN but not a hex run, a decimal or an invalid number", () => {
    expect(isValidBsn("123456782")).toBe(true); // 9+16+21+24+25+24+21+16-2 = 154 = 14*11
    expect(findInText(`"bsn": "${BSN}"`, needles).map((h) => h.kind)).toEqual(["bsn"]);
    expect(findInText(`#a${BSN}f, 0.${BSN}, ${BSN}.5, 123456789, NL${BSN}B01`, needles)).toEqual([]);
    expect(findInText(`const h = ${BSN};`, needles, {bsn: false})).toEqual([]);
  });
  it("matches ids only as whole tokens", () => {
    expect(findInText(`case ${CASE_IDS[1]} closed`, needles).map((h) => h.kind)).toEqual(["id"]);
    expect(findInText(`case ${CASE_IDS[1]}9 closed`, needles)).toEqual([]);
  });
  it("finds a pseudonym inside a longer digest", () => {
    expect(findInText(`"h":"${CLIENT_KEYS[1]}${"0".repeat(32)}"`, needles).map((h) => h.kind)).toEqual(["pseudonym"]);
  });
  it("maps a library path in the site to node_modules", () => {
    expect(packagePath("_node/@duckdb/duckdb-wasm@1.29.0/dist/duckdb-eh.wasm")).toBe("@duckdb/duckdb-wasm/dist/duckdb-eh.wasm");
    expect(packagePath("_npm/d3@7.9.0/dist/d3.js")).toBe("d3/dist/d3.js");
    expect(packagePath("_import/app.js")).toBeNull();
  });
});

describe("scanDist", () => {
  const byFile = (findings: Finding[]) => {
    const out: Record<string, string[]> = {};
    for (const f of findings) (out[f.file.split("#")[0]] ??= []).push(f.kind);
    return out;
  };

  it("finds a leak in every kind of file", async () => {
    const dist = join(root, "leaky");
    const accentTitle = STORIES[1].title.replace("É", "\\u00c9").replace("é", "\\u00e9");
    const storyJson = JSON.stringify({story: snippet});
    await put(dist, "index.html", `<html><body><h1>Rapport</h1><p>${snippet.replace("de", "d&#101;")}</p></body></html>`);
    await put(dist, "_import/data.js", `export const t = "${accentTitle}";\n`);
    await put(dist, "_import/data.js.map", JSON.stringify({version: 3, sources: ["data.ts"], sourcesContent: [`const bsn = "${BSN}";`], mappings: "AAAA"}));
    await put(dist, "_import/inline.js", `x();\n//# sourceMappingURL=data:application/json;base64,${Buffer.from(JSON.stringify({sourcesContent: [storyJson]})).toString("base64")}\n`);
    await put(dist, "_file/data/summary.json", JSON.stringify([{group: "a", key: CLIENT_KEYS[0], n: 15}]));
    await put(dist, "_file/data/export.csv", `zaak;aantal\n${CASE_IDS[1]};15\n`);
    await put(dist, "style.css", `/* ${CANARY} */ body { color: #111; }`);
    await put(dist, "icons.svg", `<svg xmlns="http://www.w3.org/2000/svg"><title>${STORIES[2].story_id}</title></svg>`);
    await put(dist, "_file/search.json.gz", gzipSync(JSON.stringify({docs: [{text: STORIES[2].text.slice(0, 60)}]})));
    await put(dist, "_file/data/keys.arrow", tableToIPC(tableFromArrays({key: [CLIENT_KEYS[1]], n: Int32Array.from([20])}), "file"));
    await put(dist, "_file/data/blob.zst", new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 1, 2, 3, 4]));
    await put(dist, "_node/somelib@1.0.0/index.js", `const k = ${BSN}; // ${CANARY}`);
    const parquet = join(dist, "_file/data/agg.parquet");
    const longText = `${STORIES[0].text} `.repeat(20);
    await writeParquet(parquet, `SELECT 'groep ' || i AS label, CASE WHEN i = 7 THEN ${sqlString(longText)} WHEN i = 0 THEN 'AAA' ELSE 'zzz' END AS note FROM range(50) t(i)`);
    // The story text is not readable in the compressed bytes (nor in the min/max statistics,
    // which 'AAA' and 'zzz' take): only decoding finds it.
    expect((await readFile(parquet)).toString("latin1").includes(STORIES[0].text.slice(0, 40))).toBe(false);

    const report = await scanDist(dist, needles);
    const found = byFile(report.findings);
    expect(found["index.html"]).toContain("story-text");
    expect(found["_import/data.js"]).toContain("story-title");
    expect(found["_import/data.js.map"]).toContain("bsn");
    expect(found["_import/inline.js"]).toContain("story-text");
    expect(found["_file/data/summary.json"]).toContain("pseudonym");
    expect(found["_file/data/export.csv"]).toContain("id");
    expect(found["style.css"]).toContain("canary");
    expect(found["icons.svg"]).toContain("id");
    expect(found["_file/search.json.gz"]).toContain("story-text");
    expect(found["_file/data/keys.arrow"]).toContain("pseudonym");
    expect(found["_file/data/blob.zst"]).toEqual(["undecodable"]);
    expect(found["_node/somelib@1.0.0/index.js"]).toEqual(["canary"]); // no BSN check in library code
    expect(found["_file/data/agg.parquet"]).toContain("story-text");
    const parquetHit = report.findings.find((f) => f.file === "_file/data/agg.parquet")!;
    expect(parquetHit.where).toBe('kolom "note", rij 8');
    // The report names the story, never its text.
    for (const f of report.findings) expect(f.found).not.toContain(snippet.slice(0, 20));
  }, 60_000);

  it("passes a clean site", async () => {
    const dist = join(root, "clean");
    await put(dist, "index.html", `<html><body><h1>Rapport</h1><p>${COMMON}</p><p>Aantal verhalen: 125. Telefoon 0201234567, id 123456789.</p></body></html>`);
    await put(dist, "_import/data.js", `export const colours = "#a${BSN}f"; export const n = 0.${BSN};\n`);
    await put(dist, "_import/data.js.map", JSON.stringify({version: 3, sources: ["data.ts"], sourcesContent: ["export const n = 1;"], mappings: "AAAA"}));
    await put(dist, "_file/data/summary.json", JSON.stringify([{group: "inwoner", n: 15}, {group: "medewerker", n: null, n_display: "< 10"}]));
    await put(dist, "_file/search.json.gz", gzipSync(JSON.stringify({docs: [{text: "Verantwoording van de cijfers"}]})));
    await writeParquet(join(dist, "_file/data/agg.parquet"), `SELECT 'groep ' || i AS label, i * 5 AS n FROM range(50) t(i)`);
    const report = await scanDist(dist, needles);
    expect(report.findings).toEqual([]);
    expect(report.files).toBe(6);
  }, 60_000);

  it("skips byte-identical library copies, but scans a changed one", async () => {
    const dist = join(root, "libs");
    const packages = join(root, "node_modules");
    await put(packages, "somelib/dist/engine.bin", `engine ${CANARY}`);
    await put(dist, "_node/somelib@2.0.0/dist/engine.bin", `engine ${CANARY}`);
    const same = await scanDist(dist, needles, {packages});
    expect(same.findings).toEqual([]);
    expect(same.packageCopies).toEqual(["_node/somelib@2.0.0/dist/engine.bin"]);
    await put(dist, "_node/somelib@2.0.0/dist/engine.bin", `engine! ${CANARY}`);
    expect((await scanDist(dist, needles, {packages})).findings.map((f) => f.kind)).toEqual(["canary"]);
  });
});

describe("warmkoud scan", () => {
  it("exits 1 on a leak and 0 on a clean site", async () => {
    const canaryFile = join(root, "canaries.txt");
    await writeFile(canaryFile, `# planted\n${CANARY}\n`);
    const leaky = join(root, "cli-leaky");
    const clean = join(root, "cli-clean");
    await put(leaky, "index.html", `<p>${CANARY}</p>`);
    await put(clean, "index.html", "<p>Niets bijzonders.</p>");
    const quiet = {log: console.log, error: console.error};
    console.log = console.error = () => {};
    try {
      expect(await run([leaky, "--model", modelDir, "--canary", canaryFile])).toBe(1);
      expect(await run([clean, "--model", modelDir, "--canary", canaryFile])).toBe(0);
      expect(await run([clean])).toBe(2);
    } finally {
      Object.assign(console, quiet);
    }
  }, 60_000);

  it("builds needles without a model for direct use", () => {
    const n = buildNeedles({stories: [], pseudonyms: [], ids: ["AB"], canaries: []});
    expect(n.counts.idsTooShort).toBe(1);
  });
});
