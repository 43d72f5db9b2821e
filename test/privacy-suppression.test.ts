// Hand-worked examples of the small-cell rules (each expected value worked out in the comment).
import {describe, expect, it} from "vitest";
import {DISPLAY, publishCount, publishRows, roundCount, suppressCounts, suppressSums, suppressValue} from "../lib/privacy/suppression.js";

const shown = (cells: {display: string}[][]) => cells.map((row) => row.map((c) => c.display));

describe("rounding and single counts", () => {
  it("rounds to the nearest multiple of 5, ties up", () => {
    // 12 -> 10 (2 away vs 3), 13 -> 15, 17 -> 15, 18 -> 20, 1234 -> 1235 (1 away); 12.5 and 22.5 are ties.
    expect([10, 12, 13, 17, 18, 1234, 12.5, 22.5].map(roundCount)).toEqual([10, 10, 15, 15, 20, 1235, 15, 25]);
  });
  it("shows counts below 10 (zero included) as < 10", () => {
    for (const n of [0, 1, 5, 9, 9.99]) expect(publishCount(n)).toEqual({value: null, display: "< 10", suppressed: "primary"});
    expect(publishCount(10)).toEqual({value: 10, display: "10", suppressed: null});
    expect(publishCount(1234).display).toBe("1.235"); // Dutch thousands separator
  });
  it("refuses negative or non-finite counts", () => {
    expect(() => publishCount(-1)).toThrow(/>= 0/);
    expect(() => publishCount(Number.NaN)).toThrow();
  });
  it("suppresses euro figures and means over fewer than 10 persons", () => {
    expect(suppressValue(12345.6, 9, "euro")).toEqual({value: null, display: "n < 10", suppressed: "primary"});
    expect(suppressValue(3.25, 4, "mean").value).toBeNull();
    expect(suppressValue(null, 0, "mean").display).toBe("n < 10");
    const euro = suppressValue(12345.6, 10, "euro");
    expect(euro.value).toBe(12345.6);
    expect(euro.display.replace(/\s/g, " ")).toBe("€ 12.346");
    expect(suppressValue(3.25, 10, "mean").display).toBe("3,3"); // 3.25 -> one decimal, Dutch comma
    expect(() => suppressValue(1, undefined, "euro")).toThrow(/persons/);
  });
});

describe("secondary suppression, worked by hand", () => {
  it("one-dimensional table with a total: hides the next-smallest cell", () => {
    // cells 3, 40, 25, 60 (total 128): 3 is primary; with only 3 hidden, 128 - 40 - 25 - 60 = 3.
    // The cheapest complement is 25. Total 128 -> 130.
    const t = suppressCounts({rows: ["a", "b", "c", "d"], cols: ["n"], cells: [[3], [40], [25], [60]]}, {colTotals: true});
    expect(shown(t.cells)).toEqual([["< 10"], ["40"], ["x"], ["60"]]);
    expect(t.cells[2][0].suppressed).toBe("secondary");
    expect(t.colTotals!.map((c) => c.value)).toEqual([130]);
    expect(t.rowTotals).toBeUndefined();
  });
  it("two-way table with both totals: hides a rectangle of the cheapest cells", () => {
    // Primary (0,0)=3. Closing a cycle row0 -> col j -> row i -> col0 costs (cell+1 each):
    // via (0,1),(1,1),(1,0): 21+41+16 = 78; via (0,1),(2,1),(2,0): 21+36+26 = 83; others more.
    const t = suppressCounts(
      {rows: ["r0", "r1", "r2"], cols: ["c0", "c1", "c2"], cells: [[3, 20, 30], [15, 40, 50], [25, 35, 60]]},
      {rowTotals: true, colTotals: true}
    );
    expect(shown(t.cells)).toEqual([
      ["< 10", "x", "30"],
      ["x", "x", "50"],
      ["25", "35", "60"]
    ]);
    // Totals 53, 105, 120 / 43, 95, 140 / 278 rounded: 55, 105, 120 / 45, 95, 140 / 280.
    expect(t.rowTotals!.map((c) => c.value)).toEqual([55, 105, 120]);
    expect(t.colTotals!.map((c) => c.value)).toEqual([45, 95, 140]);
    expect(t.total!.value).toBe(280);
  });
  it("a small row total: the other row is hidden too, column totals stay", () => {
    // Row 0 = 2, 3 (total 5): all three primary. Column 0 then has one hidden cell, so row 1 must go
    // (40 and 50, cost 92, cheaper than via the totals), and then the row total of row 0 is the only
    // hidden entry in the totals column: hide row 1's total (91) rather than the grand total.
    const t = suppressCounts({rows: ["r0", "r1"], cols: ["c0", "c1"], cells: [[2, 3], [40, 50]]}, {rowTotals: true, colTotals: true});
    expect(shown(t.cells)).toEqual([
      ["< 10", "< 10"],
      ["x", "x"]
    ]);
    expect(t.rowTotals!.map((c) => c.display)).toEqual(["< 10", "x"]);
    expect(t.colTotals!.map((c) => c.value)).toEqual([40, 55]); // 42 -> 40, 53 -> 55
    expect(t.total!.value).toBe(95);
  });
  it("without totals nothing is hidden beyond the small cells", () => {
    const t = suppressCounts({rows: ["r0"], cols: ["a", "b"], cells: [[3, 40]]});
    expect(shown(t.cells)).toEqual([["< 10", "40"]]);
  });
  it("euro sums: hides a sum over fewer than 10 persons and its complement", () => {
    // Spend 5000 (4 persons), 20000 (30), 12000 (15); total 37000 over 49 persons.
    const t = suppressSums({rows: ["Wmo", "Jeugdwet", "Participatiewet"], cols: ["2024"], cells: [[5000], [20000], [12000]]}, [[4], [30], [15]], {
      colTotals: true
    });
    expect(t.cells.map((r) => r[0].display.replace(/\s/g, " "))).toEqual(["n < 10", "€ 20.000", "x"]);
    expect(t.colTotals![0].value).toBe(37000);
  });
  it("rejects ragged tables", () => {
    expect(() => suppressCounts({rows: ["a", "b"], cols: ["x"], cells: [[1]]})).toThrow(/row labels/);
    expect(() => suppressCounts({rows: ["a"], cols: ["x", "y"], cells: [[1]]})).toThrow(/cells/);
  });
});

describe("publishRows", () => {
  it("rounds counts, suppresses euros by persons, and adds display columns", () => {
    const out = publishRows(
      [
        {group: "inwoner", n: 12, cost: 1500, persons: 12},
        {group: "medewerker", n: 4, cost: 900.5, persons: 4}
      ],
      {keys: ["group"], countColumns: ["n"], euroColumns: {cost: "persons"}}
    );
    expect(out).toEqual([
      {group: "inwoner", n: 10, n_display: "10", cost: 1500, cost_display: expect.stringMatching(/1\.500/)},
      {group: "medewerker", n: null, n_display: DISPLAY.small, cost: null, cost_display: DISPLAY.tooFewPersons}
    ]);
  });
  it("fails closed on an undeclared column", () => {
    expect(() => publishRows([{group: "a", n: 50, client_key: "abc"}], {keys: ["group"], countColumns: ["n"]})).toThrow(/client_key/);
  });
  it("accepts bigint counts as DuckDB returns them", () => {
    expect(publishRows([{g: "a", n: 23n}], {keys: ["g"], countColumns: ["n"]})[0].n).toBe(25);
  });
});
