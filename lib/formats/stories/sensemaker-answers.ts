/**
 * Reading one story's answers to SenseMaker signifiers, shared by the raw and the Workbench export.
 * `Cells` looks a column up by name; the column naming differs per export and is passed in.
 */
import type {StoryCollector} from "./collector.js";
import {closeTriad, checkDyad, triadDistance, triadFromUnitSquare, SUM_TOLERANCE, type Triad} from "./geometry.js";
import {roleOf, type SmDefinition, type SmSignifier} from "./sensemaker-definition.js";
import {isBlank, isTicked, isUnticked, parseNumber} from "./values.js";

export type Cells = (column: string) => string | undefined;

export interface Place {
  collector: StoryCollector;
  row: number;
  storyId: string;
}

/** Column names of one triad in one export layout. */
export interface TriadColumns {
  /** Anchor proportion columns (top, left, right), or [] when the layout has none. */
  anchors: string[];
  /** Total the anchor columns add up to (1 raw, 100 Workbench). */
  anchorTotal: number;
  /** Point columns and how to turn them into proportions, if the layout has them. */
  point?: {x: string; y: string; toTriad: (x: number, y: number) => Triad};
  na: string;
}

/** Reads one triad answer: skipped, N/A, answered (closed; clamped with a warning) or invalid. */
export function readTriad(place: Place, sig: SmSignifier, cells: Cells, cols: TriadColumns): void {
  const {collector, row, storyId} = place;
  const invalid = (column: string, reason: string) => {
    collector.issues.reject(row, column, `triad "${sig.title}": ${reason}; story kept, answer marked invalid`);
    collector.triad(row, storyId, sig.id, "invalid");
  };
  if (isTicked(cells(cols.na))) return collector.triad(row, storyId, sig.id, "na");
  const valueColumns = [...cols.anchors, ...(cols.point ? [cols.point.x, cols.point.y] : [])];
  if (valueColumns.every((c) => isBlank(cells(c)))) {
    if (isBlank(cells(cols.na)) || isUnticked(cells(cols.na))) return collector.triad(row, storyId, sig.id, "skipped");
    return invalid(cols.na, `unreadable N/A flag "${cells(cols.na)}"`);
  }
  const fromAnchors = readNumbers(cols.anchors, cells);
  if (typeof fromAnchors === "string") return invalid(fromAnchors, `not a number "${cells(fromAnchors)}"`);
  const point = cols.point ? readNumbers([cols.point.x, cols.point.y], cells) : null;
  if (typeof point === "string") return invalid(point, `not a number "${cells(point)}"`);

  const filled = fromAnchors.filter((v) => v !== null).length;
  if (filled > 0 && filled < 3) return invalid(cols.anchors[fromAnchors.indexOf(null)], `only ${filled} of the 3 proportions filled in`);
  const pointTriad = point && point[0] !== null && point[1] !== null && cols.point ? cols.point.toTriad(point[0], point[1]) : null;
  const parts = filled === 3 ? (fromAnchors.map((v) => v! / cols.anchorTotal) as Triad) : pointTriad;
  if (parts === null) return invalid(cols.point?.x ?? cols.anchors[0], "the point has only one coordinate");

  const closed = closeTriad(parts, 1);
  if (!closed.ok) return invalid(cols.anchors[parts.indexOf(Math.min(...parts))] ?? cols.point!.x, closed.reason);
  if (filled === 3 && pointTriad && triadDistance(parts, pointTriad) > SUM_TOLERANCE) {
    return invalid(cols.point!.x, "the point and the three proportions disagree");
  }
  if (closed.clamped) {
    collector.issues.warn(`row ${row}, triad "${sig.title}": dot slightly outside the triangle, clamped to its edge and re-closed`);
  }
  collector.triad(row, storyId, sig.id, "answered", closed.value);
}

export interface DyadColumns {
  /** Position 0..1 from the left pole. */
  x: string;
  /** Alternative column with the position in percent (Workbench XR), or a right-pole proportion. */
  check?: {column: string; scale: number};
  na: string;
}

export function readDyad(place: Place, sig: SmSignifier, cells: Cells, cols: DyadColumns): void {
  const {collector, row, storyId} = place;
  const invalid = (column: string, reason: string) => {
    collector.issues.reject(row, column, `dyad "${sig.title}": ${reason}; story kept, answer marked invalid`);
    collector.dyad(row, storyId, sig.id, "invalid");
  };
  if (isTicked(cells(cols.na))) return collector.dyad(row, storyId, sig.id, "na");
  const x = parseNumber(cells(cols.x));
  const alt = cols.check ? parseNumber(cells(cols.check.column)) : null;
  if (x === null && alt === null) {
    if (!isBlank(cells(cols.na)) && !isUnticked(cells(cols.na))) return invalid(cols.na, `unreadable N/A flag "${cells(cols.na)}"`);
    return collector.dyad(row, storyId, sig.id, "skipped");
  }
  if (Number.isNaN(x)) return invalid(cols.x, `not a number "${cells(cols.x)}"`);
  if (Number.isNaN(alt)) return invalid(cols.check!.column, `not a number "${cells(cols.check!.column)}"`);
  const position = x ?? alt! / cols.check!.scale;
  if (x !== null && alt !== null && Math.abs(alt / cols.check!.scale - x) > SUM_TOLERANCE) {
    return invalid(cols.check!.column, `disagrees with ${cols.x} (${x})`);
  }
  const checked = checkDyad(position);
  if (!checked.ok) return invalid(cols.x, checked.reason);
  if (checked.clamped) collector.issues.warn(`row ${row}, dyad "${sig.title}": position ${position} just past a pole, clamped to ${checked.value}`);
  collector.dyad(row, storyId, sig.id, "answered", checked.value);
}

/**
 * Single select: the cell holds an item id; anything else is a stray value. `byLabel` also accepts
 * an item's label (Workbench exports may write labels; the raw export never does).
 */
export function readSingle(place: Place, sig: SmSignifier, cells: Cells, column: string, byLabel: boolean): string | null {
  const {collector, row, storyId} = place;
  const value = (cells(column) ?? "").trim();
  if (value === "") {
    collector.choice(row, storyId, sig.id, "skipped");
    return null;
  }
  const option = sig.options.find((o) => o.id.toLowerCase() === value.toLowerCase()) ??
    (byLabel ? sig.options.find((o) => o.label.toLowerCase() === value.toLowerCase()) : undefined);
  if (!option) {
    collector.issues.reject(row, column, `value "${value}" is not one of the ${sig.options.length} options of "${sig.title}"; story kept, answer marked invalid`);
    collector.choice(row, storyId, sig.id, "invalid");
    return null;
  }
  collector.choice(row, storyId, sig.id, "answered", option.id);
  return option.id;
}

/** Multi select as one 0/1 column per item; `columnOf` names the column of an item. */
export function readMulti(place: Place, sig: SmSignifier, cells: Cells, columnOf: (itemId: string) => string): void {
  const {collector, row, storyId} = place;
  let answered = 0;
  for (const option of sig.options) {
    const column = columnOf(option.id);
    const cell = cells(column);
    if (isTicked(cell)) {
      collector.choice(row, storyId, sig.id, "answered", option.id);
      answered++;
    } else if (!isBlank(cell) && !isUnticked(cell)) {
      collector.issues.reject(row, column, `"${cell}" is not a tick (1) for "${option.label}" of "${sig.title}"; story kept, answer marked invalid`);
      collector.choice(row, storyId, sig.id, "invalid");
      answered++;
    }
  }
  if (answered === 0) collector.choice(row, storyId, sig.id, "skipped");
}

/** Parsed numbers of the columns, or the name of the first column that is not a number. */
function readNumbers(columns: string[], cells: Cells): (number | null)[] | string {
  const values = columns.map((c) => parseNumber(cells(c)));
  const bad = values.findIndex((v) => Number.isNaN(v));
  return bad >= 0 ? columns[bad] : values;
}

/** Where an export layout keeps the answers to each kind of signifier. */
export interface ColumnLayout {
  triad(sig: SmSignifier): TriadColumns;
  dyad(sig: SmSignifier): DyadColumns;
  single(sig: SmSignifier): string;
  multi(sig: SmSignifier, itemId: string): string;
  /** Whether a single-select cell may hold an item's label instead of its id. */
  labelsAllowed: boolean;
}

/** Answers of one story to every signifier; returns the teller role, if the framework asks it. */
export function readAnswers(place: Place, def: SmDefinition, cells: Cells, layout: ColumnLayout): string | null {
  let teller: string | null = null;
  for (const sig of def.signifiers) {
    if (sig.type === "triad") readTriad(place, sig, cells, layout.triad(sig));
    else if (sig.type === "dyad") readDyad(place, sig, cells, layout.dyad(sig));
    else if (sig.type === "list" && sig.multiSelect) readMulti(place, sig, cells, (item) => layout.multi(sig, item));
    else if (sig.type === "list") {
      const chosen = readSingle(place, sig, cells, layout.single(sig), layout.labelsAllowed);
      if (sig.id === def.tellerId && chosen) teller = roleOf(sig.options.find((o) => o.id === chosen)!.label);
    }
  }
  return teller;
}
