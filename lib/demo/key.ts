/** The answer key written as demo-sleutel.json: what the delivery holds and where the bad rows are. */

export interface PlantedRow {
  kind: "invalid-bsn" | "impossible-date" | "duplicate-story" | "stray-single-select" | "duplicate-declaration" | "triad-outside";
  /** Path relative to the delivery folder. */
  file: string;
  /** 1-based record as a spreadsheet shows it (header = 1); for XML the line of the element. */
  row: number;
  /** 1-based physical line where the record starts (differs from `row` after multi-line story texts). */
  line: number;
  /** Column name as in the header (XML: element path). */
  column: string;
  value: string;
  /** reject: the importer must reject the row with a reason; accept: repair (clamp) and keep it. */
  expected: "reject" | "accept";
  reason: string;
}

export type Scale = "small" | "municipality" | "region";

/** The answer key's `generator`: the importer takes the demo key only for a delivery that carries it. */
export const DEMO_GENERATOR = "warmkoud demo";

export interface DemoKey {
  generator: string;
  seed: number;
  scale: Scale;
  today: string;
  municipality: {code: string; name: string};
  region: {code: string; name: string}[];
  files: string[];
  counts: {
    stories: number;
    story_rows: number;
    stories_by_residents: number;
    stories_by_staff: number;
    stories_with_case: number;
    cases: number;
    cases_closed: number;
    cases_by_need: Record<string, number>;
    second_line_clients: number;
    provisions: {wmo: number; jeugd: number};
    declaration_lines: number;
    declaration_messages: number;
  };
  budget: {amount: number; months: number; period_start: string; period_end: string};
  avoided_cost: {
    calibrated: boolean;
    method: string;
    weights: Record<string, number>;
    monthly_cost_median: Record<string, number>;
    duration_median_months: Record<string, number>;
    gross: number;
    investment: number;
    net: number;
    ratio: number;
    targets: {gross: number; net: number; tolerance: number};
  };
  second_line_spend: {total: number; top_decile_share: number; method: string};
  /** Households in the case register (column Huishouden). */
  households: {households: number; with_several_clients: number; register_rows_blank: number; top_decile_share: number; method: string};
  benchmark: {
    base_year: number;
    final_year: number;
    measure_clients: string;
    measure_spend: string;
    region: {clients: number; spend: number};
    municipality: {clients: number; spend: number};
  };
  identifiers: {bsn_ranges: string[]; agb_codes: string[]; gemeentecodes: string[]};
  planted: PlantedRow[];
}
