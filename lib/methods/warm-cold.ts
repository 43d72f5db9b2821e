/**
 * Warm meets cold (issue 5, scope 4): each story linked through stories.case_ref to its first-line
 * case, the case's outcome (second line avoided: need after help "geen"; still needed: "blijft" or
 * "nieuw") and the case's cost: the avoided second-line cost (central weights) of an avoided case,
 * the realised second-line cost of a case that still needed it (lib/methods/savings.ts). An avoided
 * case with a request that could not be priced has no cost: its avoided sum is only a lower bound.
 * Cost bands are terciles (type 7 quantiles, as d3.quantile) of that cost over the distinct
 * linked cases that have one; a value on a cut point goes to the lower band.
 * Pure and browser-safe.
 */
import type {CaseResult, RequestResult} from "./savings.js";

export const OUTCOMES = ["tweede lijn voorkomen", "tweede lijn nog nodig"] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const BANDS = ["laag", "midden", "hoog"] as const;
export type Band = (typeof BANDS)[number];

/** Why a story has no outcome: not linked, linked to an unknown case, case still open, need not recorded. */
export type LinkStatus = "gekoppeld" | "geen koppeling" | "casus onbekend" | "casus loopt nog" | "uitkomst onbekend";

export type CaseCost = Pick<CaseResult, "case_id" | "need_after" | "closed" | "avoided" | "realised_second_line"> & {
  requests: readonly Pick<RequestResult, "monthly_cost" | "months">[];
};

export function caseOutcome(c: CaseCost): Outcome | null {
  if (!c.closed) return null;
  if (c.need_after === "geen") return "tweede lijn voorkomen";
  if (c.need_after === "blijft" || c.need_after === "nieuw") return "tweede lijn nog nodig";
  return null;
}

/** Euros that describe a closed case: avoided (central) when avoided, realised when still needed. */
export function caseCost(c: CaseCost): number | null {
  const outcome = caseOutcome(c);
  if (outcome === "tweede lijn voorkomen") return c.requests.some((r) => r.monthly_cost === null || r.months === null) ? null : c.avoided.central;
  if (outcome === "tweede lijn nog nodig") return c.realised_second_line;
  return null;
}

/** Type-7 quantile of sorted values (linear interpolation between order statistics). */
export function quantileSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError("quantile of no values");
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo] + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)]) - sorted[lo]);
}

/** The two cut points of the terciles, or null without values. */
export function tercileCuts(values: readonly number[]): [number, number] | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return [quantileSorted(sorted, 1 / 3), quantileSorted(sorted, 2 / 3)];
}

export function bandOf(value: number, cuts: readonly [number, number]): Band {
  return value <= cuts[0] ? "laag" : value <= cuts[1] ? "midden" : "hoog";
}

export interface StoryLink {
  story_id: string;
  case_id: string | null;
  status: LinkStatus;
  outcome: Outcome | null;
  cost: number | null;
  /** Band of `cost` among all linked cases. */
  band: Band | null;
  /** Band of the avoided cost among the linked avoided cases only. */
  avoided_band: Band | null;
}

export interface StoryLinks {
  stories: StoryLink[];
  cuts: {cost: [number, number] | null; avoided: [number, number] | null};
  counts: Record<LinkStatus, number>;
}

export function linkStories(stories: readonly {story_id: string; case_ref: string | null}[], cases: readonly CaseCost[]): StoryLinks {
  const byId = new Map(cases.map((c) => [c.case_id, c]));
  const linked = new Map<string, CaseCost>();
  for (const s of stories) {
    const c = s.case_ref === null ? undefined : byId.get(s.case_ref);
    if (c && caseOutcome(c) !== null) linked.set(c.case_id, c);
  }
  const distinct = [...linked.values()];
  const cuts = {
    cost: tercileCuts(distinct.map(caseCost).filter((v): v is number => v !== null)),
    avoided: tercileCuts(distinct.filter((c) => caseOutcome(c) === "tweede lijn voorkomen").map(caseCost).filter((v): v is number => v !== null))
  };
  const counts: Record<LinkStatus, number> = {"gekoppeld": 0, "geen koppeling": 0, "casus onbekend": 0, "casus loopt nog": 0, "uitkomst onbekend": 0};
  const out = stories.map((s): StoryLink => {
    const c = s.case_ref === null || s.case_ref === "" ? undefined : byId.get(s.case_ref);
    const outcome = c ? caseOutcome(c) : null;
    const status: LinkStatus = s.case_ref === null || s.case_ref === "" ? "geen koppeling" : !c ? "casus onbekend" : !c.closed ? "casus loopt nog" : outcome === null ? "uitkomst onbekend" : "gekoppeld";
    counts[status]++;
    const cost = c ? caseCost(c) : null;
    return {
      story_id: s.story_id, case_id: c?.case_id ?? null, status, outcome, cost,
      band: cost !== null && cuts.cost ? bandOf(cost, cuts.cost) : null,
      avoided_band: outcome === "tweede lijn voorkomen" && cost !== null && cuts.avoided ? bandOf(cost, cuts.avoided) : null
    };
  });
  return {stories: out, cuts, counts};
}
