/**
 * A function of an object whose result is kept with that object (a WeakMap: dropped with it).
 * For values derived from data that is never changed once read (answer rows, compositions): a
 * page asks for the same ones in several charts and again after every filter change. One lookup
 * per call (this runs for every dot of every chart), so results may be null but not undefined.
 */
export function memoPerObject<K extends object, V extends NonNullable<unknown> | null>(compute: (key: K) => V): (key: K) => V {
  const results = new WeakMap<K, V>();
  return (key) => {
    let value = results.get(key);
    if (value === undefined) {
      value = compute(key);
      results.set(key, value);
    }
    return value;
  };
}

/**
 * A function of a list of objects (and a setting) whose last `keep` results are kept. A page
 * summarises the same groups of answers in several charts of one view, and again when a filter is
 * switched back; a list matches when it holds the same objects in the same order (objects never
 * changed once read, as for memoPerObject), and a setting when every part `keyOf` gives of it is
 * the same (===: a function counts as itself). Results are shared: treat them as read-only.
 */
export function memoPerList<T extends object, S, V>(
  compute: (list: readonly T[], setting: S) => V,
  {keep = 16, keyOf = (s: S) => [s]}: {keep?: number; keyOf?: (setting: S) => readonly unknown[]} = {}
): (list: readonly T[], setting: S) => V {
  const kept: {list: readonly T[]; key: readonly unknown[]; value: V}[] = [];
  return (list, setting) => {
    const key = keyOf(setting);
    const at = kept.findIndex((e) => sameItems(e.key, key) && sameItems(e.list, list));
    if (at >= 0) {
      const [hit] = kept.splice(at, 1);
      kept.unshift(hit); // most recently used first; the last one goes when full
      return hit.value;
    }
    // Computed from, and kept with, a copy: a caller refilling its array cannot change what a
    // result was made of (a result may read its list later, e.g. dots placed on first use).
    const copy = [...list];
    const value = compute(copy, setting);
    kept.unshift({list: copy, key, value});
    if (kept.length > keep) kept.pop();
    return value;
  };
}

function sameItems(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
