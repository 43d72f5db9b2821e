/**
 * The summary under every triad (methods.md, "Triads are compositions"): per group, the counts
 * (answered, N/A, skipped), the arithmetic mean and the closed geometric mean in percent under a
 * stated zero policy, and the comparison of the groups: Hotelling T^2 for exactly two groups, the
 * seeded permutation test for more. Browser-safe: pages and `warmkoud stats triads` share it.
 *
 * Conventions:
 * - status 'answered' with all three parts is an answer; 'na' is N/A; anything else ('skipped',
 *   'invalid', or an answered row without parts) counts as skipped: no usable answer.
 * - Groups come from a map story_id -> group label. Stories absent from the map have no answer to
 *   the grouping question: they form no group and their answered dots are counted in
 *   `nWithoutGroup` (left out of the comparison, as methods.md requires).
 * - Both means use the same answers: with the "drop" policy the answers with a part below delta are
 *   left out of both; with "replace" the arithmetic mean uses the answers as given (it takes no
 *   logs), the geometric mean the replaced ones.
 */
import {
  applyZeroPolicy, arithmeticMean, clampAndClose, DEFAULT_ZERO_POLICY, describeZeroPolicy, summariseIlr,
  type Composition, type ZeroPolicy
} from "./compositional.js";
import {memoPerList, memoPerObject} from "../memo.js";
import {triadGroupTest, type TriadGroupResult} from "./groups.js";
import type {PermutationOptions} from "./permutation.js";
import type {TriadAnswerRow} from "../formats/stories/rows.js";

/** The columns of a triad answer the summary needs (a row of the triad_answers table will do). */
export type TriadAnswer = Pick<TriadAnswerRow, "story_id" | "status" | "top" | "left" | "right">;

/** A composition in percent, parts named after the triad anchors' positions. */
export interface Percentages {
  readonly top: number;
  readonly left: number;
  readonly right: number;
}

export interface TriadGroupSummary {
  /** Group label, or null for the whole set when no grouping is given. */
  readonly group: string | null;
  /** Answered (a dot in the triangle), before the zero policy. */
  readonly n: number;
  readonly n_na: number;
  readonly n_skipped: number;
  /** Answers with a part below delta: replaced ("replace") or left out of the means ("drop"). */
  readonly n_zero_parts: number;
  /** Answers the means are computed from (n, minus the dropped ones under "drop"). */
  readonly n_used: number;
  /** Null when no answer is left. */
  readonly arithmetic_mean: Percentages | null;
  readonly geometric_mean: Percentages | null;
  /** Story ids of the answers used, in input order (to open the stories behind a centre). */
  readonly story_ids: string[];
}

export interface TriadSummary {
  readonly groups: TriadGroupSummary[];
  /** Answered dots of stories without an answer to the grouping question (0 without grouping). */
  readonly n_without_group: number;
  readonly zero_policy: ZeroPolicy;
  /** describeZeroPolicy(zero_policy): the sentence to print next to the means. */
  readonly zero_policy_description: string;
  /**
   * Comparison of the groups with at least one usable answer: Hotelling T^2 (two groups) or the
   * permutation test (three or more); null without grouping, with fewer than two such groups, or
   * when the test cannot be computed (too few answers, all dots on one line).
   */
  readonly test: TriadGroupResult | null;
  /** Labels of the groups in the test, in the order of its n, centres and distances. */
  readonly test_groups: (string | null)[];
}

export interface TriadSummaryOptions {
  readonly zeroPolicy?: ZeroPolicy;
  /**
   * story_id -> group label, or a function giving an answer's group (undefined: in no group; a
   * page passes its rows' own column instead of building a map of every story); omit for one
   * summary of all answers. Results are kept per map or function (summariseTriad): do not change
   * a map once it has been used.
   */
  readonly groupOf?: ReadonlyMap<string, string> | ((answer: TriadAnswer) => string | undefined);
  /** Order of the group rows (e.g. the option order of the question); other labels follow sorted. */
  readonly groupOrder?: readonly string[];
  /** Seed and number of permutations for three or more groups. */
  readonly permutation?: PermutationOptions;
}

export function toPercentages(x: Composition): Percentages {
  return {top: x[0] * 100, left: x[1] * 100, right: x[2] * 100};
}

/**
 * The parts of an answered row, clamped and closed, or null when it is not a usable answer. Kept
 * with the row: a page summarises the same rows after every filter change, and the same closed
 * composition lets the caches of compositional.ts (ilr, zero handling) hold.
 */
export const answerComposition: (a: TriadAnswer) => Composition | null = memoPerObject(composition);

function composition(a: TriadAnswer): Composition | null {
  if (a.status !== "answered" || a.top === null || a.left === null || a.right === null) return null;
  const parts: Composition = [a.top, a.left, a.right];
  if (!parts.every(Number.isFinite) || Math.max(...parts) <= 0) return null;
  return clampAndClose(parts);
}

interface GroupAnswers {
  n_na: number;
  n_skipped: number;
  compositions: Composition[];
  storyIds: string[];
}

/**
 * Summarises answers as above. The last results are kept per list of answers and options
 * (memoPerList; the grouping function counts as itself): a page that keeps its grouping function
 * gets a view it has shown before back without going through every answer again.
 */
export function summariseTriad(answers: readonly TriadAnswer[], options: TriadSummaryOptions = {}): TriadSummary {
  return keptSummary(answers, options);
}

// A view needs one or two; each holds a list of up to 100,000 rows the story engine may have let go.
const keptSummary = memoPerList(summarise, {
  keep: 4,
  keyOf: (o: TriadSummaryOptions) => {
    const policy = o.zeroPolicy ?? DEFAULT_ZERO_POLICY;
    return [o.groupOf, JSON.stringify(o.groupOrder ?? null), policy.kind, policy.delta, JSON.stringify(o.permutation ?? null)];
  }
});

function summarise(answers: readonly TriadAnswer[], options: TriadSummaryOptions): TriadSummary {
  const policy = options.zeroPolicy ?? DEFAULT_ZERO_POLICY;
  const groupOf = typeof options.groupOf === "function" ? options.groupOf : options.groupOf && byStory(options.groupOf);
  const byGroup = new Map<string | null, GroupAnswers>();
  let withoutGroup = 0;
  for (const a of answers) {
    const composition = answerComposition(a);
    const group = groupOf ? groupOf(a) : null;
    if (group === undefined) {
      if (composition) withoutGroup++;
      continue;
    }
    let g = byGroup.get(group);
    if (!g) byGroup.set(group, (g = {n_na: 0, n_skipped: 0, compositions: [], storyIds: []}));
    if (composition) {
      g.compositions.push(composition);
      g.storyIds.push(a.story_id);
    } else if (a.status === "na") g.n_na++;
    else g.n_skipped++;
  }
  if (!groupOf && byGroup.size === 0) byGroup.set(null, {n_na: 0, n_skipped: 0, compositions: [], storyIds: []});

  const labels = orderGroups([...byGroup.keys()], options.groupOrder);
  const used: (readonly Composition[])[] = [];
  const groups = labels.map((label) => {
    const g = byGroup.get(label)!;
    const handled = applyZeroPolicy(g.compositions, policy);
    used.push(handled.compositions);
    const raw = handled.kept.map((i) => g.compositions[i]);
    return {
      group: label, n: g.compositions.length, n_na: g.n_na, n_skipped: g.n_skipped,
      n_zero_parts: handled.replaced + handled.dropped, n_used: handled.compositions.length,
      arithmetic_mean: raw.length ? toPercentages(arithmeticMean(raw)) : null,
      geometric_mean: handled.compositions.length ? toPercentages(summariseIlr(handled.compositions).centre) : null,
      story_ids: handled.kept.map((i) => g.storyIds[i])
    };
  });
  const inTest = groupOf ? labels.map((_, i) => i).filter((i) => used[i].length > 0) : [];
  const test = inTest.length >= 2 ? triadGroupTest(inTest.map((i) => used[i]), options.permutation) : null;
  return {
    groups,
    n_without_group: withoutGroup,
    zero_policy: policy,
    zero_policy_description: describeZeroPolicy(policy),
    test,
    // Only the groups of a test that was run (too few answers or a singular covariance: none).
    test_groups: test ? inTest.map((i) => labels[i]) : []
  };
}

function byStory(groups: ReadonlyMap<string, string>): (answer: TriadAnswer) => string | undefined {
  return (answer) => groups.get(answer.story_id);
}

/** Labels in the given order first, then the rest sorted (null, the ungrouped whole, stays alone). */
function orderGroups<T extends string | null>(labels: T[], order: readonly string[] = []): T[] {
  const rank = (label: T) => {
    const i = label === null ? -1 : order.indexOf(label);
    return i < 0 ? order.length : i;
  };
  return labels.sort((a, b) => rank(a) - rank(b) || String(a).localeCompare(String(b)));
}
