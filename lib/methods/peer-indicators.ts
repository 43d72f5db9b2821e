/**
 * Which peer comparisons (lib/methods/peers.ts) the benchmark table supports, found by the measure
 * names of the statistics office: clients per 1,000 inhabitants and spend per inhabitant, for Wmo
 * and youth care, each over "Bevolking op 1 januari". A measure in "x 1 000 euro" gets scale 1000,
 * one in "x 1 mln euro" 1 000 000 (measureScale); the population's own unit is denominator_scale.
 * Measures that are already rates (per 1 000 inwoners, per inwoner, density, %) are passed over.
 * Also the growth of plain totals (sum over municipalities) between two years, for the sentence
 * "the region's clients grew 30%". Pure and browser-safe (no imports).
 */

export interface PeerIndicator {
  id: string;
  label: string;
  unit: string;
  numerator: string;
  denominator: string;
  per: number;
  /** Unit of the numerator (measureScale). */
  scale: number;
  /** Unit of the denominator, e.g. 1000 for a population in "x 1 000". */
  denominator_scale: number;
}

interface Pattern {
  id: string;
  label: string;
  unit: string;
  match: RegExp;
  exclude?: RegExp;
  per: number;
}

const PATTERNS: Pattern[] = [
  {id: "wmo-clienten", label: "Wmo-cliënten per 1.000 inwoners", unit: "per 1.000 inwoners", match: /wmo-?cli[eë]nten/i, per: 1000},
  {id: "wmo-kosten", label: "Wmo-uitgaven per inwoner", unit: "euro per inwoner", match: /kosten\s+wmo/i, per: 1},
  {id: "jeugd-clienten", label: "Jongeren met jeugdhulp per 1.000 inwoners", unit: "per 1.000 inwoners", match: /jongeren met jeugdhulp/i, exclude: /verblijf/i, per: 1000},
  {id: "jeugd-kosten", label: "Jeugdzorguitgaven per inwoner", unit: "euro per inwoner", match: /kosten\s+jeugd/i, per: 1}
];

const POPULATION = /bevolking/i;
/** A figure that is already a rate ("per 1 000 inwoners", "per km²", "%"): never a count or a population. */
const RATE = /\bper\b|dichtheid|%|relatief/i;

// Unit spellings of the statistics office (StatLine titles and column heads): "x 1 000 euro",
// "x 1.000", "x1000 euro", "x 1 000 000 euro", "x 1 mln euro", "x mln euro", "x EUR 1,000",
// "× € 1 000", and without the "x" a unit in brackets: "(1 000 euro)", "(mln euro)".
const SEPARATOR = "[ .,\\u00a0\\u202f]";
const NUMBER = `\\d{1,3}(?:${SEPARATOR}\\d{3})+|\\d+`;
const WORDS: Record<string, number> = {duizend: 1e3, thousand: 1e3, mln: 1e6, miljoen: 1e6, million: 1e6, mld: 1e9, miljard: 1e9, billion: 1e9};
const WORD = `(${Object.keys(WORDS).join("|")})\\.?(?!\\p{L})`;
const CURRENCY = "(?:euro|eur|€)";
/** "x" standing alone, an optional currency, then a number and/or a word. */
const TIMES = new RegExp(`(?<![\\p{L}\\d])[x×]\\s*(?:${CURRENCY}\\s*)?(${NUMBER})?\\s*(?:${WORD})?`, "giu");
/** A bracketed unit without "x"; only a money unit counts ("(2015)" is a year, not a multiplier). */
const BRACKETED = new RegExp(`\\(\\s*(?:${CURRENCY}\\s*)?(${NUMBER})?\\s*(?:${WORD})?\\s*${CURRENCY}?\\s*\\)`, "giu");
const HAS_CURRENCY = new RegExp(CURRENCY, "i");

/** Unit multiplier from the measure name: "(x 1 000 euro)" = 1000, "(x 1 mln euro)" = 1 000 000; 1 without one. */
export function measureScale(measure: string): number {
  for (const [pattern, money] of [[TIMES, false], [BRACKETED, true]] as const) {
    for (const m of measure.matchAll(pattern)) {
      if ((m[1] === undefined && m[2] === undefined) || (money && !HAS_CURRENCY.test(m[0]))) continue;
      const number = m[1] === undefined ? 1 : Number(m[1].replace(/\D/g, ""));
      return number * (m[2] === undefined ? 1 : WORDS[m[2].toLowerCase()]);
    }
  }
  return 1;
}

export function peerIndicators(measures: readonly string[]): PeerIndicator[] {
  const denominator = measures.find((m) => POPULATION.test(m) && !RATE.test(m));
  if (!denominator) return [];
  return PATTERNS.flatMap((p) => {
    const numerator = measures.find((m) => p.match.test(m) && !(p.exclude?.test(m) ?? false) && !RATE.test(m));
    return numerator ? [{id: p.id, label: p.label, unit: p.unit, numerator, denominator, per: p.per, scale: measureScale(numerator), denominator_scale: measureScale(denominator)}] : [];
  });
}

export interface TotalGrowth {
  from: number;
  to: number;
  /** Municipalities with a value in both years (the others are left out of both sums). */
  gemeenten: string[];
  total_from: number;
  total_to: number;
  /** total_to / total_from - 1; null when nothing is summed. */
  growth: number | null;
}

/** Growth of the sum of `measure` over `gemeenten` between two years. */
export function totalGrowth(
  rows: readonly {gemeente: string; year: number; measure: string; value: number | null}[],
  measure: string, gemeenten: readonly string[], from: number, to: number
): TotalGrowth {
  const value = new Map(rows.filter((r) => r.measure === measure && r.value !== null).map((r) => [`${r.gemeente}|${r.year}`, r.value as number]));
  const both = gemeenten.filter((g) => value.has(`${g}|${from}`) && value.has(`${g}|${to}`));
  const totalFrom = both.reduce((s, g) => s + value.get(`${g}|${from}`)!, 0);
  const totalTo = both.reduce((s, g) => s + value.get(`${g}|${to}`)!, 0);
  return {from, to, gemeenten: both, total_from: totalFrom, total_to: totalTo, growth: totalFrom > 0 ? totalTo / totalFrom - 1 : null};
}
