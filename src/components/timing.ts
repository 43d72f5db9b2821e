/**
 * User Timing measures of the slow steps of a page (engine start, tables loaded, preview drawn).
 * The benchmark reads them, so a slow first chart can be told apart without a profiler.
 */
export function measure(name: string, start: number): void {
  performance.measure(name, {start, end: performance.now()});
}

/**
 * Resolves once the browser has painted the current DOM (a timer task after the next frame began,
 * so after that frame's paint), or after `limit` ms: a tab in the background paints no frames and
 * must not wait for one.
 */
export function afterNextPaint(limit = 1000): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(resolve, limit);
    requestAnimationFrame(() => setTimeout(resolve, 0));
  });
}
