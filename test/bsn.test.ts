import {describe, expect, it} from "vitest";
import {completeBsn, isTestBsn, isValidBsn, normaliseBsn} from "../lib/privacy/bsn.js";

describe("elfproef", () => {
  // 111222333: 9*1+8*1+7*1+6*2+5*2+4*2+3*3+2*3-1*3 = 66 = 6*11 (worked by hand).
  it("accepts a number whose weighted sum is divisible by 11", () => {
    expect(isValidBsn("111222333")).toBe(true);
  });
  // 123456789: 9+16+21+24+25+24+21+16-9 = 147 = 13*11 + 4 (by hand): invalid.
  it("rejects a number whose weighted sum leaves a remainder", () => {
    expect(isValidBsn("123456789")).toBe(false);
  });
  it("rejects 000000000 although its sum is 0", () => {
    expect(isValidBsn("000000000")).toBe(false);
  });
  // 012345672 (by hand): 0+8+14+18+20+20+18+14-2 = 110 = 10*11; Excel shows it as 12345672.
  it("left-pads 8-digit input that lost its leading zero", () => {
    expect(normaliseBsn("12345672")).toBe("012345672");
    expect(isValidBsn("12345672")).toBe(true);
  });
  it("rejects non-digits and wrong lengths", () => {
    for (const bad of ["", "1234567", "1234567890", "12345678a", "123 456 789"]) expect(isValidBsn(bad)).toBe(false);
  });
  it("flags the test range 999900006-999999990", () => {
    expect(isValidBsn("999900006")).toBe(true);
    expect(isTestBsn("999900006")).toBe(true);
    expect(isTestBsn("999999990")).toBe(true);
    expect(isTestBsn("111222333")).toBe(false);
  });
  it("completes a prefix to a valid BSN when a check digit exists", () => {
    expect(completeBsn("11122233")).toBe("111222333");
    let completed = 0;
    for (let i = 10_000_000; i < 10_000_200; i++) {
      const bsn = completeBsn(String(i));
      if (bsn !== null) {
        completed++;
        expect(isValidBsn(bsn)).toBe(true);
      }
    }
    expect(completed).toBeGreaterThan(150); // about 10 in 11 prefixes have a check digit
  });
});
