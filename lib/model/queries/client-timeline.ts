/**
 * A client's timeline for the analyst workspace (issue 5, scope 3): first-line cases, requested
 * provisions, assignments, declarations per month and the stories linked to a case, as one event
 * table. Declarations are summed per client, month, law, productcategorie and provider, so no
 * declaration line leaves the model.
 *
 * Pages never see the full pseudonym: a client is named by a short key, the first characters of
 * its client key. The length is the smallest (at least 8) that keeps every client of the model
 * apart, so the same client has the same short key on every page.
 */
import {type Model, gemeenteFilter} from "./model.js";

export const MIN_SHORT_KEY = 8;

/** SQL of every distinct client key in the model (cases, assignments, declarations). */
function allClientKeysSql(gemeente: string | null): string {
  return ["cases", "assignments", "declarations"]
    .map((t) => `SELECT DISTINCT client_key FROM ${t} WHERE client_key IS NOT NULL AND ${gemeenteFilter(gemeente)}`)
    .join(" UNION ");
}

/** The smallest prefix length >= MIN_SHORT_KEY under which all client keys stay distinct. */
export async function shortKeyLength(model: Model, gemeente: string | null): Promise<number> {
  const [row] = await model.rows<{keys: number; longest: number | null}>(
    `SELECT count(*)::INTEGER AS keys, max(length(client_key))::INTEGER AS longest FROM (${allClientKeysSql(gemeente)})`);
  if (!row || row.keys === 0 || row.longest === null) return MIN_SHORT_KEY;
  for (let length = MIN_SHORT_KEY; length < row.longest; length++) {
    const [distinct] = await model.rows<{n: number}>(
      `SELECT count(DISTINCT left(client_key, ${length}))::INTEGER AS n FROM (${allClientKeysSql(gemeente)})`);
    if (distinct.n === row.keys) return length;
  }
  return row.longest;
}

/** The short key of a client key. */
export function shortKey(clientKey: string, length: number): string {
  return clientKey.slice(0, length);
}

export interface TimelineOptions {
  gemeente: string | null;
  /** Prefix length from `shortKeyLength`. */
  keyLength: number;
  /** SQL returning one column `client_key`: the clients whose timeline is shipped. */
  clientsSql: string;
}

/**
 * One row per event: `k` (short key), `kind` (casus, verzoek, toewijzing, declaratie, verhaal),
 * `start`/`end` (DATE), law, productcategorie, productcode, provider_agb, amount (euros, DOUBLE;
 * declarations only), `label` (what it is), `ref` (case id, assignment id or story id), `detail`.
 */
export function timelineSql(options: TimelineOptions): string {
  const g = gemeenteFilter(options.gemeente);
  const k = (alias: string) => `left(${alias}.client_key, ${Math.trunc(options.keyLength)})`;
  const chosen = `chosen AS (SELECT DISTINCT client_key FROM (${options.clientsSql}) WHERE client_key IS NOT NULL)`;
  const cols = "k, kind, start, \"end\", law, productcategorie, productcode, provider_agb, amount, label, ref, detail";
  return `
    WITH ${chosen},
    c AS (SELECT c.* FROM cases c SEMI JOIN chosen USING (client_key) WHERE ${g})
    SELECT ${cols} FROM (
      SELECT ${k("c")} AS k, 'casus' AS kind, coalesce(c.help_start, c.first_contact) AS start, c.help_end AS "end",
        c.domain AS law, NULL::VARCHAR AS productcategorie, NULL::VARCHAR AS productcode, NULL::VARCHAR AS provider_agb,
        NULL::DOUBLE AS amount, coalesce(c.help_given, 'eerstelijnshulp') AS label, c.case_id AS ref,
        'tweedelijnsbehoefte na de hulp: ' || coalesce(lower(trim(c.need_after)), 'onbekend') AS detail
      FROM c
      UNION ALL
      SELECT ${k("c")}, 'verzoek', coalesce(c.first_contact, c.help_start), NULL::DATE, r.law, r.productcategorie, r.productcode, NULL,
        NULL, coalesce(r.description, 'gevraagde voorziening'), r.case_id,
        'kans: ' || coalesce(lower(trim(r.likelihood)), 'zeker (concreet verzoek)')
      FROM requests r JOIN c ON r.case_id = c.case_id
      UNION ALL
      SELECT ${k("a")}, 'toewijzing', coalesce(a.actual_start, a.planned_start), coalesce(a.actual_end, a.planned_end), a.law,
        a.productcategorie, a.productcode, a.provider_agb, NULL, coalesce(a.delivery_form, 'toewijzing'), a.assignment_id,
        concat_ws('; ', CASE WHEN a.actual_end IS NULL THEN 'einddatum gepland' END, a.end_reason)
      FROM assignments a SEMI JOIN chosen USING (client_key) WHERE ${gemeenteFilter(options.gemeente, "a.gemeente")}
      UNION ALL
      SELECT ${k("d")}, 'declaratie', date_trunc('month', d.period_start)::DATE, NULL, d.law, d.productcategorie, NULL, d.provider_agb,
        sum(d.amount)::DOUBLE, 'declaraties in de maand', NULL, count(*)::VARCHAR || ' regels'
      FROM declarations d SEMI JOIN chosen USING (client_key)
      WHERE ${gemeenteFilter(options.gemeente, "d.gemeente")} AND d.period_start IS NOT NULL AND d.amount IS NOT NULL
      GROUP BY ALL
      UNION ALL
      SELECT ${k("c")}, 'verhaal', s.collected_on, NULL, NULL, NULL, NULL, NULL, NULL,
        coalesce(t.title, 'verhaal zonder titel'), s.story_id, 'verteld door: ' || coalesce(s.teller_role, 'onbekend') || '; casus ' || c.case_id
      FROM stories s JOIN c ON s.case_ref = c.case_id LEFT JOIN story_texts t ON t.story_id = s.story_id
    ) ORDER BY k, start NULLS LAST, kind, ref`;
}

/** Clients of first-line cases (the savings page's case list opens their timelines). */
export function caseClientsSql(gemeente: string | null): string {
  return `SELECT client_key FROM cases WHERE client_key IS NOT NULL AND ${gemeenteFilter(gemeente)}`;
}

export type EventKind = "casus" | "verzoek" | "toewijzing" | "declaratie" | "verhaal";

/** A row of timelineSql, dates as yyyy-mm-dd. */
export interface TimelineRow {
  k: string;
  kind: EventKind;
  start: string | null;
  end: string | null;
  law: string | null;
  productcategorie: string | null;
  productcode: string | null;
  provider_agb: string | null;
  amount: number | null;
  label: string | null;
  ref: string | null;
  detail: string | null;
}

/**
 * The timeline rows of the chosen clients, dates as text, in one total order (every column), so the
 * same model always gives the same rows in the same order.
 */
export async function timelineRows(model: Model, options: TimelineOptions): Promise<TimelineRow[]> {
  return model.rows<TimelineRow>(`
    SELECT k, kind, strftime(start, '%Y-%m-%d') AS start, strftime("end", '%Y-%m-%d') AS "end", law, productcategorie, productcode,
      provider_agb, amount, label, ref, detail
    FROM (${timelineSql(options)})
    ORDER BY k, start NULLS LAST, kind, ref NULLS LAST, "end" NULLS LAST, law NULLS LAST, productcategorie NULLS LAST,
      productcode NULLS LAST, provider_agb NULLS LAST, amount NULLS LAST, label NULLS LAST, detail NULLS LAST`);
}
