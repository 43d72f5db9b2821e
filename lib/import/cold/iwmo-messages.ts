/**
 * iWmo/iJw messages other than declarations, release 3.x: 301 toewijzing (assignments), 305/307
 * start and stop of delivery (fill in `actual_start`, `actual_end`, `end_reason` of the assignment
 * they name), 315 verzoek om toewijzing (a requested provision, with its verwijzer) and 319, the
 * gemeente's answer to a 315 (afgewezen / in onderzoek). A 319 carries no BSN: it finds its request
 * by the provider's ReferentieAanbieder (with the provider's AGB and the law); a 301 that names a
 * ReferentieAanbieder is the answer "toegewezen". All messages of a delivery are read in one batch,
 * requests first, then 301 before 305/307 (they name its assignments), 319 last.
 */
import type {DuckDBAppender} from "@duckdb/node-api";
import {decodeHead, readHead, sqlIdent} from "../../formats/csv.js";
import {messageKind, pick, readMessage, type MessageKind, type MessageRecord} from "../../formats/istandaarden.js";
import type {FileProbe, ImportContext, Importer} from "../registry.js";
import type {FileReport} from "../types.js";
import {ImportFileError} from "../types.js";
import {nextId, testFlagSql} from "./common.js";
import {buildTyped, insertAccepted, rejectMatching, reports, type Check, type ReportInput} from "./convert.js";

interface Field {
  /** Paths inside the record, tried in order. */
  record?: string[];
  /** Paths in the context (Header, Client), tried in order. */
  context?: string[];
}

interface MessageSpec {
  /** The repeating element that becomes one row. */
  element: string;
  fields: Record<string, Field>;
}

const product = {productcategorie: {record: ["Product/Categorie", "ProductCategorie"]}, productcode: {record: ["Product/Code", "ProductCode"]}};
const bsn = {bsn: {context: ["Client/Bsn"]}};
/** The message's date: release 3.x `BerichtIdentificatie/Dagtekening`, release 2.x `DagtekeningBericht`. */
const MESSAGE_DATE = ["Header/BerichtIdentificatie/Dagtekening", "Header/DagtekeningBericht"];

const SPECS: Record<string, MessageSpec> = {
  "301": {
    element: "ToegewezenProduct",
    fields: {
      ...bsn, ...product,
      gemeente: {context: ["Header/Afzender"]}, provider_agb: {context: ["Header/Ontvanger"]},
      assignment_id: {record: ["ToewijzingNummer"]},
      planned_start: {record: ["ToewijzingIngangsdatum", "Ingangsdatum"]}, planned_end: {record: ["ToewijzingEinddatum", "Einddatum"]},
      volume: {record: ["Omvang/Volume"]}, unit: {record: ["Omvang/Eenheid"]}, frequency: {record: ["Omvang/Frequentie"]},
      budget: {record: ["Budget"]},
      reference: {record: ["ReferentieAanbieder"]}, assigned_on: {record: ["Toewijzingsdatum"]}, message_date: {context: MESSAGE_DATE}
    }
  },
  "305": {element: "StartProduct", fields: {...bsn, ...product, assignment_id: {record: ["ToewijzingNummer"]}, start: {record: ["Begindatum"]}}},
  "307": {
    element: "StopProduct",
    fields: {...bsn, ...product, assignment_id: {record: ["ToewijzingNummer"]}, end: {record: ["Einddatum"]}, reason: {record: ["RedenBeeindiging"]}}
  },
  "315": {
    element: "AangevraagdProduct",
    fields: {
      ...bsn, ...product,
      gemeente: {context: ["Header/Ontvanger"]}, provider_agb: {context: ["Header/Afzender"]}, reference: {record: ["ReferentieAanbieder"]},
      verwijzer: {record: ["Verwijzer/Type"], context: ["Client/Verwijzer/Type"]},
      start: {record: ["ToewijzingIngangsdatum", "Ingangsdatum"]}
    }
  },
  "319": {
    element: "Antwoord",
    fields: {
      provider_agb: {context: ["Header/Ontvanger"]}, reference: {record: ["ReferentieAanbieder"]},
      answer: {record: ["VerzoekAntwoord"]}, reason: {record: ["RedenAfwijzingVerzoek"]}, message_date: {context: MESSAGE_DATE}
    }
  }
};

export const iwmoMessageImporter: Importer = {
  format: "iwmo-messages",
  detect: (probe: FileProbe) => (messageKind(probe.head)?.code ?? "") in SPECS,
  run: async (file, ctx) => (await runMessages([file], ctx))[0],
  runMany: runMessages
};

async function runMessages(files: string[], ctx: ImportContext): Promise<FileReport[]> {
  const byCode = new Map<string, string[]>();
  const kinds = new Map<string, MessageKind>();
  for (const file of files) {
    const kind = messageKind(decodeHead(await readHead(file, 4096), true));
    if (!kind || !(kind.code in SPECS)) throw new ImportFileError(file, "not an iWmo/iJw 301, 305, 307, 315 or 319 message");
    kinds.set(file, kind);
    byCode.set(kind.code, [...(byCode.get(kind.code) ?? []), file]);
  }
  const done = new Map<string, FileReport>();
  // Requests before the answers (301, 319) that refer to them; assignments before 305/307.
  for (const code of ["315", "301", "305", "307", "319"]) {
    const batch = byCode.get(code);
    if (!batch) continue;
    const raw = await loadMessages(ctx, code, batch, kinds);
    const result = await CONVERT[code](ctx, raw.table, raw.inputs);
    batch.forEach((f, i) => done.set(f, result[i]));
    await ctx.connection.run(`DROP TABLE ${sqlIdent(raw.table)}`);
  }
  return files.map((f) => done.get(f)!);
}

async function loadMessages(ctx: ImportContext, code: string, files: string[], kinds: Map<string, MessageKind>): Promise<{table: string; inputs: ReportInput[]}> {
  const spec = SPECS[code];
  const names = Object.keys(spec.fields);
  const table = nextId(`raw_${code}`);
  await ctx.connection.run(`CREATE TEMP TABLE ${sqlIdent(table)} (${names.map((n) => `${sqlIdent(n)} VARCHAR`).join(", ")}, law VARCHAR, __row INTEGER, __file VARCHAR)`);
  const appender = await ctx.connection.createAppender(table, "main", "temp");
  const inputs: ReportInput[] = [];
  try {
    for (const file of files) {
      const kind = kinds.get(file)!;
      const records: MessageRecord[] = [];
      try {
        await readMessage(file, spec.element, (r) => records.push(r));
      } catch (error) {
        throw new ImportFileError(file, (error as Error).message);
      }
      if (records.length === 0) throw new ImportFileError(file, `the message holds no ${spec.element}`);
      appendRecords(appender, records, spec, kind, ctx.relative(file));
      inputs.push({file: ctx.relative(file), format: `${kind.law === "wmo" ? "iwmo" : "ijw"}-${code}`});
    }
  } finally {
    appender.closeSync();
  }
  return {table, inputs};
}

function appendRecords(appender: DuckDBAppender, records: MessageRecord[], spec: MessageSpec, kind: MessageKind, relative: string): void {
  for (const r of records) {
    for (const field of Object.values(spec.fields)) {
      const value = (field.record && pick(r.fields, ...field.record)) ?? (field.context && pick(r.context, ...field.context));
      if (value === undefined) appender.appendNull();
      else appender.appendVarchar(value);
    }
    appender.appendVarchar(kind.law);
    appender.appendInteger(r.line);
    appender.appendVarchar(relative);
    appender.endRow();
  }
}

const pad = (c: string, w: number) => `CASE WHEN regexp_full_match(nl_text(${c}), '\\d+') THEN lpad(nl_text(${c}), ${w}, '0') ELSE nl_text(${c}) END`;
const dateCheck = (column: string, c: string, required: boolean): Check => ({
  column,
  reason: required ? `CASE WHEN nl_text(${c}) IS NULL THEN 'missing value' ELSE nl_date_reason(${c}) END` : `nl_date_reason(${c})`
});
const missing = (column: string, c: string): Check => ({column, reason: `CASE WHEN nl_text(${c}) IS NULL THEN 'missing value' END`});

type Convert = (ctx: ImportContext, raw: string, inputs: ReportInput[]) => Promise<FileReport[]>;

/** Shared start: the BSN lookup joined to the raw rows (alias r, lookup b), and the row's test-range flag. */
async function withBsn(ctx: ImportContext, raw: string): Promise<{from: string; checks: Check[]; test: string}> {
  const lookup = await ctx.bsnTable(`SELECT bsn FROM ${sqlIdent(raw)}`);
  return {
    from: `${sqlIdent(raw)} r LEFT JOIN ${sqlIdent(lookup)} b ON b.raw = trim(r.bsn)`,
    test: testFlagSql(ctx, "coalesce(b.test, false)"),
    checks: [{column: "Client/Bsn", reason: "CASE WHEN nl_text(r.bsn) IS NULL THEN 'missing value' ELSE b.reason END"}]
  };
}

const CONVERT: Record<string, Convert> = {
  "301": async (ctx, raw, inputs) => {
    const conn = ctx.connection;
    const {from, checks, test} = await withBsn(ctx, raw);
    const typed = nextId("typed_301");
    const values = {
      assignment_id: "nl_text(r.assignment_id)", client_key: "b.pseudonym", gemeente: pad("r.gemeente", 4), law: "r.law",
      productcategorie: pad("r.productcategorie", 2), productcode: "nl_text(r.productcode)", provider_agb: pad("r.provider_agb", 8),
      planned_start: "nl_date(r.planned_start)", planned_end: "nl_date(r.planned_end)",
      volume: "TRY_CAST(nl_text(r.volume) AS DOUBLE)", unit: pad("r.unit", 2), frequency: "nl_text(r.frequency)",
      budget: "TRY_CAST(nl_text(r.budget) AS BIGINT) / 100.0"
    };
    checks.push(
      missing("ToegewezenProduct/ToewijzingNummer", "r.assignment_id"),
      dateCheck("ToegewezenProduct/ToewijzingIngangsdatum", "r.planned_start", true),
      dateCheck("ToegewezenProduct/ToewijzingEinddatum", "r.planned_end", false),
      {column: "ToegewezenProduct/ToewijzingEinddatum", reason: `CASE WHEN nl_date(r.planned_end) < nl_date(r.planned_start) THEN 'end before start' END`},
      {column: "ToegewezenProduct/Budget", reason: `CASE WHEN nl_text(r.budget) IS NOT NULL AND TRY_CAST(nl_text(r.budget) AS BIGINT) IS NULL THEN 'not a whole number of eurocents "' || nl_text(r.budget) || '"' END`},
      dateCheck("ToegewezenProduct/Toewijzingsdatum", "r.assigned_on", false)
    );
    // Kept beside the assignment to answer the 315 it names (not columns of `assignments`).
    const helpers = {reference: "nl_text(r.reference)", answer_date: "coalesce(nl_date(r.assigned_on), nl_date(r.message_date))"};
    const columns = await buildTyped(conn, typed, {from, values, checks, helpers, file: "r.__file", test});
    // An assignment sent again (a change) replaces the earlier one: the last message wins.
    const t = sqlIdent(typed);
    const order = "OVER (PARTITION BY assignment_id ORDER BY __file DESC, __row DESC)";
    await rejectMatching(conn, typed, "ToegewezenProduct/ToewijzingNummer", `'replaced by a later 301 for the same ToewijzingNummer (row ' || d.last_row || ' in ' || d.last_file || ')'`,
      `(SELECT __file AS file, __row AS at, row_number() ${order} AS n, first_value(__row) ${order} AS last_row, first_value(__file) ${order} AS last_file FROM ${t} WHERE len(__rejects) = 0) d`,
      `${t}.__file = d.file AND ${t}.__row = d.at AND d.n > 1`);
    await insertAccepted(conn, typed, columns, "assignments");
    await answerRequests(conn, `SELECT law, provider_agb, reference, client_key, 'toegewezen' AS status, answer_date, NULL AS answer_reason, __file, __row
      FROM ${t} WHERE len(__rejects) = 0 AND reference IS NOT NULL`);
    return finish(ctx, typed, inputs);
  },
  "305": (ctx, raw, inputs) => startStop(ctx, raw, inputs, "StartProduct", {actual_start: "nl_date(r.start)"}, [dateCheck("StartProduct/Begindatum", "r.start", true)]),
  "307": (ctx, raw, inputs) => startStop(ctx, raw, inputs, "StopProduct", {actual_end: "nl_date(r.\"end\")", end_reason: "nl_text(r.reason)"}, [dateCheck("StopProduct/Einddatum", "r.\"end\"", true)]),
  "315": async (ctx, raw, inputs) => {
    const {from, checks, test} = await withBsn(ctx, raw);
    const typed = nextId("typed_315");
    const values = {
      client_key: "b.pseudonym", law: "r.law", productcategorie: pad("r.productcategorie", 2), productcode: "nl_text(r.productcode)",
      verwijzer: pad("r.verwijzer", 2), description: "'verzoek om toewijzing ' || coalesce(nl_text(r.reference), '')", status: "'aangevraagd'",
      provider_agb: pad("r.provider_agb", 8), reference: "nl_text(r.reference)"
    };
    checks.push(missing("AangevraagdProduct/Product/Categorie", "r.productcategorie"), dateCheck("AangevraagdProduct/ToewijzingIngangsdatum", "r.start", false));
    const columns = await buildTyped(ctx.connection, typed, {from, values, checks, file: "r.__file", test});
    await insertAccepted(ctx.connection, typed, columns, "requests");
    return finish(ctx, typed, inputs);
  },
  "319": async (ctx, raw, inputs) => {
    const conn = ctx.connection;
    const typed = nextId("typed_319");
    const answer = "nl_text(r.answer)";
    // VerzoekAntwoord (WJ760): 1 verzoek afgewezen, 2 aanvraag in onderzoek.
    const values = {
      law: "r.law", provider_agb: pad("r.provider_agb", 8), reference: "nl_text(r.reference)",
      status: `CASE ${answer} WHEN '1' THEN 'afgewezen' WHEN '2' THEN 'in onderzoek' END`,
      answer_date: "nl_date(r.message_date)", answer_reason: "nl_text(r.reason)"
    };
    const checks: Check[] = [
      missing("Antwoord/ReferentieAanbieder", "r.reference"),
      missing("Header/Ontvanger", "r.provider_agb"),
      {column: "Antwoord/VerzoekAntwoord", reason: `CASE WHEN ${answer} IS NULL THEN 'missing value' WHEN ${answer} NOT IN ('1', '2') THEN 'unknown value "' || ${answer} || '" (expected 1 verzoek afgewezen, 2 aanvraag in onderzoek)' END`},
      dateCheck("Header/BerichtIdentificatie/Dagtekening", "r.message_date", true)
    ];
    await buildTyped(conn, typed, {from: `${sqlIdent(raw)} r`, values, checks, file: "r.__file"});
    const t = sqlIdent(typed);
    // An answer to a request outside the delivery (or to a 317, which is not read) is reported, not dropped.
    await rejectMatching(conn, typed, "Antwoord/ReferentieAanbieder",
      `'no verzoek om toewijzing (315) with ReferentieAanbieder "' || ${t}.reference || '" from aanbieder ' || ${t}.provider_agb || ' in the delivery'`,
      `(SELECT 1) x`,
      `len(${t}.__rejects) = 0 AND NOT EXISTS (SELECT 1 FROM requests q WHERE q.reference = ${t}.reference AND q.provider_agb = ${t}.provider_agb AND q.law = ${t}.law)`);
    await answerRequests(conn, `SELECT law, provider_agb, reference, NULL AS client_key, status, answer_date, answer_reason, __file, __row FROM ${t} WHERE len(__rejects) = 0`);
    return finish(ctx, typed, inputs);
  }
};

/**
 * Puts answers on the requests they name (same law, provider and ReferentieAanbieder; a 301 also
 * the same client). The answer with the latest date wins, also over one imported in an earlier
 * step; on the same date a decision (toegewezen, afgewezen) outranks "in onderzoek".
 * `answers`: SELECT law, provider_agb, reference, client_key (NULL = any), status, answer_date,
 * answer_reason, __file, __row.
 */
async function answerRequests(conn: ImportContext["connection"], answers: string): Promise<void> {
  const undecided = (status: string) => `coalesce(${status} = 'in onderzoek', false)`;
  await conn.run(`UPDATE requests SET status = a.status, answer_date = a.answer_date, answer_reason = a.answer_reason
    FROM (SELECT * FROM (${answers}) QUALIFY row_number() OVER (
      PARTITION BY law, provider_agb, reference, client_key ORDER BY answer_date DESC NULLS LAST, ${undecided("status")}, __file DESC, __row DESC) = 1) a
    WHERE requests.law = a.law AND requests.provider_agb = a.provider_agb AND requests.reference = a.reference
      AND (a.client_key IS NULL OR requests.client_key = a.client_key)
      AND (requests.answer_date IS NULL OR a.answer_date > requests.answer_date
        OR (a.answer_date = requests.answer_date AND ${undecided("requests.status")} AND NOT ${undecided("a.status")}))`);
}

/** 305/307: the named assignment must exist (from a 301 or the monitor delivery); its dates are filled in. */
async function startStop(ctx: ImportContext, raw: string, inputs: ReportInput[], element: string, set: Record<string, string>, extra: Check[]): Promise<FileReport[]> {
  const conn = ctx.connection;
  const {from, checks, test} = await withBsn(ctx, raw);
  const typed = nextId(`typed_${element}`);
  const values = {assignment_id: "nl_text(r.assignment_id)", client_key: "b.pseudonym", ...set};
  checks.push(missing(`${element}/ToewijzingNummer`, "r.assignment_id"), ...extra);
  await buildTyped(conn, typed, {from, values, checks, file: "r.__file", test});
  const t = sqlIdent(typed);
  await rejectMatching(conn, typed, `${element}/ToewijzingNummer`, `'no assignment ' || ${t}.assignment_id || ' for this client in the delivery'`,
    `(SELECT 1) x`, `len(${t}.__rejects) = 0 AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.assignment_id = ${t}.assignment_id AND a.client_key = ${t}.client_key)`);
  const assignments = Object.keys(set).map((c) => `${sqlIdent(c)} = s.${sqlIdent(c)}`).join(", ");
  // The latest message wins when several name the same assignment.
  await conn.run(`UPDATE assignments SET ${assignments} FROM (
      SELECT * FROM ${t} WHERE len(__rejects) = 0 QUALIFY row_number() OVER (PARTITION BY assignment_id, client_key ORDER BY __file DESC, __row DESC) = 1
    ) s WHERE assignments.assignment_id = s.assignment_id AND assignments.client_key = s.client_key`);
  return finish(ctx, typed, inputs);
}

async function finish(ctx: ImportContext, typed: string, inputs: ReportInput[]): Promise<FileReport[]> {
  const result = await reports(ctx.connection, typed, inputs);
  await ctx.connection.run(`DROP TABLE ${sqlIdent(typed)}`);
  return result;
}

export const MESSAGE_CODES = Object.keys(SPECS);

