// Property tests of the small-cell rules over random tables (fast-check). The recoverability check
// is independent of the module's graph reasoning: it solves the table's linear equations directly.
import fc from "fast-check";
import {describe, expect, it} from "vitest";
import {publishRows, suppressCounts, suppressSums, suppressValue, type PublishedCell, type PublishedTable, type TableOptions} from "../lib/privacy/suppression.js";

// Many small values so that tables have primary cells, some large ones so that they do not all go.
const count = fc.oneof(fc.integer({min: 0, max: 14}), fc.integer({min: 0, max: 400}));
const shapeAndOptions = fc.record({
  rows: fc.integer({min: 1, max: 5}),
  cols: fc.integer({min: 1, max: 5}),
  rowTotals: fc.boolean(),
  colTotals: fc.boolean()
});
const countTable = shapeAndOptions.chain((s) =>
  fc.record({
    cells: fc.array(fc.array(count, {minLength: s.cols, maxLength: s.cols}), {minLength: s.rows, maxLength: s.rows}),
    options: fc.constant<TableOptions>({rowTotals: s.rowTotals, colTotals: s.colTotals})
  })
);
const labels = (n: number, p: string) => Array.from({length: n}, (_, i) => `${p}${i}`);

/** All published entries with the true value behind each, margins included. */
function entries(t: PublishedTable, cells: number[][]): {cell: PublishedCell; truth: number}[] {
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const colSums = cells[0].map((_, j) => sum(cells.map((r) => r[j])));
  const out = t.cells.flatMap((row, i) => row.map((cell, j) => ({cell, truth: cells[i][j]})));
  t.rowTotals?.forEach((cell, i) => out.push({cell, truth: sum(cells[i])}));
  t.colTotals?.forEach((cell, j) => out.push({cell, truth: colSums[j]}));
  if (t.total) out.push({cell: t.total, truth: sum(colSums)});
  return out;
}

/**
 * The hidden entries that the published totals determine exactly. Unknowns: hidden entries of the
 * extended grid; one equation per line whose total is part of the table (cells minus total = 0).
 * Hidden entry k is determined iff the unit vector e_k lies in the row space of the equations,
 * i.e. appending e_k does not raise the rank (Gaussian elimination, exact on these small integers).
 */
function determinedHidden(t: PublishedTable, options: TableOptions): string[] {
  const R = t.rows.length;
  const C = t.cols.length;
  const hidden = (c: PublishedCell | undefined) => c !== undefined && c.suppressed !== null;
  const at = (i: number, j: number): PublishedCell | undefined =>
    i < R && j < C ? t.cells[i][j] : i < R ? t.rowTotals?.[i] : j < C ? t.colTotals?.[j] : t.total;
  const unknowns: string[] = [];
  for (let i = 0; i <= R; i++) for (let j = 0; j <= C; j++) if (hidden(at(i, j))) unknowns.push(`${i},${j}`);
  const equations: number[][] = [];
  const line = (members: [number, number, number][]) => {
    const eq = new Array(unknowns.length).fill(0);
    for (const [i, j, sign] of members) {
      const k = unknowns.indexOf(`${i},${j}`);
      if (k >= 0) eq[k] = sign;
    }
    equations.push(eq);
  };
  const both = options.rowTotals && options.colTotals;
  if (options.rowTotals) for (let i = 0; i < R; i++) line([...labels(C, "").map((_, j): [number, number, number] => [i, j, 1]), [i, C, -1]]);
  if (options.colTotals) for (let j = 0; j < C; j++) line([...labels(R, "").map((_, i): [number, number, number] => [i, j, 1]), [R, j, -1]]);
  if (both) {
    line([...labels(C, "").map((_, j): [number, number, number] => [R, j, 1]), [R, C, -1]]);
    line([...labels(R, "").map((_, i): [number, number, number] => [i, C, 1]), [R, C, -1]]);
  }
  const base = rank(equations);
  return unknowns.filter((_, k) => rank([...equations, unknowns.map((_, m) => (m === k ? 1 : 0))]) === base);
}

function rank(matrix: number[][]): number {
  const m = matrix.map((r) => [...r]);
  let r = 0;
  const cols = m[0]?.length ?? 0;
  for (let c = 0; c < cols && r < m.length; c++) {
    const p = m.findIndex((row, i) => i >= r && Math.abs(row[c]) > 1e-9);
    if (p < 0) continue;
    [m[r], m[p]] = [m[p], m[r]];
    for (let i = 0; i < m.length; i++) {
      if (i === r || Math.abs(m[i][c]) < 1e-9) continue;
      const f = m[i][c] / m[r][c];
      for (let k = c; k < cols; k++) m[i][k] -= f * m[r][k];
    }
    r++;
  }
  return r;
}

describe("rank helper", () => {
  it("computes ranks of known matrices", () => {
    expect(rank([[1, 1], [1, 1]])).toBe(1);
    expect(rank([[1, 1, 0], [0, 1, 1], [1, 0, -1]])).toBe(2); // third = first - second
    expect(rank([[1, 0], [0, 1]])).toBe(2);
  });
});

describe("suppressCounts properties", () => {
  it("publishes no count in 1..9 and only multiples of 5", () => {
    fc.assert(
      fc.property(countTable, ({cells, options}) => {
        const t = suppressCounts({rows: labels(cells.length, "r"), cols: labels(cells[0].length, "c"), cells}, options);
        for (const {cell, truth} of entries(t, cells)) {
          if (cell.value === null) {
            expect(cell.suppressed).not.toBeNull();
            expect(cell.display === "< 10" || cell.display === "x").toBe(true);
            continue;
          }
          expect(cell.value).toBeGreaterThanOrEqual(10);
          expect(cell.value % 5).toBe(0);
          expect(Math.abs(cell.value - truth)).toBeLessThanOrEqual(2.5);
          expect(truth).toBeGreaterThanOrEqual(10);
        }
      }),
      {numRuns: 400}
    );
  });

  it("leaves no hidden entry recoverable from the totals, and at least two hidden per affected line", () => {
    fc.assert(
      fc.property(countTable, ({cells, options}) => {
        const t = suppressCounts({rows: labels(cells.length, "r"), cols: labels(cells[0].length, "c"), cells}, options);
        expect(determinedHidden(t, options)).toEqual([]);
        const lineCounts: number[] = [];
        if (options.rowTotals) t.cells.forEach((row, i) => lineCounts.push([...row, t.rowTotals![i]].filter((c) => c.suppressed).length));
        if (options.colTotals) t.cols.forEach((_, j) => lineCounts.push([...t.cells.map((r) => r[j]), t.colTotals![j]].filter((c) => c.suppressed).length));
        for (const n of lineCounts) expect(n === 0 || n >= 2).toBe(true);
      }),
      {numRuns: 400}
    );
  });

  it("is deterministic", () => {
    fc.assert(
      fc.property(countTable, ({cells, options}) => {
        const table = {rows: labels(cells.length, "r"), cols: labels(cells[0].length, "c"), cells};
        expect(suppressCounts(table, options)).toEqual(suppressCounts(structuredClone(table), {...options}));
      }),
      {numRuns: 100}
    );
  });
});

describe("suppressSums properties", () => {
  const sumTable = countTable.chain(({cells, options}) =>
    fc.record({
      persons: fc.constant(cells),
      euros: fc.array(fc.array(fc.integer({min: -500, max: 50_000}), {minLength: cells[0].length, maxLength: cells[0].length}), {
        minLength: cells.length,
        maxLength: cells.length
      }),
      options: fc.constant(options)
    })
  );
  it("publishes no euro figure over fewer than 10 persons and leaves none recoverable", () => {
    fc.assert(
      fc.property(sumTable, ({persons, euros, options}) => {
        const t = suppressSums({rows: labels(euros.length, "r"), cols: labels(euros[0].length, "c"), cells: euros}, persons, options);
        for (const {cell, truth} of entries(t, persons)) if (truth < 10) expect(cell.value).toBeNull();
        expect(determinedHidden(t, options)).toEqual([]);
      }),
      {numRuns: 300}
    );
  });
});

describe("single values and rows", () => {
  it("never publishes a euro figure or mean over fewer than 10 persons", () => {
    fc.assert(
      fc.property(fc.double({min: -1e6, max: 1e6, noNaN: true}), fc.integer({min: 0, max: 30}), fc.constantFrom("euro" as const, "mean" as const), (v, n, kind) => {
        const cell = suppressValue(v, n, kind);
        expect(cell.value === null).toBe(n < 10);
      })
    );
  });
  it("publishRows publishes no count in 1..9 and no euro over fewer than 10 persons", () => {
    const row = fc.record({g: fc.string(), n: count, euro: fc.integer({min: 0, max: 1e6}), persons: count});
    fc.assert(
      fc.property(fc.array(row, {maxLength: 20}), (rows) => {
        const out = publishRows(rows, {keys: ["g"], countColumns: ["n"], euroColumns: {euro: "persons"}});
        out.forEach((o, k) => {
          const n = o.n as number | null;
          if (n !== null) expect(n >= 10 && n % 5 === 0).toBe(true);
          if (rows[k].persons < 10) expect(o.euro).toBeNull();
          expect("persons" in o).toBe(false); // not declared as a count: not published
        });
      })
    );
  });
});
