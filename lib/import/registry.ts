/**
 * The importer plug-in contract and the registry the orchestrator (lib/import/index.ts) walks.
 *
 * An importer recognises its own format from a cheap probe of the file (first bytes and the sniffed
 * header) and, when chosen, loads the whole file into the staging tables of the shared DuckDB
 * connection (schema in lib/model/schema.ts). Importers are tried in registry order; the first
 * whose `detect` answers true wins, unless `--format` forces one by name.
 *
 * Story importers live in lib/import/stories/ (exported there as `storyImporters`); the cold-data
 * importers in lib/import/cold/.
 */
import type {Profile} from "./cold/profile.js";
import type {DuckDBConnection} from "@duckdb/node-api";
import type {FileReport} from "./types.js";
import type {PseudonymDomain} from "../privacy/pseudonym.js";
import {coldImporters} from "./cold/index.js";
import {storyImporters} from "./stories/index.js";

/** What an importer may look at to decide whether a file is its format (cheap: no full read). */
export interface FileProbe {
  /** Absolute path. */
  path: string;
  /** Base name, e.g. `casusregister-2024.csv`. */
  name: string;
  /** Path relative to the delivery root, with `/` separators (what goes into `source_file`). */
  relative: string;
  /** File size in bytes. */
  size: number;
  /** The first bytes (up to 64 KiB) decoded as text (UTF-8, else Windows-1252), BOM removed. */
  head: string;
  /** Delimiter sniffed from the head (`;`, `,`, TAB), or null when the head does not look like CSV. */
  delimiter: string | null;
  /** Fields of the first line that looks like a header (title blocks skipped), unquoted and trimmed; [] if none. */
  header: string[];
}

export interface ImportOptions {
  /** Forced format name (`--format`): skips detection for every file. */
  format?: string;
  /** Story definition (SenseMaker definition JSON or NarraFirma story form), `--definition`. */
  definition?: string;
  /** Case-register column-mapping profile (path to a JSON file or a shipped profile name), `--profile`. */
  profile?: string;
  /** Demo mode: the fixed demo key is used, test-range BSNs are expected and not flagged. */
  demo: boolean;
}

export interface ImportContext {
  /** One connection for the whole delivery; every table of lib/model/schema.ts exists in it. */
  connection: DuckDBConnection;
  /** The delivery root: `source_file` values are paths relative to it. */
  root: string;
  options: ImportOptions;
  /** Path of `file` relative to the delivery root (`/` separators). */
  relative(file: string): string;
  /** Keyed HMAC-SHA-256 pseudonyms of distinct identifiers (for small inputs, e.g. story client refs). */
  pseudonymise(ids: Iterable<string>): Map<string, string>;
  /**
   * For large inputs: `distinctIdsSql` is a query returning one VARCHAR column of identifiers
   * (duplicates and NULLs allowed). Creates and returns the name of a temporary table
   * `(id VARCHAR, pseudonym VARCHAR)` holding each distinct non-null id once; join it back in SQL.
   * `domain`: pseudonymise in that domain (e.g. household numbers) instead of as client ids.
   */
  pseudonymTable(distinctIdsSql: string, domain?: PseudonymDomain): Promise<string>;
  /**
   * Like pseudonymTable for BSN cells: temp table `(raw VARCHAR, reason VARCHAR, test BOOLEAN,
   * pseudonym VARCHAR)` keyed by the trimmed cell; `reason` (elfproef, length) is NULL for a valid
   * BSN (8 digits are left-padded first), and `pseudonym` is NULL for an invalid one. Join on
   * `trim(cell) = raw`.
   */
  bsnTable(rawIdsSql: string): Promise<string>;
}

export interface Importer {
  /** Name used in the report and with `--format` (e.g. `iwmo-323`, `sensemaker-raw`). */
  format: string;
  /** `hints.profile`: the --profile given, for importers that map columns by a profile. */
  detect(probe: FileProbe, hints?: DetectHints): boolean;
  /** Loads the file into the staging tables; throws ImportFileError when the file cannot be read at all. */
  run(file: string, ctx: ImportContext): Promise<FileReport>;
  /**
   * Optional: imports all files of this format in one go (one report per file, same order). The
   * orchestrator prefers it over `run` (e.g. hundreds of small monthly XML messages).
   */
  runMany?(files: string[], ctx: ImportContext): Promise<FileReport[]>;
  /**
   * Optional: true for a companion file this importer reads itself next to its main file (a
   * definition JSON, a story form). The orchestrator then does not import it on its own.
   */
  companion?(probe: FileProbe): boolean;
}

/** All importers, story importers first (their detectors look for specific columns; the cold ones are broader). */
export async function loadImporters(): Promise<Importer[]> {
  return [...storyImporters, ...coldImporters];
}

export function importerByFormat(importers: Importer[], format: string): Importer | undefined {
  return importers.find((i) => i.format === format);
}

export interface DetectHints {
  /** The --profile given, loaded once for the whole delivery. */
  profile?: Profile;
}

/** The first importer that recognises the file, or undefined. */
export function detectImporter(importers: Importer[], probe: FileProbe, hints: DetectHints = {}): Importer | undefined {
  return importers.find((i) => i.detect(probe, hints));
}

/** True when some importer reads this file as a companion of another. */
export function isCompanion(importers: Importer[], probe: FileProbe): boolean {
  return importers.some((i) => i.companion?.(probe) ?? false);
}
