/**
 * Second-line need after first-line help, over time (the "middle chart"). Pure and browser-safe:
 * works on counts of closed cases per month of closing, domain, requested productcategorie and
 * need after help (lib/model/queries/need-after.ts).
 *
 * A case counts once, under the month its help ended and the category of its first requested
 * provision ("geen verzoek" without one). Shares are of the cases with a recorded need, so a
 * missing answer does not dilute them; the missing ones are counted as `onbekend`. The shares of
 * "blijft" and "nieuw" are reported separately: that background signal of chronic cases is the
 * point of the chart and is never folded into one average.
 */

export const NEEDS = ["geen", "blijft", "nieuw"] as const;
export type NeedValue = (typeof NEEDS)[number];

export interface NeedAfterRow {
  /** Month of closing, yyyy-mm. */
  month: string;
  domain: string | null;
  productcategorie: string | null;
  need_after: string | null;
  cases: number;
}

export interface NeedCount {
  key: string;
  geen: number;
  blijft: number;
  nieuw: number;
  onbekend: number;
  total: number;
  /** Shares of the cases with a recorded need (null when there are none). */
  share: Record<NeedValue, number | null>;
}

export type NeedGrouping = "month" | "quarter" | "year" | "domain" | "category";

export interface NeedFilter {
  domain?: string;
  productcategorie?: string;
}

export const NO_REQUEST = "geen verzoek";

function keyOf(row: NeedAfterRow, by: NeedGrouping): string {
  switch (by) {
    case "month": return row.month;
    case "quarter": return `${row.month.slice(0, 4)}-K${Math.floor((Number(row.month.slice(5, 7)) - 1) / 3) + 1}`;
    case "year": return row.month.slice(0, 4);
    case "domain": return row.domain ?? "onbekend";
    case "category": return row.productcategorie ?? NO_REQUEST;
  }
}

function needOf(value: string | null): NeedValue | "onbekend" {
  const v = value?.trim().toLowerCase();
  return v === "geen" || v === "blijft" || v === "nieuw" ? v : "onbekend";
}

/** Counts and shares per group, groups in key order (time order for month/quarter/year). */
export function needAfterCounts(rows: NeedAfterRow[], by: NeedGrouping, filter: NeedFilter = {}): NeedCount[] {
  const groups = new Map<string, NeedCount>();
  for (const row of rows) {
    if (filter.domain !== undefined && row.domain !== filter.domain) continue;
    if (filter.productcategorie !== undefined && (row.productcategorie ?? NO_REQUEST) !== filter.productcategorie) continue;
    const key = keyOf(row, by);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = {key, geen: 0, blijft: 0, nieuw: 0, onbekend: 0, total: 0, share: {geen: null, blijft: null, nieuw: null}}));
    g[needOf(row.need_after)] += row.cases;
    g.total += row.cases;
  }
  const out = [...groups.values()].sort((a, b) => a.key.localeCompare(b.key));
  for (const g of out) {
    const known = g.geen + g.blijft + g.nieuw;
    for (const n of NEEDS) g.share[n] = known > 0 ? g[n] / known : null;
  }
  return out;
}

/** All closed cases together. */
export function needAfterTotal(rows: NeedAfterRow[], filter: NeedFilter = {}): NeedCount {
  const [total] = needAfterCounts(rows.map((r) => ({...r, month: "totaal"})), "month", filter);
  return total ?? {key: "totaal", geen: 0, blijft: 0, nieuw: 0, onbekend: 0, total: 0, share: {geen: null, blijft: null, nieuw: null}};
}
