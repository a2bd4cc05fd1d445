/**
 * Following labels into a changed data file. Old rows map to new rows with the same key (id
 * or content, ml/project/rowkeys.ts); the k-th old row with a key takes the k-th new row with
 * it, so duplicates map in order. Labels whose rows are gone are kept with their key — never
 * dropped — and find their rows again if a later version of the file has them back.
 */
import type { RelocationReport } from './contract.ts';
import { UNLABELLED, type LabelState } from './labels.ts';

export type MatchBy = RelocationReport['by'];

export type MatchInput = {
  labels: LabelState;
  /** Key of every row of the old data; null when unknown (only matching by position is possible). */
  oldKeys: Float64Array | null;
  /** Key of every row of the new data (required unless by position). */
  newKeys: Float64Array | null;
  newN: number;
  newSpace: string | null;
  by: MatchBy;
  /** What the rows are, for the message: rows of a file (the default) or images of a folder. */
  of?: 'file' | 'folder';
};

export type MatchResult = { labels: LabelState; report: Omit<RelocationReport, 'setAside'> };

const fmt = (n: number) => n.toLocaleString('en-US');

/** Consumes new rows with a given key in order: each call hands out the next one, or -1. */
function cursors(newKeys: Float64Array) {
  const next = new Int32Array(newKeys.length);
  const head = new Map<number, number>();
  for (let i = newKeys.length - 1; i >= 0; i--) {
    next[i] = head.get(newKeys[i]) ?? -1;
    head.set(newKeys[i], i);
  }
  return (key: number): number => {
    const at = head.get(key);
    if (at === undefined || at < 0) return -1;
    head.set(key, next[at]);
    return at;
  };
}

export function matchLabels(input: MatchInput): MatchResult {
  const { labels, oldKeys, newKeys, newN, by } = input;
  const values = new Int32Array(newN).fill(UNLABELLED);
  const keptKeys: number[] = [];
  const keptValues: number[] = [];
  let labelled = 0;
  let matched = 0;
  const take = by === 'position' || !newKeys ? null : cursors(newKeys);
  const oldN = labels.values.length;
  for (let r = 0; r < oldN; r++) {
    const v = labels.values[r];
    const key = oldKeys && r < oldKeys.length ? oldKeys[r] : NaN;
    // Unlabelled old rows consume their new row too, so the k-th occurrence maps to the k-th.
    const to = take ? (Number.isNaN(key) ? -1 : take(key)) : r < newN ? r : -1;
    if (v === UNLABELLED) continue;
    labelled++;
    if (to >= 0) { values[to] = v; matched++; } else { keptKeys.push(key); keptValues.push(v); }
  }
  let rematched = 0;
  for (let i = 0; i < labels.keptValues.length; i++) {
    const key = labels.keptKeys[i];
    const to = take && !Number.isNaN(key) ? take(key) : -1;
    if (to >= 0 && values[to] === UNLABELLED) { values[to] = labels.keptValues[i]; rematched++; } else { keptKeys.push(key); keptValues.push(labels.keptValues[i]); }
  }
  const kept = labelled - matched;
  let message = `${fmt(matched)} of ${fmt(labelled)} labelled rows matched`;
  const folder = input.of === 'folder';
  if (kept > 0) message += `; ${fmt(kept)} label${kept === 1 ? '' : 's'} kept for ${folder ? 'images no longer in the folder' : 'rows no longer in the file'}`;
  if (rematched > 0) message += `; ${fmt(rematched)} label${rematched === 1 ? '' : 's'} kept earlier found ${rematched === 1 ? 'its row' : 'their rows'} again`;
  message += by === 'id' ? (folder ? ' (by file path).' : ' (by id column).') : by === 'row-content' ? ' (by row content).' : ' (by row position, as asked).';
  return {
    labels: { classes: [...labels.classes], values, keptKeys: Float64Array.from(keptKeys), keptValues: Int32Array.from(keptValues), space: input.newSpace },
    report: { by, labelled, matched, kept, rematched, message },
  };
}
