// Growth against peers: which statistics-office measures make an indicator
// (lib/methods/peer-indicators.ts), the benchmark rows read from the model (lib/model/queries/peers.ts)
// and the index to a base year with provisional values and series breaks marked
// (lib/methods/peers.ts). A hand-made benchmark table of four municipalities; every expected figure
// is worked out by hand in the comments.
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {mkdtempSync, rmSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {writeModelTables, type Value} from "./fixtures/model-small/build.js";
import {openModel, type Model} from "../lib/model/queries/model.js";
import {benchmarkMeasures, benchmarkRows} from "../lib/model/queries/peers.js";
import {measureScale, peerIndicators, totalGrowth} from "../lib/methods/peer-indicators.js";
import {peerIndex, seriesBreakYears, type BenchmarkRow, type PeerOptions} from "../lib/methods/peers.js";

describe("peer indicators from the measure names", () => {
  const POP = "Bevolking op 1 januari (aantal)";
  const WMO = "Wmo-cliënten met maatwerkvoorziening (aantal)";
  const WMO_COST = "Kosten Wmo-maatwerkvoorzieningen (x 1 000 euro)";
  const YOUTH = "Jongeren met jeugdhulp (aantal)";
  const YOUTH_STAY = "Jongeren met jeugdhulp met verblijf (aantal)";
  const YOUTH_COST = "Kosten jeugdzorg (x 1 000 euro)";

  it("finds clients per 1,000 inhabitants and spend per inhabitant for Wmo and youth care", () => {
    // Youth care with a stay is a subset, never the count: listed first, it must still be passed over.
    const found = peerIndicators([YOUTH_STAY, YOUTH, WMO_COST, POP, YOUTH_COST, WMO]);
    expect(found.map((i) => [i.id, i.numerator, i.denominator, i.per, i.scale])).toEqual([
      ["wmo-clienten", WMO, POP, 1000, 1],
      ["wmo-kosten", WMO_COST, POP, 1, 1000],
      ["jeugd-clienten", YOUTH, POP, 1000, 1],
      ["jeugd-kosten", YOUTH_COST, POP, 1, 1000]
    ]);
    expect(peerIndicators([WMO, WMO_COST])).toEqual([]); // nothing to divide by
    expect(peerIndicators([POP, YOUTH_STAY])).toEqual([]);
  });

  it("never takes a figure that is already a rate as the count or the population", () => {
    // Dividing "per 1 000 inwoners" by the population again would give nonsense; so would dividing
    // by inhabitants per km2.
    const measures = ["Bevolkingsdichtheid (aantal inwoners per km²)", POP, "Wmo-cliënten per 1 000 inwoners", WMO, "Kosten Wmo per inwoner (euro)", WMO_COST];
    expect(peerIndicators(measures).map((i) => [i.numerator, i.denominator])).toEqual([[WMO, POP], [WMO_COST, POP]]);
    expect(peerIndicators(["Bevolkingsdichtheid (aantal inwoners per km²)", "Wmo-cliënten per 1 000 inwoners", WMO])).toEqual([]);
    expect(peerIndicators([POP, "Wmo-cliënten per 1 000 inwoners", "Kosten Wmo per inwoner (euro)"])).toEqual([]);
  });

  it("reads the unit multiplier from the measure name", () => {
    expect(measureScale("Kosten (x 1 000 euro)")).toBe(1000);
    expect(measureScale("Kosten (x 1.000 euro)")).toBe(1000);
    expect(measureScale("Kosten (x1000 euro)")).toBe(1000);
    expect(measureScale("Lasten (x 1 000 000 euro)")).toBe(1_000_000);
    expect(measureScale("Kosten (euro)")).toBe(1);
    expect(measureScale(YOUTH)).toBe(1);
  });

  it("reads the other unit spellings of the statistics office", () => {
    // Millions as a word, with or without the 1 (StatLine "x 1 mln euro", "x mln euro").
    expect(measureScale("Lasten (x 1 mln euro)")).toBe(1_000_000);
    expect(measureScale("Lasten (x mln euro)")).toBe(1_000_000);
    expect(measureScale("Lasten (x 1 miljoen euro)")).toBe(1_000_000);
    expect(measureScale("Lasten (x 1 mld euro)")).toBe(1_000_000_000);
    // A count in thousands, without a currency; a non-breaking space as the thousands separator.
    expect(measureScale("Bevolking (x 1.000)")).toBe(1000);
    expect(measureScale("Bevolking (x 1 000)")).toBe(1000);
    expect(measureScale("Kosten (x\u00a01\u00a0000 euro)")).toBe(1000);
    // formats.md's "x EUR 1,000", and the multiplication sign.
    expect(measureScale("Kosten jeugdzorg (x EUR 1,000)")).toBe(1000);
    expect(measureScale("Kosten (× € 1 000)")).toBe(1000);
    // A bracketed money unit without the x.
    expect(measureScale("Kosten (1 000 euro)")).toBe(1000);
    expect(measureScale("Kosten (mln euro)")).toBe(1_000_000);
    // Not a unit: a year in brackets, an x inside a word, a rate.
    expect(measureScale("Bevolking (2015)")).toBe(1);
    expect(measureScale("Max1000 (aantal)")).toBe(1);
    expect(measureScale("Wmo-cliënten per 1 000 inwoners")).toBe(1);
  });

  it("carries the units into the indicator, for the population too", () => {
    const found = peerIndicators(["Bevolking op 1 januari (x 1 000)", "Kosten Wmo (x 1 mln euro)", WMO]);
    expect(found.map((i) => [i.id, i.scale, i.denominator_scale])).toEqual([["wmo-clienten", 1, 1000], ["wmo-kosten", 1_000_000, 1000]]);
  });

  it("sums plain totals over the municipalities with a value in both years", () => {
    const rows = [
      {gemeente: "A", year: 2020, measure: "n", value: 100}, {gemeente: "A", year: 2022, measure: "n", value: 130},
      {gemeente: "B", year: 2020, measure: "n", value: 50}, {gemeente: "B", year: 2022, measure: "n", value: null}, // suppressed
      {gemeente: "C", year: 2020, measure: "n", value: 50}, {gemeente: "C", year: 2022, measure: "n", value: 70},
      {gemeente: "D", year: 2022, measure: "n", value: 40}, // new in 2022
      {gemeente: "A", year: 2022, measure: "other", value: 1e6}
    ];
    // A and C only: 100 + 50 = 150 -> 130 + 70 = 200; 200 / 150 - 1 = 0.3333.
    const g = totalGrowth(rows, "n", ["A", "B", "C", "D", "E"], 2020, 2022);
    expect(g).toMatchObject({from: 2020, to: 2022, gemeenten: ["A", "C"], total_from: 150, total_to: 200});
    expect(g.growth).toBeCloseTo(1 / 3, 12);
    expect(totalGrowth(rows, "n", ["D"], 2020, 2022)).toMatchObject({gemeenten: [], total_from: 0, growth: null});
  });
});

// Benchmark: [gemeente, gemeente_name, year, measure, value, status, series_break]. Clients and
// inhabitants; every 2021 client row carries the series break (youth care definitions change).
const CL = "clienten";
const INH = "inwoners";
const cell = (gemeente: string | null, year: number, measure: string, value: number | null, status = "definitief"): Value[] =>
  [gemeente, gemeente === null ? "Nederland" : `Gemeente ${gemeente}`, year, measure, value, status, measure === CL && year === 2021];
const BENCHMARK: Value[][] = [
  // 0001 (own): 90/10000, 100/10000, 120/10000, 143/11000 x 1000 = 9, 10, 12, 13; 2022 provisional.
  cell("0001", 2019, CL, 90), cell("0001", 2019, INH, 10000),
  cell("0001", 2020, CL, 100), cell("0001", 2020, INH, 10000),
  cell("0001", 2021, CL, 120), cell("0001", 2021, INH, 10000),
  cell("0001", 2022, CL, 143, "voorlopig"), cell("0001", 2022, INH, 11000, "voorlopig"),
  // 0002: 200, 220, 242, 264 per 20000 -> 10, 11, 12.1, 13.2.
  ...[[2019, 200], [2020, 220], [2021, 242], [2022, 264]].flatMap(([y, n]) => [cell("0002", y, CL, n), cell("0002", y, INH, 20000)]),
  // 0003: 2020 suppressed ('.'), so no base: left out of the group in every year.
  cell("0003", 2019, CL, 50), cell("0003", 2019, INH, 5000),
  cell("0003", 2020, CL, null, "onbekend"), cell("0003", 2020, INH, 5000),
  cell("0003", 2021, CL, 60), cell("0003", 2021, INH, 5000),
  cell("0003", 2022, CL, 65), cell("0003", 2022, INH, 5000),
  // 0004: 2019 population 0 (bad cell: no rate); 30, 34, 36 per 2000 -> 15, 17, 18; 2022 provisional.
  cell("0004", 2019, CL, 28), cell("0004", 2019, INH, 0),
  cell("0004", 2020, CL, 30), cell("0004", 2020, INH, 2000),
  cell("0004", 2021, CL, 34), cell("0004", 2021, INH, 2000),
  cell("0004", 2022, CL, 36, "voorlopig"), cell("0004", 2022, INH, 2000),
  // The national total has no municipality code: never a row of the comparison.
  cell(null, 2020, CL, 1e6), cell(null, 2020, INH, 1.8e7),
  cell("0001", 2020, "kosten", 1234)
];

describe("index against peers", () => {
  const root = mkdtempSync(join(tmpdir(), "warmkoud-peers-"));
  let model: Model;
  let rows: BenchmarkRow[];
  const options: PeerOptions = {gemeente: "0001", peers: ["0002", "0003", "0004"], numerator: CL, denominator: INH, per: 1000, baseYear: 2020};

  beforeAll(async () => {
    await writeModelTables(root, [{
      name: "benchmark", columns: ["gemeente", "gemeente_name", "year", "measure", "value", "status", "series_break"], rows: BENCHMARK, constants: {table_id: "test"}
    }]);
    model = await openModel(root);
    rows = await benchmarkRows(model, [CL, INH]);
  });
  afterAll(() => {
    model?.close();
    rmSync(root, {recursive: true, force: true});
  });

  it("reads the rows of the chosen measures, without national totals, and lists the measures", async () => {
    // 4 municipalities x 4 years x 2 measures = 32 rows; the national rows and "kosten" are left out.
    expect(rows).toHaveLength(32);
    expect(rows.every((r) => r.gemeente !== null && (r.measure === CL || r.measure === INH))).toBe(true);
    expect(rows.find((r) => r.gemeente === "0001" && r.year === 2022 && r.measure === CL)).toEqual({
      gemeente: "0001", gemeente_name: "Gemeente 0001", year: 2022, measure: CL, value: 143, status: "voorlopig", series_break: false
    });
    expect(await benchmarkRows(model, [])).toEqual([]);
    // The national total is not a municipality; "kosten" has one year for one municipality.
    expect(await benchmarkMeasures(model)).toEqual([
      {table_id: "test", measure: CL, first_year: 2019, last_year: 2022, gemeenten: 4},
      {table_id: "test", measure: INH, first_year: 2019, last_year: 2022, gemeenten: 4},
      {table_id: "test", measure: "kosten", first_year: 2020, last_year: 2020, gemeenten: 1}
    ]);
  });

  it("indexes the municipality's clients per 1,000 inhabitants to the base year", () => {
    const points = peerIndex(rows, options);
    expect(points.map((p) => p.year)).toEqual([2019, 2020, 2021, 2022]);
    // 9, 10, 12, 13 against 10: 90, 100, 120, 130.
    [[9, 90], [10, 100], [12, 120], [13, 130]].forEach(([value, index], i) => {
      expect(points[i].municipality.value).toBeCloseTo(value, 9);
      expect(points[i].municipality.index).toBeCloseTo(index, 9);
    });
  });

  it("averages the peers that have the year and the base year", () => {
    const peers = peerIndex(rows, options).map((p) => p.peers);
    // 2019: 0002 alone (0003 has no base, 0004 no 2019 rate): 10 against its base 11 -> 90.909.
    expect(peers[0].n).toBe(1);
    expect(peers[0].value).toBeCloseTo(10, 9);
    expect(peers[0].index).toBeCloseTo((10 / 11) * 100, 9);
    // 2020: (11 + 15) / 2 = 13 -> 100; 2021: (12.1 + 17) / 2 = 14.55 -> 111.923;
    // 2022: (13.2 + 18) / 2 = 15.6 -> 120.
    [[13, 100], [14.55, (14.55 / 13) * 100], [15.6, 120]].forEach(([value, index], i) => {
      expect(peers[i + 1].n).toBe(2);
      expect(peers[i + 1].value).toBeCloseTo(value, 9);
      expect(peers[i + 1].index).toBeCloseTo(index, 9);
    });
  });

  it("pools the peers as one group when asked", () => {
    const peers = peerIndex(rows, {...options, aggregate: "pooled"}).map((p) => p.peers);
    // 2021: (242 + 34) / (20000 + 2000) x 1000 = 12.545; base (220 + 30) / 22000 x 1000 = 11.364;
    // index 276 / 250 x 100 = 110.4.
    expect(peers[2].value).toBeCloseTo((276 / 22000) * 1000, 9);
    expect(peers[2].index).toBeCloseTo(110.4, 9);
  });

  it("marks provisional values, the series break and comparisons across it", () => {
    const points = peerIndex(rows, options);
    const flags = (s: {provisional: boolean; series_break: boolean; across_break: boolean}) => [s.provisional, s.series_break, s.across_break];
    // Break in 2021: 2019 and 2020 against 2020 do not cross it; 2021 and 2022 do.
    // Provisional: 0001's and 0004's 2022 figures.
    expect(points.map((p) => flags(p.municipality))).toEqual([
      [false, false, false], [false, false, false], [false, true, true], [true, false, true]
    ]);
    expect(points.map((p) => flags(p.peers))).toEqual([
      [false, false, false], [false, false, false], [false, true, true], [true, false, true]
    ]);
  });

  it("marks every index as provisional when the base year is", () => {
    const points = peerIndex(rows, {...options, baseYear: 2022});
    // Base 13 (provisional): 9/13, 10/13, 12/13 x 100 = 69.23, 76.92, 92.31 all rest on a provisional
    // figure. Peers: 2020-2022 include 0004, whose 2022 base (18) is provisional; 2019 has 0002 and
    // 0003 (which now has its base), both definitive. 2019 and 2020 against 2022 cross the 2021 break.
    expect(points[0].municipality.index).toBeCloseTo((9 / 13) * 100, 9);
    expect(points.map((p) => p.municipality.provisional)).toEqual([true, true, true, true]);
    expect(points.map((p) => p.peers.provisional)).toEqual([false, true, true, true]);
    expect(points.map((p) => p.peers.n)).toEqual([2, 2, 3, 3]);
    expect(points.map((p) => p.municipality.across_break)).toEqual([true, true, false, false]);
  });

  it("gives values but no index without a base year, and nothing for a municipality without figures", () => {
    const points = peerIndex(rows, {...options, baseYear: 2015});
    expect(points.map((p) => p.municipality.index)).toEqual([null, null, null, null]);
    expect(points[1].municipality.value).toBeCloseTo(10, 9);
    expect(points.map((p) => p.peers.n)).toEqual([0, 0, 0, 0]);
    expect(points[0].peers).toMatchObject({value: null, index: null, provisional: false});
    const unknown = peerIndex(rows, {...options, gemeente: "9999", peers: []});
    // No rows of its own and no peers: the 2021 break of the others is not its break.
    expect(unknown[3].municipality).toEqual({value: null, index: null, provisional: false, series_break: false, across_break: false});
  });

  it("takes series breaks only from the municipality and its chosen peers", () => {
    // BENCHMARK flags 2021 for every municipality; here only 0003's 2020 clients also carry a break.
    const marked = rows.map((r) => (r.gemeente === "0003" && r.year === 2020 && r.measure === CL ? {...r, series_break: true} : r));
    expect(seriesBreakYears(marked, options)).toEqual([2020, 2021]);
    // Without 0003 among the peers its 2020 break is not this comparison's.
    const without = {...options, peers: ["0002", "0004"]};
    expect(seriesBreakYears(marked, without)).toEqual([2021]);
    // Against base 2019: 2020 crosses a break only while 0003 is a peer (break in 2020, 2019 < 2020 <= 2020).
    expect(peerIndex(marked, {...options, baseYear: 2019})[1].municipality.across_break).toBe(true);
    expect(peerIndex(marked, {...without, baseYear: 2019})[1].municipality.across_break).toBe(false);
    // Only 0001 and 0003's figures without breaks of their own: none at all.
    const quiet = marked.map((r) => (r.gemeente === "0003" ? {...r, series_break: false} : r.gemeente === "0001" ? {...r, series_break: null} : r));
    expect(seriesBreakYears(quiet, {...options, peers: ["0003"]})).toEqual([]);
    expect(peerIndex(quiet, {...options, peers: ["0003"]}).map((p) => p.municipality.across_break)).toEqual([false, false, false, false]);
  });

  it("gives a rate per inhabitant from a population in thousands", () => {
    const spend: BenchmarkRow[] = [
      {gemeente: "0001", gemeente_name: null, year: 2020, measure: "k", value: 1.5, status: null, series_break: null}, // x 1 mln euro
      {gemeente: "0001", gemeente_name: null, year: 2020, measure: INH, value: 10, status: null, series_break: null} // x 1 000
    ];
    // 1.5 x 1 000 000 euro / (10 x 1 000) inhabitants = 150 euro per inhabitant.
    const points = peerIndex(spend, {gemeente: "0001", peers: [], numerator: "k", denominator: INH, scale: 1_000_000, denominatorScale: 1000, baseYear: 2020});
    expect(points[0].municipality.value).toBeCloseTo(150, 9);
  });

  it("gives spend per inhabitant from figures in x EUR 1,000", () => {
    const spend: BenchmarkRow[] = [2020, 2021].flatMap((year, i) => [
      {gemeente: "0001", gemeente_name: null, year, measure: "k", value: [1500, 1800][i], status: null, series_break: null},
      {gemeente: "0001", gemeente_name: null, year, measure: INH, value: 10000, status: null, series_break: null}
    ]);
    // 1500 x 1000 / 10000 = 150 euro per inhabitant; 1800 x 1000 / 10000 = 180 -> index 120.
    const points = peerIndex(spend, {gemeente: "0001", peers: [], numerator: "k", denominator: INH, scale: 1000, baseYear: 2020});
    expect(points[0].municipality.value).toBeCloseTo(150, 9);
    expect(points[1].municipality.value).toBeCloseTo(180, 9);
    expect(points[1].municipality.index).toBeCloseTo(120, 9);
  });
});
