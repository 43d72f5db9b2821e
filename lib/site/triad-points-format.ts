/**
 * The layout of the story pages' first-view files (data/verhalen/triade-punten.arrow and
 * dyade-punten.arrow), shared by their loaders and the pages that read them.
 */

/** Key of the schema metadata that holds TriadPointsMeta as JSON. */
export const TRIAD_POINTS_METADATA = "warmkoud:triad-points";
/** Status codes: index into this list. */
export const STATUSES = ["answered", "na", "skipped"] as const;
/** Role code of a story without a teller role. */
export const NO_ROLE = 255;

export interface TriadPointsMeta {
  /** Triads in question order; the `triad` column is an index into this list. */
  triads: {signifier_id: string; title: string; labels: string[]}[];
  /** Teller roles, sorted; the `role` column is an index into this list (NO_ROLE: none). */
  roles: string[];
  statuses: readonly string[];
}

/** The dyad page's first view (data/verhalen/dyade-punten.arrow, lib/site/dyad-points.ts). */
export const DYAD_POINTS_METADATA = "warmkoud:dyad-points";

/**
 * One row per story in story id order: `role` (code), `jitter` (the dot's vertical offset,
 * jitterOf(story_id)), and per dyad k (its place in `dyads`) `status_k` (code) and `position_k`
 * (NaN without a position).
 */
export interface DyadPointsMeta {
  /** Dyads in question order, poles left and right. */
  dyads: {signifier_id: string; title: string; poles: string[]}[];
  roles: string[];
  statuses: readonly string[];
}

export const dyadStatusColumn = (k: number): string => `status_${k}`;
export const dyadPositionColumn = (k: number): string => `position_${k}`;
