/**
 * `warmkoud stats triads` end to end: the tiny story model of test/fixtures/model-stories/tiny.json
 * written to Parquet, the CLI run as a child process, its JSON compared with values computed
 * independently by test/fixtures/model-stories/reference.py (python3 3.x, numpy 2.4.6, scipy 1.17.1;
 * inputs: tiny.json; means in percent, Hotelling T^2 / F / p with scipy.stats.f.sf, the
 * Lawley-Hotelling trace (N - k) tr(W^-1 B)).
 */
import {execFile} from "node:child_process";
import {readFileSync, rmSync} from "node:fs";
import {promisify} from "node:util";
import {afterAll, beforeAll, describe, expect, it} from "vitest";
import {writeStoryModel} from "./fixtures/model-stories/write-model.js";

const run = promisify(execFile);
const fixture = JSON.parse(readFileSync(new URL("./fixtures/model-stories/tiny.json", import.meta.url), "utf8"));

interface Row {
  triad: string;
  title: string;
  labels: string[];
  group: string | null;
  n: number;
  n_na: number;
  n_skipped: number;
  n_used: number;
  n_without_group: number | null;
  zero_policy: {kind: string; delta: number; n_affected: number; description: string};
  arithmetic_mean: {top: number; left: number; right: number} | null;
  geometric_mean: {top: number; left: number; right: number} | null;
  hotelling: {t2: number; f: number; df1: number; df2: number; p: number; aitchison_distance: number} | null;
  permutation: {statistic: number; p: number; permutations: number; seed: number} | null;
}

let dir: string;

async function cli(...args: string[]): Promise<{stdout: string; stderr: string; code: number}> {
  try {
    const {stdout, stderr} = await run("node", ["bin/warmkoud.js", "stats", "triads", ...args], {maxBuffer: 1 << 24});
    return {stdout, stderr, code: 0};
  } catch (error) {
    const e = error as {stdout: string; stderr: string; code: number};
    return {stdout: e.stdout, stderr: e.stderr, code: e.code};
  }
}

async function json(...args: string[]): Promise<Row[]> {
  const out = await cli(dir, "--json", ...args);
  expect(out.stderr).toBe("");
  expect(out.code).toBe(0);
  return JSON.parse(out.stdout) as Row[];
}

const row = (rows: Row[], triad: string, group: string | null) => {
  const found = rows.filter((r) => r.triad === triad && r.group === group);
  expect(found).toHaveLength(1);
  return found[0];
};

function expectParts(actual: {top: number; left: number; right: number} | null, expected: [number, number, number]) {
  expect(actual).not.toBeNull();
  // The CLI rounds percentages to 2 decimals.
  expect(actual!.top).toBeCloseTo(expected[0], 2);
  expect(actual!.left).toBeCloseTo(expected[1], 2);
  expect(actual!.right).toBeCloseTo(expected[2], 2);
}

beforeAll(async () => {
  dir = await writeStoryModel(fixture);
});

afterAll(() => rmSync(dir, {recursive: true, force: true}));

describe("warmkoud stats triads --json", () => {
  it("without --by: one row per triad with counts and both means over all stories", async () => {
    const rows = await json();
    expect(rows.map((r) => [r.triad, r.group])).toEqual([["tr-nadruk", null], ["tr-leeg", null]]);
    const all = row(rows, "tr-nadruk", null);
    expect(all.title).toBe("Waar lag de nadruk?");
    expect(all.labels).toEqual(["kwaliteit van leven", "normaliseren", "socialiseren"]);
    // 14 dots; s07 N/A; s15 skipped and s17 without a row count as skipped.
    expect([all.n, all.n_na, all.n_skipped, all.n_used, all.n_without_group]).toEqual([14, 1, 2, 14, null]);
    expect(all.zero_policy).toMatchObject({kind: "multiplicative", delta: 0.005, n_affected: 2});
    // reference.py, zeros=replace delta=0.005, "all"
    expectParts(all.arithmetic_mean, [16.285714, 47.335714, 36.378571]);
    expectParts(all.geometric_mean, [14.393508, 53.640697, 31.965795]);
    expect(all.hotelling).toBeNull();
    const empty = row(rows, "tr-leeg", null);
    expect([empty.n, empty.n_na, empty.n_skipped]).toEqual([0, 16, 1]);
    expect(empty.geometric_mean).toBeNull();
    expect(empty.arithmetic_mean).toBeNull();
  });

  it("--by the short name: two groups, Hotelling on both rows, stories without a role counted", async () => {
    const rows = await json("--by", "rol");
    const inw = row(rows, "tr-nadruk", "inwoner");
    const med = row(rows, "tr-nadruk", "medewerker");
    expect(rows.filter((r) => r.triad === "tr-nadruk").map((r) => r.group)).toEqual(["inwoner", "medewerker"]);
    expect([inw.n, inw.n_na, inw.n_skipped, inw.n_without_group]).toEqual([6, 1, 0, 1]);
    expect([med.n, med.n_na, med.n_skipped, med.n_without_group]).toEqual([7, 0, 2, 1]);
    // reference.py, zeros=replace delta=0.005
    expectParts(inw.arithmetic_mean, [13.333333, 31.666667, 55]);
    expectParts(inw.geometric_mean, [8.416605, 32.922381, 58.661014]);
    expectParts(med.arithmetic_mean, [16.428571, 62.814286, 20.757143]);
    expectParts(med.geometric_mean, [16.014556, 69.093657, 14.891787]);
    for (const r of [inw, med]) {
      expect(r.hotelling).not.toBeNull();
      expect(r.hotelling!.t2).toBeCloseTo(9.274185113571582, 4);
      expect(r.hotelling!.f).toBeCloseTo(4.215538687987082, 4);
      expect([r.hotelling!.df1, r.hotelling!.df2]).toEqual([2, 10]);
      expect(r.hotelling!.p).toBeCloseTo(0.0470160769240456, 5);
      expect(r.hotelling!.aitchison_distance).toBeCloseTo(1.6860750832184135, 4);
      expect(r.permutation).toBeNull();
    }
    // The empty triad: groups with only N/A, no test.
    expect(row(rows, "tr-leeg", "inwoner").hotelling).toBeNull();
  });

  it("--zeros drop leaves out the answers with a part below delta, in means and test", async () => {
    const rows = await json("--by", "Wie vertelt?", "--zeros", "drop");
    const inw = row(rows, "tr-nadruk", "inwoner");
    const med = row(rows, "tr-nadruk", "medewerker");
    expect([inw.n, inw.n_used, inw.zero_policy.kind, inw.zero_policy.n_affected]).toEqual([6, 5, "drop", 1]);
    expect([med.n, med.n_used]).toEqual([7, 6]);
    // reference.py, zeros=drop delta=0.005
    expectParts(inw.arithmetic_mean, [16, 30, 54]);
    expectParts(inw.geometric_mean, [14.104714, 30.199989, 55.695297]);
    expectParts(med.geometric_mean, [14.827838, 61.167813, 24.004348]);
    expect(inw.hotelling!.t2).toBeCloseTo(25.6524532049033, 3);
    expect(inw.hotelling!.df2).toBe(8);
    expect(inw.hotelling!.p).toBeCloseTo(0.004550237810089663, 6);
  });

  it("--delta and a three-group question (title, any case): the permutation test instead", async () => {
    const rows = await json("--by", "DOMEIN", "--delta", "0.01");
    const groups = rows.filter((r) => r.triad === "tr-nadruk");
    expect(groups.map((r) => [r.group, r.n])).toEqual([["jeugd", 5], ["wmo", 5], ["participatie", 4]]);
    expect(groups[0].n_without_group).toBe(0);
    for (const r of groups) {
      expect(r.hotelling).toBeNull();
      expect(r.zero_policy.delta).toBe(0.01);
      // reference.py, zeros=replace delta=0.01: T0^2 by Domein
      expect(r.permutation!.statistic).toBeCloseTo(3.1350178466900664, 4);
      expect(r.permutation!.p).toBeGreaterThan(0);
      expect(r.permutation!.p).toBeLessThanOrEqual(1);
    }
  });
});

describe("warmkoud stats triads without --json and on bad input", () => {
  it("prints a Dutch table with the counts, the zero policy and the test", async () => {
    const out = await cli(dir, "--by", "rol");
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('Triade "Waar lag de nadruk?"');
    expect(out.stdout).toMatch(/inwoner\s+6\s+1\s+0\s+8,4% \/ 32,9% \/ 58,7%/);
    expect(out.stdout).toContain("multiplicatieve vervanging");
    expect(out.stdout).toContain('Zonder antwoord op "Wie vertelt?" (niet vergeleken): 1');
    expect(out.stdout).toContain("Hotelling T² = 9,27, F(2, 10) = 4,22, p = 0,047");
  });

  it("refuses a multi-select or unknown question and a bad zero policy with exit code 2", async () => {
    for (const args of [["--by", "Thema"], ["--by", "bestaat niet"], ["--zeros", "nul"], ["--delta", "0.5"]]) {
      const out = await cli(dir, ...args);
      expect(out.code, args.join(" ")).toBe(2);
      expect(out.stderr).toMatch(/^warmkoud stats triads: --/);
    }
  });
});
