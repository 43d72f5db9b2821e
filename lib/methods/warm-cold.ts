/**
 * Warm meets cold (issue 5, scope 4): each story linked through stories.case_ref to its first-line
 * case, the case's outcome and the case's cost. Outcomes follow the savings figures
 * (lib/methods/savings.ts, classifyCase): "tweede lijn voorkomen" = closed, need after help "geen"
 * and at least one second-line request; "tweede lijn nog nodig" = "blijft" or "nieuw"; "geen tweede
 * lijn in beeld" = "geen" without any request (no second-line care was in view, so nothing was
 * avoided: methods.md counts only requested provisions). Cost: the avoided second-line cost (central
 * weights) of an avoided case, the realised second-line cost of a case that still needed it. No cost
 * (and so no band) for an avoided case with a request that could not be priced (its avoided sum is
 * only a lower bound) nor for a case without second line in view.
 * Cost bands are terciles (type 7 quantiles, as d3.quantile) of that cost over the distinct
 * linked cases that have one; a value on a cut point goes to the lower band.
 * Pure and browser-safe.
 */
import {classifyCase, type CaseClass, type CaseResult, type RequestResult} from "./savings.js";

export const OUTCOMES = ["tweede lijn voorkomen", "tweede lijn nog nodig", "geen tweede lijn in beeld"] as const;
export type Outcome = (typeof OUTCOMES)[number];
/** The outcomes the warm-cold comparison sets against each other ("second line avoided" yes/no). */
export const COMPARED_OUTCOMES: readonly Outcome[] = ["tweede lijn voorkomen", "tweede lijn nog nodig"];
export const BANDS = ["laag", "midden", "hoog"] as const;
export type Band = (typeof BANDS)[number];

/** Why a story has no outcome: not linked, linked to an unknown case, case still open, need not recorded. */
export type LinkStatus = "gekoppeld" | "geen koppeling" | "casus onbekend" | "casus loopt nog" | "uitkomst onbekend";

export type CaseCost = Pick<CaseResult, "case_id" | "need_after" | "closed" | "avoided" | "realised_second_line"> & {
  requests: readonly Pick<RequestResult, "monthly_cost" | "months">[];
};

const OUTCOME_OF: Partial<Record<CaseClass, Outcome>> = {
  "avoided": "tweede lijn voorkomen",
  "still_needed": "tweede lijn nog nodig",
  "geen_without_request": "geen tweede lijn in beeld"
};

export function caseOutcome(c: CaseCost): Outcome | null {
  return OUTCOME_OF[classifyCase(c)] ?? null;
}

const unpriced = (c: CaseCost) => c.requests.some((r) => r.monthly_cost === null || r.months === null);

/** Euros that describe a closed case: avoided (central) when avoided, realised when still needed. */
export function caseCost(c: CaseCost): number | null {
  const outcome = caseOutcome(c);
  if (outcome === "tweede lijn voorkomen") return unpriced(c) ? null : c.avoided.central;
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

export interface CaseAndStoryCount {
  cases: number;
  stories: number;
}

export interface StoryLinks {
  stories: StoryLink[];
  cuts: {cost: [number, number] | null; avoided: [number, number] | null};
  counts: Record<LinkStatus, number>;
  /** Distinct cases with an outcome that have at least one story, and those stories. */
  linked: CaseAndStoryCount;
  /** Of those, the ones without a cost and so without a band, by reason. */
  without_cost: {unpriced: CaseAndStoryCount; no_second_line: CaseAndStoryCount};
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
  const tally = (keep: (c: CaseCost) => boolean): CaseAndStoryCount => {
    const ids = new Set(distinct.filter(keep).map((c) => c.case_id));
    return {cases: ids.size, stories: out.filter((s) => s.status === "gekoppeld" && ids.has(s.case_id!)).length};
  };
  return {
    stories: out, cuts, counts,
    linked: tally(() => true),
    without_cost: {
      unpriced: tally((c) => caseOutcome(c) === "tweede lijn voorkomen" && caseCost(c) === null),
      no_second_line: tally((c) => caseOutcome(c) === "geen tweede lijn in beeld")
    }
  };
}
