/**
 * iWmo/iJw declaration messages: 323 (release 3.x) and the release-2 303 claims. Each `Prestatie`
 * becomes one raw declaration line (row = line of its start tag); amounts and tariffs are integer
 * eurocents with a separate DebetCredit. The sender is the provider's AGB code, the receiver the
 * gemeentecode. Conversion and checks are shared with the flat export (declarations.ts).
 */
import {messageKind, pick, readMessage, type MessageRecord} from "../../formats/istandaarden.js";
import {decodeHead, readHead, sqlIdent} from "../../formats/csv.js";
import type {FileProbe, ImportContext, Importer} from "../registry.js";
import type {FileReport} from "../types.js";
import {ImportFileError} from "../types.js";
import type {DuckDBAppender} from "@duckdb/node-api";
import {nextId} from "./common.js";
import type {ReportInput} from "./convert.js";
import {RAW_DECLARATION_COLUMNS, convertDeclarations, type RawDeclarationColumn} from "./declarations.js";

/** Where each raw column comes from: element paths tried in order (record first, then context). */
const FIELDS: Record<RawDeclarationColumn, {record?: string[]; context?: string[]; label: string}> = {
  declaration_id: {context: ["Header/DeclaratieFactuurNummer", "Header/DeclaratieNummer", "Header/FactuurNummer", "BerichtIdentificatie/Identificatie"], label: "Header/DeclaratieFactuurNummer"},
  line_id: {record: ["ReferentieNummer", "PrestatieNummer", "RegelNummer"], label: "Client/Prestaties/Prestatie/ReferentieNummer"},
  gemeente: {context: ["Header/Ontvanger"], label: "Header/Ontvanger"},
  law: {label: "(namespace)"},
  bsn: {context: ["Client/Bsn", "Client/Burgerservicenummer"], label: "Client/Bsn"},
  assignment_id: {record: ["ToewijzingNummer"], label: "Client/Prestaties/Prestatie/ToewijzingNummer"},
  productcategorie: {record: ["Product/Categorie", "ProductCategorie"], label: "Client/Prestaties/Prestatie/Product/Categorie"},
  productcode: {record: ["Product/Code", "ProductCode"], label: "Client/Prestaties/Prestatie/Product/Code"},
  provider_agb: {context: ["Header/Afzender"], label: "Header/Afzender"},
  period_start: {record: ["ProductPeriode/Begindatum", "Begindatum"], label: "Client/Prestaties/Prestatie/ProductPeriode/Begindatum"},
  period_end: {record: ["ProductPeriode/Einddatum", "Einddatum"], label: "Client/Prestaties/Prestatie/ProductPeriode/Einddatum"},
  volume: {record: ["GeleverdVolume", "Volume"], label: "Client/Prestaties/Prestatie/GeleverdVolume"},
  unit: {record: ["Eenheid"], label: "Client/Prestaties/Prestatie/Eenheid"},
  tariff: {record: ["ProductTarief"], label: "Client/Prestaties/Prestatie/ProductTarief"},
  amount: {record: ["IngediendBedrag/Bedrag", "Bedrag"], label: "Client/Prestaties/Prestatie/IngediendBedrag/Bedrag"},
  debit_credit: {record: ["IngediendBedrag/DebetCredit", "DebetCredit"], label: "Client/Prestaties/Prestatie/IngediendBedrag/DebetCredit"}
};

const DECLARATION_CODES = new Set(["323", "303"]);

export const iwmoDeclarationImporter: Importer = {
  format: "iwmo-323",
  detect: (probe: FileProbe) => DECLARATION_CODES.has(messageKind(probe.head)?.code ?? ""),
  run: async (file, ctx) => (await runDeclarationMessages([file], ctx))[0],
  runMany: runDeclarationMessages
};

/**
 * All messages of a delivery (one per provider per law per month: hundreds of small files) go
 * into one raw table and are converted together: one set of queries instead of one per file.
 */
async function runDeclarationMessages(files: string[], ctx: ImportContext): Promise<FileReport[]> {
  const conn = ctx.connection;
  const raw = nextId("raw_msg");
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${sqlIdent(raw)} (${RAW_DECLARATION_COLUMNS.map((c) => `${sqlIdent(c)} VARCHAR`).join(", ")}, __row INTEGER, __file VARCHAR)`);
  const inputs: ReportInput[] = [];
  const appender = await conn.createAppender(raw, "main", "temp");
  try {
    for (const file of files) inputs.push(await appendMessage(file, ctx.relative(file), appender));
  } finally {
    appender.closeSync();
  }
  const labels = Object.fromEntries(RAW_DECLARATION_COLUMNS.map((c) => [c, FIELDS[c].label]));
  const result = await convertDeclarations(ctx, {raw, labels, cents: true, files: inputs});
  await conn.run(`DROP TABLE ${sqlIdent(raw)}`);
  return result;
}

/** Streams one message into the raw table; an unreadable message is an ImportFileError. */
async function appendMessage(file: string, relative: string, appender: DuckDBAppender): Promise<ReportInput> {
  const kind = messageKind(decodeHead(await readHead(file, 4096), true));
  if (!kind || !DECLARATION_CODES.has(kind.code)) throw new ImportFileError(file, "not an iWmo/iJw 323 or 303 declaration message");
  // Collected per file first, so that a truncated message leaves nothing behind in the raw table.
  const records: MessageRecord[] = [];
  try {
    await readMessage(file, "Prestatie", (r) => records.push(r));
  } catch (error) {
    throw new ImportFileError(file, (error as Error).message);
  }
  if (records.length === 0) throw new ImportFileError(file, "the message holds no Prestatie (declaration line)");
  for (const r of records) {
    for (const c of RAW_DECLARATION_COLUMNS) {
      const value = c === "law" ? kind.law : valueOf(r, c);
      if (value === undefined) appender.appendNull();
      else appender.appendVarchar(value);
    }
    appender.appendInteger(r.line);
    appender.appendVarchar(relative);
    appender.endRow();
  }
  return {file: relative, format: `i${kind.law === "wmo" ? "wmo" : "jw"}-${kind.code}`};
}

function valueOf(r: MessageRecord, c: RawDeclarationColumn): string | undefined {
  const f = FIELDS[c];
  return (f.record && pick(r.fields, ...f.record)) ?? (f.context && pick(r.context, ...f.context));
}
