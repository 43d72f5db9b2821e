/**
 * Statistics-office tables for the five municipalities of the region, in the layout of a StatLine
 * CSV download: title block, every field quoted, space-padded region codes, `.` for suppressed
 * cells, `*` on provisional years, `Bron: CBS` footer. Series are built so that, 2019 to 2025,
 * the region's Wmo clients grow about 30% and its Wmo spend about 27%, while the demo municipality
 * has slightly fewer clients and 8% more spend (the fourth case in domain.md).
 */
import {join} from "node:path";
import {quoted} from "./dutch-text.js";
import {writeText} from "./file-sink.js";
import {REGION} from "./identifiers.js";
import type {Rng} from "./random.js";

export const YEARS: readonly number[] = [2019, 2020, 2021, 2022, 2023, 2024, 2025];
const PROVISIONAL = new Set([2024, 2025]);
export const GROWTH_TARGETS = {region: {clients: 1.3, spend: 1.27}, municipality: {clients: 0.97, spend: 1.08}};

interface Base {
  inhabitants: number;
  wmoClients: number;
  wmoSpend: number; // x 1000 euro
  youthClients: number;
  youthSpend: number;
}

const BASES: readonly Base[] = [
  {inhabitants: 45_200, wmoClients: 2_650, wmoSpend: 15_800, youthClients: 1_420, youthSpend: 12_300},
  {inhabitants: 28_400, wmoClients: 1_480, wmoSpend: 8_700, youthClients: 910, youthSpend: 7_100},
  {inhabitants: 61_900, wmoClients: 3_300, wmoSpend: 19_600, youthClients: 1_980, youthSpend: 16_900},
  {inhabitants: 12_700, wmoClients: 690, wmoSpend: 4_100, youthClients: 390, youthSpend: 3_050},
  {inhabitants: 36_800, wmoClients: 1_950, wmoSpend: 11_500, youthClients: 1_160, youthSpend: 9_400}
];

const round5 = (n: number) => Math.round(n / 5) * 5;

/** Growth factors for the other four municipalities that make the region total hit its target. */
function otherGrowth(rng: Rng, base: (b: Base) => number, regionTarget: number, ownTarget: number): number[] {
  const own = base(BASES[0]);
  const others = BASES.slice(1).map(base);
  const needed = (regionTarget * (own + others.reduce((a, b) => a + b, 0)) - ownTarget * own);
  const raw = others.map(() => rng.between(0.9, 1.1));
  const weighted = others.reduce((s, v, i) => s + v * raw[i], 0);
  return raw.map((r) => (r * needed) / weighted);
}

/** Value in `year` on a smooth path from base to base * growth, with a little noise in between. */
function path(rng: Rng, base: number, growth: number, year: number): number {
  const t = (year - YEARS[0]) / (YEARS[YEARS.length - 1] - YEARS[0]);
  const noise = t === 0 || t === 1 ? 1 : rng.between(0.985, 1.015);
  return base * (1 + (growth - 1) * t) * noise;
}

interface Table {
  file: string;
  title: string;
  notes: string[];
  columns: string[];
  cell: (municipality: number, year: number) => string[];
}

export async function writeBenchmark(out: string, rng: Rng): Promise<string[]> {
  const clientGrowth = [GROWTH_TARGETS.municipality.clients, ...otherGrowth(rng, (b) => b.wmoClients, GROWTH_TARGETS.region.clients, GROWTH_TARGETS.municipality.clients)];
  const spendGrowth = [GROWTH_TARGETS.municipality.spend, ...otherGrowth(rng, (b) => b.wmoSpend, GROWTH_TARGETS.region.spend, GROWTH_TARGETS.municipality.spend)];
  const series = (pick: (b: Base) => number, growth: (m: number) => number, round: (n: number) => number) =>
    BASES.map((b, m) => new Map(YEARS.map((y) => [y, round(path(rng, pick(b), growth(m), y))])));
  const inhabitants = series((b) => b.inhabitants, () => 1.03, Math.round);
  const wmoClients = series((b) => b.wmoClients, (m) => clientGrowth[m], round5);
  const wmoSpend = series((b) => b.wmoSpend, (m) => spendGrowth[m], Math.round);
  // Youth care: the 2021 definition change lifts the level by about 12% from that year on.
  const youthClients = series((b) => b.youthClients, () => 1.1, (n) => round5(n));
  const youthSpend = series((b) => b.youthSpend, () => 1.2, Math.round);
  const youthResidential = BASES.map((b) => new Map(YEARS.map((y) => [y, round5(b.youthClients * 0.045 * rng.between(0.8, 1.2))])));
  const youthLevel = (y: number) => (y >= 2021 ? 1.12 : 1);

  const tables: Table[] = [
    {
      file: "benchmark/cbs-bevolking.csv", title: "Bevolking; kerncijfers, regio",
      notes: [], columns: ["Bevolking op 1 januari (aantal)"],
      cell: (m, y) => [String(inhabitants[m].get(y))]
    },
    {
      file: "benchmark/cbs-wmo-clienten.csv", title: "Wmo-cliënten met een maatwerkvoorziening; regio",
      notes: ["Aantallen zijn afgerond op vijftallen."], columns: ["Wmo-cliënten met maatwerkvoorziening (aantal)"],
      cell: (m, y) => [String(wmoClients[m].get(y))]
    },
    {
      file: "benchmark/cbs-jeugdhulp.csv", title: "Jongeren met jeugdzorg in natura; regio",
      notes: ["Trendbreuk: vanaf 2021 is de definitie van jeugdhulp gewijzigd; cijfers vanaf 2021 zijn niet vergelijkbaar met eerdere jaren.", "Aantallen zijn afgerond op vijftallen; kleine aantallen zijn weergegeven als '.'."],
      columns: ["Jongeren met jeugdhulp (aantal)", "Jongeren met jeugdhulp met verblijf (aantal)"],
      cell: (m, y) => {
        const residential = youthResidential[m].get(y)!;
        return [String(round5(youthClients[m].get(y)! * youthLevel(y))), residential < 25 ? "." : String(residential)];
      }
    },
    {
      file: "benchmark/cbs-kosten-sociaal-domein.csv", title: "Gerealiseerde kosten Wmo en jeugdzorg; regio (x 1 000 euro)",
      notes: ["Trendbreuk jeugdzorg in 2021."], columns: ["Kosten Wmo-maatwerkvoorzieningen (x 1 000 euro)", "Kosten jeugdzorg (x 1 000 euro)"],
      cell: (m, y) => [String(wmoSpend[m].get(y)), y === 2025 && m === 3 ? "." : String(Math.round(youthSpend[m].get(y)! * youthLevel(y)))]
    }
  ];

  for (const t of tables) {
    const lines = [
      quoted(t.title),
      quoted("Gewijzigd op 12 december 2025."),
      ...t.notes.map(quoted),
      quoted(""),
      ["Regiocode", "Regio's", "Perioden", ...t.columns].map(quoted).join(";")
    ];
    REGION.forEach((g, m) => {
      for (const y of YEARS) lines.push([`GM${g.code}`.padEnd(10), g.name, `${y}${PROVISIONAL.has(y) ? "*" : ""}`, ...t.cell(m, y)].map(quoted).join(";"));
    });
    lines.push(quoted(""), quoted("* voorlopige cijfers"), quoted("Bron: CBS"));
    await writeText(join(out, t.file), lines.join("\r\n") + "\r\n");
  }
  return tables.map((t) => t.file);
}
