/**
 * The patterns engine (methods.md, "Patterns across questions"; what NarraFirma calls catalysis):
 * every pair of questions is tested once with one omnibus test, small groups are left out and
 * listed, all p-values are corrected together with Benjamini-Hochberg, and the patterns are ranked
 * by q and then effect size. Browser-safe; deterministic (seeded permutations).
 *
 * Questions become variables:
 * - a triad: its answered compositions after the zero policy (stories without a usable answer and,
 *   under "drop", answers with a part below delta have no value);
 * - a dyad: its answered position 0..1;
 * - a single-select question: a factor whose levels are its options;
 * - a multi-select question: one yes/no factor per option ("ja" = ticked, "nee" = not ticked),
 *   over the stories that ticked at least one option of the question. Each option factor is paired
 *   and counted as a test of its own (so BH sees every one of them); options of the same question
 *   are never paired with each other;
 * - an outcome (cold data, e.g. "second line avoided" ja/nee per story): a factor paired only with
 *   the warm questions (warm x cold), never with another outcome.
 *
 * Pairs and their test (one per pair):
 * - triad x factor: Hotelling T^2 on ilr for two groups, the permutation test for more (groups.ts);
 *   effect size the Aitchison distance between centres (largest pairwise distance for k > 2).
 *   With `triadTest: "zones"` the triad's zone (zones.ts) is crossed with the factor instead
 *   (chi-square); the same pair is never tested both ways.
 * - dyad x factor: Mann-Whitney (two groups; effect |rank-biserial r|) or Kruskal-Wallis (more;
 *   epsilon squared).
 * - factor x factor: chi-square with a permutation p when an expected count is below 5; Cramer's V.
 * Triad x triad, triad x dyad and dyad x dyad pairs are not tested (no omnibus test in methods.md).
 *
 * Minimum group size (default 20): a level of a grouping factor with fewer stories (among the
 * stories that answered both questions) is left out of the test and listed in `skipped_groups`;
 * for factor x factor both factors' levels are trimmed until every remaining level is large enough.
 * A pair with fewer than two levels left is not tested and is listed in `skipped` with the reason
 * "overgeslagen: groep < 20". A pair whose test cannot be computed (all values equal, singular
 * covariance) is listed with "niet te berekenen" and not counted in BH.
 */
import {
  answerComposition, type TriadAnswer
} from "./triad-summary.js";
import {applyZeroPolicy, DEFAULT_ZERO_POLICY, describeZeroPolicy, type Composition, type ZeroPolicy} from "./compositional.js";
import {triadGroupTest, type TriadGroupResult} from "./groups.js";
import {dyadGroupTest, type DyadGroupResult} from "./ranktests.js";
import {chiSquareIndependence, type ChiSquareResult} from "./contingency.js";
import {benjaminiHochberg} from "./multiple-testing.js";
import {triadZone, TRIAD_ZONES} from "./zones.js";
import {DEFAULT_SEED} from "./permutation.js";
import type {
  ChoiceAnswerRow, DyadAnswerRow, SignifierOptionRow, SignifierRow, TriadAnswerRow
} from "../formats/stories/rows.js";

// ---------------------------------------------------------------------------------------------
// Input

/** The story tables the engine reads (plain arrays: from DuckDB in Node or DuckDB-WASM on a page). */
export interface StoryData {
  readonly signifiers: readonly Pick<SignifierRow, "signifier_id" | "type" | "title" | "short_name" | "multi_select" | "position">[];
  readonly options: readonly SignifierOptionRow[];
  readonly triads: readonly (TriadAnswer & Pick<TriadAnswerRow, "signifier_id">)[];
  readonly dyads: readonly Pick<DyadAnswerRow, "story_id" | "signifier_id" | "status" | "position">[];
  readonly choices: readonly Pick<ChoiceAnswerRow, "story_id" | "signifier_id" | "status" | "option_id">[];
}

/** A per-story outcome from cold data, e.g. "tweede lijn vermeden" with levels "ja" / "nee". */
export interface Outcome {
  readonly id: string;
  readonly title: string;
  /** story_id -> level; stories without a value form no group. */
  readonly values: ReadonlyMap<string, string>;
  /** Display order of the levels (others follow sorted). */
  readonly levels?: readonly string[];
}

export interface PatternOptions {
  /** Smallest group that is tested (default 20). */
  readonly minGroupSize?: number;
  readonly zeroPolicy?: ZeroPolicy;
  /** Permutations per permutation test (default 1999) and the seed every test starts from (default 1). */
  readonly permutations?: number;
  readonly seed?: number;
  /** Triad x factor by ilr (default) or by zone (chi-square). */
  readonly triadTest?: "ilr" | "zones";
  readonly outcomes?: readonly Outcome[];
}

export const DEFAULT_MIN_GROUP_SIZE = 20;
export const DEFAULT_PATTERN_PERMUTATIONS = 1999;

// ---------------------------------------------------------------------------------------------
// Output

export type VariableType = "triad" | "dyad" | "choice" | "option" | "outcome";

/** What a page needs to find the question again (chart, filter). */
export interface QuestionRef {
  /** Variable id: the signifier id, `<signifier>#<option>` for a multi-select option, `outcome:<id>`. */
  readonly id: string;
  readonly type: VariableType;
  /** The signifier (or outcome) id. */
  readonly question_id: string;
  /** The option of a multi-select question this yes/no factor stands for, else null. */
  readonly option_id: string | null;
  readonly title: string;
}

export type PairKind = "triad-choice" | "zone-choice" | "dyad-choice" | "choice-choice";
export type EffectMeasure = "aitchison-distance" | "rank-biserial" | "epsilon-squared" | "cramers-v";

export interface PatternGroup {
  /** Level key: option id, "ja"/"nee" for an option factor, the outcome level. */
  readonly key: string;
  readonly label: string;
  readonly n: number;
  readonly story_ids: string[];
}

export interface Pattern {
  readonly id: string;
  readonly kind: PairKind;
  /** True when `b` is an outcome from cold data. */
  readonly warm_cold: boolean;
  /** The question whose answers are compared (triad, dyad, or the row factor of a cross table). */
  readonly a: QuestionRef;
  /** The grouping factor. */
  readonly b: QuestionRef;
  readonly test: TriadGroupResult["test"] | DyadGroupResult["test"] | ChiSquareResult["test"];
  readonly statistic: number;
  readonly p: number;
  readonly q: number;
  readonly effect: {readonly measure: EffectMeasure; readonly value: number};
  /** Stories in the test. */
  readonly n: number;
  /** The groups of `b` in the test, with the stories behind them. */
  readonly groups: PatternGroup[];
  /** Levels of `a` (chi-square only) or `b` left out as smaller than the minimum. */
  readonly skipped_groups: {readonly question: string; readonly label: string; readonly n: number}[];
  /** The cross table tested (chi-square only): rows are levels of `a`, columns the groups. */
  readonly table: {readonly rows: string[]; readonly cols: string[]; readonly counts: number[][]} | null;
  readonly detail: TriadGroupResult | DyadGroupResult | ChiSquareResult;
}

export interface SkippedPair {
  readonly id: string;
  readonly kind: PairKind;
  readonly a: QuestionRef;
  readonly b: QuestionRef;
  readonly reason: string;
  /** Every level with its size among the stories that answered both questions. */
  readonly groups: {readonly question: string; readonly label: string; readonly n: number}[];
}

export interface PatternsResult {
  /** Tested pairs, ranked by q, then effect size (descending), then id. */
  readonly patterns: Pattern[];
  readonly skipped: SkippedPair[];
  /** Number of tests in the BH correction (= patterns.length). */
  readonly tests: number;
  readonly settings: {
    readonly min_group_size: number;
    readonly zero_policy: ZeroPolicy;
    readonly zero_policy_description: string;
    readonly permutations: number;
    readonly seed: number;
    readonly triad_test: "ilr" | "zones";
    readonly correction: "benjamini-hochberg";
  };
}

export const SKIPPED_SMALL_GROUP = (min: number) => `overgeslagen: groep < ${min}`;
export const NOT_COMPUTABLE = "niet te berekenen";

// ---------------------------------------------------------------------------------------------
// Variables

interface Level {
  readonly key: string;
  readonly label: string;
}

interface Factor {
  readonly ref: QuestionRef;
  readonly levels: Level[];
  readonly values: Map<string, string>;
  readonly outcome: boolean;
}

interface Measure<T> {
  readonly ref: QuestionRef;
  readonly values: Map<string, T>;
}

/**
 * Every story seen in a run gets a number (its place) once: the hundreds of pairs of a run then
 * read a story's level from an array instead of looking its id up again in every pair.
 */
class Places {
  readonly ids: string[] = [];
  private readonly placeOf = new Map<string, number>();

  of(id: string): number {
    let place = this.placeOf.get(id);
    if (place === undefined) {
      place = this.ids.length;
      this.ids.push(id);
      this.placeOf.set(id, place);
    }
    return place;
  }
}

/** A factor by place: `keyAt[place]` its level key (undefined: no value), `order` its stories' places in `values` order. */
interface PlacedFactor extends Factor {
  readonly keyAt: readonly (string | undefined)[];
  readonly order: readonly number[];
  readonly places: Places;
}

/** A measure by place: `order` its stories' places and `list` their values, both in `values` order. */
interface PlacedMeasure<T> extends Measure<T> {
  readonly order: readonly number[];
  readonly list: readonly T[];
}

function placeFactor(factor: Factor, places: Places): PlacedFactor {
  const keyAt: (string | undefined)[] = [];
  const order: number[] = [];
  for (const [story, key] of factor.values) {
    const place = places.of(story);
    keyAt[place] = key;
    order.push(place);
  }
  return {...factor, keyAt, order, places};
}

function placeMeasure<T>(measure: Measure<T>, places: Places): PlacedMeasure<T> {
  return {...measure, order: [...measure.values.keys()].map((s) => places.of(s)), list: [...measure.values.values()]};
}

const YES_NO: Level[] = [{key: "ja", label: "ja"}, {key: "nee", label: "nee"}];

function ref(id: string, type: VariableType, questionId: string, optionId: string | null, title: string): QuestionRef {
  return {id, type, question_id: questionId, option_id: optionId, title};
}

type Signifier = StoryData["signifiers"][number];

function triadVariables(data: StoryData, triads: Signifier[], policy: ZeroPolicy): Measure<Composition>[] {
  return triads.map((s) => {
    const rows = data.triads.filter((a) => a.signifier_id === s.signifier_id);
    const answered = rows.flatMap((a) => {
      const c = answerComposition(a);
      return c ? [{story: a.story_id, c}] : [];
    });
    const handled = applyZeroPolicy(answered.map((a) => a.c), policy);
    const values = new Map(handled.kept.map((i, k) => [answered[i].story, handled.compositions[k]] as const));
    return {ref: ref(s.signifier_id, "triad", s.signifier_id, null, s.title), values};
  });
}

function dyadVariables(data: StoryData, dyads: Signifier[]): Measure<number>[] {
  return dyads.map((s) => {
    const values = new Map<string, number>();
    for (const a of data.dyads) {
      if (a.signifier_id === s.signifier_id && a.status === "answered" && a.position !== null && Number.isFinite(a.position)) {
        values.set(a.story_id, a.position);
      }
    }
    return {ref: ref(s.signifier_id, "dyad", s.signifier_id, null, s.title), values};
  });
}

/** Single-select: one factor; multi-select: a yes/no factor per option (see module header). */
function choiceFactors(data: StoryData, lists: Signifier[]): Factor[] {
  return lists.flatMap((s) => {
    const options = data.options.filter((o) => o.signifier_id === s.signifier_id).sort((a, b) => a.position - b.position);
    const chosen = new Map<string, Set<string>>();
    for (const a of data.choices) {
      if (a.signifier_id !== s.signifier_id || a.status !== "answered" || a.option_id === null) continue;
      if (!chosen.has(a.story_id)) chosen.set(a.story_id, new Set());
      chosen.get(a.story_id)!.add(a.option_id);
    }
    if (!s.multi_select) {
      const values = new Map<string, string>();
      // A story with two answers to a single-select question is ambiguous: it forms no group.
      for (const [story, set] of chosen) if (set.size === 1) values.set(story, [...set][0]);
      const levels = options.map((o) => ({key: o.option_id, label: o.label}));
      return [{ref: ref(s.signifier_id, "choice", s.signifier_id, null, s.title), levels, values, outcome: false}];
    }
    return options.map((o) => {
      const values = new Map<string, string>();
      for (const [story, set] of chosen) values.set(story, set.has(o.option_id) ? "ja" : "nee");
      return {
        ref: ref(`${s.signifier_id}#${o.option_id}`, "option", s.signifier_id, o.option_id, `${s.title}: ${o.label}`),
        levels: YES_NO, values, outcome: false
      };
    });
  });
}

function outcomeFactor(outcome: Outcome): Factor {
  const present = [...new Set(outcome.values.values())];
  const order = outcome.levels ?? [];
  const keys = [...order.filter((l) => present.includes(l)), ...present.filter((l) => !order.includes(l)).sort()];
  return {
    ref: ref(`outcome:${outcome.id}`, "outcome", outcome.id, null, outcome.title),
    levels: keys.map((key) => ({key, label: key})), values: new Map(outcome.values), outcome: true
  };
}

// ---------------------------------------------------------------------------------------------
// Pairs

type TestedPair = Omit<Pattern, "q" | "id" | "kind" | "warm_cold" | "a" | "b">;
type PairRun = () => TestedPair | Pick<SkippedPair, "reason" | "groups">;

interface Candidate {
  readonly id: string;
  readonly kind: PairKind;
  readonly a: QuestionRef;
  readonly b: Factor;
  /** Runs the test, or says why it was not run. */
  run: PairRun;
}

interface Grouped<T> {
  readonly tested: {level: Level; stories: string[]; values: T[]}[];
  readonly small: {level: Level; stories: string[]}[];
}

/** Splits the stories that answered both by level of the factor, separating levels below the minimum. */
function groupBy<T>(measure: PlacedMeasure<T>, factor: PlacedFactor, min: number): Grouped<T> {
  const keys = measure.order.map((place) => factor.keyAt[place]);
  const all = keyGroups(factor.levels, keys, keys.map((_, i) => i)).map((g) => ({
    level: g.level, stories: g.stories.map((i) => factor.places.ids[measure.order[i]]), values: g.stories.map((i) => measure.list[i])
  }));
  return {tested: all.filter((g) => g.stories.length >= min), small: all.filter((g) => g.stories.length < min)};
}

function groupSizes(question: QuestionRef, groups: {level: Level; stories: readonly unknown[]}[]) {
  return groups.map((g) => ({question: question.id, label: g.level.label, n: g.stories.length}));
}

function patternGroups(groups: {level: Level; stories: string[]}[]): PatternGroup[] {
  return groups.map((g) => ({key: g.level.key, label: g.level.label, n: g.stories.length, story_ids: g.stories}));
}

function triadPair(triad: PlacedMeasure<Composition>, factor: PlacedFactor, min: number, permutations: number, seed: number): PairRun {
  return () => {
    const {tested, small} = groupBy(triad, factor, min);
    const sizes = groupSizes(factor.ref, [...tested, ...small]);
    if (tested.length < 2) return {reason: SKIPPED_SMALL_GROUP(min), groups: sizes};
    const result = triadGroupTest(tested.map((g) => g.values), {permutations, seed});
    if (result === null) return {reason: NOT_COMPUTABLE, groups: sizes};
    return {
      test: result.test, statistic: result.test === "hotelling-t2" ? result.t2 : result.statistic, p: result.p,
      effect: {measure: "aitchison-distance", value: result.distance},
      n: tested.reduce((s, g) => s + g.stories.length, 0), groups: patternGroups(tested),
      skipped_groups: groupSizes(factor.ref, small), table: null, detail: result
    };
  };
}

function dyadPair(dyad: PlacedMeasure<number>, factor: PlacedFactor, min: number): PairRun {
  return () => {
    const {tested, small} = groupBy(dyad, factor, min);
    const sizes = groupSizes(factor.ref, [...tested, ...small]);
    if (tested.length < 2) return {reason: SKIPPED_SMALL_GROUP(min), groups: sizes};
    const result = dyadGroupTest(tested.map((g) => g.values));
    if (result === null) return {reason: NOT_COMPUTABLE, groups: sizes};
    const mw = result.test === "mann-whitney";
    return {
      test: result.test, statistic: mw ? result.u : result.h, p: result.p,
      effect: mw ? {measure: "rank-biserial", value: Math.abs(result.rankBiserial)} : {measure: "epsilon-squared", value: result.epsilonSquared},
      n: tested.reduce((s, g) => s + g.stories.length, 0), groups: patternGroups(tested),
      skipped_groups: groupSizes(factor.ref, small), table: null, detail: result
    };
  };
}

/**
 * Chi-square of two factors over the stories with a value for both. With `trimRows` the row
 * levels below the minimum are left out too (a question against a question); zones are the
 * answer being compared, not groups, so they are kept (the permutation p covers small cells).
 */
function crossPair(rows: PlacedFactor, cols: PlacedFactor, trimRows: boolean, min: number, permutations: number, seed: number): PairRun {
  return () => {
    // Stories with a value for both (in the row factor's order), then worked on by index into these.
    const both = rows.order.filter((place) => cols.keyAt[place] !== undefined);
    const stories = both.map((place) => rows.places.ids[place]);
    const rowKeys = both.map((place) => rows.keyAt[place]!);
    const colKeys = both.map((place) => cols.keyAt[place]!);
    let places = stories.map((_, i) => i);
    const droppedRows: {level: Level; stories: number[]}[] = [];
    const droppedCols: {level: Level; stories: number[]}[] = [];
    const sizes = [...groupSizes(rows.ref, keyGroups(rows.levels, rowKeys, places)), ...groupSizes(cols.ref, keyGroups(cols.levels, colKeys, places))];
    // Leaving out a level of one factor shrinks levels of the other: trim until stable.
    for (let changed = true; changed; ) {
      changed = false;
      for (const [factor, keys, dropped, trim] of [[rows, rowKeys, droppedRows, trimRows], [cols, colKeys, droppedCols, true]] as const) {
        if (!trim) continue;
        const small = keyGroups(factor.levels, keys, places).filter((g) => g.stories.length < min);
        if (small.length === 0) continue;
        const out = new Uint8Array(stories.length);
        for (const g of small) for (const i of g.stories) out[i] = 1;
        places = places.filter((i) => out[i] === 0);
        dropped.push(...small);
        changed = true;
      }
    }
    const rowGroups = keyGroups(rows.levels, rowKeys, places);
    const colGroups = keyGroups(cols.levels, colKeys, places);
    if (rowGroups.length < 2 || colGroups.length < 2) return {reason: SKIPPED_SMALL_GROUP(min), groups: sizes};
    const rowIndex = new Map(rowGroups.map((g, i) => [g.level.key, i]));
    const colIndex = new Map(colGroups.map((g, j) => [g.level.key, j]));
    const counts = rowGroups.map(() => colGroups.map(() => 0));
    for (const i of places) counts[rowIndex.get(rowKeys[i])!][colIndex.get(colKeys[i])!]++;
    const result = chiSquareIndependence(counts, {permutations, seed});
    if (result === null) return {reason: NOT_COMPUTABLE, groups: sizes};
    const storiesOf = (groups: {level: Level; stories: number[]}[]) => groups.map((g) => ({level: g.level, stories: g.stories.map((i) => stories[i])}));
    return {
      test: result.test, statistic: result.chiSquare, p: result.p,
      effect: {measure: "cramers-v", value: result.cramersV}, n: places.length, groups: patternGroups(storiesOf(colGroups)),
      skipped_groups: [...groupSizes(rows.ref, droppedRows), ...groupSizes(cols.ref, droppedCols)],
      table: {rows: rowGroups.map((g) => g.level.label), cols: colGroups.map((g) => g.level.label), counts}, detail: result
    };
  };
}

/**
 * Non-empty levels among the stories at `places` (indices into `keys`, each story's level key or
 * undefined), in level order; a value that is not one of the levels (a stray answer) still forms
 * its own group, after the known levels, sorted. Groups list their stories' places, in input order.
 */
function keyGroups(levels: readonly Level[], keys: readonly (string | undefined)[], places: readonly number[]): {level: Level; stories: number[]}[] {
  const byKey = new Map<string, number[]>();
  for (const i of places) {
    const key = keys[i];
    if (key === undefined) continue;
    const group = byKey.get(key);
    if (group) group.push(i);
    else byKey.set(key, [i]);
  }
  const known = levels.filter((l) => byKey.has(l.key));
  const stray = [...byKey.keys()].filter((k) => !levels.some((l) => l.key === k)).sort().map((key) => ({key, label: key}));
  return [...known, ...stray].map((level) => ({level, stories: byKey.get(level.key)!}));
}

function zoneFactor(triad: Measure<Composition>): Factor {
  const values = new Map([...triad.values].map(([story, c]) => [story, triadZone(c)] as const));
  return {
    ref: {...triad.ref, title: `${triad.ref.title} (zone)`},
    levels: TRIAD_ZONES.map((z) => ({key: z, label: z})), values, outcome: false
  };
}

// ---------------------------------------------------------------------------------------------
// Engine

export function findPatterns(data: StoryData, options: PatternOptions = {}): PatternsResult {
  const min = options.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE;
  const policy = options.zeroPolicy ?? DEFAULT_ZERO_POLICY;
  const permutations = options.permutations ?? DEFAULT_PATTERN_PERMUTATIONS;
  const seed = options.seed ?? DEFAULT_SEED;
  const triadTest = options.triadTest ?? "ilr";
  const signifiers = [...data.signifiers].sort((a, b) => a.position - b.position);
  const ofType = (type: string) => signifiers.filter((s) => s.type === type);
  const places = new Places();
  const triads = triadVariables(data, ofType("triad"), policy).map((t) => placeMeasure(t, places));
  const dyads = dyadVariables(data, ofType("dyad")).map((d) => placeMeasure(d, places));
  const choices = choiceFactors(data, ofType("list"));
  const outcomes = (options.outcomes ?? []).map(outcomeFactor);
  const factors = [...choices, ...outcomes].map((f) => placeFactor(f, places));

  const candidates: Candidate[] = [];
  const add = (kind: PairKind, a: QuestionRef, b: Factor, run: PairRun) =>
    candidates.push({id: `${a.id}~${b.ref.id}`, kind, a, b, run});
  for (const t of triads) {
    for (const f of factors) {
      if (triadTest === "zones") add("zone-choice", t.ref, f, crossPair(placeFactor(zoneFactor(t), places), f, false, min, permutations, seed));
      else add("triad-choice", t.ref, f, triadPair(t, f, min, permutations, seed));
    }
  }
  for (const d of dyads) for (const f of factors) add("dyad-choice", d.ref, f, dyadPair(d, f, min));
  factors.forEach((f, i) => {
    for (const g of factors.slice(i + 1)) {
      if (f.outcome && g.outcome) continue;
      if (f.ref.question_id === g.ref.question_id) continue;
      add("choice-choice", f.ref, g, crossPair(f, g, true, min, permutations, seed));
    }
  });

  const tested: Omit<Pattern, "q">[] = [];
  const skipped: SkippedPair[] = [];
  for (const c of candidates) {
    const outcome = c.run();
    const base = {id: c.id, kind: c.kind, a: c.a, b: c.b.ref};
    if ("reason" in outcome) skipped.push({...base, ...outcome});
    else tested.push({...base, warm_cold: c.b.outcome, ...outcome});
  }
  const q = benjaminiHochberg(tested.map((t) => t.p));
  const patterns = tested.map((t, i) => ({...t, q: q[i]})).sort(
    (x, y) => x.q - y.q || y.effect.value - x.effect.value || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)
  );
  return {
    patterns, skipped, tests: patterns.length,
    settings: {
      min_group_size: min, zero_policy: policy, zero_policy_description: describeZeroPolicy(policy),
      permutations, seed, triad_test: triadTest, correction: "benjamini-hochberg"
    }
  };
}
