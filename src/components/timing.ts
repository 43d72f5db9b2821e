/**
 * User Timing measures of the slow steps of a page (engine start, tables loaded, preview drawn).
 * The benchmark reads them, so a slow first chart can be told apart without a profiler.
 */
export function measure(name: string, start: number): void {
  performance.measure(name, {start, end: performance.now()});
}
