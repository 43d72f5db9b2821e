/** The story importers end to end: detection, DuckDB staging, pseudonyms, and the demo delivery. */
import {copyFileSync, mkdtempSync, writeFileSync} from "node:fs";
import {tmpdir} from "node:os";
import {join, relative, resolve} from "node:path";
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {beforeAll, describe, expect, it} from "vitest";
import {createTableSql, tables} from "../lib/model/schema.js";
import {DEMO_KEY, pseudonym, pseudonymise} from "../lib/privacy/pseudonym.js";
import {storyImporters} from "../lib/import/stories/index.js";
import {detectImporter, type ImportContext} from "../lib/import/registry.js";
import {probeFile} from "../lib/import/probe.js";
import {ImportFileError} from "../lib/import/types.js";
import {writeDemo} from "../lib/demo/index.js";
import {importDelivery} from "../lib/import/index.js";

const fixtures = resolve("test/fixtures/stories");

async function freshContext(root: string, definition?: string): Promise<{conn: DuckDBConnection; ctx: ImportContext}> {
  const conn = await (await DuckDBInstance.create(":memory:")).connect();
  for (const spec of tables) await conn.run(createTableSql(spec));
  const ctx = {
    connection: conn,
    root,
    options: {demo: false, definition},
    relative: (file: string) => relative(root, resolve(file)).split("\\").join("/"),
    pseudonymise: (ids: Iterable<string>) => pseudonymise(DEMO_KEY, ids)
  } as unknown as ImportContext;
  return {conn, ctx};
}

async function run(file: string, root: string, definition?: string) {
  const {conn, ctx} = await freshContext(root, definition);
  const probe = await probeFile(file, root);
  const importer = detectImporter(storyImporters, probe);
  if (!importer) throw new Error(`no importer detected for ${file}`);
  const report = await importer.run(file, ctx);
  return {conn, report, format: importer.format};
}

const rows = async (conn: DuckDBConnection, sql: string) => (await conn.runAndReadAll(sql)).getRowObjectsJS();

describe("story importers in DuckDB", () => {
  it("detects and stages the SenseMaker raw export with its definition beside it", async () => {
    const {conn, report, format} = await run(join(fixtures, "sensemaker/sensemaker-export.csv"), fixtures);
    expect(format).toBe("sensemaker-raw");
    expect(report).toMatchObject({file: "sensemaker/sensemaker-export.csv", rows_read: 7, rows_accepted: 6, rows_rejected: 1});
    const [story] = await rows(conn, `SELECT story_id, collected_on::VARCHAR AS d, source_file FROM stories WHERE story_id = 's6'`);
    expect(story).toEqual({story_id: "s6", d: "2024-01-01", source_file: "sensemaker/sensemaker-export.csv"});
    const [sig] = await rows(conn, `SELECT source_file, multi_select FROM signifiers WHERE signifier_id = 'q-thema'`);
    expect(sig).toEqual({source_file: "sensemaker/sensemaker-definition.json", multi_select: true});
    const [{n}] = await rows(conn, `SELECT count(*)::INTEGER AS n FROM story_texts WHERE text LIKE '%\n%'`);
    expect(n).toBe(1);
  });

  it("does not stage the signifiers of a framework twice", async () => {
    const {conn, ctx} = await freshContext(fixtures);
    const file = join(fixtures, "sensemaker/sensemaker-export.csv");
    await storyImporters[0].run(file, ctx);
    await storyImporters[0].run(file, ctx);
    const [{n}] = await rows(conn, `SELECT count(*)::INTEGER AS n FROM signifiers`);
    expect(n).toBe(7);
  });

  it("names the file when the definition is missing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wk-stories-"));
    const file = join(dir, "export.csv");
    copyFileSync(join(fixtures, "sensemaker/sensemaker-export.csv"), file);
    const {ctx} = await freshContext(dir);
    const err = await storyImporters[0].run(file, ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportFileError);
    expect(String((err as Error).message)).toMatch(/export\.csv: no framework definition found.*--definition/);
  });

  it("takes the definition given with --definition", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wk-stories-"));
    const file = join(dir, "export.csv");
    copyFileSync(join(fixtures, "sensemaker/sensemaker-export.csv"), file);
    const {report} = await run(file, dir, join(fixtures, "sensemaker/sensemaker-definition.json"));
    expect(report.rows_accepted).toBe(6);
  });

  it("fails with the file name on an empty file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wk-stories-"));
    const file = join(dir, "leeg.csv");
    writeFileSync(file, "");
    const {ctx} = await freshContext(dir);
    await expect(storyImporters[2].run(file, ctx)).rejects.toThrow(/leeg\.csv: the file is empty/);
  });

  it("fails clearly when a file of the wrong format is forced on an importer", async () => {
    const {ctx} = await freshContext(fixtures);
    const file = join(fixtures, "generic/verhalen-fouten.csv");
    await expect(storyImporters[0].run(file, ctx)).rejects.toThrow(/verhalen-fouten\.csv: not a SenseMaker raw export/);
  });

  it("reads a Windows-1252 generic CSV and pseudonymises client_ref with the project key", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wk-stories-"));
    const file = join(dir, "verhalen.csv");
    const text = "verhaal_id;datum;verteller;client_ref;tekst\r\nx1;01-02-2025;inwoner;99999006;Café en één keer hulp\r\n";
    writeFileSync(file, Buffer.from(text, "latin1")); // latin1 bytes = Windows-1252 for these letters
    const {conn, report, format} = await run(file, dir);
    expect(format).toBe("verhalen-generiek");
    expect(report.rejects).toEqual([]);
    const [s] = await rows(conn, `SELECT s.client_key, t.text FROM stories s JOIN story_texts t USING (story_id)`);
    // 8 digits are a BSN cut by Excel: left-padded before the HMAC, so it joins with the case data.
    expect(s).toEqual({client_key: pseudonym(DEMO_KEY, "099999006"), text: "Café en één keer hulp"});
    expect(report.warnings.join("\n")).not.toMatch(/test range/);
  });

  it("reads the Workbench export with the definition beside it", async () => {
    const {report, format} = await run(join(fixtures, "workbench/workbench-export.csv"), fixtures);
    expect(format).toBe("sensemaker-workbench");
    expect(report).toMatchObject({rows_read: 3, rows_accepted: 3, rows_rejected: 0});
  });
});

describe("the demo delivery", () => {
  let out: string;
  let key: Awaited<ReturnType<typeof writeDemo>>;
  beforeAll(async () => {
    out = join(mkdtempSync(join(tmpdir(), "wk-demo-")), "levering");
    key = await writeDemo({out, seed: 7, scale: "small"});
  }, 60_000);

  it("imports the SenseMaker export with exactly the planted story rows rejected", async () => {
    const result = await importDelivery([join(out, "verhalen")], {out: join(out, "..", "model"), demo: true});
    const report = result.files.find((f) => f.file.endsWith("sensemaker-export.csv"))!;
    expect(report.format).toBe("sensemaker-raw");
    expect(result.skipped.map((s) => s.reason)).toContain("read together with its export");
    const planted = key.planted.filter((p) => p.file === "verhalen/sensemaker-export.csv");
    const expectedRejects = planted.filter((p) => p.expected === "reject");
    expect(report.rejects.map((r) => [r.row, r.column]).sort()).toEqual(expectedRejects.map((p) => [p.row, p.column]).sort());
    expect(report.rows_read).toBe(report.rows_accepted + report.rows_rejected);
    expect(report.rows_rejected).toBe(planted.filter((p) => p.kind === "duplicate-story").length);
    expect(report.rows_accepted).toBe(key.counts.stories);
    // The planted dot outside the triangle is accepted with a warning on its row.
    for (const p of planted.filter((x) => x.expected === "accept")) {
      expect(report.warnings.some((w) => w.startsWith(`row ${p.row}, triad`))).toBe(true);
    }
    // Teller roles and case links agree with the generator's answer key.
    const conn = await (await DuckDBInstance.create(":memory:")).connect();
    const [counts] = await rows(conn, `SELECT count(*) FILTER (WHERE teller_role = 'inwoner')::INTEGER AS residents,
      count(*) FILTER (WHERE teller_role = 'medewerker')::INTEGER AS staff, count(case_ref)::INTEGER AS with_case
      FROM '${join(out, "..", "model", "stories.parquet")}'`);
    expect(counts).toEqual({residents: key.counts.stories_by_residents, staff: key.counts.stories_by_staff, with_case: key.counts.stories_with_case});
  }, 60_000);
});

describe("NarraFirma in DuckDB", () => {
  it("detects the stories file, finds the story form beside it and stages scales as dyads", async () => {
    const {conn, report, format} = await run(join(fixtures, "narrafirma/verhalen.csv"), fixtures);
    expect(format).toBe("narrafirma");
    expect(report).toMatchObject({rows_read: 4, rows_accepted: 3, rows_rejected: 1});
    const [sig] = await rows(conn, `SELECT type, source_file FROM signifiers WHERE signifier_id = 'Grip'`);
    expect(sig).toEqual({type: "dyad", source_file: "narrafirma/verhaalformulier.csv"});
  });

  it("marks the story form as a companion, not a file of its own", async () => {
    const probe = await probeFile(join(fixtures, "narrafirma/verhaalformulier.csv"), fixtures);
    expect(storyImporters.some((i) => i.companion?.(probe))).toBe(true);
    expect(detectImporter(storyImporters, probe)).toBeUndefined();
  });
});
