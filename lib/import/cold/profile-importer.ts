/**
 * Importer for CSV files described by a column-mapping profile: the first-line case register
 * (cases + requests), the monitor-style GMSD delivery (assignments) and the budget file (budgets). A file is recognised by
 * the profile whose mapped headers all occur in it (`--profile` offers one, taken where it fits).
 */
import type {DetectHints, FileProbe, ImportContext, Importer} from "../registry.js";
import type {FileReport} from "../types.js";
import {ImportFileError} from "../types.js";
import {decimalReasonSql, decimalSql, dropCsv, loadCsv, openCsv, sqlIdent, sqlString, type CsvSource} from "../../formats/csv.js";
import {buildTyped, insertAccepted, rejectMatching, reports, type Check} from "./convert.js";
import {columnType, loadProfile, missingColumns, normaliseHeader, presentColumns, profileMatches, shippedProfiles, type Profile} from "./profile.js";
import {nextId, testFlagSql} from "./common.js";

/**
 * Picks the profile for a file: the one given (--profile) when the file's header fits it, else
 * the shipped profile mapping the most columns. A profile given for the case register thus
 * leaves the budget file of the same delivery to its own profile.
 */
export function chooseProfile(header: string[], given?: Profile): Profile | undefined {
  if (given && profileMatches(given, header)) return given;
  const matching = shippedProfiles().filter((p) => profileMatches(p, header));
  return matching.sort((a, b) => Object.keys(b.columns).length - Object.keys(a.columns).length)[0];
}

export function profileImporter(format: string, table: Profile["table"]): Importer {
  return {
    format,
    detect: (probe: FileProbe, hints?: DetectHints) => probe.delimiter !== null && (chooseProfile(probe.header, hints?.profile)?.table === table),
    run: (file, ctx) => runProfile(file, ctx, format, table)
  };
}

async function runProfile(file: string, ctx: ImportContext, format: string, table: Profile["table"]): Promise<FileReport> {
  const src = await openCsv(file);
  try {
    const given = ctx.options.profile ? loadProfile(ctx.options.profile) : undefined;
    const profile = chooseProfile(src.header.fields, given);
    if (!profile) {
      const hint = given ? `profile ${given.name} lacks ${missingColumns(given, src.header.fields).join(", ")}` : "pass --profile";
      throw new ImportFileError(file, `no column-mapping profile matches its header (${src.header.fields.join(", ")}); ${hint}`);
    }
    if (profile.table !== table) throw new ImportFileError(file, `profile ${profile.name} is for ${profile.table}, not ${table}`);
    return await convertWithProfile(file, ctx, format, profile, src);
  } finally {
    await src.dispose();
  }
}

async function convertWithProfile(file: string, ctx: ImportContext, format: string, profile: Profile, src: CsvSource): Promise<FileReport> {
  const conn = ctx.connection;
  const raw = nextId("raw");
  const typed = nextId("typed");
  const loaded = await loadCsv(conn, src, raw);
  const byHeader = new Map(src.header.fields.map((h, i) => [normaliseHeader(h), `c${i}`]));
  const rawColumn = (canonical: string) => byHeader.get(normaliseHeader(profile.columns[canonical]))!;
  const values: Record<string, string> = {};
  const checks: Check[] = [];
  let from = `${sqlIdent(raw)} r`;
  let test = "false";
  const rel = ctx.relative(file);
  for (const canonical of presentColumns(profile, src.header.fields)) {
    const header = profile.columns[canonical];
    const c = `r.${sqlIdent(rawColumn(canonical))}`;
    if (profile.required?.includes(canonical)) checks.push({column: header, reason: `CASE WHEN nl_text(${c}) IS NULL THEN 'missing value' END`});
    if (canonical === "household") {
      // Any non-blank text is a household number; blank means unknown (the client is its own household).
      const households = await ctx.pseudonymTable(`SELECT nl_text(${sqlIdent(rawColumn(canonical))}) FROM ${sqlIdent(raw)}`, "household");
      from += ` LEFT JOIN ${sqlIdent(households)} h ON h.id = nl_text(${c})`;
      values.household_key = "h.pseudonym";
      continue;
    }
    if (canonical === "bsn") {
      const bsn = await ctx.bsnTable(`SELECT ${sqlIdent(rawColumn(canonical))} FROM ${sqlIdent(raw)}`);
      from += ` LEFT JOIN ${sqlIdent(bsn)} b ON b.raw = trim(${c})`;
      values.client_key = "b.pseudonym";
      test = testFlagSql(ctx, "coalesce(b.test, false)");
      checks.push({column: header, reason: "b.reason"});
      continue;
    }
    const type = columnType(profile, canonical)!;
    const converted = await cellSql(ctx, raw, rawColumn(canonical), profile, canonical, type, src.delimiter);
    values[canonical] = converted.sql;
    if (converted.reason) checks.push({column: header, reason: converted.reason});
  }
  for (const [canonical, value] of Object.entries(profile.constants ?? {})) values[canonical] = sqlString(value);
  checks.push(...orderChecks(profile, values));
  const columns = await buildTyped(conn, typed, {from, values, checks, file: sqlString(rel), test});
  if (profile.table === "cases") await rejectDuplicateCases(conn, typed, profile.columns.case_id ?? "case_id");
  if (profile.table === "cases") {
    await insertAccepted(conn, typed, columns, "cases");
    await insertRequests(conn, typed, columns);
  } else {
    await insertAccepted(conn, typed, columns, profile.table);
  }
  const [result] = await reports(conn, typed, [{file: rel, format: `${format}:${profile.name}`, structural: loaded.structural}]);
  await conn.run(`DROP TABLE ${sqlIdent(typed)}`);
  await dropCsv(conn, raw);
  return result;
}

/** SQL for one cell by its canonical type, with the reason it cannot be read (or undefined). */
async function cellSql(ctx: ImportContext, raw: string, rawColumn: string, profile: Profile, canonical: string, type: string, delimiter: string): Promise<{sql: string; reason?: string}> {
  const c = `r.${sqlIdent(rawColumn)}`;
  if (type === "DATE") return {sql: `nl_date(${c})`, reason: `nl_date_reason(${c})`};
  if (type.startsWith("DECIMAL") || type === "DOUBLE") {
    const {sql} = await decimalSql(ctx.connection, raw, rawColumn, delimiter, c);
    return {sql, reason: decimalReasonSql(c, sql)};
  }
  if (type === "SMALLINT" || type === "INTEGER") {
    return {sql: `TRY_CAST(nl_text(${c}) AS ${type})`, reason: `CASE WHEN nl_text(${c}) IS NOT NULL AND TRY_CAST(nl_text(${c}) AS ${type}) IS NULL THEN 'not a whole number "' || nl_text(${c}) || '"' END`};
  }
  const width = profile.pad?.[canonical];
  const text = width ? `CASE WHEN regexp_full_match(nl_text(${c}), '\\d+') THEN lpad(nl_text(${c}), ${width}, '0') ELSE nl_text(${c}) END` : `nl_text(${c})`;
  const allowed = profile.values?.[canonical];
  if (!allowed) return {sql: text};
  const keys = Object.keys(allowed);
  const cases = keys.map((k) => `WHEN ${sqlString(k.toLowerCase())} THEN ${allowed[k] === null ? "NULL" : sqlString(allowed[k]!)}`).join(" ");
  return {
    sql: `CASE lower(nl_text(${c})) ${cases} ELSE NULL END`,
    reason: `CASE WHEN nl_text(${c}) IS NOT NULL AND lower(nl_text(${c})) NOT IN (${keys.map((k) => sqlString(k.toLowerCase())).join(", ")}) ` +
      `THEN 'unknown value "' || nl_text(${c}) || '" (expected ${keys.join(", ").replace(/'/g, "''")})' END`
  };
}

/** An end before its start is impossible: reject, naming the end column. */
function orderChecks(profile: Profile, values: Record<string, string>): Check[] {
  const pairs = [["help_start", "help_end"], ["first_contact", "help_end"], ["planned_start", "planned_end"], ["actual_start", "actual_end"], ["period_start", "period_end"]];
  return pairs
    .filter(([a, b]) => a in values && b in values)
    .map(([a, b]) => ({column: profile.columns[b], reason: `CASE WHEN (${values[b]}) < (${values[a]}) THEN '${profile.columns[b]} before ${profile.columns[a]}' END`}));
}

/** A case number seen earlier (in this file or an earlier file) is a duplicate: reported, not counted twice. */
async function rejectDuplicateCases(conn: ImportContext["connection"], typed: string, column: string): Promise<void> {
  const t = sqlIdent(typed);
  await rejectMatching(conn, typed, column, `'duplicate case number (first at row ' || d.first || ')'`,
    `(SELECT __row AS at, min(__row) OVER (PARTITION BY case_id) AS first FROM ${t} WHERE case_id IS NOT NULL AND len(__rejects) = 0) d`,
    `${t}.__row = d.at AND d.at > d.first`);
  await rejectMatching(conn, typed, column, `'duplicate case number (already imported from ' || c.file || ')'`,
    `(SELECT case_id, min(source_file) AS file FROM cases GROUP BY case_id) c`,
    `${t}.case_id = c.case_id AND len(${t}.__rejects) = 0`);
}

async function insertRequests(conn: ImportContext["connection"], typed: string, columns: string[]): Promise<void> {
  // Only the columns this file has (an optional one may be missing).
  const fields = columns.filter((k) => k.startsWith("request."));
  if (fields.length === 0) return;
  const extra: Record<string, string> = {};
  for (const f of fields) extra[f.slice(8)] = sqlIdent(f);
  const category = columns.includes("request.productcategorie") ? sqlIdent("request.productcategorie") : "NULL";
  const domain = columns.includes("domain") ? "domain" : "NULL";
  extra.law = `CASE WHEN ${domain} IN ('wmo', 'jeugd') THEN ${domain} WHEN TRY_CAST(${category} AS INTEGER) >= 31 THEN 'jeugd' WHEN TRY_CAST(${category} AS INTEGER) >= 1 THEN 'wmo' END`;
  extra.status = "'gevraagd'";
  const any = fields.filter((f) => f !== "request.likelihood").map((f) => `${sqlIdent(f)} IS NOT NULL`).join(" OR ");
  await insertAccepted(conn, typed, columns, "requests", extra, any || "false");
}
