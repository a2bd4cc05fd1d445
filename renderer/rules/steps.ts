/**
 * Work in steps: long preparations are generators that `yield` between chunks of rows, so the
 * caller decides when they run — in time slices between frames (drag-session.ts), at once in
 * tests, or in a worker. Pure.
 */

/** Rows per chunk between yields (~1–3 ms of work on a slow core). */
export const CHUNK = 1 << 17;

export type Steps<T> = Generator<void, T>;

/** Runs `steps` to the end at once. */
export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const s = steps.next();
    if (s.done) return s.value;
  }
}
