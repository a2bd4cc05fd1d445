/**
 * "What to label next": row-index queues over the model's answers, most useful first.
 *
 * Unlabelled items, one strategy each (`labelNext`); the uncertainty orders are distinct
 * definitions (with 2 classes the three coincide: each is a monotone function of top-1):
 * - least confident: lowest top-1 probability;
 * - smallest margin: smallest top-1 − top-2 probability;
 * - entropy: highest entropy of the predicted distribution;
 * - margin + diversity: the `poolFactor × batch` smallest-margin items, clustered by seeded
 *   k-means in the space the model reads (its input embedding, standardised as the model
 *   standardises it), then the most uncertain item of each cluster, cluster after cluster —
 *   so one batch does not ask twenty near-duplicates of the same confusion;
 * - random: a seeded draw (the baseline the others must beat).
 * Review queues over labelled or rule-covered items: label disagreements (possible label
 * errors) and model–rule disagreements.
 * Ties break by row index, and every random step takes a seed, so queues are deterministic.
 */
import { mulberry32 } from '../random.ts';
import { kmeans } from './kmeans.ts';

export type QueueStrategy = 'least-confident' | 'smallest-margin' | 'entropy' | 'margin-diversity' | 'random';

/** Names and one-line explanations for a strategy picker. */
export const QUEUE_STRATEGIES: Record<QueueStrategy, { title: string; description: string }> = {
  'least-confident': { title: 'Least confident', description: 'items whose most likely class has the lowest probability' },
  'smallest-margin': { title: 'Smallest margin', description: 'items where the top two classes are closest' },
  entropy: { title: 'Most uncertain (entropy)', description: 'items whose predicted distribution is flattest' },
  'margin-diversity': { title: 'Margin + diversity', description: 'small-margin items from different regions of the embedding, not near-duplicates' },
  random: { title: 'Random', description: 'a random sample of unlabelled items' },
};

/**
 * The strategy the app offers first: the best measured by `npm run bench -- teach` (labels
 * needed to reach 95% of the all-pool test accuracy, both embedding demos, 15 seeded sessions
 * each: the full run's seeds 1–5 plus `--seeds=6-15 --sessions-only`). Relative to random
 * (geometric mean over the demos of the medians): smallest margin 0.63, margin + diversity
 * 0.64, least confident 0.69. Margin and margin + diversity are within noise of each other
 * (paired, per seed); margin needs no embedding and builds in under a millisecond.
 */
export const DEFAULT_QUEUE: QueueStrategy = 'smallest-margin';

/** How many items the teach loop labels between retrains: the size of a diverse batch. */
export const DIVERSITY_BATCH = 20;
/** Candidates clustered per batch, as a multiple of the batch. */
export const DIVERSITY_POOL_FACTOR = 10;

/** The space a diverse batch is spread over: the rows the model was trained on. */
export type QueueEmbedding = {
  /** n×dim row-major, the same rows as the scores. */
  x: Float32Array;
  dim: number;
  /** The model's standardiser (HeadJSON mean/std); distances are measured after it. */
  scaler?: { mean: ArrayLike<number>; std: ArrayLike<number> } | null;
};

export type LabelNextInput = {
  /** n×classes row-major probabilities (Scores.proba). */
  proba: Float32Array;
  /** Per row, top-1 − top-2 probability (Scores.margin). */
  margin: Float32Array;
  /** 1 = labelled already (or not to be asked); such rows never enter a queue. null = none. */
  labelled: Uint8Array | null;
  /** Seeds 'random' and the k-means of 'margin-diversity'. Default 0. */
  seed?: number;
  /** Required by 'margin-diversity'. */
  embedding?: QueueEmbedding;
  /** 'margin-diversity': clusters per batch. Default DIVERSITY_BATCH. */
  batch?: number;
  /** 'margin-diversity': candidates = poolFactor × batch. Default DIVERSITY_POOL_FACTOR. */
  poolFactor?: number;
};

/** True when row a (key ka) comes before row b (key kb): smaller key first, NaN (no answer) last, then row index. */
function precedes(ka: number, kb: number, a: number, b: number): boolean {
  if (ka !== ka || kb !== kb) return ka === ka ? true : kb === kb ? false : a < b;
  return ka < kb || (ka === kb && a < b);
}

/**
 * The k rows with the smallest key, in queue order, skipping rows with skip[i] = 1. A bounded
 * max-heap: O(n log k), so a 200-item queue over 50,000 rows never sorts all of them.
 */
export function smallestK(key: ArrayLike<number>, skip: Uint8Array | null, k: number): Uint32Array {
  const n = key.length;
  if (skip && skip.length !== n) throw new Error(`queue: ${n} scores but a mask of ${skip.length}`);
  const cap = Math.max(0, Math.min(k, n));
  const heap = new Uint32Array(cap); // heap[0] = the worst row kept so far
  let size = 0;
  const sift = (from: number) => {
    let i = from;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < size && precedes(key[heap[worst]], key[heap[l]], heap[worst], heap[l])) worst = l;
      if (r < size && precedes(key[heap[worst]], key[heap[r]], heap[worst], heap[r])) worst = r;
      if (worst === i) return;
      const t = heap[i];
      heap[i] = heap[worst];
      heap[worst] = t;
      i = worst;
    }
  };
  for (let row = 0; row < n && cap > 0; row++) {
    if (skip && skip[row]) continue;
    if (size < cap) {
      heap[size] = row;
      for (let i = size++; i > 0; ) {
        const p = (i - 1) >> 1;
        if (!precedes(key[heap[p]], key[heap[i]], heap[p], heap[i])) break;
        const t = heap[i];
        heap[i] = heap[p];
        heap[p] = t;
        i = p;
      }
    } else if (precedes(key[row], key[heap[0]], row, heap[0])) {
      heap[0] = row;
      sift(0);
    }
  }
  return heap.slice(0, size).sort((a, b) => (a === b ? 0 : precedes(key[a], key[b], a, b) ? -1 : 1));
}


/** The k unlabelled rows with the smallest margin (top-1 − top-2), smallest first. */
export function smallestMargin(margin: Float32Array, labelledMask: Uint8Array | null, k: number): Uint32Array {
  return smallestK(margin, labelledMask, k);
}

/** Per row, a key that is smallest for the item to ask first under an uncertainty strategy. */
export function uncertaintyKey(strategy: 'least-confident' | 'entropy', proba: Float32Array, n: number): Float32Array {
  const k = proba.length / n;
  if (!Number.isInteger(k) || k < 1) throw new Error(`queue: ${proba.length} probabilities for ${n} rows`);
  const key = new Float32Array(n);
  const entropy = strategy === 'entropy';
  for (let i = 0; i < n; i++) {
    let top = -Infinity;
    let h = 0;
    let missing = false;
    for (let c = 0; c < k; c++) {
      const p = proba[i * k + c];
      if (p !== p) missing = true;
      if (p > top) top = p;
      if (entropy && p > 0) h -= p * Math.log(p);
    }
    // NaN probabilities (no answer) give a NaN key, which queues put last.
    key[i] = missing ? NaN : entropy ? -h : top;
  }
  return key;
}

/** k of the rows not skipped, drawn uniformly at random (a partial Fisher–Yates). */
function randomRows(n: number, skip: Uint8Array | null, k: number, seed: number): Uint32Array {
  const rows: number[] = [];
  for (let i = 0; i < n; i++) if (!skip || !skip[i]) rows.push(i);
  const random = mulberry32(seed);
  const take = Math.max(0, Math.min(k, rows.length));
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(random() * (rows.length - i));
    const t = rows[i];
    rows[i] = rows[j];
    rows[j] = t;
  }
  return Uint32Array.from(rows.slice(0, take));
}

/** The candidates' vectors, standardised as the model standardises its input. */
function gather(e: QueueEmbedding, rows: Uint32Array): Float32Array {
  const { x, dim, scaler } = e;
  const out = new Float32Array(rows.length * dim);
  for (let i = 0; i < rows.length; i++) {
    const base = rows[i] * dim;
    for (let d = 0; d < dim; d++) out[i * dim + d] = scaler ? (x[base + d] - scaler.mean[d]) / scaler.std[d] : x[base + d];
  }
  return out;
}

function marginDiversity(input: LabelNextInput, k: number): Uint32Array {
  const { margin, labelled, embedding } = input;
  const n = margin.length;
  if (!embedding) throw new Error('queue: margin + diversity needs the embedding the model was trained on');
  if (embedding.x.length !== n * embedding.dim) throw new Error(`queue: the embedding has ${embedding.x.length / embedding.dim} rows but there are ${n} scores`);
  if (embedding.scaler && (embedding.scaler.mean.length !== embedding.dim || embedding.scaler.std.length !== embedding.dim)) throw new Error(`queue: the standardiser is ${embedding.scaler.mean.length}-d but the embedding ${embedding.dim}-d`);
  const batch = Math.max(1, Math.floor(input.batch ?? DIVERSITY_BATCH));
  const pool = Math.ceil(batch * Math.max(1, input.poolFactor ?? DIVERSITY_POOL_FACTOR));
  const ranked = smallestK(margin, labelled, Math.max(k, pool));
  const cand = ranked.subarray(0, Math.min(pool, ranked.length));
  if (cand.length <= batch) return ranked.slice(0, k);
  const { assign } = kmeans(gather(embedding, cand), embedding.dim, batch, input.seed ?? 0);
  // Candidates are in margin order, so each cluster's list starts with its most uncertain
  // item, and clusters come in the order of their most uncertain items.
  const members = new Map<number, number[]>();
  for (let i = 0; i < cand.length; i++) {
    const list = members.get(assign[i]);
    if (list) list.push(cand[i]);
    else members.set(assign[i], [cand[i]]);
  }
  const out = new Uint32Array(Math.min(k, ranked.length));
  let w = 0;
  for (let round = 0; w < out.length && w < cand.length; round++) {
    for (const list of members.values()) if (round < list.length && w < out.length) out[w++] = list[round];
  }
  for (let i = cand.length; w < out.length; i++) out[w++] = ranked[i];
  return out;
}

/**
 * Up to k unlabelled rows to ask about next, first first. Throws a plain error when the
 * inputs do not fit together (lengths, a missing embedding for margin + diversity).
 */
export function labelNext(strategy: QueueStrategy, input: LabelNextInput, k: number): Uint32Array {
  const n = input.margin.length;
  if (input.labelled && input.labelled.length !== n) throw new Error(`queue: ${n} scores but a mask of ${input.labelled.length}`);
  if (input.proba.length % Math.max(1, n) !== 0) throw new Error(`queue: ${input.proba.length} probabilities for ${n} rows`);
  switch (strategy) {
    case 'smallest-margin':
      return smallestK(input.margin, input.labelled, k);
    case 'least-confident':
    case 'entropy':
      return smallestK(uncertaintyKey(strategy, input.proba, n), input.labelled, k);
    case 'margin-diversity':
      return marginDiversity(input, k);
    case 'random':
      return randomRows(n, input.labelled, k, input.seed ?? 0);
  }
}

/**
 * Labelled rows (humanLabels[i] ≥ 0; -1 = none) whose prediction differs from the label.
 * With `confidence` (e.g. margin), the model's most confident disagreements come first:
 * those are the likeliest label errors.
 */
export function labelDisagreements(predicted: Int32Array, humanLabels: Int32Array, confidence: Float32Array | null = null): Uint32Array {
  if (predicted.length !== humanLabels.length) throw new Error(`labelDisagreements: ${predicted.length} predictions but ${humanLabels.length} labels`);
  const rows: number[] = [];
  for (let i = 0; i < predicted.length; i++) if (humanLabels[i] >= 0 && predicted[i] >= 0 && predicted[i] !== humanLabels[i]) rows.push(i);
  return mostConfidentFirst(rows, confidence);
}

/**
 * Rows where a rule fires (rulePred[i] ≥ 0, an index into ruleClasses; -1 = abstain) for a
 * class other than the model's prediction (an index into classes). Classes are matched by
 * name, so the two lists need not share an order; a rule class the model does not know
 * always disagrees. With `confidence`, the model's most confident disagreements come first.
 */
export function modelRuleDisagreements(predicted: Int32Array, classes: string[], rulePred: Int32Array, ruleClasses: string[], confidence: Float32Array | null = null): Uint32Array {
  if (predicted.length !== rulePred.length) throw new Error(`modelRuleDisagreements: ${predicted.length} predictions but ${rulePred.length} rule answers`);
  const toModel = Int32Array.from(ruleClasses, (name) => classes.indexOf(name));
  const rows: number[] = [];
  for (let i = 0; i < predicted.length; i++) {
    const r = rulePred[i];
    if (r < 0 || predicted[i] < 0) continue;
    if (r >= toModel.length) throw new Error(`modelRuleDisagreements: row ${i} has rule class ${r}, but there are ${ruleClasses.length} rule classes`);
    if (toModel[r] !== predicted[i]) rows.push(i);
  }
  return mostConfidentFirst(rows, confidence);
}

/** Rows by descending confidence (NaN last, ties by row); in row order without one. */
function mostConfidentFirst(rows: number[], confidence: Float32Array | null): Uint32Array {
  const out = Uint32Array.from(rows);
  if (!confidence) return out;
  return out.sort((a, b) => (a === b ? 0 : precedes(-confidence[a], -confidence[b], a, b) ? -1 : 1));
}
