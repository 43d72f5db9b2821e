import {describe, expect, it} from "vitest";
import {memoPerList, memoPerObject} from "../lib/memo.js";
import {applyZeroPolicy, summariseIlr, type Composition} from "../lib/methods/compositional.js";
import {hotellingTwoSample} from "../lib/methods/groups.js";
import {summariseTriad} from "../lib/methods/triad-summary.js";

describe("memoPerObject", () => {
  it("computes once per object, also when the result is null", () => {
    const calls: object[] = [];
    const f = memoPerObject((o: {v: number | null}) => {
      calls.push(o);
      return o.v === null ? null : o.v * 2;
    });
    const a = {v: 2};
    const b = {v: 2};
    const none = {v: null};
    expect([f(a), f(a), f(b), f(none), f(none)]).toEqual([4, 4, 4, null, null]);
    // a and b are equal but different objects: each computed once.
    expect(calls).toEqual([a, b, none]);
    expect(calls[0]).toBe(a);
    expect(calls[1]).toBe(b);
  });
});

describe("memoPerList", () => {
  const sum = (calls: unknown[][]) => (list: readonly {v: number}[], scale: number) => {
    calls.push([...list]);
    return list.reduce((s, o) => s + o.v * scale, 0);
  };

  it("reuses a result only for the same objects in the same order and the same setting", () => {
    const calls: unknown[][] = [];
    const f = memoPerList(sum(calls));
    const [a, b, c] = [{v: 1}, {v: 2}, {v: 2}];
    expect(f([a, b], 1)).toBe(3);
    expect(f([a, b], 1)).toBe(3); // a new array with the same objects: kept
    expect(calls).toHaveLength(1);
    expect(f([a, c], 1)).toBe(3); // equal values, another object: computed
    expect(f([b, a], 1)).toBe(3); // another order: computed
    expect(f([a, b], 2)).toBe(6); // another setting: computed
    expect(f([a], 1)).toBe(1); // a shorter list: computed
    expect(calls).toHaveLength(5);
  });

  it("keeps a copy of the list, so a caller refilling its array gets a fresh result", () => {
    const calls: unknown[][] = [];
    const f = memoPerList(sum(calls));
    const list = [{v: 1}];
    expect(f(list, 1)).toBe(1);
    list.push({v: 5});
    expect(f(list, 1)).toBe(6);
    expect(calls).toHaveLength(2);
  });

  it("drops the least recently used result beyond `keep`", () => {
    const calls: unknown[][] = [];
    const f = memoPerList(sum(calls), {keep: 2});
    const [a, b, c] = [[{v: 1}], [{v: 2}], [{v: 3}]];
    f(a, 1);
    f(b, 1);
    f(a, 1); // a used last: b is the oldest now
    f(c, 1); // drops b
    expect(calls).toHaveLength(3);
    f(a, 1);
    expect(calls).toHaveLength(3);
    f(b, 1);
    expect(calls).toHaveLength(4);
  });

  it("gives the kept statistics the same values as a fresh computation", () => {
    // Fresh objects with equal values miss the cache, so the second call computes anew.
    const parts: [number, number, number][] = [[0.2, 0.3, 0.5], [0.6, 0.3, 0.1], [0.4, 0.4, 0.2], [0, 0.5, 0.5], [0.1, 0.1, 0.8]];
    const fresh = (): Composition[] => parts.map((p) => [...p] as Composition);
    const xs = fresh();
    const first = summariseIlr(applyZeroPolicy(xs).compositions);
    expect(summariseIlr(applyZeroPolicy(xs).compositions)).toBe(first);
    expect(summariseIlr(applyZeroPolicy(fresh()).compositions)).toEqual(first);
    expect(applyZeroPolicy(xs, {kind: "drop", delta: 0.005}).dropped).toBe(1); // the policy is part of the key
    // Hotelling reads the kept summaries: its result equals one on fresh, uncached groups.
    const [g1, g2] = [xs.slice(0, 3), xs.slice(2)];
    summariseIlr(applyZeroPolicy(g1).compositions);
    expect(hotellingTwoSample(applyZeroPolicy(g1).compositions, applyZeroPolicy(g2).compositions))
      .toEqual(hotellingTwoSample(applyZeroPolicy(fresh().slice(0, 3)).compositions, applyZeroPolicy(fresh().slice(2)).compositions));
  });

  it("keeps a triad summary per list of answers, grouping function and policy", () => {
    const answers = [[0.2, 0.3, 0.5], [0.6, 0.3, 0.1], [0.4, 0.4, 0.2], [0.3, 0.3, 0.4], [0.1, 0.1, 0.8], [0.5, 0.2, 0.3]]
      .map(([top, left, right], i) => ({story_id: `s${i}`, status: "answered" as const, top, left, right}));
    const byHalf = (a: {story_id: string}) => (Number(a.story_id.slice(1)) < 3 ? "a" : "b");
    const first = summariseTriad(answers, {groupOf: byHalf});
    expect(summariseTriad([...answers], {groupOf: byHalf})).toBe(first);
    // Another function (even one that groups alike) or another policy is computed anew.
    const again = summariseTriad(answers, {groupOf: (a) => byHalf(a)});
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
    expect(summariseTriad(answers, {groupOf: byHalf, zeroPolicy: {kind: "drop", delta: 0.01}})).not.toBe(first);
    expect(summariseTriad(answers.slice(1), {groupOf: byHalf}).groups[0].n).toBe(2);
    // The group order and the permutation settings are part of the key too.
    expect(summariseTriad(answers, {groupOf: byHalf, groupOrder: ["b", "a"]}).groups.map((g) => g.group)).toEqual(["b", "a"]);
    const byThird = (a: {story_id: string}) => ["x", "y", "z"][Number(a.story_id.slice(1)) % 3];
    const seeded = summariseTriad(answers, {groupOf: byThird, permutation: {seed: 1, permutations: 99}});
    const other = summariseTriad(answers, {groupOf: byThird, permutation: {seed: 1, permutations: 199}});
    expect(other).not.toBe(seeded);
    expect(other.test?.test).toBe(seeded.test?.test);
  });
});
