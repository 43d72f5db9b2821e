import {describe, expect, it} from "vitest";
import {memoPerObject} from "../lib/memo.js";

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
