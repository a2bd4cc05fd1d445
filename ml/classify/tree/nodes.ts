/**
 * Operations on a fitted tree's node array: routing table rows through it (by column name,
 * so a table with other dictionaries or column order works) and merging leaves.
 */
import type { Table } from '../../table/types.ts';
import type { TreeTest } from './paths.ts';

export type TreeNode = {
  /** Fit rows of each class that reach the node. */
  counts: number[];
  /** Class the node predicts: the largest weighted count (ties: the first class). */
  klass: number;
  split: TreeTest | null;
  left: number;
  right: number;
};

/** Per split node, a function from a table row to the next node (-1: stopped by a missing value). */
export function compileRoutes(table: Table, nodes: TreeNode[]): ((i: number) => number)[] {
  return nodes.map((nd) => {
    const s = nd.split;
    if (!s) return () => -1;
    const col = table.columns.find((c) => c.name === s.column);
    if (!col) throw new Error(`the tree splits on "${s.column}", which this table does not have`);
    const missTo = s.test === 'missing' ? nd.right : s.missing === 'left' ? nd.left : s.missing === 'right' ? nd.right : -1;
    if (col.type === 'numeric') {
      if (s.test === 'in') throw new Error(`the tree tests "${s.column}" as categorical; in this table it is numeric`);
      const X = col.values;
      if (s.test === 'missing') return (i) => (X[i] === X[i] ? nd.left : missTo);
      const t = Math.fround(s.threshold);
      return (i) => { const v = X[i]; return v !== v ? missTo : v <= t ? nd.left : nd.right; };
    }
    if (col.type !== 'categorical') throw new Error(`the tree splits on "${s.column}", which is text in this table`);
    const C = col.codes;
    if (s.test === 'missing') return (i) => (C[i] >= 0 ? nd.left : missTo);
    if (s.test === 'le') throw new Error(`the tree tests "${s.column}" as numeric; in this table it is categorical`);
    const set = new Set(s.values);
    const left = Uint8Array.from(col.dictionary, (v) => (set.has(v) ? 1 : 0));
    return (i) => { const c = C[i]; return c < 0 ? missTo : left[c] ? nd.left : nd.right; };
  });
}

/**
 * Merges sibling leaves that predict the same class into their parent, bottom-up, and
 * renumbers the nodes depth-first. A merged split that sent missing values nowhere now
 * classifies those rows too (one more row covered, nothing else changes).
 */
export function collapse(nodes: TreeNode[]): TreeNode[] {
  const merge = (i: number): void => {
    const nd = nodes[i];
    if (!nd.split) return;
    merge(nd.left);
    merge(nd.right);
    const L = nodes[nd.left], R = nodes[nd.right];
    if (!L.split && !R.split && L.klass === R.klass) nd.split = null; // the parent's own class is theirs too
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
