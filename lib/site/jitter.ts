/**
 * A stable vertical offset in [-1, 1) from a story id (FNV-1a hash), so a dyad dot keeps its place
 * when filters change. The dyad chart uses it, and the dyad page's first-view file carries it
 * (that file has no story ids).
 */
export function jitterOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return ((h >>> 0) / 2 ** 32) * 2 - 1;
}
