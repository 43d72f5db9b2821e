/**
 * Warm meets cold (/geld/warm-koud): the stories linked to a case with an outcome the page compares,
 * their case's outcome, cost and bands (per case, stories point at their case), those stories'
 * answers (lib/site/story-answers.ts), the cost band cut points, and per grouping (outcome, cost
 * band, avoided-cost band) the comparison of every triad and dyad (lib/methods/signifier-groups.ts).
 * Computed here in Node with the same lib code as `warmkoud stats`; the page only draws. Stories
 * without such a case are counted, not sent: the page shows them in no group and no chart.
 */
import {emitJson} from "../../../lib/site/emit.js";
import {defaultGemeente} from "../../../lib/model/queries/model.js";
import {savingsInputs} from "../../../lib/model/queries/savings.js";
import {readPriceList} from "../../../lib/model/queries/settings.js";
import {storyTables} from "../../../lib/model/stories-query.js";
import {packAnswers} from "../../../lib/site/story-answers.js";
import {computeSavings} from "../../../lib/methods/savings.js";
import {BANDS, COMPARED_OUTCOMES, linkStories, type StoryLink} from "../../../lib/methods/warm-cold.js";
import {MIN_GROUP, compareDyad, compareTriad} from "../../../lib/methods/signifier-groups.js";

const GROUPINGS = [
  // Cases without second line in view are neither: they stay out of this comparison (counted on the page).
  {id: "uitkomst", label: "Uitkomst: tweede lijn voorkomen of nog nodig", order: [...COMPARED_OUTCOMES], of: (s: StoryLink) => (s.outcome !== null && COMPARED_OUTCOMES.includes(s.outcome) ? s.outcome : null)},
  {id: "kostenband", label: "Kostenband van de casus (vermeden of gerealiseerde kosten, in drieën)", order: [...BANDS], of: (s: StoryLink) => s.band},
  {id: "vermeden-band", label: "Kostenband van de vermeden kosten (alleen casussen waar de tweede lijn is voorkomen)", order: [...BANDS], of: (s: StoryLink) => s.avoided_band}
];

await emitJson(async (model) => {
  const gemeente = await defaultGemeente(model);
  const savings = computeSavings(await savingsInputs(model, {gemeente}), {prices: readPriceList()});
  const refs = await model.rows<{story_id: string; case_ref: string | null}>("SELECT story_id, case_ref FROM stories ORDER BY story_id");
  const links = linkStories(refs, savings.per_case);
  const data = await storyTables(model);
  const signifiers = data.signifiers.filter((s) => s.type === "triad" || s.type === "dyad").map((s) => ({
    signifier_id: s.signifier_id, type: s.type, title: s.title,
    labels: data.options.filter((o) => o.signifier_id === s.signifier_id).sort((a, b) => a.position - b.position).map((o) => o.label)
  }));
  const groupings = GROUPINGS.map((g) => {
    const groupOf = new Map(links.stories.flatMap((s) => (g.of(s) === null ? [] : [[s.story_id, g.of(s)!] as [string, string]])));
    return {
      id: g.id, label: g.label, order: g.order,
      triads: signifiers.filter((s) => s.type === "triad").map((s) => compareTriad(s.signifier_id, data.triads.filter((a) => a.signifier_id === s.signifier_id), groupOf, g.order)),
      dyads: signifiers.filter((s) => s.type === "dyad").map((s) => compareDyad(s.signifier_id, data.dyads.filter((a) => a.signifier_id === s.signifier_id), groupOf, g.order))
    };
  });
  // Every grouping, chart and the reader use only stories with a compared outcome (a cost implies one).
  // Outcome, cost and bands belong to the case: sent once per case, each story points at its case.
  const shown = links.stories.filter((s) => s.outcome !== null && COMPARED_OUTCOMES.includes(s.outcome));
  const caseAt = new Map<string, number>();
  const cases: StoryLink[] = [];
  const storyCase = shown.map((s) => {
    if (!caseAt.has(s.case_id!)) caseAt.set(s.case_id!, cases.push(s) - 1);
    return caseAt.get(s.case_id!)!;
  });
  const column = <K extends keyof StoryLink>(key: K) => cases.map((c) => c[key]);
  return {
    gemeente,
    min_group: MIN_GROUP,
    method: {formula: savings.method.formula, weights: savings.method.weights.central, unpriced_requests: savings.method.unpriced_requests},
    cuts: links.cuts,
    counts: links.counts,
    linked: links.linked,
    without_cost: links.without_cost,
    total_stories: links.stories.length,
    cases: {case_id: column("case_id"), outcome: column("outcome"), cost: column("cost"), band: column("band"), avoided_band: column("avoided_band")},
    story_case: storyCase,
    answers: await packAnswers(model, shown.map((s) => s.story_id)),
    signifiers,
    groupings
  };
});
