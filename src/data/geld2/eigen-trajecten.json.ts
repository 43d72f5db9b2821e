/**
 * Own first-line trajectories against contracted care (/geld/eigen-trajecten): per first-line case
 * its cost under both spreading methods and its duration (lib/methods/trajectories.ts), contracted
 * trajectories per productcategorie (lib/model/queries/trajectories.ts), and for every choice of
 * category the triad and dyad comparison of the stories linked to each group
 * (lib/methods/signifier-groups.ts). Own group: stories of closed cases with need after help
 * "geen" (helped by the team alone); contracted group: stories of cases whose client had a
 * contracted trajectory (in the chosen category). Only what the page draws is sent: own
 * trajectories (closed cases without second line afterwards), and the answers of the stories in
 * the comparison of all categories (every other comparison's stories are among them), packed with
 * lib/site/story-answers.ts; each comparison lists its groups as positions in that story list.
 */
import {emitJson} from "../../../lib/site/emit.js";
import {defaultGemeente} from "../../../lib/model/queries/model.js";
import {budgetRows, caseRows, requestRows} from "../../../lib/model/queries/savings.js";
import {caseContractedCategories, contractedCategories} from "../../../lib/model/queries/trajectories.js";
import {readCapacityConfig} from "../../../lib/model/queries/settings.js";
import {storyTables} from "../../../lib/model/stories-query.js";
import {packAnswers} from "../../../lib/site/story-answers.js";
import {caseType} from "../../../lib/methods/capacity.js";
import {normaliseNeed} from "../../../lib/methods/savings.js";
import {ownTrajectoryCosts} from "../../../lib/methods/trajectories.js";
import {compareDyad, compareTriad, MIN_GROUP} from "../../../lib/methods/signifier-groups.js";

export const GROUPS = ["eigen traject", "gecontracteerde zorg"] as const;
export const ALL = "alle categorieën";

await emitJson(async (model) => {
  const gemeente = await defaultGemeente(model);
  const cases = await caseRows(model, gemeente);
  const requests = await requestRows(model, gemeente);
  const budgets = await budgetRows(model, {gemeente});
  const starts = new Map((await model.rows<{case_id: string; start: string | null}>(
    "SELECT case_id, strftime(coalesce(help_start, first_contact), '%Y-%m-%d') AS start FROM cases WHERE case_id IS NOT NULL")).map((r) => [r.case_id, r.start]));
  const firstCategory = new Map<string, string>();
  for (const r of requests) if (r.productcategorie && !firstCategory.has(r.case_id)) firstCategory.set(r.case_id, r.productcategorie);
  const config = readCapacityConfig();
  const own = cases.map((c) => ({
    case_id: c.case_id, start: starts.get(c.case_id) ?? null, help_start: c.help_start, help_end: c.help_end,
    hours: caseType({domain: c.domain, productcategorie: firstCategory.get(c.case_id) ?? null}, config.case_types)?.hours_per_case ?? 0
  }));
  const perCase = ownTrajectoryCosts(own, budgets, "per casus");
  const perHours = ownTrajectoryCosts(own, budgets, "naar uren");
  const contracted = await contractedCategories(model, gemeente);
  const caseContracted = await caseContractedCategories(model, gemeente);

  const refs = await model.rows<{story_id: string; case_ref: string | null}>("SELECT story_id, case_ref FROM stories ORDER BY story_id");
  const caseById = new Map(cases.map((c) => [c.case_id, c]));
  const contractedOf = new Map<string, Set<string>>();
  for (const r of caseContracted) (contractedOf.get(r.case_id) ?? contractedOf.set(r.case_id, new Set()).get(r.case_id)!).add(r.productcategorie);
  const data = await storyTables(model);
  const categories = [ALL, ...contracted.map((c) => c.productcategorie)];
  const comparisons = categories.map((category) => {
    const groupOf = new Map<string, string>();
    for (const s of refs) {
      const c = s.case_ref ? caseById.get(s.case_ref) : undefined;
      if (!c) continue;
      const got = contractedOf.get(c.case_id);
      if (got && (category === ALL || got.has(category))) groupOf.set(s.story_id, GROUPS[1]);
      else if (c.help_end && normaliseNeed(c.need_after) === "geen" && (category === ALL || firstCategory.get(c.case_id) === category)) groupOf.set(s.story_id, GROUPS[0]);
    }
    const signifiers = data.signifiers.filter((s) => s.type === "triad" || s.type === "dyad");
    return {
      category,
      groupOf,
      triads: signifiers.filter((s) => s.type === "triad").map((s) => compareTriad(s.signifier_id, data.triads.filter((a) => a.signifier_id === s.signifier_id), groupOf, [...GROUPS])),
      dyads: signifiers.filter((s) => s.type === "dyad").map((s) => compareDyad(s.signifier_id, data.dyads.filter((a) => a.signifier_id === s.signifier_id), groupOf, [...GROUPS]))
    };
  });
  // A story in any category's comparison is in the one of all categories (contracted there, or own).
  const storyIds = [...comparisons.find((c) => c.category === ALL)!.groupOf.keys()];
  const at = new Map(storyIds.map((id, i) => [id, i]));
  const positions = (groupOf: Map<string, string>, group: string) => [...groupOf].flatMap(([id, g]) => {
    if (!at.has(id)) throw new Error(`eigen-trajecten: story ${id} is in a category's comparison but not in that of all categories`);
    return g === group ? [at.get(id)!] : [];
  });
  return {
    gemeente, min_group: MIN_GROUP,
    own: {
      investment: perCase.investment, period: perCase.period, cases_in_period: perCase.cases_in_period,
      // Own trajectories only: closed cases that needed no second line afterwards.
      cases: own.flatMap((c, i) => (c.help_end !== null && normaliseNeed(caseById.get(c.case_id)?.need_after ?? null) === "geen" ? [{
        first_category: firstCategory.get(c.case_id) ?? null,
        months: perCase.cases[i].months, cost_per_case: perCase.cases[i].cost, cost_by_hours: perHours.cases[i].cost
      }] : []))
    },
    contracted,
    signifiers: data.signifiers.filter((s) => s.type === "triad" || s.type === "dyad").map((s) => ({
      signifier_id: s.signifier_id, type: s.type, title: s.title,
      labels: data.options.filter((o) => o.signifier_id === s.signifier_id).sort((a, b) => a.position - b.position).map((o) => o.label)
    })),
    answers: await packAnswers(model, storyIds),
    comparisons: comparisons.map(({groupOf, ...c}) => ({...c, own: positions(groupOf, GROUPS[0]), contracted: positions(groupOf, GROUPS[1])}))
  };
});
