import {describe, expect, it} from "vitest";
import {PRODUCTCATEGORIE, categoryLabel, lawLabel} from "../lib/formats/code-lists.js";

// Expected values copied by hand from formats.md ("Reference tables to ship"): WMO020 01-18,
// JZ020 31-38 and 40-55.
describe("code lists", () => {
  it("holds every productcategorie of formats.md, with its law", () => {
    const wmo = Object.entries(PRODUCTCATEGORIE).filter(([, c]) => c.law === "wmo").map(([k]) => k);
    const jeugd = Object.entries(PRODUCTCATEGORIE).filter(([, c]) => c.law === "jeugd").map(([k]) => k);
    expect(wmo).toHaveLength(18);
    expect(jeugd).toHaveLength(8 + 16);
    expect(jeugd).not.toContain("39");
  });
  it("names a category with its code, keeps unknown codes, marks missing ones", () => {
    expect(categoryLabel("02")).toBe("02 begeleiding");
    expect(categoryLabel(" 43 ")).toBe("43 verblijf incl. behandeling");
    expect(categoryLabel("15")).toBe("15 beschermd wonen");
    expect(categoryLabel("99")).toBe("99");
    expect(categoryLabel(null)).toBe("onbekend");
    expect(categoryLabel("")).toBe("onbekend");
  });
  it("names the laws", () => {
    expect(lawLabel("wmo")).toBe("Wmo 2015");
    expect(lawLabel("JEUGD")).toBe("Jeugdwet");
    expect(lawLabel("participatie")).toBe("participatie");
    expect(lawLabel(undefined)).toBe("onbekend");
  });
});
