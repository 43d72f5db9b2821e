/**
 * The canonical data model: one table per concept, explicit DuckDB types, written to Parquet by
 * the importer (see docs/data-model.md). Every importer inserts into these staging tables in one
 * DuckDB connection; the import step then writes each table sorted to `<out>/<table>.parquet`.
 *
 * Conventions: `client_key` is the HMAC pseudonym of the BSN (or of the internal client number),
 * never a clear BSN; `household_key` is the HMAC pseudonym of a household number in its own
 * domain (lib/privacy/pseudonym.ts), so it never equals a client key; `source_file` (path relative
 * to the delivery folder) and `source_row` (1-based line or element number as a person would find
 * it in the file) give lineage on every table.
 */

export interface TableSpec {
  name: string;
  /** Column name -> DuckDB type, in output order. */
  columns: Record<string, string>;
  /** Sort order of the Parquet file (what the browser and the CLI filter on first). */
  sortBy: string[];
  /** Holds row-level personal or story data: never published as is (see privacy.md). */
  personal: boolean;
}

const lineage = {source_file: "VARCHAR", source_row: "INTEGER"};

export const tables: TableSpec[] = [
  {
    name: "stories",
    columns: {
      story_id: "VARCHAR", project: "VARCHAR", collected_on: "DATE", teller_role: "VARCHAR",
      language: "VARCHAR", client_key: "VARCHAR", case_ref: "VARCHAR", ...lineage
    },
    sortBy: ["story_id"],
    personal: true
  },
  {
    // Story text lives apart so a public build can leave it out entirely.
    name: "story_texts",
    columns: {story_id: "VARCHAR", title: "VARCHAR", text: "VARCHAR", ...lineage},
    sortBy: ["story_id"],
    personal: true
  },
  {
    name: "signifiers",
    columns: {
      signifier_id: "VARCHAR", type: "VARCHAR", title: "VARCHAR", short_name: "VARCHAR",
      allow_na: "BOOLEAN", required: "BOOLEAN", multi_select: "BOOLEAN", position: "INTEGER", source_file: "VARCHAR"
    },
    sortBy: ["position"],
    personal: false
  },
  {
    // Anchors of a triad (position 0 top, 1 left, 2 right), poles of a dyad (0 left, 1 right), items of a list.
    name: "signifier_options",
    columns: {signifier_id: "VARCHAR", option_id: "VARCHAR", position: "INTEGER", label: "VARCHAR"},
    sortBy: ["signifier_id", "position"],
    personal: false
  },
  {
    // Closed proportions; status 'answered' | 'na' | 'skipped' (top/left/right NULL unless answered).
    name: "triad_answers",
    columns: {
      story_id: "VARCHAR", signifier_id: "VARCHAR", status: "VARCHAR",
      top: "DOUBLE", left: "DOUBLE", right: "DOUBLE", ...lineage
    },
    sortBy: ["signifier_id", "story_id"],
    personal: false
  },
  {
    // Position 0..1 from the left pole; status as for triads.
    name: "dyad_answers",
    columns: {story_id: "VARCHAR", signifier_id: "VARCHAR", status: "VARCHAR", position: "DOUBLE", ...lineage},
    sortBy: ["signifier_id", "story_id"],
    personal: false
  },
  {
    // One row per chosen option (multi-select: several rows); option_id NULL with status 'skipped' when unanswered.
    name: "choice_answers",
    columns: {story_id: "VARCHAR", signifier_id: "VARCHAR", status: "VARCHAR", option_id: "VARCHAR", ...lineage},
    sortBy: ["signifier_id", "story_id"],
    personal: false
  },
  {
    name: "cases",
    columns: {
      case_id: "VARCHAR", client_key: "VARCHAR", household_key: "VARCHAR", gemeente: "VARCHAR", domain: "VARCHAR",
      first_contact: "DATE", help_start: "DATE", help_end: "DATE", help_given: "VARCHAR",
      need_after: "VARCHAR", test_bsn: "BOOLEAN", ...lineage
    },
    sortBy: ["help_end", "case_id"],
    personal: true
  },
  {
    // Each client's latest known household, derived from cases.household_key at the end of an import
    // (lib/import/cold/households.ts). A client without a row is its own household.
    name: "households",
    columns: {client_key: "VARCHAR", household_key: "VARCHAR", ...lineage},
    sortBy: ["client_key"],
    personal: true
  },
  {
    // Second-line provision requested at intake (case register) or by a provider (315); likelihood
    // 'zeker' | 'waarschijnlijk' | 'misschien' | NULL. A 315 keeps its provider and ReferentieAanbieder,
    // the key by which the answer (319, or a 301 naming it) finds it: status, answer_date, answer_reason.
    name: "requests",
    columns: {
      case_id: "VARCHAR", client_key: "VARCHAR", law: "VARCHAR", productcategorie: "VARCHAR",
      productcode: "VARCHAR", description: "VARCHAR", likelihood: "VARCHAR", estimated_cost: "DECIMAL(12,2)",
      verwijzer: "VARCHAR", provider_agb: "VARCHAR", reference: "VARCHAR", status: "VARCHAR",
      answer_date: "DATE", answer_reason: "VARCHAR", test_bsn: "BOOLEAN", ...lineage
    },
    sortBy: ["case_id"],
    personal: true
  },
  {
    // Assignments (301) and provisions from the monitor delivery, with start/stop of delivery (305/307).
    name: "assignments",
    columns: {
      assignment_id: "VARCHAR", client_key: "VARCHAR", gemeente: "VARCHAR", law: "VARCHAR",
      productcategorie: "VARCHAR", productcode: "VARCHAR", provider_agb: "VARCHAR", delivery_form: "VARCHAR",
      planned_start: "DATE", planned_end: "DATE", actual_start: "DATE", actual_end: "DATE",
      volume: "DOUBLE", unit: "VARCHAR", frequency: "VARCHAR", budget: "DECIMAL(14,2)",
      paid_amount: "DECIMAL(14,2)", end_reason: "VARCHAR", verwijzer: "VARCHAR", test_bsn: "BOOLEAN", ...lineage
    },
    sortBy: ["gemeente", "planned_start", "assignment_id"],
    personal: true
  },
  {
    // Declaration lines (323, 303 or a flat export): amount in euros, signed (credit negative).
    name: "declarations",
    columns: {
      declaration_id: "VARCHAR", line_id: "VARCHAR", client_key: "VARCHAR", gemeente: "VARCHAR", law: "VARCHAR",
      assignment_id: "VARCHAR", productcategorie: "VARCHAR", productcode: "VARCHAR", provider_agb: "VARCHAR",
      period_start: "DATE", period_end: "DATE", year: "SMALLINT", volume: "DOUBLE", unit: "VARCHAR",
      tariff: "DECIMAL(12,2)", amount: "DECIMAL(14,2)", test_bsn: "BOOLEAN", ...lineage
    },
    sortBy: ["gemeente", "year", "client_key", "period_start"],
    personal: true
  },
  {
    // Statistics-office tables; status 'definitief' | 'voorlopig' | 'onbekend' ('.' in the source gives value NULL).
    name: "benchmark",
    columns: {
      table_id: "VARCHAR", gemeente: "VARCHAR", gemeente_name: "VARCHAR", year: "SMALLINT", measure: "VARCHAR",
      value: "DOUBLE", status: "VARCHAR", series_break: "BOOLEAN", ...lineage
    },
    sortBy: ["measure", "gemeente", "year"],
    personal: false
  },
  {
    name: "budgets",
    columns: {
      gemeente: "VARCHAR", line: "VARCHAR", period_start: "DATE", period_end: "DATE", amount: "DECIMAL(14,2)", ...lineage
    },
    sortBy: ["period_start"],
    personal: false
  }
];

export function table(name: string): TableSpec {
  const spec = tables.find((t) => t.name === name);
  if (!spec) throw new Error(`unknown table ${name}`);
  return spec;
}

/** DDL for one staging table. */
export function createTableSql(spec: TableSpec): string {
  const cols = Object.entries(spec.columns).map(([c, t]) => `"${c}" ${t}`).join(", ");
  return `CREATE TABLE IF NOT EXISTS "${spec.name}" (${cols})`;
}
