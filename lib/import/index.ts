/**
 * importDelivery: a delivery folder (or files) in, the canonical model out.
 *
 * Walks the folders, probes and detects each file, runs every importer into the staging tables of
 * ONE DuckDB connection, then writes each table sorted to `<out>/<table>.parquet` (large
 * declarations also partitioned by gemeente and year under `<out>/declarations/`) with
 * `import-report.json` and `manifest.json`. Everything is written into a temporary folder next to
 * `<out>` and swapped in at the end: a file that cannot be read (ImportFileError) leaves an
 * earlier `<out>` untouched and no half-written Parquet file anywhere.
 */
import {DuckDBInstance, type DuckDBConnection} from "@duckdb/node-api";
import {existsSync, readFileSync} from "node:fs";
import {mkdir, mkdtemp, readdir, rename, rm, stat, writeFile} from "node:fs/promises";
import {tmpdir} from "node:os";
import {basename, dirname, isAbsolute, join, relative, resolve, sep} from "node:path";
import {installDutchMacros} from "../formats/csv.js";
import {DEMO_GENERATOR} from "../demo/key.js";
import {createTableSql, tables} from "../model/schema.js";
import {domainKey, hmacSha256Hex, pseudonymise, resolveKey} from "../privacy/pseudonym.js";
import {version} from "../version.js";
import {MANIFEST, REPORT, type Manifest} from "./manifest.js";
import {probeFile, relativePath} from "./probe.js";
import {createBsnTable, createPseudonymTable} from "./pseudonyms.js";
import {deriveHouseholds} from "./cold/households.js";
import {loadProfile} from "./cold/profile.js";
import {detectImporter, importerByFormat, isCompanion, loadImporters, type ImportContext, type Importer} from "./registry.js";
import {ImportFileError, type FileReport} from "./types.js";
import {PARTITIONS, PARTITION_MIN_ROWS, rowCount, sha256File, writePartitioned, writeTable, type OutputFile} from "./write.js";

export interface ImportDeliveryOptions {
  out: string;
  format?: string;
  definition?: string;
  profile?: string;
  keyFile?: string;
  demo?: boolean;
  /** Row count from which a table in PARTITIONS is also written partitioned (default PARTITION_MIN_ROWS; for tests). */
  partitionMinRows?: number;
}

export interface SkippedFile {
  file: string;
  reason: string;
}

export interface ImportResult {
  out: string;
  files: FileReport[];
  skipped: SkippedFile[];
  outputs: OutputFile[];
  /** Rows rejected over all files (exit code 1 when > 0). */
  rejected: number;
  demo: boolean;
}

/** Files a delivery carries that are not data. */
const NOT_DATA = new Set(["LEESMIJ.txt", "demo-sleutel.json", MANIFEST, REPORT]);
const DEMO_MARKER = "demo-sleutel.json";

export async function importDelivery(paths: string[], options: ImportDeliveryOptions): Promise<ImportResult> {
  if (paths.length === 0) throw new Error("no input files or folders given");
  const inputs = paths.map((p) => resolve(p));
  await checkOut(resolve(options.out), inputs);
  // Checked here too: with no story file in the delivery nothing else would read it.
  if (options.definition !== undefined && !existsSync(options.definition)) throw new ImportFileError(options.definition, "no such file (given with --definition)");
  const {files, explicit, demoMarker} = await collectFiles(inputs);
  const root = await deliveryRoot(inputs);
  const demo = options.demo === true || demoMarker;
  const key = resolveKey({keyFile: options.keyFile, demo});
  const importers = await loadImporters();
  const plan = await planFiles(files, explicit, root, importers, options.format, options.profile);
  // The inputs' SHA-256 (for the manifest) is read while DuckDB works, not after it.
  const hashes = hashInBackground(plan.runs.map((r) => r.file));

  const spill = await mkdtemp(join(tmpdir(), "warmkoud-spill-"));
  const instance = await DuckDBInstance.create(":memory:", duckdbSettings(spill));
  const conn = await instance.connect();
  try {
    for (const spec of tables) await conn.run(createTableSql(spec));
    await installDutchMacros(conn);
    const ctx = context(conn, root, key, {format: options.format, definition: options.definition, profile: options.profile, demo});
    const reports = await runPlan(plan, ctx);
    await deriveHouseholds(conn);
    const out = resolve(options.out);
    const outputs = await writeModel(out, async (dir) => {
      const written: OutputFile[] = [];
      for (const spec of tables) {
        const by = PARTITIONS[spec.name];
        if (by && (await rowCount(conn, spec.name)) >= (options.partitionMinRows ?? PARTITION_MIN_ROWS)) written.push(...(await writePartitioned(conn, spec, dir, by)));
        else written.push(await writeTable(conn, spec, dir));
      }
      await writeFile(`${dir}/${REPORT}`, JSON.stringify({files: reports, skipped: plan.skipped}, null, 2) + "\n");
      const manifest: Manifest = {
        warmkoud_version: version,
        input_root: root,
        settings: {format: options.format ?? null, definition: options.definition ?? null, profile: options.profile ?? null, demo, key_id: keyId(key)},
        inputs: await describeInputs(plan.runs.map((r) => r.file), reports, root, hashes),
        outputs: written,
        report: {file: REPORT, sha256: await sha256File(`${dir}/${REPORT}`)}
      };
      await writeFile(`${dir}/${MANIFEST}`, JSON.stringify(manifest, null, 2) + "\n");
      return written;
    });
    return {out, files: reports, skipped: plan.skipped, outputs, rejected: reports.reduce((n, r) => n + r.rows_rejected, 0), demo};
  } finally {
    conn.closeSync();
    instance.closeSync();
    await rm(spill, {recursive: true, force: true});
  }
}

/**
 * DuckDB's memory limit for an import: 1M lines fit (no spill), 10M spill instead of growing
 * (issue 3: < 2 GB peak RSS; the Parquet writer's memory comes on top of the limit). Peak RSS on
 * 10M lines (2026-12-07, one process each): 1.78-1.85 GB at 1000MB, 1.40-1.55 GB at 800MB and
 * 1.39 GB at 700MB, all in about 55 s: 800MB leaves room below 2 GB at no cost in time.
 */
export const IMPORT_MEMORY_LIMIT = "800MB";

/**
 * Settings of the import's DuckDB: a bounded memory limit with a private spill folder (staging
 * tables of an in-memory database and large sorts go there), so peak memory stays flat from 1M
 * to 10M lines. `WARMKOUD_IMPORT_MEMORY` overrides the limit.
 */
function duckdbSettings(spill: string): Record<string, string> {
  return {memory_limit: process.env.WARMKOUD_IMPORT_MEMORY ?? IMPORT_MEMORY_LIMIT, temp_directory: spill};
}

/** Runs every file (batched per importer where it supports runMany); reports in plan order. */
async function runPlan(plan: Plan, ctx: ImportContext): Promise<FileReport[]> {
  const done = new Map<string, FileReport>();
  for (const {file, importer} of plan.runs) {
    if (done.has(file)) continue;
    if (importer.runMany) {
      const batch = plan.runs.filter((r) => r.importer === importer).map((r) => r.file);
      const batchReports = await importer.runMany(batch, ctx);
      batch.forEach((f, i) => done.set(f, batchReports[i]));
    } else {
      done.set(file, await importer.run(file, ctx));
    }
  }
  return plan.runs.map((r) => done.get(r.file)!);
}

/** Identifies the key without revealing it (same key_id = pseudonyms that join). */
function keyId(key: Buffer): string {
  return hmacSha256Hex(key, "warmkoud key id").slice(0, 16);
}

function context(conn: DuckDBConnection, root: string, key: Buffer, options: ImportContext["options"]): ImportContext {
  let tables = 0;
  return {
    connection: conn,
    root,
    options,
    relative: (file) => relativePath(root, resolve(file)),
    pseudonymise: (ids) => pseudonymise(key, ids),
    pseudonymTable: (sql, domain) => createPseudonymTable(conn, domain ? domainKey(key, domain) : key, sql, `pseudonyms_${++tables}`),
    bsnTable: (sql) => createBsnTable(conn, key, sql, `bsn_lookup_${++tables}`)
  };
}

const isWithin = (path: string, folder: string) => {
  const r = relative(folder, path);
  return r === "" || (!r.startsWith("..") && !isAbsolute(r));
};

/**
 * The import replaces `out` as a whole, so `out` must not be or hold an input, must not lie inside
 * an input folder (the next import would read the model as exports), and, when it exists, must be
 * empty or an earlier model (a manifest.json in it): never a folder of other files.
 */
async function checkOut(out: string, inputs: string[]): Promise<void> {
  for (const input of inputs) {
    if (isWithin(input, out)) throw new ImportFileError(out, `--out is or holds the input ${input}; the import replaces --out: choose another folder`);
    if (existsSync(input) && (await stat(input)).isDirectory() && isWithin(out, input)) {
      throw new ImportFileError(out, `--out lies inside the input folder ${input}; a later import would read the model as exports: choose a folder outside it`);
    }
  }
  if (!existsSync(out)) return;
  if (!(await stat(out)).isDirectory()) throw new ImportFileError(out, "--out exists and is not a folder");
  const entries = await readdir(out);
  if (entries.length > 0 && !entries.includes(MANIFEST)) {
    throw new ImportFileError(out, "--out is a folder with other files (no manifest.json of an earlier import); the import replaces --out: choose a new or empty folder");
  }
}

/**
 * A delivery switches to the public demo key only when its demo-sleutel.json is the demo
 * generator's answer key: any file of that name is not enough (the demo key pseudonymises nothing).
 */
function isDemoAnswerKey(path: string): boolean {
  try {
    const key = JSON.parse(readFileSync(path, "utf8")) as {generator?: unknown; seed?: unknown; counts?: unknown};
    return key.generator === DEMO_GENERATOR && typeof key.seed === "number" && typeof key.counts === "object" && key.counts !== null;
  } catch {
    return false;
  }
}

/** The folder given, or the deepest folder containing every input. */
async function deliveryRoot(inputs: string[]): Promise<string> {
  const dirs: string[] = [];
  for (const p of inputs) dirs.push((await stat(p)).isDirectory() ? p : dirname(p));
  let root = dirs[0].split(sep);
  for (const d of dirs.slice(1)) {
    const parts = d.split(sep);
    let i = 0;
    while (i < root.length && root[i] === parts[i]) i++;
    root = root.slice(0, i);
  }
  return root.join(sep) || sep;
}

async function collectFiles(inputs: string[]): Promise<{files: string[]; explicit: Set<string>; demoMarker: boolean}> {
  const files: string[] = [];
  const explicit = new Set<string>();
  let demoMarker = false;
  const walk = async (dir: string) => {
    for (const entry of (await readdir(dir, {withFileTypes: true})).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (entry.name.startsWith(".")) continue;
      const path = `${dir}${sep}${entry.name}`;
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) {
        if (!demoMarker && entry.name === DEMO_MARKER && isDemoAnswerKey(path)) demoMarker = true;
        files.push(path);
      }
    }
  };
  for (const input of inputs) {
    if (!existsSync(input)) throw new ImportFileError(input, "no such file or folder");
    if ((await stat(input)).isDirectory()) await walk(input);
    else {
      files.push(input);
      explicit.add(input);
      // Not read again once an answer key was found (a shell glob may name hundreds of files of one folder).
      if (!demoMarker && isDemoAnswerKey(`${dirname(input)}${sep}${DEMO_MARKER}`)) demoMarker = true;
    }
  }
  return {files: [...new Set(files)], explicit, demoMarker};
}

interface Plan {
  runs: {file: string; importer: Importer}[];
  skipped: SkippedFile[];
}

/** Tabular files a delivery only holds as data: one no importer recognises is an error, not skipped (its rows would be lost unseen). */
const TABLE_FILE = /\.(csv|tsv)$/i;

/**
 * Decides per file which importer runs, before anything runs (a wrong file fails fast). A forced
 * format still leaves companions (a definition JSON) to their export; a profile is offered to
 * detection, which takes it for the files whose header it fits.
 */
async function planFiles(files: string[], explicit: Set<string>, root: string, importers: Importer[], format?: string, profile?: string): Promise<Plan> {
  const forced = format ? importerByFormat(importers, format) : undefined;
  if (format && !forced) throw new Error(`unknown format "${format}"; known: ${importers.map((i) => i.format).join(", ")}`);
  const given = profile === undefined ? undefined : loadProfile(profile);
  const plan: Plan = {runs: [], skipped: []};
  for (const file of files) {
    const rel = relativePath(root, file);
    if (NOT_DATA.has(basename(file))) {
      plan.skipped.push({file: rel, reason: "not data (delivery notes or answer key)"});
      continue;
    }
    const probe = await probeFile(file, root);
    if (probe.size === 0 || probe.head.trim() === "") throw new ImportFileError(file, "the file is empty");
    if (isCompanion(importers, probe)) {
      plan.skipped.push({file: rel, reason: "read together with its export"});
      continue;
    }
    const importer = forced ?? detectImporter(importers, probe, {profile: given});
    if (importer) plan.runs.push({file, importer});
    else if (explicit.has(file)) throw new ImportFileError(file, "not a format warmkoud recognises (use --format to force one)");
    else if (TABLE_FILE.test(file)) throw new ImportFileError(file, "not a format warmkoud recognises: its rows would be left out (use --format or --profile, or move it out of the delivery)");
    else plan.skipped.push({file: rel, reason: "format not recognised"});
  }
  return plan;
}

/** SHA-256 of each file, one file after another; an import that fails first leaves no unhandled rejection. */
function hashInBackground(files: string[]): Map<string, Promise<string>> {
  const hashes = new Map<string, Promise<string>>();
  let previous: Promise<unknown> = Promise.resolve();
  for (const file of new Set(files)) {
    const hash = previous.then(() => sha256File(file));
    hash.catch(() => {});
    hashes.set(file, hash);
    previous = hash.catch(() => {});
  }
  return hashes;
}

async function describeInputs(files: string[], reports: FileReport[], root: string, hashes: Map<string, Promise<string>>): Promise<Manifest["inputs"]> {
  const out: Manifest["inputs"] = [];
  for (let i = 0; i < files.length; i++) {
    const r = reports[i];
    out.push({
      file: relativePath(root, files[i]), format: r.format, size: (await stat(files[i])).size, sha256: await hashes.get(files[i])!,
      rows_read: r.rows_read, rows_accepted: r.rows_accepted, rows_rejected: r.rows_rejected
    });
  }
  return out;
}

/** Writes into `<out>.tmp-<pid>`, then swaps it in for `<out>` (the old one removed only after). */
async function writeModel<T>(out: string, write: (dir: string) => Promise<T>): Promise<T> {
  const tmp = `${out}.tmp-${process.pid}`;
  const old = `${out}.old-${process.pid}`;
  await rm(tmp, {recursive: true, force: true});
  await mkdir(tmp, {recursive: true});
  try {
    const result = await write(tmp);
    if (existsSync(out)) await rename(out, old);
    await rename(tmp, out);
    await rm(old, {recursive: true, force: true});
    return result;
  } catch (error) {
    await rm(tmp, {recursive: true, force: true});
    throw error;
  }
}
