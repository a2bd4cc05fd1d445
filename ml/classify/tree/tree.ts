/**
 * A shallow decision tree (CART, Gini) that fits on histogram-binned columns (bins.ts,
 * split.ts) and reads back as rules: scikit-learn-like `fit`, `predict`, `predictProba`,
 * `apply`, `toJSON`/`fromJSON`, plus `measure` and `toRules` (rules.ts).
 *
 * Missing values: each split learns where missing values go (left or right, whichever scores
 * better), or tests "missing vs present" outright. A split that saw no missing value at fit
 * time sends a missing one nowhere: `predict` abstains (-1) on that row, exactly as the rules
 * the tree prints do not cover it. After fitting, sibling leaves predicting the same class
 * are merged (predictions unchanged, rules shorter).
 */
import type { Table } from '../../table/types.ts';
import { CancelledError, yieldToEventLoop } from '../../jobs/job.ts';
import { binColumn, isDropped, type Dropped, type FeatureBins } from './bins.ts';
import { bestSplit, buildHistogram, giniScore, histogramLayout, type Split } from './split.ts';
import type { TreeTest } from './paths.ts';
import { collapse, compileRoutes, type TreeNode } from './nodes.ts';
import { treeToRules, type SuggestedRule, type ToRulesOptions } from './rules.ts';

export type { TreeTest } from './paths.ts';
export type { TreeNode } from './nodes.ts';

export type TreeOptions = {
  /** Default 3. */
  maxDepth?: number;
  /** Fewest fit rows in a leaf. Default 20 (LightGBM's min_data_in_leaf). */
  minLeaf?: number;
  /** A category value joins an `in {…}` set only with this many rows in the node. Default minLeaf. */
  minCategory?: number;
  /** 'balanced': weight class c by m / (K·m_c), as scikit-learn; rare classes then get leaves. Default null. */
  classWeight?: 'balanced' | null;
  /** Bins per column (2..255). Default 255. */
  maxBins?: number;
  /** Values per numeric column its bin edges come from (every k-th). Default 50,000. */
  sampleSize?: number;
};


/** A leaf's rows on a measuring set: covered, and of those of the leaf's class. */
export type TreeMeasure = { what: string; description: string; rows: number; support: number[]; covered: number[]; correct: number[] };

export type TreeTarget = { classes: string[]; codes: Int32Array };

export type FitHooks = { rows?: Uint32Array; signal?: AbortSignal; onProgress?: (done: number, total: number, message: string) => void };

export type DecisionTreeJSON = {
  kind: 'decision-tree';
  version: 1;
  classes: string[];
  features: string[];
  options: Required<Pick<TreeOptions, 'maxDepth' | 'minLeaf' | 'minCategory' | 'maxBins'>> & { classWeight: 'balanced' | null };
  weights: number[];
  /** Category values seen at fit time, per categorical feature. */
  categories: Record<string, string[]>;
  nodes: TreeNode[];
  fitRows: number;
  dropped: Dropped[];
  measured: TreeMeasure | null;
};

const argmaxWeighted = (counts: ArrayLike<number>, w: ArrayLike<number>) => {
  let best = 0;
  for (let c = 1; c < counts.length; c++) if (w[c] * counts[c] > w[best] * counts[best]) best = c;
  return best;
};

export class DecisionTree {
  classes: string[] = [];
  features: string[] = [];
  nodes: TreeNode[] = [];
  weights: number[] = [];
  categories: Record<string, string[]> = {};
  dropped: Dropped[] = [];
  fitRows = 0;
  measured: TreeMeasure | null = null;
  readonly maxDepth: number;
  readonly minLeaf: number;
  readonly minCategory: number;

  constructor(readonly options: TreeOptions = {}) {
    this.maxDepth = Math.max(0, Math.floor(options.maxDepth ?? 3));
    this.minLeaf = Math.max(1, Math.floor(options.minLeaf ?? 20));
    this.minCategory = Math.max(1, Math.floor(options.minCategory ?? this.minLeaf));
  }

  /**
   * Fits on `features` of `table` against `target` (codes -1 are skipped), over `hooks.rows`
   * (default every row). Columns with no values or a single value are dropped (`dropped`).
   */
  async fit(table: Table, target: TreeTarget, features: readonly string[], hooks: FitHooks = {}): Promise<this> {
    const K = target.classes.length;
    if (target.codes.length !== table.n) throw new RangeError(`the target has ${target.codes.length} rows, the table ${table.n}`);
    const rows = fitRows(target, K, hooks.rows);
    const m = rows.length;
    const classCount = new Float64Array(K);
    const y = new Int32Array(m);
    for (let j = 0; j < m; j++) { y[j] = target.codes[rows[j]]; classCount[y[j]]++; }
    const present = target.classes.filter((_, c) => classCount[c] > 0);
    if (present.length < 2) throw new Error(present.length ? `every one of the ${m.toLocaleString('en-US')} rows is ${JSON.stringify(present[0])}: a tree needs two classes to tell apart` : 'there are no rows with a class to fit on');
    const bins: FeatureBins[] = [];
    this.dropped = [];
    let tick = performance.now();
    for (let f = 0; f < features.length; f++) {
      if (hooks.signal?.aborted) throw new CancelledError();
      const b = binColumn(table, features[f], rows, { maxBins: this.options.maxBins, sampleSize: this.options.sampleSize });
      if (isDropped(b)) this.dropped.push(b); else bins.push(b);
      hooks.onProgress?.(f + 1, features.length + 1, `Binning ${features[f]}`);
      // Let progress and a cancel message through every ~50 ms, not after every column.
      if (performance.now() - tick > 50) { await yieldToEventLoop(); tick = performance.now(); }
    }
    if (bins.length === 0) throw new Error(`no column can be split: ${this.dropped.map((d) => `"${d.column}" (${d.reason})`).join(', ') || 'there are no feature columns'}`);
    const w = new Float64Array(K).fill(1);
    if (this.options.classWeight === 'balanced') for (let c = 0; c < K; c++) w[c] = classCount[c] ? m / (present.length * classCount[c]) : 0;
    this.classes = [...target.classes];
    this.features = bins.map((b) => b.name);
    this.weights = Array.from(w);
    this.categories = Object.fromEntries(bins.flatMap((b) => (b.kind === 'categorical' ? [[b.name, b.values.flat()]] : [])));
    this.fitRows = m;
    this.measured = null;
    this.nodes = [];
    const layout = histogramLayout(bins, K);
    const all = Uint32Array.from({ length: m }, (_, j) => j);
    this.grow(bins, y, K, w, layout, all, this.canSplit(0, m) ? buildHistogram(bins, y, K, null, layout) : null, 0, hooks.signal);
    this.nodes = collapse(this.nodes);
    hooks.onProgress?.(features.length + 1, features.length + 1, 'Tree grown');
    return this;
  }

  /** Grows the node of fit rows `pos` (histogram `h`, null when it cannot split: a leaf needs only counts). */
  private grow(bins: FeatureBins[], y: Int32Array, K: number, w: Float64Array, layout: { offset: Int32Array; size: number }, pos: Uint32Array, h: Uint32Array | null, depth: number, signal?: AbortSignal): number {
    if (signal?.aborted) throw new CancelledError();
    const counts = new Array<number>(K).fill(0);
    for (let j = 0; j < pos.length; j++) counts[y[pos[j]]]++;
    const id = this.nodes.length;
    this.nodes.push({ counts, klass: argmaxWeighted(counts, w), split: null, left: -1, right: -1 });
    const pure = counts.filter((x) => x > 0).length < 2;
    if (!h || !this.canSplit(depth, pos.length) || pure) return id;
    const split = bestSplit(bins, h, layout, K, w, this.minLeaf, this.minCategory);
    const parent = giniScore(counts, 0, K, w);
    if (!split || !(split.score - parent > 1e-12 * Math.max(1, parent))) return id;
    const goesLeft = sideOf(bins[split.feature], split);
    let nl = 0;
    for (let j = 0; j < pos.length; j++) if (goesLeft(pos[j])) nl++;
    const L = new Uint32Array(nl), R = new Uint32Array(pos.length - nl);
    for (let j = 0, a = 0, b = 0; j < pos.length; j++) { const p = pos[j]; if (goesLeft(p)) L[a++] = p; else R[b++] = p; }
    // Histogram subtraction: scan the smaller side, the larger is the parent minus it. Children
    // that cannot split (the last level, too few rows) need no histogram at all.
    let hL: Uint32Array | null = null, hR: Uint32Array | null = null;
    if (this.canSplit(depth + 1, L.length) || this.canSplit(depth + 1, R.length)) {
      const small = nl <= pos.length - nl ? L : R;
      const hs = buildHistogram(bins, y, K, small, layout);
      const hl = new Uint32Array(h.length);
      for (let q = 0; q < h.length; q++) hl[q] = h[q] - hs[q];
      [hL, hR] = small === L ? [hs, hl] : [hl, hs];
    }
    this.nodes[id].split = toTest(bins[split.feature], split);
    this.nodes[id].left = this.grow(bins, y, K, w, layout, L, hL, depth + 1, signal);
    this.nodes[id].right = this.grow(bins, y, K, w, layout, R, hR, depth + 1, signal);
    return id;
  }

  private canSplit(depth: number, rows: number): boolean {
    return depth < this.maxDepth && rows >= 2 * this.minLeaf;
  }

  /** Per row (or per row of `rows`, in its order): the leaf it reaches, -1 when a missing value stops it. */
  apply(table: Table, rows?: Uint32Array): Int32Array {
    const route = compileRoutes(table, this.nodes);
    const m = rows ? rows.length : table.n;
    const out = new Int32Array(m);
    for (let j = 0; j < m; j++) {
      const i = rows ? rows[j] : j;
      let node = 0;
      while (node >= 0 && this.nodes[node].split) node = route[node](i);
      out[j] = node;
    }
    return out;
  }

  /** Class index per row; -1 (abstain) where a missing value meets a split that never saw one. */
  predict(table: Table): Int32Array {
    this.fitted();
    const leaf = this.apply(table);
    for (let i = 0; i < leaf.length; i++) leaf[i] = leaf[i] >= 0 ? this.nodes[leaf[i]].klass : -1;
    return leaf;
  }

  /** n × classes weighted leaf shares, row-major; NaN rows where `predict` abstains. */
  predictProba(table: Table): Float32Array {
    this.fitted();
    const K = this.classes.length, leaf = this.apply(table);
    const out = new Float32Array(table.n * K);
    for (let i = 0; i < table.n; i++) {
      if (leaf[i] < 0) { out.fill(NaN, i * K, i * K + K); continue; }
      const c = this.nodes[leaf[i]].counts;
      let s = 0;
      for (let k = 0; k < K; k++) s += this.weights[k] * c[k];
      for (let k = 0; k < K; k++) out[i * K + k] = s > 0 ? (this.weights[k] * c[k]) / s : 1 / K;
    }
    return out;
  }

  /** Measures every leaf on `rows` (rows with code -1 are skipped) and keeps the result for toRules. */
  measure(table: Table, target: TreeTarget, rows: Uint32Array, what: string): TreeMeasure {
    this.fitted();
    const K = this.classes.length, N = this.nodes.length;
    const map = Int32Array.from(target.classes, (c) => this.classes.indexOf(c));
    const leaf = this.apply(table, rows);
    const support = new Array<number>(K).fill(0), covered = new Array<number>(N).fill(0), correct = new Array<number>(N).fill(0);
    let count = 0;
    for (let j = 0; j < rows.length; j++) {
      const t0 = target.codes[rows[j]];
      if (t0 < 0) continue;
      const t = map[t0];
      count++;
      if (t >= 0) support[t]++;
      const l = leaf[j];
      if (l < 0) continue;
      covered[l]++;
      if (this.nodes[l].klass === t) correct[l]++;
    }
    this.measured = { what, description: `${count.toLocaleString('en-US')} ${what}`, rows: count, support, covered, correct };
    return this.measured;
  }

  /** One rule per leaf predicting a wanted class, with the figures of the last `measure` (rules.ts). */
  toRules(opts: ToRulesOptions = {}): SuggestedRule[] {
    this.fitted();
    return treeToRules(this, opts);
  }

  toJSON(): DecisionTreeJSON {
    this.fitted();
    return {
      kind: 'decision-tree', version: 1, classes: [...this.classes], features: [...this.features],
      options: { maxDepth: this.maxDepth, minLeaf: this.minLeaf, minCategory: this.minCategory, maxBins: this.options.maxBins ?? 255, classWeight: this.options.classWeight ?? null },
      weights: [...this.weights], categories: structuredClone(this.categories), nodes: structuredClone(this.nodes),
      fitRows: this.fitRows, dropped: structuredClone(this.dropped), measured: this.measured ? structuredClone(this.measured) : null,
    };
  }

  static fromJSON(json: DecisionTreeJSON): DecisionTree {
    if (json?.kind !== 'decision-tree' || json.version !== 1) throw new Error('not a decision tree (expected kind "decision-tree", version 1)');
    const t = new DecisionTree({ maxDepth: json.options.maxDepth, minLeaf: json.options.minLeaf, minCategory: json.options.minCategory, maxBins: json.options.maxBins, classWeight: json.options.classWeight });
    json.nodes.forEach((nd, i) => {
      if (nd.split && !(nd.left > i && nd.right > i && nd.left < json.nodes.length && nd.right < json.nodes.length)) throw new Error(`decision tree: node ${i} points outside the tree`);
    });
    Object.assign(t, { classes: [...json.classes], features: [...json.features], weights: [...json.weights], categories: structuredClone(json.categories), nodes: structuredClone(json.nodes), fitRows: json.fitRows, dropped: structuredClone(json.dropped), measured: json.measured ? structuredClone(json.measured) : null });
    return t;
  }

  private fitted(): void {
    if (this.nodes.length === 0) throw new Error('this tree is not fitted yet: call fit first');
  }
}

/** The rows to fit on: `rows` (default all) that have a class. */
function fitRows(target: TreeTarget, K: number, rows?: Uint32Array): Uint32Array {
  const C = target.codes, m = rows ? rows.length : C.length;
  let q = 0;
  for (let j = 0; j < m; j++) {
    const i = rows ? rows[j] : j;
    if (i >= C.length) throw new RangeError(`row ${i} is outside the table (0..${C.length - 1})`);
    if (C[i] >= 0 && C[i] < K) q++;
  }
  const out = new Uint32Array(q);
  for (let j = 0, p = 0; j < m; j++) { const i = rows ? rows[j] : j; if (C[i] >= 0 && C[i] < K) out[p++] = i; }
  return out;
}

/** Whether a fit row (by position) goes left under `split`. */
function sideOf(F: FeatureBins, s: Split): (p: number) => boolean {
  const codes = F.codes, miss = F.nBins;
  if (s.test === 'missing') return (p) => codes[p] !== miss;
  const missLeft = s.missing === 'left';
  if (s.test === 'le') return (p) => (codes[p] === miss ? missLeft : codes[p] <= s.bin);
  const inLeft = new Uint8Array(miss + 1);
  for (const b of s.bins) inLeft[b] = 1;
  return (p) => (codes[p] === miss ? missLeft : inLeft[codes[p]] === 1);
}

function toTest(F: FeatureBins, s: Split): TreeTest {
  if (s.test === 'missing') return { test: 'missing', column: F.name };
  if (s.test === 'le') {
    if (F.kind !== 'numeric') throw new Error('a threshold split on a categorical column');
    return { test: 'le', column: F.name, threshold: F.edges[s.bin], missing: s.missing };
  }
  if (F.kind !== 'categorical') throw new Error('a set split on a numeric column');
  const bins = [...s.bins].sort((a, b) => a - b);
  return { test: 'in', column: F.name, values: bins.flatMap((b) => F.values[b]), missing: s.missing };
}
