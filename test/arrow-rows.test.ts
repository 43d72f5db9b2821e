// Arrow tables from the browser's DuckDB become plain rows (src/components/arrow.ts): dates as JS
// Dates, BIGINT as numbers, nulls kept. Expected rows are written out by hand from the columns.
import {describe, expect, it} from "vitest";
import {DateDay, Int64, Utf8, Float64, makeVector, vectorFromArray, Table} from "apache-arrow";
import {plainRows} from "../src/components/arrow.js";

describe("plainRows", () => {
  it("reads every column of every row, converting dates and 64-bit integers", () => {
    const table = new Table({
      id: vectorFromArray(["a", "b", null], new Utf8()),
      day: vectorFromArray([new Date(Date.UTC(2025, 0, 31)), null, new Date(Date.UTC(2024, 1, 29))], new DateDay()),
      n: makeVector(new BigInt64Array([1n, -2n, 9007199254740991n])),
      x: vectorFromArray([0.5, null, 2], new Float64())
    });
    expect(table.schema.fields.map((f) => String(f.type))).toEqual(["Utf8", "Date32<DAY>", "Int64", "Float64"]);
    expect(new Int64().bitWidth).toBe(64);
    expect(plainRows(table)).toEqual([
      {id: "a", day: new Date("2025-01-31T00:00:00Z"), n: 1, x: 0.5},
      {id: "b", day: null, n: -2, x: null},
      {id: null, day: new Date("2024-02-29T00:00:00Z"), n: 9007199254740991, x: 2}
    ]);
  });

  it("reads text the same as the vector does: ASCII, other UTF-8, empty, nulls, several chunks and slices", () => {
    const words = ["s-001", "", null, "inwoner", "café", "€ 12,50", null, "𝒳y", "medewerker", "ß"];
    const ascii = ["a", "bb", null, "", "ccc"];
    const whole = vectorFromArray(words, new Utf8());
    // Two batches, the second a slice of a longer vector (its offsets do not start at 0).
    const chunked = new Table({t: vectorFromArray(ascii, new Utf8())}).concat(new Table({t: vectorFromArray(["x", ...ascii, "y"], new Utf8()).slice(1, 6)}));
    expect(plainRows<{t: string | null}>(new Table({t: whole})).map((r) => r.t)).toEqual(words);
    expect(plainRows<{t: string | null}>(new Table({t: whole.slice(3, 9)})).map((r) => r.t)).toEqual(words.slice(3, 9));
    expect(plainRows<{t: string | null}>(chunked).map((r) => r.t)).toEqual([...ascii, ...ascii]);
    // The same as the vector's own iterator.
    expect(plainRows<{t: string | null}>(chunked).map((r) => r.t)).toEqual([...chunked.getChild("t")!]);
  });

  it("gives no rows for an empty table", () => {
    expect(plainRows(new Table({id: vectorFromArray([] as string[], new Utf8())}))).toEqual([]);
  });
});
