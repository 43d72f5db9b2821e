/**
 * summariseTriad (lib/methods/triad-summary.ts) without the CLI: group bookkeeping, the zero
 * policies and which groups enter the test. Reference means and Hotelling values: reference.py on
 * test/fixtures/model-stories/tiny.json (numpy 2.4.6, scipy 1.17.1).
 */
import {readFileSync} from "node:fs";
import {describe, expect, it} from "vitest";
import {summariseTriad, type TriadAnswer} from "../lib/methods/triad-summary.js";

const fixture = JSON.parse(readFileSync(new URL("./fixtures/model-stories/tiny.json", import.meta.url), "utf8"));
const answers: TriadAnswer[] = fixture.triad_answers.filter((a: {signifier_id: string}) => a.signifier_id === "tr-nadruk");
const roleLabel: Record<string, string> = {"o-inw": "inwoner", "o-med": "medewerker"};
const role = new Map<string, string>(
  fixture.choice_answers.filter((c: {signifier_id: string}) => c.signifier_id === "q-rol").map((c: {story_id: string; option_id: string}) => [c.story_id, roleLabel[c.option_id]])
);

describe("summariseTriad", () => {
  it("groups by the given labels in the given order and counts the dots without a group", () => {
    const s = summariseTriad(answers, {groupOf: role, groupOrder: ["medewerker", "inwoner"]});
    expect(s.groups.map((g) => [g.group, g.n, g.n_na, g.n_skipped])).toEqual([["medewerker", 7, 0, 1], ["inwoner", 6, 1, 0]]);
    expect(s.n_without_group).toBe(1);
    // reference.py, zeros=replace delta=0.005
    const inw = s.groups[1].geometric_mean!;
    expect([inw.top, inw.left, inw.right].map((x) => Number(x.toFixed(5)))).toEqual([8.41661, 32.92238, 58.66101]);
    expect(s.test?.test).toBe("hotelling-t2");
    expect(s.test_groups).toEqual(["medewerker", "inwoner"]);
    if (s.test?.test === "hotelling-t2") expect(s.test.t2).toBeCloseTo(9.274185113571582, 9);
  });

  it("tests only the groups with usable answers: a group with only N/A keeps its row but stays out", () => {
    const withOther = new Map(role).set("s07", "anders");
    const s = summariseTriad(answers, {groupOf: withOther, groupOrder: ["inwoner", "medewerker", "anders"]});
    expect(s.groups.map((g) => [g.group, g.n, g.n_na])).toEqual([["inwoner", 6, 0], ["medewerker", 7, 0], ["anders", 0, 1]]);
    expect(s.groups[2].geometric_mean).toBeNull();
    expect(s.test?.test).toBe("hotelling-t2");
    expect(s.test_groups).toEqual(["inwoner", "medewerker"]);
  });

  it("drop leaves the answers with a part below delta out of both means and returns the stories used", () => {
    const s = summariseTriad(answers, {groupOf: role, zeroPolicy: {kind: "drop", delta: 0.005}});
    const inw = s.groups.find((g) => g.group === "inwoner")!;
    expect([inw.n, inw.n_used, inw.n_zero_parts]).toEqual([6, 5, 1]);
    expect(inw.story_ids).toEqual(["s01", "s02", "s03", "s05", "s06"]);
    // reference.py, zeros=drop: arithmetic mean of inwoner (16, 30, 54)
    expect(inw.arithmetic_mean!.top).toBeCloseTo(16, 10);
    expect(inw.arithmetic_mean!.right).toBeCloseTo(54, 10);
    expect(s.zero_policy_description).toContain("weggelaten");
  });

  it("clamps a dot just outside the triangle, counts invalid rows as skipped, and summarises no answers", () => {
    const s = summariseTriad([
      {story_id: "a", status: "answered", top: 0.5, left: 0.5, right: -0.01},
      {story_id: "b", status: "invalid", top: null, left: null, right: null},
      {story_id: "c", status: "answered", top: null, left: null, right: null}
    ], {zeroPolicy: {kind: "replace", delta: 0.01}});
    expect(s.groups).toHaveLength(1);
    const g = s.groups[0];
    expect([g.group, g.n, g.n_skipped, g.n_zero_parts]).toEqual([null, 1, 2, 1]);
    // Clamped to (0.5, 0.5, 0) and replaced: (0.495, 0.495, 0.01).
    expect(g.geometric_mean!.right).toBeCloseTo(1, 10);
    expect(g.geometric_mean!.top).toBeCloseTo(49.5, 10);
    expect(s.test).toBeNull();
    expect(summariseTriad([]).groups).toEqual([expect.objectContaining({group: null, n: 0, geometric_mean: null})]);
  });
});
