/**
 * manifest.json: what was imported and what came out, so a reviewer can check that a model
 * belongs to its inputs. No timestamps: the same inputs and key give the same manifest.
 */
import {DuckDBInstance} from "@duckdb/node-api";
import {existsSync, readFileSync} from "node:fs";
import {readdir, stat} from "node:fs/promises";
import {join, relative, sep} from "node:path";
import {tables} from "../model/schema.js";
import type {FileReport} from "./types.js";
import {sha256File, type OutputFile} from "./write.js";

export interface ManifestInput {
  file: string;
  format: string;
  size: number;
  sha256: string;
  rows_read: number;
  rows_accepted: number;
  rows_rejected: number;
}

export interface Manifest {
  warmkoud_version: string;
  /** Absolute folder the input paths are relative to. */
  input_root: string;
  settings: {format: string | null; definition: string | null; profile: string | null; demo: boolean; key_id: string};
  inputs: ManifestInput[];
  outputs: OutputFile[];
  /** import-report.json and its SHA-256 (the report is part of what a reviewer checks). */
  report: {file: string; sha256: string};
}

export const MANIFEST = "manifest.json";
export const REPORT = "import-report.json";

export interface VerifyProblem {
  file: string;
  problem: string;
}

/**
 * Checks a model folder against its manifest: every input's size and SHA-256, every output's
 * SHA-256 and row count, the report's SHA-256 and its row counts against the manifest's, every
 * table of the model listed, and no file in the folder that the manifest does not list. An empty
 * list means all match. (The settings and version cannot be checked without the key or the
 * inputs' import: their edits show only through the outputs they would change.)
 */
export async function verifyModel(dir: string): Promise<VerifyProblem[]> {
  const path = join(dir, MANIFEST);
  if (!existsSync(path)) return [{file: path, problem: "no manifest.json"}];
  const manifest = readJson(path);
  const shape = manifestShapeProblem(manifest);
  if (shape) return [{file: path, problem: shape}];
  const m = manifest as Manifest;
  const problems: VerifyProblem[] = [];
  const check = async (file: string, sha: string, size?: number) => {
    if (!existsSync(file)) return problems.push({file, problem: "missing"});
    if (size !== undefined && (await stat(file)).size !== size) return problems.push({file, problem: "size differs"});
    if ((await sha256File(file)) !== sha) problems.push({file, problem: "SHA-256 differs"});
  };
  for (const input of m.inputs) await check(join(m.input_root, input.file), input.sha256, input.size);
  for (const output of m.outputs) await check(join(dir, output.file), output.sha256);
  problems.push(...(await rowCountProblems(dir, m.outputs)));
  for (const spec of tables) {
    if (!m.outputs.some((o) => o.file === `${spec.name}.parquet`)) problems.push({file: join(dir, `${spec.name}.parquet`), problem: "table not listed in manifest.json"});
  }
  const reportPath = join(dir, m.report?.file ?? REPORT);
  if (!m.report) problems.push({file: reportPath, problem: "not listed in manifest.json"});
  else {
    await check(reportPath, m.report.sha256);
    problems.push(...reportProblems(reportPath, m.inputs));
  }
  const listed = new Set([MANIFEST, m.report?.file ?? REPORT, ...m.outputs.map((o) => o.file)]);
  for (const file of await filesBelow(dir)) if (!listed.has(file)) problems.push({file: join(dir, file), problem: "not listed in manifest.json"});
  return problems;
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    return new Error(String(error instanceof Error ? error.message : error));
  }
}

function manifestShapeProblem(manifest: unknown): string | null {
  if (manifest instanceof Error) return `not valid JSON (${manifest.message})`;
  const m = manifest as Partial<Manifest> | null;
  if (typeof m !== "object" || m === null) return "not a manifest (expected a JSON object)";
  if (typeof m.input_root !== "string") return "not a manifest: no input_root";
  for (const key of ["inputs", "outputs"] as const) {
    if (!Array.isArray(m[key])) return `not a manifest: no ${key} list`;
  }
  return null;
}

/** Each output's rows as its Parquet footer says, against the manifest's count. */
async function rowCountProblems(dir: string, outputs: OutputFile[]): Promise<VerifyProblem[]> {
  const present = outputs.filter((o) => existsSync(join(dir, o.file)));
  if (present.length === 0) return [];
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  const problems: VerifyProblem[] = [];
  try {
    for (const o of present) {
      const file = join(dir, o.file);
      const rows = await conn.runAndReadAll(`SELECT sum(num_rows) FROM parquet_file_metadata('${file.replaceAll("'", "''")}')`).catch(() => null);
      if (rows === null) problems.push({file, problem: "not a readable Parquet file"});
      else if (Number(rows.getRows()[0][0]) !== o.rows) problems.push({file, problem: `${Number(rows.getRows()[0][0])} rows, manifest.json says ${o.rows}`});
    }
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
  return problems;
}

/** The report's row counts per file against the manifest's inputs. */
function reportProblems(path: string, inputs: ManifestInput[]): VerifyProblem[] {
  if (!existsSync(path)) return [];
  const report = readJson(path) as {files?: FileReport[]} | Error;
  if (report instanceof Error || !Array.isArray(report.files)) return [{file: path, problem: "not an import report"}];
  const byFile = new Map(report.files.map((f) => [f.file, f]));
  const problems: VerifyProblem[] = [];
  for (const input of inputs) {
    const r = byFile.get(input.file);
    if (!r) problems.push({file: path, problem: `no entry for ${input.file}`});
    else if (r.rows_read !== input.rows_read || r.rows_accepted !== input.rows_accepted || r.rows_rejected !== input.rows_rejected) {
      problems.push({file: path, problem: `row counts of ${input.file} differ from manifest.json`});
    }
  }
  return problems;
}

/** Every file below `dir`, as a path relative to it with `/` (as the manifest writes them). */
async function filesBelow(dir: string): Promise<string[]> {
  const entries = await readdir(dir, {recursive: true, withFileTypes: true});
  return entries.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join("/")).sort();
}
