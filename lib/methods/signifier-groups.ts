/**
 * Every triad and dyad of a story set compared across one grouping of the stories (e.g. "second
 * line avoided" vs "still needed", or a cost band of the linked case): the same statistics as the
 * story pages (methods.md): per group n answered / N/A / skipped and the centre (triads: closed
 * geometric mean under the zero policy; dyads: median), and one test per signifier (triads:
 * Hotelling T^2 or the permutation test via summariseTriad; dyads: Mann-Whitney or Kruskal-Wallis).
 * Groups smaller than `minGroup` are still shown but flagged, so a page can say so.
 * Pure; the money loaders run it in Node and send the result to the page.
 */
import {summariseTriad, type Percentages, type TriadAnswer} from "./triad-summary.js";
import {dyadGroupTest, type DyadGroupResult} from "./ranktests.js";
import type {TriadGroupResult} from "./groups.js";
import type {PermutationOptions} from "./permutation.js";

export const MIN_GROUP = 20;

export interface DyadAnswer {
  story_id: string;
  status: string | null;
  position: number | null;
}

export interface GroupCounts {
  group: string;
  n: number;
  n_na: number;
  n_skipped: number;
  small: boolean;
}

export interface TriadComparison {
  signifier_id: string;
  groups: (GroupCounts & {geometric_mean: Percentages | null; arithmetic_mean: Percentages | null})[];
  n_without_group: number;
  zero_policy: string;
  test: TriadGroupResult | null;
  /** The groups the test compared, in its order; empty when there is no test. */
  test_groups: (string | null)[];
}

export interface DyadComparison {
  signifier_id: string;
  groups: (GroupCounts & {median: number | null})[];
  n_without_group: number;
  test: DyadGroupResult | null;
  /** The groups the test compared, in its order; empty when there is no test. */
  test_groups: string[];
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Triad answers of one signifier compared across the groups in `groupOf` (story_id -> label). */
export function compareTriad(
  signifierId: string, answers: readonly TriadAnswer[], groupOf: ReadonlyMap<string, string>,
  order: readonly string[], options: {minGroup?: number; permutation?: PermutationOptions} = {}
): TriadComparison {
  const s = summariseTriad(answers, {groupOf, groupOrder: order, permutation: options.permutation ?? {seed: 1}});
  const min = options.minGroup ?? MIN_GROUP;
  return {
    signifier_id: signifierId,
    groups: s.groups.map((g) => ({
      group: g.group ?? "", n: g.n, n_na: g.n_na, n_skipped: g.n_skipped, small: g.n < min,
      geometric_mean: g.geometric_mean, arithmetic_mean: g.arithmetic_mean
    })),
    n_without_group: s.n_without_group,
    zero_policy: s.zero_policy_description,
    test: s.test,
    test_groups: s.test_groups
  };
}

/** Dyad answers of one signifier compared across the groups (positions 0..1 from the left pole). */
export function compareDyad(
  signifierId: string, answers: readonly DyadAnswer[], groupOf: ReadonlyMap<string, string>,
  order: readonly string[], options: {minGroup?: number} = {}
): DyadComparison {
  const min = options.minGroup ?? MIN_GROUP;
  const byGroup = new Map<string, {values: number[]; na: number; skipped: number}>();
  let without = 0;
  for (const a of answers) {
    const answered = a.status === "answered" && a.position !== null && Number.isFinite(a.position);
    const group = groupOf.get(a.story_id);
    if (group === undefined) {
      if (answered) without++;
      continue;
    }
    let g = byGroup.get(group);
    if (!g) byGroup.set(group, (g = {values: [], na: 0, skipped: 0}));
    if (answered) g.values.push(Math.min(1, Math.max(0, a.position!)));
    else if (a.status === "na") g.na++;
    else g.skipped++;
  }
  const labels = [...order.filter((o) => byGroup.has(o)), ...[...byGroup.keys()].filter((k) => !order.includes(k)).sort()];
  const groups = labels.map((group) => {
    const g = byGroup.get(group)!;
    return {group, n: g.values.length, n_na: g.na, n_skipped: g.skipped, small: g.values.length < min, median: median(g.values)};
  });
  const tested = labels.filter((l) => byGroup.get(l)!.values.length > 0);
  const test = tested.length >= 2 ? dyadGroupTest(tested.map((l) => byGroup.get(l)!.values)) : null;
  return {
    signifier_id: signifierId,
    groups,
    n_without_group: without,
    test,
    // Groups of a test that was run; none when no test could be (fewer than two groups, or all tied).
    test_groups: test ? tested : []
  };
}
