/**
 * Reference CART for tests and the `compare` benchmark: exact split search over sorted
 * values, no bins. Each numeric feature is sorted once (packed Float64 keys, native sort);
 * the tree then grows level by level, one pass over every feature's sorted order per level,
 * every node of the level scanned at once (SLIQ-style) — what a careful implementation of
 * exact CART does. Same criterion, candidate order and missing-value options as the
 * histogram tree (ml/classify/tree/split.ts), thresholds at midpoints as scikit-learn, so on
 * columns with few distinct values both must grow the same tree. Numeric features only.
 */
import { giniScore } from '../../../ml/classify/tree/split.ts';
import type { TreeNode, TreeTarget } from '../../../ml/classify/tree/tree.ts';
import type { Table } from '../../../ml/table/types.ts';

export type ExactOptions = { maxDepth?: number; minLeaf?: number; classWeight?: 'balanced' | null };

type Candidate = { score: number; feature: number; test: 'le' | 'missing'; threshold: number; missing: 'left' | 'right' | 'none' };

const f32 = new Float32Array(1), u32 = new Uint32Array(f32.buffer);
const keyOf = (x: number) => { f32[0] = x; const b = u32[0]; return b & 0x80000000 ? ~b >>> 0 : (b | 0x80000000) >>> 0; };

export class ExactCart {
  nodes: TreeNode[] = [];
  classes: string[] = [];
  features: string[] = [];
  constructor(readonly opts: ExactOptions = {}) {}

  fit(table: Table, target: TreeTarget, features: string[], rowsIn?: Uint32Array): this {
    const K = target.classes.length, maxDepth = this.opts.maxDepth ?? 3, minLeaf = this.opts.minLeaf ?? 20;
    const rows = Uint32Array.from([...(rowsIn ?? Uint32Array.from({ length: table.n }, (_, i) => i))].filter((i) => target.codes[i] >= 0));
    const m = rows.length;
    if (m >= 2 ** 21) throw new Error('exact CART reference: too many rows to pack');
    const y = new Int32Array(m);
    for (let p = 0; p < m; p++) y[p] = target.codes[rows[p]];
    const X = features.map((name) => {
      const c = table.columns.find((col) => col.name === name);
      if (!c || c.type !== 'numeric') throw new Error(`exact CART reference: "${name}" is not numeric`);
      const x = new Float32Array(m);
      for (let p = 0; p < m; p++) x[p] = c.values[rows[p]];
      return x;
    });
    const classCount = new Float64Array(K);
    for (const c of y) classCount[c]++;
    const present = [...classCount].filter((c) => c > 0).length;
    const w = new Float64Array(K).fill(1);
    if (this.opts.classWeight === 'balanced') for (let c = 0; c < K; c++) w[c] = classCount[c] ? m / (present * classCount[c]) : 0;
    // Presort: per feature, present positions by value (ties by position), and missing positions.
    const sorted = X.map((x) => {
      let q = 0;
      for (let p = 0; p < m; p++) if (x[p] === x[p]) q++;
      const packed = new Float64Array(q);
      for (let p = 0, j = 0; p < m; p++) if (x[p] === x[p]) packed[j++] = keyOf(x[p]) * 2 ** 21 + p;
      packed.sort();
      const order = new Uint32Array(q);
      for (let j = 0; j < q; j++) order[j] = packed[j] % 2 ** 21;
      return order;
    });
    const missingOf = X.map((x) => { const out: number[] = []; for (let p = 0; p < m; p++) if (x[p] !== x[p]) out.push(p); return out; });
    const slotOf = new Int32Array(2 ** (maxDepth + 1) + 1); // node id → slot in the level being split, -1 = none

    const node = new Int32Array(m); // node id per fit row; -1 = in a finished leaf
    this.nodes = [{ counts: Array.from(classCount), klass: argmax(classCount, w), split: null, left: -1, right: -1 }];
    let level = [0];
    for (let depth = 0; depth < maxDepth && level.length; depth++) {
      const active = level.filter((id) => {
        const c = this.nodes[id].counts, n = c.reduce((a, b) => a + b, 0);
        return c.filter((x) => x > 0).length >= 2 && n >= 2 * minLeaf;
      });
      slotOf.fill(-1);
      active.forEach((id, s) => { slotOf[id] = s; });
      const slot = (id: number) => (id >= 0 ? slotOf[id] : -1);
      const A = active.length;
      const best: (Candidate | null)[] = new Array(A).fill(null);
      const bestScore = new Float64Array(A).fill(-Infinity);
      const L = new Float64Array(A * K), P = new Float64Array(A * K), Mi = new Float64Array(A * K), last = new Float64Array(A);
      const tmpL = new Float64Array(K), tmpR = new Float64Array(K);
      const evalSplit = (s: number, f: number, t: number, mLeft: number, mRight: number, missing: 'left' | 'right' | 'none') => {
        for (let c = 0; c < K; c++) { tmpL[c] = L[s * K + c] + mLeft * Mi[s * K + c]; tmpR[c] = P[s * K + c] - L[s * K + c] + mRight * Mi[s * K + c]; }
        const score = giniScore(tmpL, 0, K, w) + giniScore(tmpR, 0, K, w);
        if (score > bestScore[s]) { bestScore[s] = score; best[s] = { score, feature: f, test: 'le', threshold: t, missing }; }
      };
      /** Every way to send the node's missing rows with a threshold between two values. */
      const consider = (s: number, f: number, t: number) => {
        let nL = 0, nP = 0, nM = 0;
        for (let c = 0; c < K; c++) { nL += L[s * K + c]; nP += P[s * K + c]; nM += Mi[s * K + c]; }
        const nR = nP - nL;
        if (nM === 0) { if (nL >= minLeaf && nR >= minLeaf) evalSplit(s, f, t, 0, 0, 'none'); return; }
        if (nL + nM >= minLeaf && nR >= minLeaf) evalSplit(s, f, t, 1, 0, 'left');
        if (nL >= minLeaf && nR + nM >= minLeaf) evalSplit(s, f, t, 0, 1, 'right');
      };
      for (let f = 0; f < features.length; f++) {
        L.fill(0); P.fill(0); Mi.fill(0); last.fill(NaN);
        const S = sorted[f], x = X[f];
        for (const p of missingOf[f]) { const s = slot(node[p]); if (s >= 0) Mi[s * K + y[p]]++; }
        for (let j = 0; j < S.length; j++) { const s = slot(node[S[j]]); if (s >= 0) P[s * K + y[S[j]]]++; }
        for (let j = 0; j < S.length; j++) {
          const p = S[j], s = slot(node[p]);
          if (s < 0) continue;
          const v = x[p];
          if (last[s] === last[s] && v > last[s]) consider(s, f, (last[s] + v) / 2);
          L[s * K + y[p]]++;
          last[s] = v;
        }
        for (let s = 0; s < A; s++) {
          let nP = 0, nM = 0;
          for (let c = 0; c < K; c++) { nP += P[s * K + c]; nM += Mi[s * K + c]; }
          if (nM >= minLeaf && nP >= minLeaf) {
            const score = giniScore(P, s * K, K, w) + giniScore(Mi, s * K, K, w);
            if (score > bestScore[s]) { bestScore[s] = score; best[s] = { score, feature: f, test: 'missing', threshold: NaN, missing: 'right' }; }
          }
        }
      }
      const next: number[] = [];
      const split = new Map<number, Candidate>();
      active.forEach((id, s) => {
        const b = best[s];
        const parent = giniScore(this.nodes[id].counts, 0, K, w);
        if (!b || !(b.score - parent > 1e-12 * Math.max(1, parent))) return;
        split.set(id, b);
        const l = this.nodes.length;
        for (const side of [0, 1]) { this.nodes.push({ counts: new Array(K).fill(0), klass: 0, split: null, left: -1, right: -1 }); next.push(l + side); }
        const nd = this.nodes[id];
        nd.left = l;
        nd.right = l + 1;
        nd.split = b.test === 'missing' ? { test: 'missing', column: features[b.feature] } : { test: 'le', column: features[b.feature], threshold: b.threshold, missing: b.missing };
      });
      for (let p = 0; p < m; p++) {
        const id = node[p];
        const b = id >= 0 ? split.get(id) : undefined;
        if (!b) { node[p] = -1; continue; }
        const v = X[b.feature][p], nd = this.nodes[id];
        const left = v !== v ? b.test === 'le' && b.missing === 'left' : b.test === 'missing' || v <= b.threshold;
        node[p] = left ? nd.left : nd.right;
        this.nodes[node[p]].counts[y[p]]++;
      }
      for (const id of next) this.nodes[id].klass = argmax(this.nodes[id].counts, w);
      level = next;
    }
    this.classes = [...target.classes];
    this.features = [...features];
    this.nodes = collapse(this.nodes);
    return this;
  }

  predict(table: Table): Int32Array {
    const cols = new Map(table.columns.map((c) => [c.name, c]));
    const out = new Int32Array(table.n);
    for (let i = 0; i < table.n; i++) {
      let id = 0;
      while (id >= 0 && this.nodes[id].split) {
        const nd = this.nodes[id], s = nd.split!;
        const col = cols.get(s.column);
        if (!col || col.type !== 'numeric') throw new Error(`no numeric column "${s.column}"`);
        const v = col.values[i];
        if (s.test === 'missing') id = v === v ? nd.left : nd.right;
        else if (s.test === 'le') id = v !== v ? (s.missing === 'left' ? nd.left : s.missing === 'right' ? nd.right : -1) : v <= s.threshold ? nd.left : nd.right;
      }
      out[i] = id >= 0 ? this.nodes[id].klass : -1;
    }
    return out;
  }
}

function argmax(counts: ArrayLike<number>, w: ArrayLike<number>): number {
  let best = 0;
  for (let c = 1; c < counts.length; c++) if (w[c] * counts[c] > w[best] * counts[best]) best = c;
  return best;
}

/** Same post-pass as the histogram tree: merge sibling leaves of one class, renumber depth-first. */
function collapse(nodes: TreeNode[]): TreeNode[] {
  const merge = (i: number): void => {
    const nd = nodes[i];
    if (!nd.split) return;
    merge(nd.left);
    merge(nd.right);
    if (!nodes[nd.left].split && !nodes[nd.right].split && nodes[nd.left].klass === nodes[nd.right].klass) nd.split = null;
  };
  merge(0);
  const out: TreeNode[] = [];
  const copy = (i: number): number => {
    const nd = nodes[i], id = out.length;
    out.push({ counts: nd.counts, klass: nd.klass, split: nd.split, left: -1, right: -1 });
    if (nd.split) { out[id].left = copy(nd.left); out[id].right = copy(nd.right); }
    return id;
  };
  copy(0);
  return out;
}
