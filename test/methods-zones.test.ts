import {describe, expect, it} from "vitest";
import {DYAD_BANDS, dyadBand, dyadBandIndex, TRIAD_ZONES, triadZone, type TriadZone} from "../lib/methods/zones.js";

/** The zone rules of methods.md written out directly, on integer percentages (exact arithmetic). */
function zonesByDefinition(top: number, left: number, right: number): TriadZone[] {
  const parts = [top, left, right];
  const mid = (v: number) => v >= 20 && v < 60;
  const zones: TriadZone[] = [];
  (["T", "L", "R"] as const).forEach((name, i) => parts[i] >= 60 && zones.push(name));
  if (parts.every(mid)) zones.push("Centre");
  const sides: [TriadZone, number, number, number][] = [["TL", 0, 1, 2], ["TR", 0, 2, 1], ["LR", 1, 2, 0]];
  for (const [name, a, b, third] of sides) {
    if (mid(parts[a]) && mid(parts[b]) && parts[third] < 20) zones.push(name);
  }
  return zones;
}

describe("triad zones", () => {
  it.each([
    [[0.6, 0.2, 0.2], "T"], [[1, 0, 0], "T"], [[0.2, 0.6, 0.2], "L"], [[0.2, 0.2, 0.6], "R"], [[0, 0.35, 0.65], "R"],
    [[0.5, 0.4, 0.1], "TL"], [[0.5, 0.1, 0.4], "TR"], [[0.1, 0.5, 0.4], "LR"], [[0, 0.5, 0.5], "LR"],
    [[0.4, 0.41, 0.19], "TL"], [[0.4, 0.4, 0.2], "Centre"], [[0.59, 0.21, 0.2], "Centre"], [[1 / 3, 1 / 3, 1 / 3], "Centre"]
  ] as const)("%j is %s", (x, zone) => {
    expect(triadZone(x)).toBe(zone);
  });
  it("accepts percentages and other scales (closure invariance)", () => {
    expect(triadZone([60, 20, 20])).toBe("T");
    expect(triadZone([55, 30, 15])).toBe("TL");
    expect(triadZone([3, 3, 4])).toBe("Centre");
  });
  it("puts parts on a boundary on the side the rules say, despite rounding in closure", () => {
    // 0.6 + 0.2 + 0.2 and 0.1 + 0.7 + 0.2 are not exactly 1 in floating point.
    expect(triadZone([0.1 + 0.5, 0.2, 0.2])).toBe("T");
    expect(triadZone([0.1, 0.7, 0.2])).toBe("L");
    expect(triadZone([0.2, 0.4, 0.4])).toBe("Centre");
  });
  it("gives every composition on a 1% grid exactly one zone, the one the rules define", () => {
    for (let top = 0; top <= 100; top++) {
      for (let left = 0; left <= 100 - top; left++) {
        const right = 100 - top - left;
        const expected = zonesByDefinition(top, left, right);
        expect(expected).toHaveLength(1);
        expect(triadZone([top / 100, left / 100, right / 100])).toBe(expected[0]);
      }
    }
  });
  it("lists the seven zone names", () => {
    expect([...TRIAD_ZONES].sort()).toEqual(["Centre", "L", "LR", "R", "T", "TL", "TR"]);
  });
});

describe("dyad bands", () => {
  it.each([
    [0, "0-20"], [0.19999, "0-20"], [0.2, "20-40"], [0.39, "20-40"], [0.4, "40-60"], [0.5, "40-60"],
    [0.6, "60-80"], [0.1 + 0.7, "80-100"], [0.8, "80-100"], [1, "80-100"], [-0.01, "0-20"], [1.02, "80-100"]
  ] as const)("position %d is in band %s", (position, band) => {
    expect(dyadBand(position)).toBe(band);
  });
  it("numbers the five bands 0..4 in order", () => {
    expect(DYAD_BANDS).toHaveLength(5);
    expect([0.1, 0.3, 0.5, 0.7, 0.9].map(dyadBandIndex)).toEqual([0, 1, 2, 3, 4]);
  });
  it("rejects a missing position", () => {
    expect(() => dyadBand(Number.NaN)).toThrow(RangeError);
  });
});
