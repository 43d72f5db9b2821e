/**
 * The deterministic synthetic demo municipality: `writeDemo` writes a complete raw delivery (stories,
 * case registers, declarations, monitor files, statistics, budget) as a municipality would hand it
 * over, plus an answer key. Same seed and scale give byte-identical files. Layout: docs/demo.md.
 */
import {readdir, rm, stat} from "node:fs/promises";
import {join, relative} from "node:path";
import {writeBenchmark, GROWTH_TARGETS, YEARS} from "./benchmark.js";
import {BUDGET, writeBudget} from "./budget.js";
import {writeCaseRegisters} from "./case-register.js";
import {CATEGORIES, LIKELIHOOD_WEIGHTS, PROVIDERS} from "./catalogue.js";
import {day, isoDate, calendar} from "./dutch-text.js";
import {writeText} from "./file-sink.js";
import {avoidedEuros, CaseFactory, type CostMedians, type FirstLineCase} from "./first-line.js";
import {assignHouseholds} from "./households.js";
import {BsnPool, DEMO_MUNICIPALITY, EXTENDED_RANGE, REGION} from "./identifiers.js";
import {DEMO_GENERATOR, type DemoKey, type Scale} from "./key.js";
import {leesmij} from "./leesmij.js";
import {Rng} from "./random.js";
import {SecondLineOutput} from "./second-line-output.js";
import {clientProvisions, declarationLines, DAYS_PER_MONTH, makeProvision, Numbering, pickCategory, type Granularity, type Window} from "./second-line.js";
import {writeSenseMaker} from "./sensemaker.js";
import {TEST_RANGE} from "../privacy/bsn.js";

export type {DemoKey, PlantedRow, Scale} from "./key.js";

export interface DemoOptions {
  out: string;
  seed?: number;
  scale?: Scale;
}

interface ScaleSpec {
  stories: number;
  /** How many times the case quota mix is repeated. */
  caseFactor: number;
  /** Background second-line clients (small) or the number of declaration lines to write (large). */
  backgroundClients: number;
  declarationLines: number | null;
  granularity: Granularity;
  declarations: "xml" | "csv";
  /** First day of the declaration window; provisions may start two years earlier. */
  windowFirst: number;
  municipalities: number;
}

const SCALES: Record<Scale, ScaleSpec> = {
  small: {stories: 150, caseFactor: 1, backgroundClients: 450, declarationLines: null, granularity: "month", declarations: "xml", windowFirst: day(2024, 1, 1), municipalities: 1},
  municipality: {stories: 10_000, caseFactor: 5, backgroundClients: Infinity, declarationLines: 1_000_000, granularity: "week", declarations: "csv", windowFirst: day(2022, 1, 1), municipalities: 1},
  region: {stories: 100_000, caseFactor: 25, backgroundClients: Infinity, declarationLines: 10_000_000, granularity: "week", declarations: "csv", windowFirst: day(2022, 1, 1), municipalities: 5}
};

export const TODAY = day(2025, 12, 31);
export const AVOIDED_TARGETS = {gross: 1_850_000, net: 1_400_000, tolerance: 0.1};
const INHABITANT_WEIGHTS = [45, 28, 62, 13, 37];

const median = (values: readonly number[]) => {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const round2 = (n: number) => Math.round(n * 100) / 100;
const mapValues = (o: Record<string, number>, f: (v: number) => number) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));

/** Refuses to write into a folder that holds something other than an earlier demo, then clears it. */
async function prepareOut(out: string): Promise<void> {
  const entries = await readdir(out).catch(() => [] as string[]);
  if (entries.length === 0) return;
  if (!entries.includes("demo-sleutel.json")) throw new Error(`${out} is not empty and holds no earlier demo (demo-sleutel.json); choose an empty folder`);
  for (const name of ["verhalen", "eerstelijn", "tweedelijn", "benchmark", "financien", "LEESMIJ.txt", "demo-sleutel.json"]) {
    await rm(join(out, name), {recursive: true, force: true});
  }
}

async function listFiles(dir: string, root = dir): Promise<string[]> {
  const out: string[] = [];
  for (const name of (await readdir(dir)).sort()) {
    const path = join(dir, name);
    if ((await stat(path)).isDirectory()) out.push(...(await listFiles(path, root)));
    else out.push(relative(root, path).split("\\").join("/"));
  }
  return out;
}

/** Medians of what was written: monthly cost per client-month (credits netted) and trajectory length. */
function measuredMedians(output: SecondLineOutput, exactMonthly: boolean): CostMedians {
  const monthlyValues = new Map<string, number[]>();
  for (const [key, cents] of output.tally.clientMonths ?? []) {
    const code = key.split("|")[1];
    const bucket = monthlyValues.get(code);
    if (bucket) bucket.push(cents / 100);
    else monthlyValues.set(code, [cents / 100]);
  }
  const monthly: Record<string, number> = {};
  const months: Record<string, number> = {};
  for (const c of CATEGORIES) {
    monthly[c.code] = exactMonthly ? median(monthlyValues.get(c.code) ?? []) : ((c.unit === "14" ? DAYS_PER_MONTH : c.monthlyVolume) * c.tariffCents) / 100;
    months[c.code] = median(output.tally.durations.get(c.code) ?? []);
  }
  return {monthly, months};
}

async function writeSecondLine(out: string, rng: Rng, spec: ScaleSpec, pool: BsnPool, cases: readonly FirstLineCase[]): Promise<SecondLineOutput> {
  const window: Window = {first: spec.windowFirst, last: TODAY};
  const earliestStart = spec.windowFirst - 730;
  const budget = spec.declarationLines === null ? Infinity : spec.declarationLines - 1; // the planted duplicate makes up the last row
  const output = await SecondLineOutput.open(out, rng, spec.declarations, window, spec.declarations === "csv" ? Math.min(1000, Math.floor(budget / 2)) : -1);
  const numbering = new Numbering();
  const add = async (provisions: ReturnType<typeof clientProvisions>) => {
    for (const p of provisions) {
      if (output.tally.lines >= budget) return;
      let lines = declarationLines(rng, numbering, p, spec.granularity, window);
      if (output.tally.lines + lines.length > budget) lines = lines.slice(0, budget - output.tally.lines);
      await output.add(p, lines);
    }
  };
  // Cases that keep ("blijft") or later start ("nieuw") needing second-line care get it, under the same BSN.
  for (const c of cases) {
    if (c.need !== "blijft" && c.need !== "nieuw") continue;
    const law = c.category?.law ?? (c.domain === "Jeugd" ? "jeugd" : "wmo");
    let cat = c.category ?? pickCategory(rng, law);
    if (c.need === "nieuw") for (let i = 0; i < 5 && cat === c.category; i++) cat = pickCategory(rng, law);
    const start = c.need === "blijft" ? c.start + rng.int(20, 90) : c.end! + rng.int(14, 120);
    await add([makeProvision(rng, numbering, c.bsn, DEMO_MUNICIPALITY.code, cat, Math.min(start, TODAY - 1), window)]);
  }
  const weights = INHABITANT_WEIGHTS.slice(0, spec.municipalities).map((w, i) => [REGION[i].code, w] as const);
  for (let n = 0; n < spec.backgroundClients && output.tally.lines < budget; n++) {
    const gemeente = rng.weighted(weights);
    await add(clientProvisions(rng, numbering, pool.next(), gemeente, earliestStart, window));
  }
  await output.close();
  return output;
}

/** Net cents per household: a BSN's household from the case register, else the BSN alone. */
function spendByHousehold(spendByClient: Map<string, number>, cases: readonly FirstLineCase[], households: ReadonlyMap<FirstLineCase, string | null>): Map<string, number> {
  const householdOf = new Map(cases.map((c) => [c.bsn, households.get(c) ?? null]));
  const out = new Map<string, number>();
  for (const [bsn, cents] of spendByClient) {
    const unit = householdOf.get(bsn) ?? `bsn:${bsn}`;
    out.set(unit, (out.get(unit) ?? 0) + cents);
  }
  return out;
}

function topDecileShare(spendByClient: Map<string, number>): {total: number; share: number} {
  const values = [...spendByClient.values()].sort((a, b) => b - a);
  const total = values.reduce((a, b) => a + b, 0);
  const top = values.slice(0, Math.ceil(values.length / 10)).reduce((a, b) => a + b, 0);
  return {total: total / 100, share: total > 0 ? top / total : 0};
}

export async function writeDemo({out, seed = 1, scale = "small"}: DemoOptions): Promise<DemoKey> {
  const spec = SCALES[scale];
  if (!spec) throw new Error(`unknown scale "${scale}" (small, municipality or region)`);
  if (!Number.isInteger(seed)) throw new Error(`seed must be an integer, got ${seed}`);
  await prepareOut(out);
  const root = new Rng(seed);
  const [poolRng, caseRng, secondRng, storyRng, benchRng] = [root.fork(), root.fork(), root.fork(), root.fork(), root.fork()];
  // Forked after the others, so households leave every earlier stream (and calibrated figure) as it was.
  const householdRng = root.fork();
  const pool = new BsnPool(poolRng);

  const factory = new CaseFactory(caseRng, pool, {first: BUDGET.first, today: TODAY});
  factory.addQuota(spec.caseFactor);
  const output = await writeSecondLine(out, secondRng, spec, pool, factory.cases);
  const calibrated = scale === "small";
  const medians = measuredMedians(output, calibrated);
  if (calibrated) factory.calibrate(medians, AVOIDED_TARGETS.gross);
  const cases = factory.number();

  const invalidBsnCase = cases.find((c) => calendar(c.firstContact).year === 2024 && c.category === null && c.need === "geen");
  if (!invalidBsnCase) throw new Error("no case to plant the invalid BSN in");
  const households = assignHouseholds(householdRng, cases);
  const casePlanted = await writeCaseRegisters(out, cases, invalidBsnCase, households.byCase);
  const stories = await writeSenseMaker(out, storyRng, cases, {stories: spec.stories, duplicateAfter: 40, strayValueAt: 70, outsideDotsAt: [100, 130]});
  await writeBenchmark(out, benchRng);
  await writeBudget(out);

  const gross = Math.round(cases.reduce((s, c) => s + avoidedEuros(c, medians), 0));
  const investment = BUDGET.amountCents / 100;
  const spend = topDecileShare(output.tally.spendByClient);
  const householdSpend = topDecileShare(spendByHousehold(output.tally.spendByClient, cases, households.byCase));
  const byNeed: Record<string, number> = {geen: 0, blijft: 0, nieuw: 0, open: 0};
  for (const c of cases) byNeed[c.need ?? "open"]++;

  const key: DemoKey = {
    generator: DEMO_GENERATOR,
    seed,
    scale,
    today: isoDate(TODAY),
    municipality: {...DEMO_MUNICIPALITY},
    region: REGION.map((g) => ({...g})),
    files: [],
    counts: {
      stories: stories.stories,
      story_rows: stories.rows,
      stories_by_residents: stories.residents,
      stories_by_staff: stories.staff,
      stories_with_case: stories.withCase,
      cases: cases.length,
      cases_closed: cases.filter((c) => c.end !== null).length,
      cases_by_need: byNeed,
      second_line_clients: output.tally.spendByClient.size,
      provisions: output.tally.provisions,
      declaration_lines: output.tally.lines,
      declaration_messages: output.tally.messages
    },
    budget: {amount: investment, months: BUDGET.months, period_start: isoDate(BUDGET.first), period_end: isoDate(BUDGET.last)},
    avoided_cost: {
      calibrated,
      method:
        "avoided_i = p x C_k x D_k for closed cases with need 'geen' and a requested productcategorie k; p: zeker or a concrete request (likelihood blank) 1.0, waarschijnlijk 0.6, misschien 0.3; " +
        "C_k = median over (BSN, productcategorie, month of Begindatum) of the net declared amount (debit minus credit, planted duplicate excluded); " +
        "D_k = median of (Datum einde - Datum start ondersteuning) in days / 30.4375 over ended provisions in both GMSD files (rows with an impossible date excluded)" +
        (calibrated ? "" : "; at this scale C_k is the catalogue's typical month, not measured, and the case mix is not calibrated"),
      weights: {...LIKELIHOOD_WEIGHTS},
      // Rounded for reading; the gross is computed from the unrounded medians.
      monthly_cost_median: mapValues(medians.monthly, round2),
      duration_median_months: mapValues(medians.months, (m) => Math.round(m * 10_000) / 10_000),
      gross,
      investment,
      net: gross - investment,
      ratio: Math.round((gross / investment) * 100) / 100,
      targets: {gross: AVOIDED_TARGETS.gross, net: AVOIDED_TARGETS.net, tolerance: AVOIDED_TARGETS.tolerance}
    },
    second_line_spend: {
      total: Math.round(spend.total * 100) / 100,
      top_decile_share: Math.round(spend.share * 10_000) / 10_000,
      method: "net declared amount per BSN over all declaration lines (debit minus credit, planted duplicate excluded); share of the costliest 10% of clients (rounded up)"
    },
    households: {
      households: households.households,
      with_several_clients: households.withSeveralClients,
      register_rows_blank: households.blank,
      top_decile_share: Math.round(householdSpend.share * 10_000) / 10_000,
      method: "as second_line_spend.top_decile_share, with the BSNs of one Huishouden in the case register summed; a BSN without a household value (blank, or not in the register) is a household of its own"
    },
    benchmark: {
      base_year: YEARS[0],
      final_year: YEARS[YEARS.length - 1],
      measure_clients: "Wmo-cliënten met maatwerkvoorziening (aantal), benchmark/cbs-wmo-clienten.csv",
      measure_spend: "Kosten Wmo-maatwerkvoorzieningen (x 1 000 euro), benchmark/cbs-kosten-sociaal-domein.csv",
      region: GROWTH_TARGETS.region,
      municipality: GROWTH_TARGETS.municipality
    },
    identifiers: {
      bsn_ranges: [
        `${TEST_RANGE.first}-${TEST_RANGE.last} (official test range)`,
        ...(pool.usedExtendedRange ? [`${EXTENDED_RANGE.first}-${EXTENDED_RANGE.last} (extension below the test range, see docs/demo.md)`] : [])
      ],
      agb_codes: [...PROVIDERS.wmo, ...PROVIDERS.jeugd].map((p) => p.agb),
      gemeentecodes: REGION.map((g) => g.code)
    },
    planted: [...casePlanted, ...output.planted, ...stories.planted]
  };
  await writeText(join(out, "LEESMIJ.txt"), leesmij(key));
  key.files = [...(await listFiles(out)), "demo-sleutel.json"].sort();
  await writeText(join(out, "demo-sleutel.json"), JSON.stringify(key, null, 2) + "\n");
  return key;
}
