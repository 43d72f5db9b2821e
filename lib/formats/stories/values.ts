/** Cell values of story exports: numbers with a decimal point or comma, blank, and flags. */

/** null for a blank cell, NaN for text that is not a number; `0,25` and `0.25` both read 0.25. */
export function parseNumber(cell: string | undefined): number | null {
  const text = (cell ?? "").trim();
  if (text === "") return null;
  let normal = text;
  if (text.includes(",")) normal = text.includes(".") ? text.replace(/\./g, "").replace(",", ".") : text.replace(",", ".");
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(normal)) return Number.NaN;
  return Number(normal);
}

export function isBlank(cell: string | undefined): boolean {
  return (cell ?? "").trim() === "";
}

/** A ticked box: `1`, `true`, `ja`, `yes`, `x` (case-insensitive). */
export function isTicked(cell: string | undefined): boolean {
  return /^(1|1\.0|true|ja|yes|x|waar)$/i.test((cell ?? "").trim());
}

/** An explicitly unticked box: `0`, `false`, `nee`, `no`. */
export function isUnticked(cell: string | undefined): boolean {
  return /^(0|0\.0|false|nee|no|onwaar)$/i.test((cell ?? "").trim());
}

/** ISO date (yyyy-mm-dd) of a moment in Dutch local time: a story told at 00:30 belongs to that day. */
export function dutchDateOf(epochMs: number): string {
  return new Intl.DateTimeFormat("en-CA", {timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit"})
    .format(new Date(epochMs));
}
