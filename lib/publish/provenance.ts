/**
 * Provenance of a built site (issue 6, "Provenance and reproducibility"): the data version, the
 * build date and the warmkoud version in every page's footer, and the inputs and settings the
 * Verantwoording page lists. Node only (reads the model folder).
 *
 * - Data version: SHA-256 of the model's manifest.json without its `input_root` field (the folder
 *   on the analyst's computer). The manifest holds the hash of every input and output file, so the
 *   version changes with any input; leaving out the folder makes the same inputs give the same
 *   version on any computer (a reviewer's included), and keeps a local path out of the report.
 * - Build date: the one value that differs between two builds of the same inputs. It comes from
 *   SOURCE_DATE_EPOCH (seconds, the reproducible-builds convention) when set, else today (UTC),
 *   and appears only in the footer.
 */
import {createHash} from "node:crypto";
import {existsSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {MANIFEST, REPORT, type Manifest, type ManifestInput} from "../import/manifest.js";
import type {FileReport} from "../import/types.js";
import {version} from "../version.js";

export interface InputProvenance extends ManifestInput {
  /** Number of warnings (their texts can quote values, so only the count is published). */
  warnings: number;
}

export interface Provenance {
  data_version: string;
  warmkoud_version: string;
  demo: boolean;
  inputs: InputProvenance[];
  /** Files in the delivery that were not read as data, with the importer's generic reason. */
  skipped: {file: string; reason: string}[];
  outputs: {table: string; file: string; rows: number; sha256: string}[];
}

function readJson<T>(path: string): T {
  if (!existsSync(path)) throw new Error(`${path} is missing: import the exports first (warmkoud import)`);
  return JSON.parse(readFileSync(path, "utf8")) as T;
}

/** The data version of a model folder (64 hex characters); see the module header. */
export function dataVersion(modelDir: string): string {
  const {input_root: _folder, ...manifest} = readJson<Manifest>(join(modelDir, MANIFEST));
  return createHash("sha256").update(JSON.stringify(manifest)).digest("hex");
}

/** The short form shown in footers (like a short git hash). */
export const shortVersion = (v: string): string => v.slice(0, 12);

/** The build date as yyyy-mm-dd (UTC): SOURCE_DATE_EPOCH when set, else today. */
export function buildDate(env: Record<string, string | undefined> = process.env, now = new Date()): string {
  const epoch = env.SOURCE_DATE_EPOCH?.trim();
  if (epoch) {
    if (!/^\d+$/.test(epoch)) throw new Error(`SOURCE_DATE_EPOCH="${epoch}" is not a number of seconds`);
    return new Date(Number(epoch) * 1000).toISOString().slice(0, 10);
  }
  return now.toISOString().slice(0, 10);
}

/**
 * What the Verantwoording page lists. Rejection details (row, column, reason) stay out: reasons
 * can quote the rejected value; the counts and the file names are enough to check a delivery.
 */
export function provenance(modelDir: string): Provenance {
  const manifest = readJson<Manifest>(join(modelDir, MANIFEST));
  const report = existsSync(join(modelDir, REPORT))
    ? readJson<{files: FileReport[]; skipped?: {file: string; reason: string}[]}>(join(modelDir, REPORT))
    : {files: [], skipped: []};
  const warnings = new Map(report.files.map((f) => [f.file, f.warnings?.length ?? 0]));
  return {
    data_version: dataVersion(modelDir),
    warmkoud_version: version,
    demo: manifest.settings.demo,
    inputs: manifest.inputs.map((i) => ({
      file: i.file, format: i.format, size: i.size, sha256: i.sha256,
      rows_read: i.rows_read, rows_accepted: i.rows_accepted, rows_rejected: i.rows_rejected, warnings: warnings.get(i.file) ?? 0
    })),
    skipped: (report.skipped ?? []).map((s) => ({file: s.file, reason: s.reason})),
    outputs: manifest.outputs.map((o) => ({table: o.table, file: o.file, rows: o.rows, sha256: o.sha256}))
  };
}

export interface FooterFacts {
  dataVersion: string;
  buildDate: string;
  version: string;
  /** The brand's contact line (public report), or null. */
  contact?: string | null;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The footer of every page: data version, build date, warmkoud version (and contact line). */
export function footerHtml(f: FooterFacts): string {
  const contact = f.contact ? `<p class="wk-contact">${escapeHtml(f.contact)}</p>` : "";
  return (
    `<div class="wk-provenance">${contact}<p>` +
    `Gegevensversie <code title="SHA-256 van manifest.json (zonder input_root)">${escapeHtml(shortVersion(f.dataVersion))}</code>` +
    ` · gebouwd op <time class="wk-build-date" datetime="${escapeHtml(f.buildDate)}">${escapeHtml(f.buildDate)}</time>` +
    ` · warmkoud ${escapeHtml(f.version)}</p></div>`
  );
}
