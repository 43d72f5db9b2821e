import {mkdtempSync, rmSync, writeFileSync, mkdirSync} from "node:fs";
import {tmpdir} from "node:os";
import {join} from "node:path";
import {afterAll, describe, expect, it} from "vitest";
import {contrastRatio, parseHex, relativeLuminance} from "../lib/publish/contrast.js";
import {loadBrand, validateBrand} from "../lib/publish/brand.js";

// Expected ratios computed with the WCAG 2.1 formula in python3 (plain float arithmetic, once):
// #777777/#FFFFFF 4.478089, #767676/#FFFFFF 4.542225, #FF0000/#FFFFFF 3.998477, #999999/#FFFFFF 2.849028.
describe("contrast ratio", () => {
  it("matches known values", () => {
    expect(contrastRatio("#000000", "#FFFFFF")).toBeCloseTo(21, 10);
    expect(contrastRatio("#FFF", "#000")).toBeCloseTo(21, 10);
    expect(contrastRatio("#777", "#fff")).toBeCloseTo(4.478089, 5);
    expect(contrastRatio("#767676", "#FFFFFF")).toBeCloseTo(4.542225, 5); // the lightest grey passing AA
    expect(contrastRatio("#FF0000", "#FFFFFF")).toBeCloseTo(3.998477, 5);
    expect(contrastRatio("#1F4E79", "#1F4E79")).toBe(1);
  });
  it("computes luminance per channel weights", () => {
    expect(relativeLuminance("#FF0000")).toBeCloseTo(0.2126, 10);
    expect(relativeLuminance("#00FF00")).toBeCloseTo(0.7152, 10);
    expect(relativeLuminance("#FFFFFF")).toBeCloseTo(1, 10);
  });
  it("rejects malformed colours", () => {
    expect(() => parseHex("red")).toThrow(/#rgb/);
    expect(() => parseHex("#12345")).toThrow();
  });
});

describe("brand", () => {
  const root = mkdtempSync(join(tmpdir(), "warmkoud-brand-"));
  afterAll(() => rmSync(root, {recursive: true, force: true}));
  mkdirSync(join(root, "assets"));
  writeFileSync(join(root, "assets/logo.svg"), '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>');
  writeFileSync(join(root, "assets/remote.svg"), '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://cdn.example/x.png"/></svg>');
  const good = {
    name: "Gemeente Test",
    logo: {path: "assets/logo.svg", alt: "Logo"},
    colours: {primary: "#1F4E79", onPrimary: "#FFFFFF", text: "#1A1A1A", background: "#FFFFFF", muted: "#595959", accent: "#B34700"},
    contact: "test@example.org"
  };

  it("loads the shipped demo brand", () => {
    const brand = loadBrand();
    expect(brand.name).toBe("Gemeente Voorbeeld");
    expect(brand.logo.path).toBe("src/assets/logo.svg");
  });
  it("accepts a valid brand (the xmlns URL of an SVG is not a request)", () => {
    expect(validateBrand(good, root)).toEqual([]);
  });
  it("reports colours below AA contrast with the ratio", () => {
    const problems = validateBrand({...good, colours: {...good.colours, muted: "#999999", accent: "#F0E442"}}, root);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/colours\.muted #999999 .* 2\.85:1; .* at least 4\.5:1/);
    expect(problems[1]).toMatch(/colours\.accent .* at least 3:1/);
  });
  it("reports unknown keys, missing fields, bad colours and bad logos together", () => {
    const problems = validateBrand({...good, colour: {}, name: "", colours: {...good.colours, text: "black"}, logo: {path: "assets/remote.svg", alt: ""}}, root);
    expect(problems.join("\n")).toMatch(/unknown key "colour"/);
    expect(problems.join("\n")).toMatch(/"name" must be a non-empty text/);
    expect(problems.join("\n")).toMatch(/colours\.text" must be a colour/);
    expect(problems.join("\n")).toMatch(/logo\.alt/);
    expect(problems.join("\n")).toMatch(/refers to another host/);
    expect(validateBrand({...good, logo: {path: "https://example.org/logo.svg", alt: "x"}}, root).join()).toMatch(/not a URL/);
    expect(validateBrand({...good, logo: {path: "assets/missing.svg", alt: "x"}}, root).join()).toMatch(/does not exist/);
  });
  it("names the file in the error", () => {
    const file = join(root, "huisstijl.json");
    writeFileSync(file, JSON.stringify({...good, colours: {...good.colours, primary: "#777777"}}));
    expect(() => loadBrand(file, root)).toThrow(new RegExp(`${file.replaceAll("/", "\\/")}: the house style is not valid:\\n  - colours.primary`));
    writeFileSync(file, "{not json");
    expect(() => loadBrand(file, root)).toThrow(/cannot read the house style/);
  });
});
