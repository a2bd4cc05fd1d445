/**
 * Which rows a figure was computed on. Every score the Compare view shows carries one of
 * these, so the screen can say "on 2,000 held-out rows" next to it and a model is never
 * silently scored on the rows it trained on.
 */

export type RowSet = {
  /** 1 where the row is in the set; length = the table's row count. */
  mask: Uint8Array;
  count: number;
  /** What the rows are, without the number: "held-out rows", "rows with a label". */
  what: string;
  /** The sentence the UI shows: "2,000 held-out rows". */
  description: string;
};

export const formatCount = (k: number): string => k.toLocaleString('en-US');

function make(mask: Uint8Array, count: number, what: string): RowSet {
  return { mask, count, what, description: `${formatCount(count)} ${what}` };
}

/** A set from a mask (any non-zero byte is in). */
export function rowSetFromMask(mask: Uint8Array, what: string): RowSet {
  const m = new Uint8Array(mask.length);
  let count = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]) { m[i] = 1; count++; }
  return make(m, count, what);
}

/** A set from row indices (duplicates count once). Throws on an index outside 0..n-1. */
export function rowSetFromIndices(n: number, rows: ArrayLike<number>, what: string): RowSet {
  const m = new Uint8Array(n);
  for (let j = 0; j < rows.length; j++) {
    const i = rows[j];
    if (!(i >= 0 && i < n && Number.isInteger(i))) throw new RangeError(`row index ${i} is outside the table (0..${n - 1})`);
    m[i] = 1;
  }
  return rowSetFromMask(m, what);
}

export function allRows(n: number, what = 'rows'): RowSet {
  return make(new Uint8Array(n).fill(1), n, what);
}

/**
 * The rows a model did not train on: the complement of its training rows. This is the
 * "eligible" set a hold-out model is scored on.
 */
export function heldOutRows(n: number, trainedOn: ArrayLike<number>, what = 'held-out rows'): RowSet {
  const m = new Uint8Array(n).fill(1);
  for (let j = 0; j < trainedOn.length; j++) {
    const i = trainedOn[j];
    if (!(i >= 0 && i < n)) throw new RangeError(`training row ${i} is outside the table (0..${n - 1})`);
    m[i] = 0;
  }
  return rowSetFromMask(m, what);
}

/** Rows in both sets; `what` describes the result. */
export function intersectRows(a: RowSet, b: Uint8Array, what: string): RowSet {
  if (a.mask.length !== b.length) throw new RangeError(`row sets differ in length: ${a.mask.length} vs ${b.length}`);
  const m = new Uint8Array(b.length);
  let count = 0;
  for (let i = 0; i < b.length; i++) if (a.mask[i] && b[i]) { m[i] = 1; count++; }
  return make(m, count, what);
}

/** Ascending row indices of a set. */
export function rowIndices(s: RowSet): Uint32Array {
  const out = new Uint32Array(s.count);
  let k = 0;
  for (let i = 0; i < s.mask.length; i++) if (s.mask[i]) out[k++] = i;
  return out;
}
