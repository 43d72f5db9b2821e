/**
 * Second-line care of synthetic clients: provisions (assignment, start/stop, ZIN or PGB) and the
 * declaration lines a provider sends for them, with occasional credit-and-correct pairs.
 */
import {CATEGORIES, PROVIDERS, type Category, type Law} from "./catalogue.js";
import {calendar, day, daysInMonth} from "./dutch-text.js";
import type {Rng} from "./random.js";

export const DAYS_PER_MONTH = 365.25 / 12;

export interface Provision {
  assignment: string;
  bsn: string;
  gemeente: string;
  category: Category;
  agb: string;
  plannedStart: number;
  plannedEnd: number;
  start: number;
  /** Last day of support; null while it still runs on the demo's "today". */
  end: number | null;
  pgb: boolean;
  /** Hours or day parts per month (ignored for etmaal). */
  monthlyVolume: number;
  endReason: string;
}

export interface DeclarationLine {
  provision: Provision;
  /** Month (year * 12 + month - 1) of the declaration message the line travels in. */
  declarationMonth: number;
  reference: string;
  /** The reference a credit line cancels. */
  cancels: string | null;
  periodStart: number;
  periodEnd: number;
  volume: number;
  amountCents: number;
  credit: boolean;
}

/** Month or week lines (large scales: per week, residential care per day, as some systems export). */
export type Granularity = "month" | "week";

export interface Window {
  first: number;
  /** The demo's "today": nothing happens after it. */
  last: number;
}

const END_REASONS = ["Doelen behaald", "Doelen behaald", "Doelen behaald", "Verhuizing", "Overleden", "Op verzoek cliënt", "Overgang naar andere voorziening", "Beëindigd door aanbieder"];

export const monthIndex = (dayNumber: number) => {
  const c = calendar(dayNumber);
  return c.year * 12 + c.month - 1;
};

/** Draws assignment numbers and declaration references in order. */
export class Numbering {
  private assignments = 0;
  private references = 0;
  assignment(): string {
    return String(20_000_000 + ++this.assignments);
  }
  reference(): string {
    return `R${String(++this.references).padStart(9, "0")}`;
  }
}

export function pickCategory(rng: Rng, law: Law): Category {
  return rng.weighted(CATEGORIES.filter((c) => c.law === law).map((c) => [c, c.prevalence] as const));
}

/** One provision of a given category starting on a given day; its length follows the category. */
export function makeProvision(rng: Rng, numbering: Numbering, bsn: string, gemeente: string, cat: Category, start: number, window: Window): Provision {
  const months = Math.max(1, rng.logNormal(cat.medianMonths, 0.6));
  const endDay = start + Math.round(months * DAYS_PER_MONTH);
  const plannedMonths = Math.max(6, Math.ceil(months / 6) * 6 + (rng.chance(0.5) ? 6 : 0));
  const providers = PROVIDERS[cat.law];
  return {
    assignment: numbering.assignment(),
    bsn,
    gemeente,
    category: cat,
    agb: providers[rng.pick(cat.providers)].agb,
    plannedStart: start - rng.int(0, 15),
    plannedEnd: start + Math.round(plannedMonths * DAYS_PER_MONTH),
    start,
    end: endDay <= window.last ? endDay : null,
    pgb: (cat.code === "01" || cat.code === "02" || cat.code === "45") && rng.chance(0.06),
    monthlyVolume: Math.max(2, Math.round(rng.logNormal(cat.monthlyVolume, 0.25))),
    endReason: rng.pick(END_REASONS)
  };
}

/** The provisions of one background client: one, sometimes a second (stapeling). */
export function clientProvisions(rng: Rng, numbering: Numbering, bsn: string, gemeente: string, earliestStart: number, window: Window): Provision[] {
  const law: Law = rng.chance(0.58) ? "wmo" : "jeugd";
  const first = pickCategory(rng, law);
  const start = rng.int(earliestStart, window.last - 10);
  const provisions = [makeProvision(rng, numbering, bsn, gemeente, first, start, window)];
  if (rng.chance(0.25)) {
    let second = pickCategory(rng, law);
    if (second === first) second = pickCategory(rng, law);
    const secondStart = Math.min(window.last - 5, start + rng.int(0, 400));
    if (second !== first) provisions.push(makeProvision(rng, numbering, bsn, gemeente, second, secondStart, window));
  }
  return provisions;
}

interface Period {
  start: number;
  end: number;
  /** Days in the calendar month or week the period belongs to. */
  spanDays: number;
}

function periods(from: number, to: number, granularity: Granularity, perDay: boolean): Period[] {
  const out: Period[] = [];
  if (granularity === "week" && perDay) {
    for (let d = from; d <= to; d++) out.push({start: d, end: d, spanDays: 1});
    return out;
  }
  let cursor = from;
  while (cursor <= to) {
    let spanStart: number;
    let spanEnd: number;
    if (granularity === "month") {
      const c = calendar(cursor);
      spanStart = day(c.year, c.month, 1);
      spanEnd = spanStart + daysInMonth(c.year, c.month) - 1;
    } else {
      spanStart = cursor - ((cursor + 3) % 7); // day 0 (1970-01-01) was a Thursday; weeks start on Monday
      spanEnd = spanStart + 6;
    }
    out.push({start: cursor, end: Math.min(spanEnd, to), spanDays: spanEnd - spanStart + 1});
    cursor = spanEnd + 1;
  }
  return out;
}

/**
 * The declaration lines of one provision inside the window (none for PGB). About 3% of lines are
 * later credited in full and declared again with a corrected volume in the next month's message.
 */
export function declarationLines(rng: Rng, numbering: Numbering, p: Provision, granularity: Granularity, window: Window): DeclarationLine[] {
  if (p.pgb) return [];
  const from = Math.max(p.start, window.first);
  const to = Math.min(p.end ?? window.last, window.last);
  if (from > to) return [];
  const perDay = p.category.unit === "14";
  const lastMonth = monthIndex(window.last);
  const lines: DeclarationLine[] = [];
  for (const period of periods(from, to, granularity, perDay)) {
    const days = period.end - period.start + 1;
    const monthDays = granularity === "month" ? period.spanDays : DAYS_PER_MONTH;
    const volume = perDay ? days : Math.max(1, Math.round((p.monthlyVolume * days) / monthDays));
    const month = monthIndex(period.start);
    const line: DeclarationLine = {
      provision: p, declarationMonth: month, reference: numbering.reference(), cancels: null,
      periodStart: period.start, periodEnd: period.end, volume, amountCents: volume * p.category.tariffCents, credit: false
    };
    lines.push(line);
    if (month < lastMonth && rng.chance(0.03)) {
      lines.push({...line, declarationMonth: month + 1, reference: numbering.reference(), cancels: line.reference, credit: true});
      const corrected = volume - Math.max(1, Math.round(volume * 0.25));
      if (corrected > 0) {
        lines.push({...line, declarationMonth: month + 1, reference: numbering.reference(), volume: corrected, amountCents: corrected * p.category.tariffCents});
      }
    }
  }
  return lines;
}

/** Net paid for a provision (debit minus credit), or a PGB budget for PGB provisions. */
export function paidCents(p: Provision, lines: readonly DeclarationLine[], window: Window): number {
  if (p.pgb) {
    const months = ((p.end ?? window.last) - Math.max(p.start, window.first) + 1) / DAYS_PER_MONTH;
    return Math.max(0, Math.round(months * p.monthlyVolume * p.category.tariffCents * 0.75));
  }
  return lines.reduce((sum, l) => sum + (l.credit ? -l.amountCents : l.amountCents), 0);
}
