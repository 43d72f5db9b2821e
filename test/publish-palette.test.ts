import {describe, expect, it} from "vitest";
import {contrastRatio} from "../lib/publish/contrast.js";
import {ALL_EIGHT, categorical, needsOutline, OKABE_ITO, ROLES, SAFE_ON_WHITE} from "../lib/publish/palette.js";

describe("palette", () => {
  it("gives every named role a colour with at least 3:1 on white", () => {
    for (const [role, colour] of Object.entries(ROLES)) expect(contrastRatio(colour, "#FFFFFF"), role).toBeGreaterThanOrEqual(3);
  });
  it("keeps roles that meet in one chart apart", () => {
    expect(new Set([ROLES.inwoner, ROLES.medewerker]).size).toBe(2);
    expect(new Set([ROLES.vermeden, ROLES.blijftNodig, ROLES.nieuw]).size).toBe(3);
    expect(new Set([ROLES.investering, ROLES.vermeden, ROLES.gerealiseerd]).size).toBe(3);
  });
  it("marks exactly the light colours as needing an outline", () => {
    // Ratios on white (WCAG formula, python3): orange 2.25, sky blue 2.31, yellow 1.32; the others >= 3.06.
    expect(ALL_EIGHT.filter((c) => needsOutline(c))).toEqual([OKABE_ITO.orange, OKABE_ITO.skyBlue, OKABE_ITO.yellow]);
    for (const c of SAFE_ON_WHITE) expect(needsOutline(c)).toBe(false);
  });
  it("hands out distinct colours and refuses more than eight", () => {
    expect(categorical(3)).toEqual([OKABE_ITO.blue, OKABE_ITO.vermillion, OKABE_ITO.bluishGreen]);
    expect(new Set(categorical(8)).size).toBe(8);
    expect(() => categorical(9)).toThrow(/overig/);
  });
});
