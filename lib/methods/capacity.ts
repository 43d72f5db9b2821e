/**
 * Front-office capacity (formatie), methods.md "Capacity": FTE = sum over case types t of
 * cases_t x hours per case_t / productive hours per FTE per year (default 1,200: 36 h/week after
 * leave, training and overhead). Hours per case type are the team's own estimates, documented as
 * assumptions (config/capaciteit.json); growth scenarios multiply the caseload per case type, domain
 * or overall. Pure and browser-safe (the page's calculator runs it on every input change).
 */

export const DEFAULT_PRODUCTIVE_HOURS = 1200;

/** A case type: the first entry whose domain and categories match a case decides its type. */
export interface CaseTypeEstimate {
  type: string;
  label: string;
  /** Matches the case's domain; absent = any domain. */
  domain?: string;
  /** Matches the first requested productcategorie; absent = any (including none). */
  categories?: string[];
  hours_per_case: number;
}

export interface GrowthScenario {
  name: string;
  label: string;
  /** Factor on the caseload by case type, else by domain, else "*" (default 1). */
  growth: Record<string, number>;
}

export interface CapacityConfig {
  productive_hours_per_fte: number;
  case_types: CaseTypeEstimate[];
  scenarios: GrowthScenario[];
}

/** New first-line cases per year (by help start), domain and first requested productcategorie. */
export interface CaseloadRow {
  year: number;
  domain: string | null;
  productcategorie: string | null;
  cases: number;
}

export interface CaseloadLine {
  type: string;
  /** Domain of the case type, for growth by domain. */
  domain?: string;
  cases: number;
  hours_per_case: number;
}

export interface FteLine extends CaseloadLine {
  hours: number;
  fte: number;
}

export interface FteResult {
  lines: FteLine[];
  hours: number;
  fte: number;
  productive_hours_per_fte: number;
}

export function caseType(row: {domain: string | null; productcategorie: string | null}, types: CaseTypeEstimate[]): CaseTypeEstimate | null {
  return types.find((t) =>
    (t.domain === undefined || t.domain.toLowerCase() === (row.domain ?? "").toLowerCase()) &&
    (t.categories === undefined || (row.productcategorie !== null && t.categories.includes(row.productcategorie)))
  ) ?? null;
}

/** Caseload of one year per case type; cases no type matches are counted in `unmatched`. */
export function caseloadByType(rows: CaseloadRow[], year: number, types: CaseTypeEstimate[]): {lines: CaseloadLine[]; unmatched: number} {
  const cases = new Map<string, number>();
  let unmatched = 0;
  for (const r of rows) {
    if (r.year !== year) continue;
    const t = caseType(r, types);
    if (t) cases.set(t.type, (cases.get(t.type) ?? 0) + r.cases);
    else unmatched += r.cases;
  }
  const lines = types.filter((t) => cases.has(t.type)).map((t) => ({type: t.type, domain: t.domain, cases: cases.get(t.type)!, hours_per_case: t.hours_per_case}));
  return {lines, unmatched};
}

export function fte(lines: CaseloadLine[], productiveHours = DEFAULT_PRODUCTIVE_HOURS): FteResult {
  if (!(productiveHours > 0)) throw new RangeError("productive hours per FTE must be positive");
  const out = lines.map((l) => {
    const hours = l.cases * l.hours_per_case;
    return {...l, hours, fte: hours / productiveHours};
  });
  const hours = out.reduce((s, l) => s + l.hours, 0);
  return {lines: out, hours, fte: hours / productiveHours, productive_hours_per_fte: productiveHours};
}

export function growthFactor(line: CaseloadLine, scenario: GrowthScenario): number {
  const g = scenario.growth;
  return g[line.type] ?? (line.domain !== undefined ? g[line.domain] : undefined) ?? g["*"] ?? 1;
}

/** FTE with the caseload of every line multiplied by the scenario's growth factor. */
export function scenarioFte(lines: CaseloadLine[], scenario: GrowthScenario, productiveHours = DEFAULT_PRODUCTIVE_HOURS): FteResult & {scenario: string} {
  return {...fte(lines.map((l) => ({...l, cases: l.cases * growthFactor(l, scenario)})), productiveHours), scenario: scenario.name};
}
