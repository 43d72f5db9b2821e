/**
 * The flat declaration export a municipal system writes (`declaratieregels.csv`): one line per
 * declared product, euros with decimal comma, a separate Debet/Credit column. Pure DuckDB SQL from
 * file to staging table, so 1M-10M lines never become JS objects.
 */
import {col, dropCsv, loadCsv, openCsv, readCsvSql, sqlIdent, sqlString, type CsvSource} from "../../formats/csv.js";
import type {FileProbe, ImportContext, Importer} from "../registry.js";
import type {FileReport} from "../types.js";
import {ImportFileError} from "../types.js";
import {nextId} from "./common.js";
import {convertDeclarations, SourceReadError, type RawDeclarationColumn} from "./declarations.js";
import {normaliseHeader} from "./profile.js";

/** Header names (normalised) -> raw declaration column. Several spellings seen in exports. */
const HEADERS: Record<string, RawDeclarationColumn> = {
  "declaratienummer": "declaration_id", "regelnummer": "line_id", "gemeentecode": "gemeente", "gemeente": "gemeente",
  "wet": "law", "bsn": "bsn", "toewijzingnummer": "assignment_id", "toewijzingsnummer": "assignment_id",
  "productcategorie": "productcategorie", "productcode": "productcode", "agb-code": "provider_agb", "agb code": "provider_agb",
  "agb": "provider_agb", "begindatum": "period_start", "einddatum": "period_end", "geleverd volume": "volume", "volume": "volume",
  "eenheid": "unit", "tarief": "tariff", "bedrag": "amount", "debet/credit": "debit_credit", "debetcredit": "debit_credit"
};
const REQUIRED: RawDeclarationColumn[] = ["declaration_id", "bsn", "gemeente", "period_start", "amount"];

function mapHeader(header: string[]): Map<RawDeclarationColumn, number> {
  const map = new Map<RawDeclarationColumn, number>();
  header.forEach((h, i) => {
    const c = HEADERS[normaliseHeader(h)];
    if (c && !map.has(c)) map.set(c, i);
  });
  return map;
}

export const declarationsCsvImporter: Importer = {
  format: "declaraties-csv",
  detect: (probe: FileProbe) => probe.delimiter !== null && REQUIRED.every((c) => mapHeader(probe.header).has(c)),
  run: runDeclarationsCsv
};

async function runDeclarationsCsv(file: string, ctx: ImportContext): Promise<FileReport> {
  const src = await openCsv(file);
  try {
    const columns = mapHeader(src.header.fields);
    const absent = REQUIRED.filter((c) => !columns.has(c));
    if (absent.length) throw new ImportFileError(file, `not a declaration export: no column for ${absent.join(", ")}`);
    return (await typeStraightFromFile(ctx, src, columns)) ?? (await typeFromLoaded(ctx, src, columns));
  } finally {
    await src.dispose();
  }
}

const labelsOf = (src: CsvSource, columns: Map<RawDeclarationColumn, number>) => Object.fromEntries([...columns].map(([c, i]) => [c, src.header.fields[i]]));

/**
 * A file DuckDB reads cleanly is typed straight from read_csv (no raw table: that copy of every
 * cell cost as much as a bare COPY to Parquet on 1M lines); rows are numbered by the typed
 * table's rowid. The first scan reads every field strictly; if it fails (a bad record, or
 * Windows-1252 beyond the sniffed head), undefined: typeFromLoaded then reads it with rejects.
 */
async function typeStraightFromFile(ctx: ImportContext, src: CsvSource, columns: Map<RawDeclarationColumn, number>): Promise<FileReport | undefined> {
  // A delimiter ending every line: loadCsv checks that the field after it is empty.
  if (src.header.trailing) return undefined;
  const conn = ctx.connection;
  const view = nextId("csv_decl");
  const rel = ctx.relative(src.file);
  const mapped = new Set(columns.values());
  const unmapped = src.header.fields.map((_, i) => i).filter((i) => !mapped.has(i)).map(col);
  const select = [...[...columns].map(([c, i]) => `${sqlIdent(col(i))} AS ${sqlIdent(c)}`), ...unmapped.map(sqlIdent)].join(", ");
  await conn.run(`CREATE OR REPLACE TEMP VIEW ${sqlIdent(view)} AS SELECT ${select}, ${sqlString(rel)} AS __file FROM ${readCsvSql(src)}`);
  try {
    const [result] = await convertDeclarations(ctx, {
      raw: view, labels: labelsOf(src, columns), cents: false, delimiter: src.delimiter, firstRow: src.header.line + 1, touch: unmapped,
      files: [{file: rel, format: "declaraties-csv", structural: []}]
    });
    return result;
  } catch (error) {
    if (error instanceof SourceReadError) return undefined;
    throw error;
  } finally {
    await conn.run(`DROP VIEW IF EXISTS ${sqlIdent(view)}`);
  }
}

/** Loads the file into a raw table first (loadCsv: structural rejects with their line numbers), then types it. */
async function typeFromLoaded(ctx: ImportContext, src: CsvSource, columns: Map<RawDeclarationColumn, number>): Promise<FileReport> {
  const raw = nextId("raw_decl");
  const loaded = await loadCsv(ctx.connection, src, raw);
  const view = `${raw}_named`;
  const select = [...columns].map(([c, i]) => `${sqlIdent(col(i))} AS ${sqlIdent(c)}`).join(", ");
  const rel = ctx.relative(src.file);
  await ctx.connection.run(`CREATE OR REPLACE TEMP VIEW ${sqlIdent(view)} AS SELECT ${select}, __row, ${sqlString(rel)} AS __file FROM ${sqlIdent(raw)}`);
  const release = async () => {
    await ctx.connection.run(`DROP VIEW IF EXISTS ${sqlIdent(view)}`);
    await dropCsv(ctx.connection, raw);
  };
  const [result] = await convertDeclarations(ctx, {
    raw: view, labels: labelsOf(src, columns), cents: false, delimiter: src.delimiter, release,
    files: [{file: rel, format: "declaraties-csv", structural: loaded.structural}]
  });
  await release();
  return result;
}
