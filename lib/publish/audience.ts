/**
 * Which site is being built (privacy.md, "Two audiences"): `analyst` (the default: local preview
 * with stories and case lists) or `public` (aggregates only, suppressed, scanned). Loaders ask
 * this once; an unknown value stops the build rather than falling back to either audience.
 */

export type Audience = "analyst" | "public";
export const AUDIENCES: readonly Audience[] = ["analyst", "public"];

export function audience(env: Record<string, string | undefined> = globalThis.process?.env ?? {}): Audience {
  const raw = env.WARMKOUD_AUDIENCE;
  if (raw === undefined || raw.trim() === "") return "analyst";
  const value = raw.trim();
  if ((AUDIENCES as readonly string[]).includes(value)) return value as Audience;
  throw new Error(`WARMKOUD_AUDIENCE="${raw}" is not valid: use "analyst" (stories and case lists, local only) or "public" (aggregates only)`);
}

export const isPublic = (env?: Record<string, string | undefined>): boolean => audience(env) === "public";
