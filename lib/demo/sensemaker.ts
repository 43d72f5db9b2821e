/**
 * The SenseMaker delivery: the framework definition JSON and the raw story export (one row per
 * story, every field quoted, UTF-8 with BOM, UUID-keyed columns), written streaming.
 */
import {join} from "node:path";
import {writeText, FileSink} from "./file-sink.js";
import {day, DAY_MS, quoted} from "./dutch-text.js";
import type {FirstLineCase, Theme} from "./first-line.js";
import {THEMES} from "./first-line.js";
import type {Rng} from "./random.js";
import {storyText, type Teller, type TextQuirk} from "./story-text.js";
import type {PlantedRow} from "./key.js";

interface Option {
  id: string;
  text: string;
}

export interface Framework {
  projectId: string;
  titleId: string;
  storyId: string;
  triad: {id: string; top: Option; left: Option; right: Option};
  dyads: {id: string; key: "gezondheid" | "meedoen" | "netwerk"; left: Option; right: Option}[];
  teller: {id: string; inwoner: Option; medewerker: Option};
  domain: {id: string; jeugd: Option; wmo: Option};
  theme: {id: string; items: Record<Theme, Option>};
}

export function makeFramework(rng: Rng): Framework {
  const option = (text: string): Option => ({id: rng.uuid(), text});
  const items = {} as Record<Theme, Option>;
  for (const t of THEMES) items[t] = option(t);
  return {
    projectId: rng.uuid(),
    titleId: rng.uuid(),
    storyId: rng.uuid(),
    triad: {id: rng.uuid(), top: option("kwaliteit van<br>leven"), left: option("normaliseren"), right: option("<div>socialiseren</div>")},
    dyads: [
      {id: rng.uuid(), key: "gezondheid", left: option("positieve gezondheid"), right: option("medicaliseren")},
      {id: rng.uuid(), key: "meedoen", left: option("meedoen"), right: option("uitsluiting")},
      {id: rng.uuid(), key: "netwerk", left: option("voldoende<br>netwerk"), right: option("gebrek aan netwerk")}
    ],
    teller: {id: rng.uuid(), inwoner: option("inwoner"), medewerker: option("medewerker")},
    domain: {id: rng.uuid(), jeugd: option("jeugd"), wmo: option("wmo")},
    theme: {id: rng.uuid(), items}
  };
}

const labels = (...options: Option[]) => options.map((o) => ({id: o.id, text: o.text}));
const listItems = (...options: Option[]) => options.map((o) => ({id: o.id, title: o.text}));

/** The definition JSON in the platform's shape, layout-only signifiers included. */
export function definitionJson(fw: Framework, rng: Rng): string {
  const signifiers = [
    {id: rng.uuid(), type: "label", title: "<div>Welkom! Vertel over een ervaring met het sociaal team.</div>", allow_na: false, required: false, content: {text: "<p>Het duurt ongeveer tien minuten.</p>"}},
    {id: fw.titleId, type: "freetext", title: "Geef je verhaal een titel", allow_na: false, required: false, content: {}},
    {id: fw.storyId, type: "freetext", title: "Vertel over een ervaring met de hulp in <b>Lindewaard</b>.<br>Wat gebeurde er?", allow_na: false, required: true, content: {}},
    {id: fw.triad.id, type: "triad", title: "Waar lag de nadruk in deze ervaring?", allow_na: true, required: false, content: {labels: labels(fw.triad.top, fw.triad.left, fw.triad.right)}},
    ...fw.dyads.map((d) => ({id: d.id, type: "dyad", title: `${d.left.text.replace("<br>", " ")} - ${d.right.text}`, allow_na: true, required: false, content: {labels: labels(d.left, d.right)}})),
    {id: fw.teller.id, type: "list", title: "Wie vertelt?", allow_na: false, required: true, max_responses: 1, content: {items: listItems(fw.teller.inwoner, fw.teller.medewerker)}},
    {id: fw.domain.id, type: "list", title: "Domein", allow_na: false, required: false, max_responses: 1, content: {items: listItems(fw.domain.jeugd, fw.domain.wmo)}},
    {id: fw.theme.id, type: "list", title: "Thema<br><i>(kies er maximaal drie)</i>", allow_na: false, required: false, max_responses: 3, content: {items: listItems(...Object.values(fw.theme.items))}},
    {id: rng.uuid(), type: "navigation", title: "Volgende", allow_na: false, required: false, content: {}},
    {id: rng.uuid(), type: "save", title: "Verstuur je verhaal", allow_na: false, required: false, content: {}}
  ];
  const definition = {
    id: fw.projectId,
    name: "Ervaringen sociaal team Lindewaard",
    language: "nl",
    fragment_signifier_id: [fw.storyId],
    signifiers
  };
  return JSON.stringify(definition, null, 2) + "\n";
}

export function exportHeader(fw: Framework): string[] {
  const t = fw.triad;
  return [
    "id", "project_id", "version", "language", "server_upload_time", "responder_id", "meta_dossiernummer",
    fw.titleId, fw.storyId,
    `${t.id}_percentX`, `${t.id}_percentY`, `${t.id}_${t.top.id}`, `${t.id}_${t.left.id}`, `${t.id}_${t.right.id}`, `${t.id}_NA`,
    ...fw.dyads.flatMap((d) => [`${d.id}_percentX`, `${d.id}_${d.left.id}`, `${d.id}_${d.right.id}`, `${d.id}_NA`]),
    fw.teller.id, fw.domain.id,
    ...Object.values(fw.theme.items).map((o) => `${fw.theme.id}_${o.id}`)
  ];
}

const fix6 = (x: number) => x.toFixed(6);

type Triad = {status: "answered"; top: number; left: number; right: number} | {status: "na"} | {status: "skipped"};

/** Logistic-normal around a centre; most stories lean to normalising and socialising. */
function drawTriad(rng: Rng, teller: Teller, exception: boolean): Triad {
  const r = rng.uniform();
  if (r < 0.03) return {status: "na"};
  if (r < 0.07) return {status: "skipped"};
  const centre = exception ? [0.7, 0.17, 0.13] : teller === "inwoner" ? [0.13, 0.37, 0.5] : [0.14, 0.47, 0.39];
  const a = Math.exp(rng.normal(Math.log(centre[0] / centre[2]), 0.5));
  const b = Math.exp(rng.normal(Math.log(centre[1] / centre[2]), 0.5));
  let parts = [a, b, 1].map((v) => v / (a + b + 1));
  if (rng.chance(0.02)) parts = [0, parts[1] / (parts[1] + parts[2]), parts[2] / (parts[1] + parts[2])]; // a dot on the bottom edge
  const top = Number(fix6(parts[0]));
  const left = Number(fix6(parts[1]));
  return {status: "answered", top, left, right: Number(fix6(1 - top - left))};
}

function triadCells(t: Triad): string[] {
  if (t.status === "skipped") return ["", "", "", "", "", ""];
  if (t.status === "na") return ["", "", "", "", "", "1"];
  return [fix6(t.right + t.top / 2), fix6(t.top), fix6(t.top), fix6(t.left), fix6(t.right), ""];
}

function dyadCells(rng: Rng, centre: number): string[] {
  const r = rng.uniform();
  if (r < 0.03) return ["", "", "", "1"];
  if (r < 0.08) return ["", "", "", ""];
  const x = Math.min(1, Math.max(0, rng.normal(centre, 0.18)));
  return [fix6(x), fix6(1 - x), fix6(x), ""];
}

const STAFF_THEMES: readonly Theme[] = ["scheiding", "dementie", "dakloosheid", "zorgmijding", "scheiding", "dementie", "dakloosheid", "zorgmijding", "schulden", "psychische klachten"];
const RESIDENT_THEMES: readonly Theme[] = ["eenzaamheid", "opvoeding", "mantelzorg", "schulden", "psychische klachten", "eenzaamheid", "opvoeding", "mantelzorg", "zorgmijding"];
const DOMAIN_OF_THEME: Record<Theme, "jeugd" | "wmo"> = {
  scheiding: "jeugd", opvoeding: "jeugd", dementie: "wmo", dakloosheid: "wmo", zorgmijding: "wmo",
  schulden: "wmo", eenzaamheid: "wmo", mantelzorg: "wmo", "psychische klachten": "wmo"
};

/** Dots a little outside the triangle, as the platform sometimes exports them (proportions still sum to 1). */
const OUTSIDE_DOTS: readonly Triad[] = [
  {status: "answered", top: 0.208, left: 0.8043, right: -0.0123},
  {status: "answered", top: 0.1502, left: -0.0087, right: 0.8585}
];

const FORCED_QUIRKS: Record<number, TextQuirk> = {5: "formula", 6: "html", 7: "list"};

export interface StoryPlan {
  stories: number;
  /** Record positions (0-based story index) of the planted rows. */
  duplicateAfter: number;
  strayValueAt: number;
  outsideDotsAt: number[];
}

export interface StoryTotals {
  stories: number;
  rows: number;
  residents: number;
  staff: number;
  withCase: number;
  planted: PlantedRow[];
}

export async function writeSenseMaker(out: string, rng: Rng, cases: readonly FirstLineCase[], plan: StoryPlan): Promise<StoryTotals> {
  const fw = makeFramework(rng);
  await writeText(join(out, "verhalen", "sensemaker-definition.json"), definitionJson(fw, rng));
  const file = "verhalen/sensemaker-export.csv";
  const sink = await FileSink.open(join(out, file), "utf-8-bom");
  const header = exportHeader(fw);
  await sink.write(header.map(quoted).join(",") + "\r\n");

  const byTheme = new Map<Theme, FirstLineCase[]>();
  for (const c of cases) {
    if (c.end === null) continue;
    const bucket = byTheme.get(c.theme);
    if (bucket) bucket.push(c);
    else byTheme.set(c.theme, [c]);
  }
  const staffIds = Array.from({length: Math.max(8, Math.ceil(plan.stories / 12))}, () => rng.uuid());
  const first = day(2024, 9, 1) * DAY_MS;
  const span = (day(2025, 12, 20) * DAY_MS - first) / plan.stories;
  const totals: StoryTotals = {stories: plan.stories, rows: 0, residents: 0, staff: 0, withCase: 0, planted: []};
  let record = 1; // the header is record 1, as a spreadsheet shows it

  // Exactly a third of the stories come from residents, in shuffled order.
  const residents = new Uint8Array(plan.stories);
  residents.fill(1, 0, Math.round(plan.stories / 3));
  for (let i = residents.length - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1));
    [residents[i], residents[j]] = [residents[j], residents[i]];
  }

  for (let i = 0; i < plan.stories; i++) {
    const teller: Teller = residents[i] === 1 ? "inwoner" : "medewerker";
    const theme = rng.pick(teller === "inwoner" ? RESIDENT_THEMES : STAFF_THEMES);
    const exception = rng.chance(theme === "dementie" || theme === "psychische klachten" ? 0.3 : 0.1);
    const linked = rng.chance(0.55) ? byTheme.get(theme) : undefined;
    const story = linked && linked.length > 0 ? rng.pick(linked) : null;
    const text = storyText(rng, theme, teller, exception, FORCED_QUIRKS[i % 50] ?? null);
    let triad = drawTriad(rng, teller, exception);
    const outside = plan.outsideDotsAt.indexOf(i);
    if (outside !== -1) triad = OUTSIDE_DOTS[outside % OUTSIDE_DOTS.length];
    const lean = (d: Framework["dyads"][number]) =>
      d.key === "netwerk" && (theme === "dementie" || theme === "dakloosheid" || theme === "eenzaamheid") ? 0.65 : exception && d.key === "gezondheid" ? 0.55 : 0.3;
    const themes = new Set<Theme>([theme]);
    if (rng.chance(0.3)) themes.add(rng.pick(THEMES));
    const domain = story ? (story.domain === "Jeugd" ? fw.domain.jeugd.id : fw.domain.wmo.id) : rng.chance(0.03) ? "" : fw.domain[DOMAIN_OF_THEME[theme]].id;
    const cells = [
      rng.uuid(), fw.projectId, "1", "nl",
      String(Math.round(first + span * (i + rng.uniform()))),
      teller === "inwoner" ? rng.uuid() : rng.pick(staffIds),
      story ? story.id : "",
      text.title, text.text,
      ...triadCells(triad),
      ...fw.dyads.flatMap((d) => dyadCells(rng, lean(d))),
      fw.teller[teller].id,
      i === plan.strayValueAt ? "wmo" : domain,
      ...Object.values(fw.theme.items).map((o) => (themes.has(o.text as Theme) ? "1" : ""))
    ];
    const row = cells.map(quoted).join(",") + "\r\n";
    record++;
    const line = sink.lines + 1;
    if (i === plan.strayValueAt) totals.planted.push({kind: "stray-single-select", file, row: record, line, column: fw.domain.id, value: "wmo", expected: "reject", reason: `value "wmo" is not an item id of single-select list "Domein"`});
    if (outside !== -1 && triad.status === "answered") {
      const anchor = triad.right < 0 ? fw.triad.right : fw.triad.left;
      totals.planted.push({kind: "triad-outside", file, row: record, line, column: `${fw.triad.id}_${anchor.id}`, value: fix6(Math.min(triad.left, triad.right)), expected: "accept", reason: "triad dot just outside the triangle (negative proportion): clamp to 0 and re-close, not an error"});
    }
    await sink.write(row);
    if (i === plan.duplicateAfter) {
      record++;
      totals.planted.push({kind: "duplicate-story", file, row: record, line: sink.lines + 1, column: "id", value: cells[0], expected: "reject", reason: `duplicate story id ${cells[0]} (identical to row ${record - 1})`});
      await sink.write(row);
    }
    if (teller === "inwoner") totals.residents++;
    else totals.staff++;
    if (story) totals.withCase++;
  }
  totals.rows = record - 1;
  await sink.close();
  return totals;
}
