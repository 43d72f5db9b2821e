/** The layout of data/verhalen/triade-punten.arrow, shared by its loader and the page that reads it. */

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
