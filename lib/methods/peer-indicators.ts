/**
 * Which peer comparisons (lib/methods/peers.ts) the benchmark table supports, found by the measure
 * names of the statistics office: clients per 1,000 inhabitants and spend per inhabitant, for Wmo
 * and youth care, each over "Bevolking op 1 januari". A measure in "x 1 000 euro" gets scale 1000.
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
  scale: number;
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

/** Unit multiplier from the measure name: "(x 1 000 euro)" = 1000. */
export function measureScale(measure: string): number {
  const m = /x\s*1[ .]?000(?:[ .]?000)?\s*euro/i.exec(measure);
  if (!m) return 1;
  return /1[ .]?000[ .]?000/.test(m[0]) ? 1_000_000 : 1000;
}

export function peerIndicators(measures: readonly string[]): PeerIndicator[] {
  const denominator = measures.find((m) => POPULATION.test(m) && !RATE.test(m));
  if (!denominator) return [];
  return PATTERNS.flatMap((p) => {
    const numerator = measures.find((m) => p.match.test(m) && !(p.exclude?.test(m) ?? false) && !RATE.test(m));
    return numerator ? [{id: p.id, label: p.label, unit: p.unit, numerator, denominator, per: p.per, scale: measureScale(numerator)}] : [];
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
