/**
 * The flat declaration export a municipal system writes (`declaratieregels.csv`): one line per
 * declared product, euros with decimal comma, a separate Debet/Credit column. Pure DuckDB SQL from
 * file to staging table, so 1M-10M lines never become JS objects.
 */
import {dropCsv, loadCsv, openCsv, sqlIdent, sqlString} from "../../formats/csv.js";
import type {FileProbe, ImportContext, Importer} from "../registry.js";
import type {FileReport} from "../types.js";
import {ImportFileError} from "../types.js";
import {nextId} from "./common.js";
import {convertDeclarations, type RawDeclarationColumn} from "./declarations.js";
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
  const raw = nextId("raw_decl");
  try {
    const columns = mapHeader(src.header.fields);
    const absent = REQUIRED.filter((c) => !columns.has(c));
    if (absent.length) throw new ImportFileError(file, `not a declaration export: no column for ${absent.join(", ")}`);
    const loaded = await loadCsv(ctx.connection, src, raw);
    const view = `${raw}_named`;
    const select = [...columns].map(([c, i]) => `${sqlIdent(`c${i}`)} AS ${sqlIdent(c)}`).join(", ");
    const rel = ctx.relative(file);
    await ctx.connection.run(`CREATE OR REPLACE TEMP VIEW ${sqlIdent(view)} AS SELECT ${select}, __row, ${sqlString(rel)} AS __file FROM ${sqlIdent(raw)}`);
    const labels = Object.fromEntries([...columns].map(([c, i]) => [c, src.header.fields[i]]));
    const release = async () => {
      await ctx.connection.run(`DROP VIEW IF EXISTS ${sqlIdent(view)}`);
      await dropCsv(ctx.connection, raw);
    };
    const [result] = await convertDeclarations(ctx, {
      raw: view, labels, cents: false, delimiter: src.delimiter, release,
      files: [{file: rel, format: "declaraties-csv", structural: loaded.structural}]
    });
    await release();
    return result;
  } finally {
    await src.dispose();
  }
}
