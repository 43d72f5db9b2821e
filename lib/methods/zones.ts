/**
 * Zones of a triad and bands of a dyad, for counts and for tests against multiple-choice questions
 * (methods.md, "Zones").
 *
 * Triad zones, on the closed composition (top, left, right):
 * - corner T, L or R when that part is >= 60%;
 * - centre when all three parts are in [20%, 60%);
 * - side TL, TR or LR when the two named parts are in [20%, 60%) and the third is < 20%.
 * For a closed composition these rules are exhaustive: with no part >= 60%, at most one part can be
 * below 20% (two would leave more than 60% for the third), and then the other two sum to more than
 * 80% while each is below 60%, so each is above 20%. The code therefore assigns, after the corner
 * test, "Centre" when no part is below 20% and otherwise the side of the two largest parts; that
 * fallback only decides at floating-point boundaries, so every composition gets exactly one zone.
 * (SenseMaker Workbench exports name the top-left side "LT"; here it is "TL".)
 *
 * Dyad bands: five bands of width 20% from the left pole: [0, 20), [20, 40), [40, 60), [60, 80),
 * [80, 100]; positions slightly outside 0..1 fall in the outer bands. A part or position within
 * 1e-9 of a boundary counts as on it.
 */
import {memoPerObject} from "../memo.js";
import {close, type Composition} from "./compositional.js";

export const TRIAD_ZONES = ["T", "L", "R", "TL", "TR", "LR", "Centre"] as const;
export type TriadZone = (typeof TRIAD_ZONES)[number];

// Closing a composition can move a part that was exactly on a boundary (60, 20, 20) by one ulp;
// the tolerance keeps it on the boundary, where the rules put it.
const TOLERANCE = 1e-9;
const CORNER = 0.6 - TOLERANCE;
const SIDE = 0.2 - TOLERANCE;
const CORNERS = ["T", "L", "R"] as const;
/** Side zone by the index (0 top, 1 left, 2 right) of the part that is below 20%. */
const SIDE_WITHOUT: readonly TriadZone[] = ["LR", "TR", "TL"];

export const triadZone: (x: Composition) => TriadZone = memoPerObject(zoneOnce);

function zoneOnce(x: Composition): TriadZone {
  const c = close(x);
  for (let i = 0; i < 3; i++) if (c[i] >= CORNER) return CORNERS[i];
  if (c[0] >= SIDE && c[1] >= SIDE && c[2] >= SIDE) return "Centre";
  // The side without the smallest part (the first of equal smallest, as indexOf(min) gives).
  const smallest = c[0] <= c[1] && c[0] <= c[2] ? 0 : c[1] <= c[2] ? 1 : 2;
  return SIDE_WITHOUT[smallest];
}

export const DYAD_BANDS = ["0-20", "20-40", "40-60", "60-80", "80-100"] as const;
export type DyadBand = (typeof DYAD_BANDS)[number];
const BAND_LOWER_BOUNDS = [0.2, 0.4, 0.6, 0.8];

/** Band index 0..4 of a dyad position (0 = left pole, 1 = right pole). */
export function dyadBandIndex(position: number): number {
  if (!Number.isFinite(position)) throw new RangeError(`not a dyad position: ${position}`);
  return BAND_LOWER_BOUNDS.filter((bound) => position >= bound - TOLERANCE).length;
}

export function dyadBand(position: number): DyadBand {
  return DYAD_BANDS[dyadBandIndex(position)];
}
