import Papa from "papaparse";
import {describe, expect, it} from "vitest";
import {cellText, DUTCH_EXCEL, quoteField, toCsv} from "../lib/formats/csv-export.js";

describe("formula neutralisation", () => {
  it("prefixes text that a spreadsheet would run", () => {
    for (const bad of ["=SUM(A1:A9)", "+31 6 1234", "-2+3", "@cmd", "\tx", "\rx", "＝1+1"]) expect(cellText(bad, false)).toBe(`'${bad}`);
    expect(cellText("=HYPERLINK(\"http://x\")", true)).toBe("'=HYPERLINK(\"http://x\")");
  });
  it("leaves ordinary text and numbers alone", () => {
    expect(cellText("Wmo", false)).toBe("Wmo");
    expect(cellText("a=b", false)).toBe("a=b");
    expect(cellText(-12.5, false)).toBe("-12.5");
  });
  it("leaves a plain negative number in a numeric column, but not in a text column", () => {
    expect(cellText("-3", true)).toBe("-3");
    expect(cellText("-2,5", true)).toBe("-2,5");
    expect(cellText("-3", false)).toBe("'-3");
    expect(cellText("-3-4", true)).toBe("'-3-4");
  });
  it("writes empty cells for null, undefined and non-finite numbers", () => {
    expect([null, undefined, Number.NaN, Infinity].map((v) => cellText(v, true))).toEqual(["", "", "", ""]);
  });
  it("uses the decimal comma when asked", () => {
    expect(cellText(-1234.5, true, {decimalComma: true})).toBe("-1234,5");
    expect(cellText("7.25", true, {decimalComma: true})).toBe("7,25");
  });
});

describe("RFC 4180 quoting", () => {
  it("quotes fields with the delimiter, quotes or line breaks", () => {
    expect(quoteField("a,b", ",")).toBe('"a,b"');
    expect(quoteField("a,b", ";")).toBe("a,b");
    expect(quoteField('zei "ja"', ";")).toBe('"zei ""ja"""');
    expect(quoteField("regel 1\nregel 2", ";")).toBe('"regel 1\nregel 2"');
    expect(quoteField("plain", ",")).toBe("plain");
  });
});

describe("toCsv", () => {
  const rows = [
    {groep: "inwoner; jong", n: 15, bedrag: 1234.5, notitie: "=1+1"},
    {groep: 'de "buren"', n: null, bedrag: -20.25, notitie: "< 10"}
  ];
  it("writes a BOM, a header and CRLF lines", () => {
    const text = toCsv(rows, ["groep", "n"]);
    expect(text.startsWith("\uFEFFgroep,n\r\n")).toBe(true);
    expect(text).toBe('\uFEFFgroep,n\r\ninwoner; jong,15\r\n"de ""buren""",\r\n');
  });
  it("writes Dutch Excel CSV that a parser reads back to the same values", () => {
    const text = toCsv(rows, ["groep", {key: "n", label: "aantal", numeric: true}, {key: "bedrag", numeric: true}, "notitie"], DUTCH_EXCEL);
    expect(text.split("\r\n")[1]).toBe('"inwoner; jong";15;1234,5;\'=1+1');
    const parsed = Papa.parse<string[]>(text.slice(1), {delimiter: ";"}).data;
    expect(parsed[0]).toEqual(["groep", "aantal", "bedrag", "notitie"]);
    expect(parsed[2]).toEqual(['de "buren"', "", "-20,25", "< 10"]);
  });
  it("can leave out the BOM and refuses a decimal comma with a comma delimiter", () => {
    expect(toCsv([], ["a"], {bom: false})).toBe("a\r\n");
    expect(() => toCsv([], ["a"], {decimalComma: true})).toThrow(/delimiter/);
  });
});
