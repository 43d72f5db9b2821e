/**
 * Small-cell rules for everything the public report shows (privacy.md, "Small cells"). Every public
 * table and chart goes through this one module; it is pure and browser-safe.
 *
 * Rules:
 * - A count below 10 (0 included: "nobody in this group" discloses as much as "one person") is
 *   published as "< 10" with value null.
 * - Every other count is rounded to the nearest multiple of 5. A tie (a non-integer count such as
 *   12.5, possible for weighted counts) goes up, to 15. Integer counts never tie: 12 -> 10, 13 -> 15.
 *   Since 10 is itself a multiple of 5, a count >= 10 never rounds below 10.
 * - A euro figure or a mean over fewer than 10 persons is published as "n < 10" with value null.
 * - Secondary suppression (tables with totals): a hidden entry must not be recoverable from the
 *   totals and the other published entries. The published equations are one per line (row or
 *   column) whose total is shown. Seen as a graph (vertices = lines with a known total, edges =
 *   hidden entries, lines without a known total merged into one free vertex), a hidden entry is
 *   solvable exactly when its edge is a bridge. While a bridge exists, the cheapest path of
 *   further entries that closes a cycle through it is hidden too ("x"). The result: every line
 *   with a hidden entry has at least two, and no hidden entry is determined by the linear
 *   equations of the table (checked independently by the property tests). Rounding of the
 *   published figures adds further uncertainty but is not relied upon.
 *
 * Totals are computed here as sums of the cells, and published rounded (they need not equal the
 * sum of the published, rounded cells). A table whose total is not the sum of its cells (distinct
 * persons over multi-select categories) is treated the same way: conservative.
 */

export const SUPPRESSION_RULES = {minCount: 10, roundTo: 5, minPersons: 10} as const;

/** Display texts; pages show LEGEND under every table that uses them. */
export const DISPLAY = {small: "< 10", hidden: "x", tooFewPersons: "n < 10"} as const;
export const LEGEND =
  `"${DISPLAY.small}": minder dan 10 personen. "${DISPLAY.hidden}": niet getoond, zodat een klein aantal niet uit de totalen te herleiden is. ` +
  `"${DISPLAY.tooFewPersons}": bedrag of gemiddelde over minder dan 10 personen, niet getoond. Aantallen zijn afgerond op 5.`;

export type Suppression = "primary" | "secondary" | null;

export interface PublishedCell {
  value: number | null;
  display: string;
  suppressed: Suppression;
}

export interface Table {
  rows: string[];
  cols: string[];
  cells: number[][];
}

export interface TableOptions {
  /** The table shows a total per row (an extra column). */
  rowTotals?: boolean;
  /** The table shows a total per column (an extra row). With both, the grand total is shown too. */
  colTotals?: boolean;
}

export interface PublishedTable {
  rows: string[];
  cols: string[];
  cells: PublishedCell[][];
  /** Present when rowTotals was asked for. */
  rowTotals?: PublishedCell[];
  /** Present when colTotals was asked for. */
  colTotals?: PublishedCell[];
  /** Present when both totals were asked for. */
  total?: PublishedCell;
}

export type ValueKind = "count" | "euro" | "mean";

const countFormat = new Intl.NumberFormat("nl-NL", {maximumFractionDigits: 0});
const euroFormat = new Intl.NumberFormat("nl-NL", {style: "currency", currency: "EUR", maximumFractionDigits: 0, minimumFractionDigits: 0});
const meanFormat = new Intl.NumberFormat("nl-NL", {maximumFractionDigits: 1});

function checkCount(n: number, what: string): void {
  if (!Number.isFinite(n) || n < 0) throw new Error(`${what}: a count must be a finite number >= 0, got ${n}`);
}

/** Nearest multiple of 5, ties up (see the module header). */
export function roundCount(n: number): number {
  const step = SUPPRESSION_RULES.roundTo;
  return Math.floor(n / step + 0.5) * step;
}

/** One count on its own (no totals around it). */
export function publishCount(n: number): PublishedCell {
  checkCount(n, "publishCount");
  if (n < SUPPRESSION_RULES.minCount) return {value: null, display: DISPLAY.small, suppressed: "primary"};
  const value = roundCount(n);
  return {value, display: countFormat.format(value), suppressed: null};
}

/**
 * A single figure: a count (persons is then the count itself and may be omitted), or a euro
 * figure or mean over `persons` persons.
 */
export function suppressValue(value: number | null, persons: number | undefined, kind: ValueKind): PublishedCell {
  if (kind === "count") {
    if (value === null) throw new Error("suppressValue: a count cannot be null");
    return publishCount(value);
  }
  if (persons === undefined) throw new Error(`suppressValue: a ${kind} needs the number of persons it is over`);
  checkCount(persons, `suppressValue (${kind})`);
  if (persons < SUPPRESSION_RULES.minPersons) return {value: null, display: DISPLAY.tooFewPersons, suppressed: "primary"};
  if (value === null || !Number.isFinite(value)) throw new Error(`suppressValue: a ${kind} over ${persons} persons must be a finite number, got ${value}`);
  return {value, display: (kind === "euro" ? euroFormat : meanFormat).format(value), suppressed: null};
}

/** Counts with optional totals: primary, then secondary suppression, then rounding. */
export function suppressCounts(table: Table, options: TableOptions = {}): PublishedTable {
  checkShape(table, "suppressCounts");
  table.cells.forEach((row, i) => row.forEach((n, j) => checkCount(n, `suppressCounts cell [${i}][${j}]`)));
  const grid = extendedGrid(table.cells, options);
  const primary = grid.map((row) => row.map((n) => (Number.isNaN(n) ? false : n < SUPPRESSION_RULES.minCount)));
  const state = protect(grid, primary, options);
  return assemble(table, options, grid, state, (n, s) =>
    s === "primary" ? {value: null, display: DISPLAY.small, suppressed: s} : s === "secondary" ? hiddenCell() : publishCount(n)
  );
}

/**
 * Euro sums with optional totals (e.g. spend per law and year): an entry over fewer than 10
 * persons is hidden, and secondary suppression stops it being recovered from the euro totals.
 * `persons[i][j]` is the number of persons behind `table.cells[i][j]`.
 */
export function suppressSums(table: Table, persons: number[][], options: TableOptions = {}): PublishedTable {
  checkShape(table, "suppressSums");
  checkShape({...table, cells: persons}, "suppressSums (persons)");
  persons.forEach((row, i) => row.forEach((n, j) => checkCount(n, `suppressSums persons [${i}][${j}]`)));
  const grid = extendedGrid(table.cells, options);
  const personGrid = extendedGrid(persons, options);
  const primary = personGrid.map((row) => row.map((n) => (Number.isNaN(n) ? false : n < SUPPRESSION_RULES.minPersons)));
  // Path costs use the size of a sum; euro figures can be negative (credits), so their magnitude.
  const state = protect(grid.map((row) => row.map(Math.abs)), primary, options);
  return assemble(table, options, grid, state, (v, s, i, j) =>
    s === "primary"
      ? {value: null, display: DISPLAY.tooFewPersons, suppressed: s}
      : s === "secondary"
        ? hiddenCell()
        : suppressValue(v, personGrid[i][j], "euro")
  );
}

function hiddenCell(): PublishedCell {
  return {value: null, display: DISPLAY.hidden, suppressed: "secondary"};
}

function checkShape(table: Table, what: string): void {
  if (table.cells.length !== table.rows.length) throw new Error(`${what}: ${table.rows.length} row labels but ${table.cells.length} rows of cells`);
  table.cells.forEach((row, i) => {
    if (row.length !== table.cols.length) throw new Error(`${what}: row ${i} has ${row.length} cells, expected ${table.cols.length}`);
  });
  if (table.rows.length === 0 || table.cols.length === 0) throw new Error(`${what}: a table needs at least one row and one column`);
}

/**
 * The table with its margins: (R [+1]) x (C [+1]), row R holding the column totals and column C
 * the row totals when asked for; the grand total at [R][C] only when both are. NaN marks the
 * corner when it does not exist.
 */
function extendedGrid(cells: number[][], {rowTotals = false, colTotals = false}: TableOptions): number[][] {
  const C = cells[0].length;
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const grid = cells.map((row) => (rowTotals ? [...row, sum(row)] : [...row]));
  if (colTotals) {
    const totals = Array.from({length: C}, (_, j) => sum(cells.map((row) => row[j])));
    grid.push(rowTotals ? [...totals, sum(totals)] : totals);
  }
  return grid;
}

function assemble(
  table: Table,
  {rowTotals = false, colTotals = false}: TableOptions,
  grid: number[][],
  state: Suppression[][],
  publish: (value: number, s: Suppression, i: number, j: number) => PublishedCell
): PublishedTable {
  const R = table.rows.length;
  const C = table.cols.length;
  const at = (i: number, j: number) => publish(grid[i][j], state[i][j], i, j);
  const out: PublishedTable = {
    rows: [...table.rows],
    cols: [...table.cols],
    cells: Array.from({length: R}, (_, i) => Array.from({length: C}, (_, j) => at(i, j)))
  };
  if (rowTotals) out.rowTotals = Array.from({length: R}, (_, i) => at(i, C));
  if (colTotals) out.colTotals = Array.from({length: C}, (_, j) => at(R, j));
  if (rowTotals && colTotals) out.total = at(R, C);
  return out;
}

// --- Secondary suppression ------------------------------------------------------------------

interface Entry {
  i: number;
  j: number;
  /** Endpoints in the constraint graph (GROUND for a line without a known total). */
  a: number;
  b: number;
  cost: number;
}

const GROUND = 0;

/** The entries of the extended grid as edges between their row line and their column line. */
function constraintGraph(grid: number[][], {rowTotals = false, colTotals = false}: TableOptions): {entries: Entry[]; vertices: number} {
  const R = colTotals ? grid.length - 1 : grid.length;
  const C = rowTotals ? grid[0].length - 1 : grid[0].length;
  const both = rowTotals && colTotals;
  // Vertex ids: 0 = ground, 1..R+1 = rows (R = totals row), R+2.. = columns (C = totals column).
  const rowVertex = (i: number) => ((i < R ? rowTotals : both) ? 1 + i : GROUND);
  const colVertex = (j: number) => ((j < C ? colTotals : both) ? R + 2 + j : GROUND);
  const entries: Entry[] = [];
  grid.forEach((row, i) =>
    row.forEach((value, j) => {
      if (!Number.isNaN(value)) entries.push({i, j, a: rowVertex(i), b: colVertex(j), cost: value + 1});
    })
  );
  return {entries, vertices: R + C + 4};
}

/** Marks primary entries, then adds secondary ones until no hidden entry is solvable. */
function protect(grid: number[][], primary: boolean[][], options: TableOptions): Suppression[][] {
  const state: Suppression[][] = grid.map((row, i) => row.map((_, j) => (primary[i][j] ? "primary" : null)));
  const {entries, vertices} = constraintGraph(grid, options);
  const hidden = (e: Entry) => state[e.i][e.j] !== null;
  for (let guard = 0; guard <= entries.length; guard++) {
    const bridge = bridges(entries.filter(hidden), vertices)[0];
    if (!bridge) return state;
    const path = cheapestPath(entries, hidden, bridge, vertices);
    if (!path) throw new Error("suppression: no way to protect a hidden cell (this is a bug)");
    for (const e of path) if (!hidden(e)) state[e.i][e.j] = "secondary";
  }
  throw new Error("suppression: did not converge (this is a bug)");
}

/** Bridges of a multigraph (Tarjan's low-link), in entry order. Self-loops are never bridges. */
export function bridges<E extends {a: number; b: number}>(edges: E[], vertices: number): E[] {
  const adjacency: {to: number; edge: number}[][] = Array.from({length: vertices}, () => []);
  edges.forEach((e, k) => {
    if (e.a === e.b) return;
    adjacency[e.a].push({to: e.b, edge: k});
    adjacency[e.b].push({to: e.a, edge: k});
  });
  const order = new Array<number>(vertices).fill(-1);
  const low = new Array<number>(vertices).fill(0);
  const isBridge = new Array<boolean>(edges.length).fill(false);
  let counter = 0;
  const visit = (v: number, viaEdge: number): void => {
    order[v] = low[v] = counter++;
    for (const {to, edge} of adjacency[v]) {
      if (edge === viaEdge) continue;
      if (order[to] === -1) {
        visit(to, edge);
        low[v] = Math.min(low[v], low[to]);
        if (low[to] > order[v]) isBridge[edge] = true;
      } else {
        low[v] = Math.min(low[v], order[to]);
      }
    }
  };
  for (let v = 0; v < vertices; v++) if (order[v] === -1) visit(v, -1);
  return edges.filter((_, k) => isBridge[k]);
}

/**
 * The cheapest set of entries that, hidden, puts `bridge` on a cycle: a shortest path between its
 * endpoints avoiding it, where hidden entries cost nothing and a visible one its size + 1 (so
 * fewer and smaller cells are preferred; zeros are not free). Ties go to the lower vertex and
 * entry index, so the result is deterministic.
 */
function cheapestPath(entries: Entry[], hidden: (e: Entry) => boolean, bridge: Entry, vertices: number): Entry[] | null {
  const dist = new Array<number>(vertices).fill(Infinity);
  const via = new Array<Entry | null>(vertices).fill(null);
  const done = new Array<boolean>(vertices).fill(false);
  dist[bridge.a] = 0;
  for (;;) {
    let v = -1;
    for (let u = 0; u < vertices; u++) if (!done[u] && dist[u] < Infinity && (v === -1 || dist[u] < dist[v])) v = u;
    if (v === -1) return null;
    if (v === bridge.b) break;
    done[v] = true;
    for (const e of entries) {
      if (e === bridge || e.a === e.b || (e.a !== v && e.b !== v)) continue;
      const to = e.a === v ? e.b : e.a;
      const d = dist[v] + (hidden(e) ? 0 : e.cost);
      if (d < dist[to]) {
        dist[to] = d;
        via[to] = e;
      }
    }
  }
  const path: Entry[] = [];
  for (let v = bridge.b; v !== bridge.a; ) {
    const e = via[v]!;
    path.push(e);
    v = e.a === v ? e.b : e.a;
  }
  return path;
}

// --- Rows as loaders emit them ---------------------------------------------------------------

export type Row = Record<string, unknown>;

export interface PublishRowsOptions {
  /** Label columns, passed through unchanged (strings, numbers such as a year, booleans, null). */
  keys: string[];
  /** Count columns: rounded or "< 10". */
  countColumns?: string[];
  /** Euro columns and the column holding the number of persons each is over. */
  euroColumns?: Record<string, string>;
  /** Mean columns and the column holding the number of persons each is over. */
  meanColumns?: Record<string, string>;
}

/**
 * Publishes flat rows (one group per row, no totals among them). Each count, euro or mean column
 * becomes `value | null` with a sibling `<column>_display` text. Any column not declared is an
 * error rather than passed through, so a loader cannot publish a raw figure by forgetting it.
 * A persons column is only published when it is also listed as a count column.
 * For rows that include totals or subtotals, use suppressCounts / suppressSums instead.
 */
export function publishRows(rows: Row[], options: PublishRowsOptions): Row[] {
  const {keys, countColumns = [], euroColumns = {}, meanColumns = {}} = options;
  const valueColumns = new Set([...countColumns, ...Object.keys(euroColumns), ...Object.keys(meanColumns)]);
  const personColumns = new Set([...Object.values(euroColumns), ...Object.values(meanColumns)]);
  const declared = new Set([...keys, ...valueColumns, ...personColumns]);
  return rows.map((row, r) => {
    for (const column of Object.keys(row)) {
      if (!declared.has(column)) throw new Error(`publishRows: row ${r} has column "${column}", which is neither a key nor a suppressed figure`);
    }
    const out: Row = {};
    for (const key of keys) out[key] = checkKey(row[key], key, r);
    for (const column of countColumns) put(out, column, publishCount(numberAt(row, column, r)));
    for (const [column, personsColumn] of Object.entries(euroColumns)) {
      put(out, column, suppressValue(optionalNumberAt(row, column, r), numberAt(row, personsColumn, r), "euro"));
    }
    for (const [column, personsColumn] of Object.entries(meanColumns)) {
      put(out, column, suppressValue(optionalNumberAt(row, column, r), numberAt(row, personsColumn, r), "mean"));
    }
    return out;
  });
}

function put(out: Row, column: string, cell: PublishedCell): void {
  out[column] = cell.value;
  out[`${column}_display`] = cell.display;
}

function checkKey(value: unknown, column: string, r: number): unknown {
  const ok = value === null || value === undefined || ["string", "number", "boolean"].includes(typeof value);
  if (!ok) throw new Error(`publishRows: key "${column}" in row ${r} is not a plain value`);
  return value ?? null;
}

/** A euro figure or mean may be NULL (no persons at all): it is then suppressed by its persons. */
function optionalNumberAt(row: Row, column: string, r: number): number | null {
  return row[column] === null || row[column] === undefined ? null : numberAt(row, column, r);
}

function numberAt(row: Row, column: string, r: number): number {
  const value = row[column];
  const n = typeof value === "bigint" ? Number(value) : value;
  if (typeof n !== "number") throw new Error(`publishRows: column "${column}" in row ${r} is not a number (${String(value)})`);
  return n;
}
