/**
 * iWmo/iJw declaration messages: 323 (release 3.x) and the release-2 303 claims ("303-regels",
 * namespace `.../iwmo/2_x/wmo303/schema`, `.../ijw/2_x/jw303/schema`). Each `Prestatie` becomes one
 * raw declaration line (row = line of its start tag); amounts and tariffs are integer eurocents with
 * a separate DebetCredit (323: `IngediendBedrag`, 303: `DeclaratieFactuurBedrag`). The sender is the
 * provider's AGB code, the receiver the gemeentecode. Conversion and checks are shared with the
 * flat export (declarations.ts); 303 and 323 lines end up in the same table.
 */
import {messageKind, pick, readMessage, type MessageKind, type MessageRecord} from "../../formats/istandaarden.js";
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
  declaration_id: {
    // 3.2 names the declaration in its own element after the header; older layouts in the header.
    context: ["Declaratie/DeclaratieNummer", "Header/DeclaratieFactuurNummer", "Header/DeclaratieNummer", "Header/FactuurNummer", "BerichtIdentificatie/Identificatie", "Header/IdentificatieBericht"],
    label: "Header/DeclaratieFactuurNummer"
  },
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
  amount: {record: ["IngediendBedrag/Bedrag", "DeclaratieFactuurBedrag/Bedrag", "Bedrag"], label: "Client/Prestaties/Prestatie/IngediendBedrag/Bedrag"},
  debit_credit: {record: ["IngediendBedrag/DebetCredit", "DeclaratieFactuurBedrag/DebetCredit", "DebetCredit"], label: "Client/Prestaties/Prestatie/IngediendBedrag/DebetCredit"}
};

/** Where a release-2 303 names an element differently (for the report's column). */
const LABELS_303: Partial<Record<RawDeclarationColumn, string>> = {
  amount: "Client/Prestaties/Prestatie/DeclaratieFactuurBedrag/Bedrag",
  debit_credit: "Client/Prestaties/Prestatie/DeclaratieFactuurBedrag/DebetCredit"
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
 * into one raw table per message code and are converted together: one set of queries instead of
 * one per file. A delivery that mixes 303 and 323 is converted in two sets (their column labels
 * differ); duplicates are still found across them (the second set checks the lines of the first).
 */
async function runDeclarationMessages(files: string[], ctx: ImportContext): Promise<FileReport[]> {
  const byCode = new Map<string, string[]>();
  const kinds = new Map<string, MessageKind>();
  for (const file of files) {
    const kind = messageKind(decodeHead(await readHead(file, 4096), true));
    if (!kind || !DECLARATION_CODES.has(kind.code)) throw new ImportFileError(file, "not an iWmo/iJw 323 or 303 declaration message");
    kinds.set(file, kind);
    byCode.set(kind.code, [...(byCode.get(kind.code) ?? []), file]);
  }
  const done = new Map<string, FileReport>();
  for (const [code, batch] of [...byCode].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const result = await convertBatch(batch, code, kinds, ctx);
    batch.forEach((f, i) => done.set(f, result[i]));
  }
  return files.map((f) => done.get(f)!);
}

async function convertBatch(files: string[], code: string, kinds: Map<string, MessageKind>, ctx: ImportContext): Promise<FileReport[]> {
  const conn = ctx.connection;
  const raw = nextId("raw_msg");
  await conn.run(`CREATE OR REPLACE TEMP TABLE ${sqlIdent(raw)} (${RAW_DECLARATION_COLUMNS.map((c) => `${sqlIdent(c)} VARCHAR`).join(", ")}, __row INTEGER, __file VARCHAR)`);
  const inputs: ReportInput[] = [];
  const appender = await conn.createAppender(raw, "main", "temp");
  try {
    for (const file of files) inputs.push(await appendMessage(file, kinds.get(file)!, ctx.relative(file), appender));
  } finally {
    appender.closeSync();
  }
  const labels = Object.fromEntries(RAW_DECLARATION_COLUMNS.map((c) => [c, (code === "303" ? LABELS_303[c] : undefined) ?? FIELDS[c].label]));
  const result = await convertDeclarations(ctx, {raw, labels, cents: true, files: inputs});
  await conn.run(`DROP TABLE ${sqlIdent(raw)}`);
  return result;
}

/** Streams one message into the raw table; an unreadable message is an ImportFileError. */
async function appendMessage(file: string, kind: MessageKind, relative: string, appender: DuckDBAppender): Promise<ReportInput> {
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
