/**
 * Growth against peers (methods.md, "Growth against peers"): clients per 1,000 inhabitants and
 * spend per inhabitant, indexed to a base year = 100, for the municipality and its peer group.
 * Pure and browser-safe; input is the `benchmark` table (statistics-office figures).
 *
 * - Rate of a municipality in a year: numerator / denominator x `per` x `scale` / `denominatorScale`
 *   (e.g. clients per 1,000 inhabitants: per 1000; spend in x EUR 1,000 per inhabitant: scale 1000;
 *   a population in x 1 000: denominatorScale 1000). A year without both values (suppressed '.',
 *   missing) has no rate.
 * - Peer group: "mean" (default) = the unweighted mean of the peers' rates in that year, over the
 *   peers that have a rate in both that year and the base year (so a peer missing one year does
 *   not shift the level); "pooled" = sum of numerators / sum of denominators over those peers.
 * - Index = rate / rate in the base year x 100.
 * - provisional: any value behind the point has status "voorlopig". series_break: a value behind
 *   the point is flagged as a series break; across_break: a break is flagged in a year after the
 *   earlier and up to the later of (base year, year), so the index compares across definitions.
 *   Break years come from the municipality's and its chosen peers' rows of the two measures only
 *   (seriesBreakYears): a break elsewhere in the table says nothing about this comparison.
 */

export interface BenchmarkRow {
  gemeente: string;
  gemeente_name: string | null;
  year: number;
  measure: string;
  value: number | null;
  status: string | null;
  series_break: boolean | null;
}

export interface PeerOptions {
  gemeente: string;
  peers: string[];
  numerator: string;
  denominator: string;
  /** Multiply the rate by this (1000 for "per 1,000 inhabitants"); default 1. */
  per?: number;
  /** Unit of the numerator (1000 for figures in x EUR 1,000); default 1. */
  scale?: number;
  /** Unit of the denominator (1000 for a population in x 1 000); default 1. */
  denominatorScale?: number;
  baseYear: number;
  aggregate?: "mean" | "pooled";
}

export interface Flags {
  provisional: boolean;
  series_break: boolean;
  across_break: boolean;
}

export interface SeriesPoint extends Flags {
  value: number | null;
  index: number | null;
}

export interface PeerPoint {
  year: number;
  municipality: SeriesPoint;
  peers: SeriesPoint & {n: number};
}

interface Cell {
  value: number | null;
  provisional: boolean;
  series_break: boolean;
}

type Lookup = (gemeente: string, measure: string, year: number) => Cell | undefined;

function lookup(rows: BenchmarkRow[]): Lookup {
  const map = new Map<string, Cell>();
  for (const r of rows) {
    map.set(`${r.gemeente}|${r.measure}|${r.year}`, {
      value: r.value === null || !Number.isFinite(r.value) ? null : r.value,
      provisional: r.status?.toLowerCase() === "voorlopig",
      series_break: r.series_break === true
    });
  }
  return (g, m, y) => map.get(`${g}|${m}|${y}`);
}

interface Rate {
  num: number;
  den: number;
  provisional: boolean;
  series_break: boolean;
}

function rate(get: Lookup, gemeente: string, year: number, o: PeerOptions): Rate | null {
  const num = get(gemeente, o.numerator, year);
  const den = get(gemeente, o.denominator, year);
  if (!num || !den || num.value === null || den.value === null || den.value === 0) return null;
  return {num: num.value, den: den.value, provisional: num.provisional || den.provisional, series_break: num.series_break || den.series_break};
}

/** Years with a series break in the numerator or denominator of the municipality or one of its peers, ascending. */
export function seriesBreakYears(rows: readonly BenchmarkRow[], o: Pick<PeerOptions, "gemeente" | "peers" | "numerator" | "denominator">): number[] {
  const who = new Set([o.gemeente, ...o.peers]);
  const years = rows.filter((r) => r.series_break === true && who.has(r.gemeente) && (r.measure === o.numerator || r.measure === o.denominator)).map((r) => r.year);
  return [...new Set(years)].sort((a, b) => a - b);
}

export function peerIndex(rows: BenchmarkRow[], o: PeerOptions): PeerPoint[] {
  const get = lookup(rows);
  const factor = ((o.per ?? 1) * (o.scale ?? 1)) / (o.denominatorScale ?? 1);
  const years = [...new Set(rows.filter((r) => r.measure === o.numerator).map((r) => r.year))].sort((a, b) => a - b);
  const breakYears = seriesBreakYears(rows, o);
  const acrossBreak = (year: number) => breakYears.some((b) => b > Math.min(year, o.baseYear) && b <= Math.max(year, o.baseYear));
  const value = (r: Rate) => (r.num / r.den) * factor;
  const aggregate = (rates: Rate[]) => o.aggregate === "pooled"
    ? (rates.reduce((s, r) => s + r.num, 0) / rates.reduce((s, r) => s + r.den, 0)) * factor
    : rates.reduce((s, r) => s + value(r), 0) / rates.length;

  const ownBase = rate(get, o.gemeente, o.baseYear, o);
  return years.map((year) => {
    const own = rate(get, o.gemeente, year, o);
    const pairs = o.peers.map((p) => ({now: rate(get, p, year, o), base: rate(get, p, o.baseYear, o)})).filter((x) => x.now && x.base) as {now: Rate; base: Rate}[];
    const peerNow = pairs.length > 0 ? aggregate(pairs.map((x) => x.now)) : null;
    const peerBase = pairs.length > 0 ? aggregate(pairs.map((x) => x.base)) : null;
    return {
      year,
      municipality: {
        value: own ? value(own) : null,
        index: own && ownBase ? (value(own) / value(ownBase)) * 100 : null,
        // The index rests on the base year too (as for the peers below).
        provisional: own !== null && (own.provisional || (ownBase?.provisional ?? false)),
        series_break: own?.series_break ?? false,
        across_break: acrossBreak(year)
      },
      peers: {
        value: peerNow,
        index: peerNow !== null && peerBase ? (peerNow / peerBase) * 100 : null,
        provisional: pairs.some((x) => x.now.provisional || x.base.provisional),
        series_break: pairs.some((x) => x.now.series_break),
        across_break: acrossBreak(year),
        n: pairs.length
      }
    };
  });
}
