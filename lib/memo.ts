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
