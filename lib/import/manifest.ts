/**
 * manifest.json: what was imported and what came out, so a reviewer can check that a model
 * belongs to its inputs. No timestamps: the same inputs and key give the same manifest.
 */
import {existsSync, readFileSync} from "node:fs";
import {stat} from "node:fs/promises";
import {join} from "node:path";
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
}

export const MANIFEST = "manifest.json";
export const REPORT = "import-report.json";

export interface VerifyProblem {
  file: string;
  problem: string;
}

/** Recomputes every input and output hash of a model folder; an empty list means all match. */
export async function verifyModel(dir: string): Promise<VerifyProblem[]> {
  const path = join(dir, MANIFEST);
  if (!existsSync(path)) return [{file: path, problem: "no manifest.json"}];
  const manifest = JSON.parse(readFileSync(path, "utf8")) as Manifest;
  const problems: VerifyProblem[] = [];
  const check = async (file: string, sha: string, size?: number) => {
    if (!existsSync(file)) return problems.push({file, problem: "missing"});
    if (size !== undefined && (await stat(file)).size !== size) return problems.push({file, problem: "size differs"});
    if ((await sha256File(file)) !== sha) problems.push({file, problem: "SHA-256 differs"});
  };
  for (const input of manifest.inputs) await check(join(manifest.input_root, input.file), input.sha256, input.size);
  for (const output of manifest.outputs) await check(join(dir, output.file), output.sha256);
  return problems;
}
