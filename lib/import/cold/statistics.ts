/**
 * Statistics-office CSV (CBS StatLine layout): a title block above the header, every field quoted,
 * space-padded region codes (`"GM0384    "`), `.` for a suppressed or unknown value, `*` after a
 * provisional year, and a footer (`* voorlopige cijfers`, `Bron: CBS`). One file is wide (one
 * column per measure); the benchmark table is long: one row per (gemeente, year, measure).
 *
 * A record is rejected whole when its code, year or any measure cell cannot be read; the footer
 * lines after the last record are not data and are not counted. A series break mentioned in the
 * title block ("Trendbreuk ... 2021") flags that year (for measures about youth care when the
 * note names it, else all measures).
 */
import {basename, extname} from "node:path";
import {readFile} from "node:fs/promises";
import {decimalSql, dropCsv, headRecords, loadCsv, openCsv, sqlIdent, sqlString} from "../../formats/csv.js";
import type {FileProbe, ImportContext, Importer} from "../registry.js";
import type {FileReport} from "../types.js";
import {ImportFileError} from "../types.js";
import {buildTyped, reports, type Check} from "./convert.js";
import {nextId} from "./common.js";
import {normaliseHeader} from "./profile.js";

const CODE_HEADERS = ["regiocode", "gemeentecode", "codering", "regio-indeling code", "wijkenenbuurten code"];
const NAME_HEADERS = ["regio's", "regios", "gemeente", "gemeentenaam", "gemeenten", "wijken en buurten", "regio"];
const PERIOD_HEADERS = ["perioden", "periode", "jaar"];

function roles(header: string[]): {code: number; name: number; period: number} {
  const find = (names: string[]) => header.findIndex((h) => names.includes(normaliseHeader(h)));
  return {code: find(CODE_HEADERS), name: find(NAME_HEADERS), period: find(PERIOD_HEADERS)};
}

export const statisticsImporter: Importer = {
  format: "cbs",
  detect: (probe: FileProbe) => {
    if (!probe.delimiter) return false;
    const r = roles(probe.header);
    return r.period >= 0 && (r.code >= 0 || r.name >= 0) && probe.header.length > 2;
  },
  run: runStatistics
};

/** The year a series break starts, and whether the note limits it to youth care. */
export function seriesBreak(titleBlock: string): {year: number; youthOnly: boolean} | null {
  const m = /trendbreuk[^\n]*?(\d{4})/i.exec(titleBlock);
  if (!m) return null;
  const line = titleBlock.split("\n").find((l) => /trendbreuk/i.test(l)) ?? "";
  return {year: Number(m[1]), youthOnly: /jeugd/i.test(line)};
}

async function runStatistics(file: string, ctx: ImportContext): Promise<FileReport> {
  const src = await openCsv(file);
  const conn = ctx.connection;
  const raw = nextId("raw_cbs");
  const typed = nextId("typed_cbs");
  try {
    const header = src.header.fields;
    const r = roles(header);
    if (r.period < 0 || (r.code < 0 && r.name < 0)) throw new ImportFileError(file, "not a statistics table: no Perioden and region column");
    const titleBlock = headRecords(await readTitle(src.readPath), src.delimiter, true).slice(0, src.header.line - 1).map((x) => x.join(" ")).join("\n");
    const brk = seriesBreak(titleBlock);
    const loaded = await loadCsv(conn, src, raw);
    const measures = header.map((h, i) => ({label: h, column: `c${i}`, i})).filter((m) => ![r.code, r.name, r.period].includes(m.i));
    const code = r.code >= 0 ? `nl_text(r.c${r.code})` : "NULL";
    const values: Record<string, string> = {
      gemeente: `CASE WHEN regexp_full_match(${code}, 'GM\\d{4}') THEN substr(${code}, 3) ELSE ${code} END`,
      gemeente_name: r.name >= 0 ? `nl_text(r.c${r.name})` : "NULL",
      year: `TRY_CAST(regexp_extract(nl_text(r.c${r.period}), '^(\\d{4})', 1) AS SMALLINT)`,
      status: `CASE WHEN contains(nl_text(r.c${r.period}), '*') THEN 'voorlopig' ELSE 'definitief' END`
    };
    const checks: Check[] = [
      {column: header[r.period], reason: `CASE WHEN (${values.year}) IS NULL THEN 'not a year "' || coalesce(nl_text(r.c${r.period}), '') || '"' END`},
      {column: header[r.code >= 0 ? r.code : r.name], reason: `CASE WHEN coalesce(${code}, ${values.gemeente_name}) IS NULL THEN 'missing region' END`}
    ];
    for (const m of measures) {
      const {sql} = await decimalSql(conn, raw, m.column, src.delimiter, `r.${sqlIdent(m.column)}`);
      values[`m${m.i}`] = `CASE WHEN nl_text(r.${sqlIdent(m.column)}) = '.' THEN NULL ELSE ${sql} END`;
      values[`s${m.i}`] = `nl_text(r.${sqlIdent(m.column)}) = '.' OR nl_text(r.${sqlIdent(m.column)}) IS NULL`;
      checks.push({column: m.label, reason: `CASE WHEN nl_text(r.${sqlIdent(m.column)}) NOT IN ('.') AND (${sql}) IS NULL THEN 'not a number "' || nl_text(r.${sqlIdent(m.column)}) || '"' END`});
    }
    const rel = ctx.relative(file);
    await buildTyped(conn, typed, {from: `${sqlIdent(raw)} r`, values, checks, file: sqlString(rel)});
    const tableId = basename(file, extname(file));
    for (const m of measures) {
      const breaks = brk && (!brk.youthOnly || /jeugd/i.test(m.label)) ? `year = ${brk.year}` : "false";
      await conn.run(`INSERT INTO benchmark SELECT ${sqlString(tableId)}, gemeente, gemeente_name, year, ${sqlString(m.label)}, m${m.i},
        CASE WHEN s${m.i} THEN 'onbekend' ELSE status END, ${breaks}, __file, __row
        FROM ${sqlIdent(typed)} WHERE len(__rejects) = 0`);
    }
    // Lines after the last record that DuckDB could not split are the footer, not data.
    const last = Number((await conn.runAndReadAll(`SELECT coalesce(max(__row), 0) FROM ${sqlIdent(typed)}`)).getRows()[0][0]);
    const footer = loaded.structural.filter((x) => x.row > last);
    const structural = loaded.structural.filter((x) => x.row <= last);
    const warnings = footer.length ? [`${footer.length} footer line(s) after the table skipped (notes, source)`] : [];
    if (brk) warnings.push(`series break in ${brk.year}${brk.youthOnly ? " (youth care measures)" : ""} flagged in series_break`);
    return (await reports(conn, typed, [{file: rel, format: "cbs", structural, warnings}]))[0];
  } finally {
    await conn.run(`DROP TABLE IF EXISTS ${sqlIdent(typed)}`);
    await dropCsv(conn, raw);
    await src.dispose();
  }
}

/** The start of the file, enough for the title block. */
async function readTitle(path: string): Promise<string> {
  return (await readFile(path, "utf8")).slice(0, 8192).replace(/^\uFEFF/, "");
}
