/**
 * BSN (burgerservicenummer) checks from ../shared/privacy.md: the elfproef, left-padding of
 * numbers that Excel cut to 8 digits, and the test range that must be flagged in production.
 */

const WEIGHTS = [9, 8, 7, 6, 5, 4, 3, 2, -1];

/** Left-pads an 8-digit BSN (Excel drops the leading zero); returns null for anything else. */
export function normaliseBsn(input: string): string | null {
  const digits = input.trim();
  if (!/^\d{8,9}$/.test(digits)) return null;
  return digits.padStart(9, "0");
}

/** The weighted sum of the elfproef; a valid BSN has a sum divisible by 11. */
export function elfproefSum(bsn9: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += WEIGHTS[i] * (bsn9.charCodeAt(i) - 48);
  return sum;
}

/** True when the input (8 or 9 digits) passes the elfproef and is not 000000000. */
export function isValidBsn(input: string): boolean {
  const bsn = normaliseBsn(input);
  if (bsn === null || bsn === "000000000") return false;
  return elfproefSum(bsn) % 11 === 0;
}

export const TEST_RANGE = {first: 999_900_006, last: 999_999_990} as const;

/** True for the official test range (valid by elfproef, but never a real person). */
export function isTestBsn(input: string): boolean {
  const bsn = normaliseBsn(input);
  if (bsn === null) return false;
  const n = Number(bsn);
  return n >= TEST_RANGE.first && n <= TEST_RANGE.last;
}

/**
 * Completes an 8-digit prefix to a valid BSN by choosing the check digit, or returns null when no
 * digit works (the remainder would need a check digit of 10). Used by the demo generator.
 */
export function completeBsn(prefix8: string): string | null {
  if (!/^\d{8}$/.test(prefix8)) return null;
  const partial = elfproefSum(prefix8 + "0");
  const check = ((partial % 11) + 11) % 11; // 9-digit sum minus d9 must be 0 mod 11
  if (check > 9) return null;
  const bsn = prefix8 + String(check);
  return bsn === "000000000" ? null : bsn;
}
