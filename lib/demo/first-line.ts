/**
 * First-line cases of the sociaal team: who came, what help was given, which second-line provision
 * was requested at intake (and how likely it would otherwise have been given), and the need for
 * second-line care after the help ended. At every scale the mix follows fixed quotas; at `small`
 * scale the "geen" cases are then topped up so the avoided cost lands on the calibration target.
 */
import {category, LIKELIHOOD_WEIGHTS, type Category, type Likelihood} from "./catalogue.js";
import {calendar} from "./dutch-text.js";
import type {BsnPool} from "./identifiers.js";
import type {Rng} from "./random.js";
import {DAYS_PER_MONTH} from "./second-line.js";

export type Need = "geen" | "blijft" | "nieuw";
export type Domain = "Jeugd" | "Wmo";

export const THEMES = ["scheiding", "dementie", "dakloosheid", "zorgmijding", "schulden", "eenzaamheid", "opvoeding", "mantelzorg", "psychische klachten"] as const;
export type Theme = (typeof THEMES)[number];

export interface FirstLineCase {
  id: string;
  bsn: string;
  domain: Domain;
  theme: Theme;
  firstContact: number;
  start: number;
  end: number | null;
  help: string;
  category: Category | null;
  /** Null with a category: a concrete request (counts as zeker). */
  likelihood: Likelihood | null;
  estimateCents: number | null;
  need: Need | null;
}

const THEMES_BY_CATEGORY: Record<string, readonly Theme[]> = {
  "01": ["dementie", "mantelzorg", "eenzaamheid"],
  "02": ["zorgmijding", "schulden", "psychische klachten", "eenzaamheid"],
  "07": ["dementie", "eenzaamheid", "mantelzorg"],
  "15": ["dakloosheid", "psychische klachten"],
  "16": ["dakloosheid"],
  "45": ["scheiding", "opvoeding"],
  "54": ["scheiding", "opvoeding", "psychische klachten"],
  "41": ["opvoeding"],
  "43": ["scheiding", "opvoeding"],
  "44": ["scheiding"]
};

const THEMES_BY_DOMAIN: Record<Domain, readonly Theme[]> = {
  Jeugd: ["scheiding", "opvoeding", "psychische klachten", "schulden"],
  Wmo: ["dementie", "dakloosheid", "zorgmijding", "schulden", "eenzaamheid", "mantelzorg", "psychische klachten"]
};

// Names of help as the team types them; the non-ASCII ones end up in the Windows-1252 file.
const HELP: Record<Theme, readonly string[]> = {
  scheiding: ["Gesprekken met beide ouders", "Ouderschapsplan opgesteld – met mediator", "Kindgesprekken op school"],
  opvoeding: ["Opvoedondersteuning thuis", "Ouder-kindgroep in het buurthuis", "Coördinatie met school"],
  dementie: ["Casemanagement dementie", "Mantelzorgondersteuning", "Aanmelding bij het Alzheimer Café"],
  dakloosheid: ["Hulp bij woningzoeken", "Briefadres en inkomen geregeld", "Coördinatie met woningcorporatie"],
  zorgmijding: ["Huisbezoeken samen met de wijkagent", "Outreachend contact – ‘vinger aan de pols’", "Vertrouwenspersoon ingezet"],
  schulden: ["Financiële hulp – schuldhulp", "Budgetcoach (vrijwilliger)", "Aanvraag bijzondere bijstand"],
  eenzaamheid: ["Maatje via vrijwilligerscentrale", "Koffieochtend in de wijk", "Huisbezoek ouderenadviseur"],
  mantelzorg: ["Respijtzorg geregeld", "Cliëntondersteuning", "Mantelzorgcafé"],
  "psychische klachten": ["Gesprekken met praktijkondersteuner", "Zelfhulpgroep", "Coördinatie met huisarts en ggz"]
};

/** Closed cases with need "geen" and a request, per category: [zeker, waarschijnlijk, misschien]. */
const AVOIDED_QUOTA: readonly (readonly [string, number, number, number])[] = [
  ["02", 20, 12, 8], ["01", 12, 8, 5], ["07", 6, 6, 3], ["45", 15, 12, 8], ["54", 5, 6, 4],
  ["41", 3, 3, 2], ["15", 2, 2, 1], ["16", 3, 3, 2], ["43", 1, 2, 1], ["44", 2, 1, 1]
];
const REQUEST_MIX = AVOIDED_QUOTA.map(([code, a, b, c]) => [code, a + b + c] as const);
const OTHER_QUOTA = {geenWithoutRequest: 45, blijft: 28, nieuw: 14, open: 70};

export interface CaseWindow {
  /** First day the funded first line took cases. */
  first: number;
  today: number;
}

/** The median monthly cost (euros) and median duration (months) per productcategorie. */
export interface CostMedians {
  monthly: Record<string, number>;
  months: Record<string, number>;
}

export function avoidedEuros(c: FirstLineCase, medians: CostMedians): number {
  if (c.need !== "geen" || c.end === null || c.category === null) return 0;
  const weight = LIKELIHOOD_WEIGHTS[c.likelihood ?? "zeker"];
  return weight * (medians.monthly[c.category.code] ?? 0) * (medians.months[c.category.code] ?? 0);
}

export class CaseFactory {
  private readonly made: FirstLineCase[] = [];
  constructor(private readonly rng: Rng, private readonly pool: BsnPool, private readonly window: CaseWindow) {}

  get cases(): readonly FirstLineCase[] {
    return this.made;
  }

  /** The quota mix, `factor` times over. */
  addQuota(factor: number): void {
    for (let f = 0; f < factor; f++) {
      for (const [code, zeker, waarschijnlijk, misschien] of AVOIDED_QUOTA) {
        for (let i = 0; i < zeker; i++) this.add("geen", code, i % 2 === 0 ? "zeker" : null);
        for (let i = 0; i < waarschijnlijk; i++) this.add("geen", code, "waarschijnlijk");
        for (let i = 0; i < misschien; i++) this.add("geen", code, "misschien");
      }
      for (let i = 0; i < OTHER_QUOTA.geenWithoutRequest; i++) this.add("geen", null, null);
      for (let i = 0; i < OTHER_QUOTA.blijft; i++) this.add("blijft", this.requestedCode(), this.someLikelihood());
      for (let i = 0; i < OTHER_QUOTA.nieuw; i++) this.add("nieuw", this.rng.chance(0.5) ? this.requestedCode() : null, this.someLikelihood());
      for (let i = 0; i < OTHER_QUOTA.open; i++) this.add(null, this.rng.chance(0.6) ? this.requestedCode() : null, this.someLikelihood());
    }
  }

  /**
   * Brings the gross avoided cost to `target` (euros): drops the largest "geen" contributions while
   * above it, then adds concrete begeleiding requests (the commonest ask) until the next would overshoot.
   */
  calibrate(medians: CostMedians, target: number): void {
    const gross = () => this.made.reduce((s, c) => s + avoidedEuros(c, medians), 0);
    let total = gross();
    while (total > target) {
      let largest = -1;
      this.made.forEach((c, i) => {
        if (largest === -1 || avoidedEuros(c, medians) > avoidedEuros(this.made[largest], medians)) largest = i;
      });
      total -= avoidedEuros(this.made[largest], medians);
      this.made.splice(largest, 1);
    }
    const step = avoidedEuros({...this.probe("02"), need: "geen", end: 1, likelihood: null}, medians);
    if (step <= 0) return;
    while (total + step / 2 <= target) {
      this.add("geen", "02", null);
      total += step;
    }
  }

  add(need: Need | null, code: string | null, likelihood: Likelihood | null): FirstLineCase {
    const cat = code === null ? null : category(code);
    const domain: Domain = cat ? (cat.law === "jeugd" ? "Jeugd" : "Wmo") : this.rng.chance(0.4) ? "Jeugd" : "Wmo";
    const theme = this.rng.pick(cat ? THEMES_BY_CATEGORY[cat.code] : THEMES_BY_DOMAIN[domain]);
    const {firstContact, start, end} = this.dates(need);
    const c: FirstLineCase = {
      id: "", bsn: this.pool.next(), domain, theme, firstContact, start, end,
      help: this.rng.pick(HELP[theme]),
      category: cat,
      likelihood: cat ? likelihood : null,
      estimateCents: cat && this.rng.chance(0.4) ? this.estimate(cat) : null,
      need: end === null ? null : need
    };
    this.made.push(c);
    return c;
  }

  /** Gives every case its number: `ST-<year of first contact>-<sequence>`. */
  number(): FirstLineCase[] {
    const sorted = [...this.made].sort((a, b) => a.firstContact - b.firstContact || a.bsn.localeCompare(b.bsn));
    const perYear = new Map<number, number>();
    for (const c of sorted) {
      const year = calendar(c.firstContact).year;
      const n = (perYear.get(year) ?? 0) + 1;
      perYear.set(year, n);
      c.id = `ST-${year}-${String(n).padStart(4, "0")}`;
    }
    return sorted;
  }

  private probe(code: string): FirstLineCase {
    return {id: "", bsn: "", domain: "Wmo", theme: "schulden", firstContact: 0, start: 0, end: null, help: "", category: category(code), likelihood: null, estimateCents: null, need: null};
  }

  private requestedCode(): string {
    return this.rng.weighted(REQUEST_MIX);
  }

  private someLikelihood(): Likelihood | null {
    return this.rng.weighted([[null, 3], ["zeker", 2], ["waarschijnlijk", 3], ["misschien", 2]] as const);
  }

  private estimate(cat: Category): number {
    const monthly = cat.unit === "14" ? DAYS_PER_MONTH * cat.tariffCents : cat.monthlyVolume * cat.tariffCents;
    return Math.round((monthly * cat.medianMonths * this.rng.between(0.7, 1.4)) / 10_000) * 10_000;
  }

  /** Closed cases fit inside the window ("nieuw" leaves room for the later provision); open ones started recently. */
  private dates(need: Need | null): {firstContact: number; start: number; end: number | null} {
    const {first, today} = this.window;
    const delay = this.rng.int(0, 22);
    if (need === null) {
      const firstContact = this.rng.int(today - 150, today - 7);
      return {firstContact, start: Math.min(today, firstContact + delay), end: null};
    }
    const duration = Math.min(300, Math.max(14, Math.round(this.rng.logNormal(85, 0.6))));
    const latest = today - delay - duration - (need === "nieuw" ? 150 : 1);
    const firstContact = this.rng.int(first, Math.max(first + 1, latest + 1));
    return {firstContact, start: firstContact + delay, end: firstContact + delay + duration};
  }
}
