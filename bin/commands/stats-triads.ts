/**
 * `warmkoud stats triads <model-map> [--by VRAAG] [--zeros multiplicative|drop] [--delta D] [--json]`:
 * per triad (and per group of a question), the counts and the arithmetic and closed geometric
 * means in percent, with Hotelling T^2 when there are exactly two groups (lib/methods/triad-summary.ts).
 *
 * JSON: an array with one object per triad and group (group null without --by), in triad order
 * and the option order of the grouping question:
 *   {triad, title, labels: [top, left, right], group, n, n_na, n_skipped, n_used, n_without_group,
 *    zero_policy: {kind, delta, n_affected, description}, arithmetic_mean: {top, left, right},
 *    geometric_mean: {top, left, right}, hotelling, permutation}
 * `hotelling` ({t2, f, df1, df2, p, aitchison_distance}) is the comparison of the two groups of
 * that triad and is repeated on both group rows, so every row stands on its own; it is null
 * otherwise. With three or more groups `permutation` ({statistic, p, permutations, seed,
 * aitchison_distance}: the permutation test of the Lawley-Hotelling trace) takes its place.
 * n counts the answered dots; n_used those the means and the test use (n minus the answers dropped
 * under --zeros drop). Percentages are rounded to 2 decimals, test statistics to 6 significant digits; a mean is null
 * when a group has no usable answer. n_without_group (answered dots of stories without an answer to
 * the --by question, left out of the comparison) is null without --by.
 */
import {parseArgs} from "node:util";
import {DEFAULT_ZERO_POLICY, type ZeroPolicy} from "../../lib/methods/compositional.js";
import {summariseTriad, type Percentages, type TriadSummary} from "../../lib/methods/triad-summary.js";
import {readStoryModel, type StoryModel} from "../../lib/model/stories-query.js";

export const summary = "gemiddelden per triade (rekenkundig en geometrisch), per groep met Hotelling T²";
export const usage = "warmkoud stats triads <model-map> [--by VRAAG] [--zeros multiplicative|drop] [--delta D] [--json]";

/** Stories grouped by the answer to one question: story_id -> label, labels in option order. */
export interface Grouping {
  readonly question: string;
  readonly groupOf: Map<string, string>;
  readonly order: string[];
}

/**
 * Finds the --by question: a signifier id, title or short name (case-insensitive), of a
 * single-select list. `teller_role` / `verteller` fall back to the stories' teller role when no
 * question has that name (imports without a "Wie vertelt?" question still carry it).
 */
export function resolveGrouping(model: StoryModel, query: string): Grouping {
  const wanted = query.trim().toLowerCase();
  const same = (s: string | null) => s !== null && s.trim().toLowerCase() === wanted;
  const found = model.signifiers.find((s) => s.signifier_id === query)
    ?? model.signifiers.find((s) => same(s.title))
    ?? model.signifiers.find((s) => same(s.short_name));
  if (!found) {
    if (wanted === "teller_role" || wanted === "verteller") {
      const groupOf = new Map(model.stories.flatMap((s) => (s.teller_role ? [[s.story_id, s.teller_role] as const] : [])));
      return {question: "verteller", groupOf, order: [...new Set(groupOf.values())].sort()};
    }
    const lists = model.signifiers.filter((s) => s.type === "list").map((s) => `"${s.title}"`);
    throw new UsageError(`--by: geen vraag "${query}" in het model (keuzevragen: ${lists.join(", ") || "geen"})`);
  }
  if (found.type !== "list") throw new UsageError(`--by: "${found.title}" is een ${found.type}, geen keuzevraag`);
  if (found.multi_select) {
    throw new UsageError(`--by: "${found.title}" is een meerkeuzevraag; groepen zouden overlappen (kies een vraag met één antwoord)`);
  }
  const options = model.options.filter((o) => o.signifier_id === found.signifier_id).sort((a, b) => a.position - b.position);
  const labelOf = new Map(options.map((o) => [o.option_id, o.label]));
  const answers = new Map<string, Set<string>>();
  for (const c of model.choices) {
    if (c.signifier_id !== found.signifier_id || c.status !== "answered" || c.option_id === null) continue;
    if (!answers.has(c.story_id)) answers.set(c.story_id, new Set());
    answers.get(c.story_id)!.add(labelOf.get(c.option_id) ?? c.option_id);
  }
  // Two answers to a single-select question are ambiguous: such a story has no group.
  const groupOf = new Map([...answers].filter(([, set]) => set.size === 1).map(([story, set]) => [story, [...set][0]] as const));
  return {question: found.title, groupOf, order: options.map((o) => o.label)};
}

class UsageError extends Error {}

export function parseZeroPolicy(zeros: string | undefined, delta: string | undefined): ZeroPolicy {
  const kind = zeros === undefined || zeros === "multiplicative" ? "replace" : zeros === "drop" ? "drop" : null;
  if (kind === null) throw new UsageError(`--zeros: "${zeros}" is geen multiplicative of drop`);
  const d = delta === undefined ? DEFAULT_ZERO_POLICY.delta : Number(delta);
  if (!(d > 0 && d < 1 / 3)) throw new UsageError(`--delta: ${delta} ligt niet tussen 0 en 1/3`);
  return {kind, delta: d};
}

export interface TriadReport {
  readonly triad: string;
  readonly title: string;
  readonly labels: [string, string, string];
  readonly summary: TriadSummary;
}

/** One summary per triad of the model, in signifier order. */
export function triadReports(model: StoryModel, policy: ZeroPolicy, grouping: Grouping | null): TriadReport[] {
  return model.signifiers.filter((s) => s.type === "triad").map((s) => {
    const anchors = model.options.filter((o) => o.signifier_id === s.signifier_id).sort((a, b) => a.position - b.position);
    const label = (i: number) => anchors[i]?.label ?? ["top", "left", "right"][i];
    return {
      triad: s.signifier_id, title: s.title, labels: [label(0), label(1), label(2)],
      summary: summariseTriad(model.triads.filter((a) => a.signifier_id === s.signifier_id), {
        zeroPolicy: policy, groupOf: grouping?.groupOf, groupOrder: grouping?.order
      })
    };
  });
}

const percent = (x: number) => Math.round(x * 100) / 100;
const significant = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(6)) : x);
const percentages = (p: Percentages | null) => (p === null ? null : {top: percent(p.top), left: percent(p.left), right: percent(p.right)});

/** The stable JSON rows described in the module header. */
export function triadsJson(reports: readonly TriadReport[], grouped: boolean): object[] {
  return reports.flatMap(({triad, title, labels, summary: s}) => {
    const t = s.test;
    const hotelling = t?.test === "hotelling-t2"
      ? {t2: significant(t.t2), f: significant(t.f), df1: t.df1, df2: t.df2, p: significant(t.p), aitchison_distance: significant(t.distance)}
      : null;
    const permutation = t?.test === "permutation-lawley-hotelling"
      ? {statistic: significant(t.statistic), p: significant(t.p), permutations: t.permutations, seed: t.seed, aitchison_distance: significant(t.distance)}
      : null;
    return s.groups.map((g) => ({
      triad, title, labels, group: g.group, n: g.n, n_na: g.n_na, n_skipped: g.n_skipped, n_used: g.n_used,
      n_without_group: grouped ? s.n_without_group : null,
      zero_policy: {
        kind: s.zero_policy.kind === "replace" ? "multiplicative" : "drop", delta: s.zero_policy.delta,
        n_affected: g.n_zero_parts, description: s.zero_policy_description
      },
      arithmetic_mean: percentages(g.arithmetic_mean), geometric_mean: percentages(g.geometric_mean),
      hotelling, permutation
    }));
  });
}

const nl = (x: number, digits = 1) => x.toLocaleString("nl-NL", {minimumFractionDigits: digits, maximumFractionDigits: digits});
const triple = (p: Percentages | null) => (p === null ? "-" : `${nl(p.top)}% / ${nl(p.left)}% / ${nl(p.right)}%`);
const pValue = (p: number) => (p < 0.001 ? "p < 0,001" : `p = ${nl(p, 3)}`);

/** The readable Dutch table. */
export function triadsText(reports: readonly TriadReport[], grouping: Grouping | null): string {
  const lines: string[] = [];
  for (const {title, labels, summary: s} of reports) {
    lines.push(`Triade "${title}" (boven: ${labels[0]}, links: ${labels[1]}, rechts: ${labels[2]})`);
    lines.push(`  ${"groep".padEnd(16)} ${"n".padStart(6)} ${"nvt".padStart(5)} ${"overgeslagen".padStart(12)}   geometrisch gemiddelde (b/l/r)   rekenkundig gemiddelde (b/l/r)`);
    for (const g of s.groups) {
      lines.push(`  ${(g.group ?? "alle verhalen").padEnd(16)} ${String(g.n).padStart(6)} ${String(g.n_na).padStart(5)} ${String(g.n_skipped).padStart(12)}   ${triple(g.geometric_mean).padEnd(32)} ${triple(g.arithmetic_mean)}`);
    }
    lines.push(`  ${s.zero_policy_description} Betreft ${s.groups.reduce((sum, g) => sum + g.n_zero_parts, 0)} antwoord(en).`);
    if (grouping) lines.push(`  Zonder antwoord op "${grouping.question}" (niet vergeleken): ${s.n_without_group}`);
    const t = s.test;
    if (t?.test === "hotelling-t2") {
      lines.push(`  Hotelling T² = ${nl(t.t2, 2)}, F(${t.df1}, ${t.df2}) = ${nl(t.f, 2)}, ${pValue(t.p)}; Aitchison-afstand tussen de centra ${nl(t.distance, 3)}`);
    } else if (t) {
      lines.push(`  Permutatietoets (${t.permutations} permutaties, seed ${t.seed}): T0² = ${nl(t.statistic, 2)}, ${pValue(t.p)}; grootste Aitchison-afstand ${nl(t.distance, 3)}`);
    } else if (grouping) {
      lines.push("  Geen toets: minder dan twee groepen met antwoorden, of te weinig antwoorden.");
    }
    lines.push("");
  }
  return lines.join("\n").trimEnd();
}

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args, allowPositionals: true,
      options: {by: {type: "string"}, zeros: {type: "string"}, delta: {type: "string"}, json: {type: "boolean"}, help: {type: "boolean", short: "h"}}
    });
  } catch (error) {
    return usageError(error instanceof Error ? error.message : String(error));
  }
  const {values, positionals} = parsed;
  if (values.help) {
    console.log(`usage: ${usage}`);
    return 0;
  }
  if (positionals.length !== 1) return usageError(`usage: ${usage}`);
  try {
    const policy = parseZeroPolicy(values.zeros, values.delta);
    const model = await readStoryModel(positionals[0]);
    const grouping = values.by === undefined ? null : resolveGrouping(model, values.by);
    const reports = triadReports(model, policy, grouping);
    if (values.json) console.log(JSON.stringify(triadsJson(reports, grouping !== null), null, 2));
    else console.log(reports.length ? triadsText(reports, grouping) : "Het model bevat geen triades.");
    return 0;
  } catch (error) {
    if (error instanceof UsageError) return usageError(error.message);
    throw error;
  }
}

/** The entry of the `stats` figure map (bin/commands/stats.ts). */
export const triads = {summary, usage, run};

function usageError(message: string): number {
  console.error(`warmkoud stats triads: ${message}`);
  return 2;
}
