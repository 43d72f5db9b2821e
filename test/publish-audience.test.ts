import {describe, expect, it} from "vitest";
import {audience, isPublic} from "../lib/publish/audience.js";

describe("audience", () => {
  it("defaults to analyst", () => {
    expect(audience({})).toBe("analyst");
    expect(audience({WARMKOUD_AUDIENCE: ""})).toBe("analyst");
  });
  it("reads public and analyst", () => {
    expect(audience({WARMKOUD_AUDIENCE: "public"})).toBe("public");
    expect(audience({WARMKOUD_AUDIENCE: " analyst "})).toBe("analyst");
    expect(isPublic({WARMKOUD_AUDIENCE: "public"})).toBe(true);
  });
  it("refuses anything else instead of guessing", () => {
    expect(() => audience({WARMKOUD_AUDIENCE: "publiek"})).toThrow(/WARMKOUD_AUDIENCE="publiek" is not valid/);
    expect(() => audience({WARMKOUD_AUDIENCE: "PUBLIC"})).toThrow(/not valid/);
  });
});
