/**
 * WCAG 2.1 colour contrast (browser-safe): relative luminance of an sRGB colour and the contrast
 * ratio (L1 + 0.05) / (L2 + 0.05), from 1:1 to 21:1. AA asks 4.5:1 for text, 3:1 for large text
 * and for graphical objects (success criteria 1.4.3 and 1.4.11). The linearisation threshold is
 * the sRGB standard's 0.04045 (WCAG 2.1 prints 0.03928; no 8-bit value lies between the two).
 */

export const AA_TEXT = 4.5;
export const AA_GRAPHICS = 3;

/** Parses #rgb or #rrggbb; throws on anything else. */
export function parseHex(colour: string): [number, number, number] {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour.trim());
  if (!m) throw new Error(`"${colour}" is not a colour of the form #rgb or #rrggbb`);
  const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join("") : m[1];
  return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

function linear(channel: number): number {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

export function relativeLuminance(colour: string): number {
  const [r, g, b] = parseHex(colour).map(linear);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
