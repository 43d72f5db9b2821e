/**
 * Warm meets cold (/geld/warm-koud): every story with its linked case's outcome and cost, the cost
 * band cut points, and per grouping (outcome, cost band, avoided-cost band) the comparison of every
 * triad and dyad (lib/methods/signifier-groups.ts). Computed here in Node with the same lib code as
 * `warmkoud stats`; the page draws the answers and opens the stories.
 */
import {emitJson} from "../../../lib/site/emit.js";
import {defaultGemeente} from "../../../lib/model/queries/model.js";
import {savingsInputs} from "../../../lib/model/queries/savings.js";
import {readPriceList} from "../../../lib/model/queries/settings.js";
import {storyTables} from "../../../lib/model/stories-query.js";
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
  const refs = await model.rows<{story_id: string; case_ref: string | null; teller_role: string | null}>(
    "SELECT story_id, case_ref, teller_role FROM stories ORDER BY story_id");
  const links = linkStories(refs, savings.per_case);
  const data = await storyTables(model);
  const role = new Map(refs.map((r) => [r.story_id, r.teller_role]));
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
  return {
    gemeente,
    min_group: MIN_GROUP,
    method: {formula: savings.method.formula, weights: savings.method.weights.central, unpriced_requests: savings.method.unpriced_requests},
    cuts: links.cuts,
    counts: links.counts,
    linked: links.linked,
    without_cost: links.without_cost,
    stories: links.stories.map((s) => ({...s, teller_role: role.get(s.story_id) ?? null})),
    signifiers,
    groupings
  };
});
