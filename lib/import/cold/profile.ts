/**
 * Column-mapping profiles (profiles/*.json): how a team's own CSV layout maps onto a canonical
 * table. Used for the first-line case register (cases + requests) and the monitor-style (GMSD)
 * delivery (assignments), and the budget file finance sends (budgets). Conversion follows the canonical column type from lib/model/schema.ts:
 * DATE cells go through nl_date, numbers through the per-column decimal decision, codes are
 * left-padded, categorical values mapped through `values`; `bsn` and `household` are identifiers,
 * pseudonymised at the door (client_key, household_key).
 */
import {readFileSync, readdirSync} from "node:fs";
import {basename, join} from "node:path";
import {table as tableSpec} from "../../model/schema.js";
import {ImportFileError} from "../types.js";

export interface Profile {
  name: string;
  description?: string;
  /** Canonical table: `cases` (request.* columns go to `requests`), `assignments` or `budgets`. */
  table: "cases" | "assignments" | "budgets";
  /** Canonical column (or `bsn`, `household`, or `request.<column>`) -> header name in the file. */
  columns: Record<string, string>;
  /** Canonical columns that must not be blank. */
  required?: string[];
  /** Canonical columns whose header may be missing from a file (the column is then NULL). */
  optional?: string[];
  /** Left-pad digits to this width (leading zeros cut by Excel). */
  pad?: Record<string, number>;
  /** Allowed values (matched lower-case, trimmed) -> canonical value; any other value is rejected. */
  values?: Record<string, Record<string, string | null>>;
  /** Canonical column -> fixed value for every row (e.g. the law of a GMSD Wmo file). */
  constants?: Record<string, string>;
  /** Path of the profile file (set on load). */
  path?: string;
}

export const PROFILE_DIR = new URL("../../../profiles/", import.meta.url).pathname;

export function loadProfile(pathOrName: string): Profile {
  const path = pathOrName.endsWith(".json") ? pathOrName : join(PROFILE_DIR, `${pathOrName}.json`);
  let profile: Profile;
  try {
    profile = JSON.parse(readFileSync(path, "utf8")) as Profile;
  } catch (error) {
    throw new ImportFileError(path, `not a readable profile (${String(error instanceof Error ? error.message : error).split("\n")[0]})`);
  }
  validateProfile(profile, path);
  return {...profile, path};
}

/** Shipped profiles, in name order (deterministic detection). */
export function shippedProfiles(): Profile[] {
  return readdirSync(PROFILE_DIR).filter((f) => f.endsWith(".json")).sort().map((f) => loadProfile(join(PROFILE_DIR, f)));
}

function validateProfile(p: Profile, path: string): void {
  if (!["cases", "assignments", "budgets"].includes(p.table)) throw new ImportFileError(path, `table must be "cases", "assignments" or "budgets"`);
  if (!p.columns || typeof p.columns !== "object") throw new ImportFileError(path, `"columns" is missing`);
  for (const canonical of [...Object.keys(p.columns), ...Object.keys(p.constants ?? {})]) {
    if (!columnType(p, canonical)) throw new ImportFileError(path, `unknown column "${canonical}" for table ${p.table}`);
  }
  for (const canonical of p.optional ?? []) {
    if (!(canonical in p.columns)) throw new ImportFileError(path, `optional column "${canonical}" is not in "columns"`);
    if (p.required?.includes(canonical)) throw new ImportFileError(path, `column "${canonical}" cannot be both required and optional`);
  }
  if (basename(path, ".json") !== p.name) throw new ImportFileError(path, `"name" must equal the file name`);
}

/** DuckDB type of a canonical profile column, or undefined when the table has no such column. */
export function columnType(p: Profile, canonical: string): string | undefined {
  if (canonical === "bsn") return "VARCHAR";
  // A household number: pseudonymised into cases.household_key.
  if (canonical === "household") return p.table === "cases" ? "VARCHAR" : undefined;
  if (canonical.startsWith("request.")) return p.table === "cases" ? tableSpec("requests").columns[canonical.slice(8)] : undefined;
  return tableSpec(p.table).columns[canonical];
}

export const normaliseHeader = (h: string) => h.trim().toLowerCase().replace(/\s+/g, " ");

/** The mapped header names, not optional, that the file's header lacks. */
export function missingColumns(p: Profile, header: string[]): string[] {
  const have = new Set(header.map(normaliseHeader));
  return Object.entries(p.columns).filter(([canonical, h]) => !p.optional?.includes(canonical) && !have.has(normaliseHeader(h))).map(([, h]) => h);
}

/** True when every mapped header name that is not optional occurs in the file's header. */
export function profileMatches(p: Profile, header: string[]): boolean {
  return missingColumns(p, header).length === 0;
}

/** The canonical columns of `p` whose header occurs in the file (optional ones may be absent). */
export function presentColumns(p: Profile, header: string[]): string[] {
  const have = new Set(header.map(normaliseHeader));
  return Object.keys(p.columns).filter((canonical) => have.has(normaliseHeader(p.columns[canonical])));
}
