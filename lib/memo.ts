/**
 * A function of an object whose result is kept with that object (a WeakMap: dropped with it).
 * For values derived from data that is never changed once read (answer rows, compositions): a
 * page asks for the same ones in several charts and again after every filter change.
 */
export function memoPerObject<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const results = new WeakMap<K, V>();
  return (key) => {
    if (results.has(key)) return results.get(key)!;
    const value = compute(key);
    results.set(key, value);
    return value;
  };
}
