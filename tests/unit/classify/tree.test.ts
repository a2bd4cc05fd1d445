/**
 * The histogram tree against a split worked by hand, against exact sort-based CART
 * (exact-cart.ts) on generated data, against scikit-learn (tests/fixtures/sklearn/tree.json),
 * and against its own rules: the rules it prints, run by the rule compiler, must predict
 * exactly what the tree predicts, row by row, on any table.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { DecisionTree, type TreeNode } from '../../../ml/classify/tree/tree.ts';
import { bestSplit, buildHistogram, giniScore, histogramLayout } from '../../../ml/classify/tree/split.ts';
import { binColumn, isDropped, shortestBetween, type FeatureBins } from '../../../ml/classify/tree/bins.ts';
import { RuleClassifier } from '../../../ml/classify/rule-classifier.ts';
import { parseRules } from '../../../ml/rules/text.ts';
import type { Table } from '../../../ml/table/types.ts';
import { ExactCart } from './exact-cart.ts';
import { generate } from './tree-data.ts';

const target = (t: Table, name = 'label') => {
  const c = t.columns.find((x) => x.name === name);
  if (!c || c.type !== 'categorical') throw new Error('no label');
  return { classes: c.dictionary, codes: c.codes };
};
const names = (t: Table) => t.columns.filter((c) => c.name !== 'label').map((c) => c.name);
const allRows = (n: number) => Uint32Array.from({ length: n }, (_, i) => i);

/** Structure without thresholds (those differ: midpoints vs short decimals in the same gap). */
function shape(nodes: TreeNode[]): unknown[] {
  return nodes.map((nd) => ({ counts: nd.counts, klass: nd.klass, left: nd.left, right: nd.right, split: nd.split && { test: nd.split.test, column: nd.split.column, missing: nd.split.test === 'missing' ? 'right' : nd.split.missing } }));
}

/** Rows the printed rules assign to each class, via the ordinary rule parser and compiler. */
function rulesPredict(tree: DecisionTree, table: Table): Int32Array {
  const text = tree.toRules().map((s) => s.text).join('\n');
  const { rules, errors } = parseRules(text);
  expect(errors).toEqual([]);
  return new RuleClassifier({ rules, defaultClass: null }, { classes: tree.classes, abstain: 'abstain' }).predict(table);
}

describe('decision tree: hand-worked splits', () => {
  //   x    1 2 3 4 5 6 7 8
  //   y    a a a a b a b b
  // Scores Σ n_c²/n per side: x<=4 → 16/4 + (1+9)/4 = 6.5 (best); x<=5 → 17/5 + 5/3 = 5.07;
  // x<=6 → 26/6 + 4/2 = 6.33; x<=3 → 9/3 + (4+9)/5 = 5.6. Parent: (25+9)/8 = 4.25.
  const table: Table = {
    n: 8,
    columns: [
      { name: 'x', type: 'numeric', values: Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8]) },
      { name: 'y', type: 'categorical', dictionary: ['a', 'b'], codes: Int32Array.from([0, 0, 0, 0, 1, 0, 1, 1]) },
    ],
  };

  it('numeric: x <= 4, score 6.5, Gini decrease 2.25 / 8', async () => {
    const bins = binColumn(table, 'x', allRows(8)) as FeatureBins;
    const y = target(table, 'y').codes;
    const layout = histogramLayout([bins], 2);
    const h = buildHistogram([bins], y, 2, null, layout);
    const s = bestSplit([bins], h, layout, 2, Float64Array.of(1, 1), 1)!;
    expect(s).toMatchObject({ test: 'le', bin: 3, missing: 'none' });
    expect(s.score).toBeCloseTo(6.5, 12);
    expect(s.score - giniScore([5, 3], 0, 2, Float64Array.of(1, 1))).toBeCloseTo(2.25, 12);
    const tree = await new DecisionTree({ maxDepth: 1, minLeaf: 1 }).fit(table, target(table, 'y'), ['x']);
    expect(tree.nodes[0].split).toEqual({ test: 'le', column: 'x', threshold: 4, missing: 'none' });
    expect(tree.nodes.map((n) => n.counts)).toEqual([[5, 3], [4, 0], [1, 3]]);
    expect(tree.toRules().map((r) => r.text.split('  #')[0])).toEqual(['x <= 4 => a', 'x > 4 => b']);
    expect(Array.from(tree.predict(table))).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
    // Two rows a side at least: x<=4 still best; five a side: no split (8 < 2·5), one leaf, rule `true`.
    expect((await new DecisionTree({ maxDepth: 1, minLeaf: 4 }).fit(table, target(table, 'y'), ['x'])).nodes[0].split).toMatchObject({ threshold: 4 });
    const stump = await new DecisionTree({ maxDepth: 1, minLeaf: 5 }).fit(table, target(table, 'y'), ['x']);
    expect(stump.nodes).toHaveLength(1);
    expect(stump.toRules()[0].text.split('  #')[0]).toBe('true => a');
  });

  it('categorical: g in {P, Q} (shares of b: P 0, Q ½, R 1, S 1), score 6.5', async () => {
    const t: Table = { n: 8, columns: [
      { name: 'g', type: 'categorical', dictionary: ['S', 'R', 'Q', 'P'], codes: Int32Array.from([3, 3, 2, 2, 1, 1, 0, 0]) },
      table.columns[1],
    ] };
    const tree = await new DecisionTree({ maxDepth: 1, minLeaf: 1 }).fit(t, target(t, 'y'), ['g']);
    const split = tree.nodes[0].split!;
    expect(split.test).toBe('in');
    expect(split.test === 'in' && [...split.values].sort()).toEqual(['P', 'Q']);
    expect(tree.toRules().map((r) => r.text.split('  #')[0])).toEqual(['g in {"Q", "P"} => a', 'g not in {"Q", "P"} => b']);
  });

  it('categorical, two classes: the sorted-prefix split is the best of all 2^L subsets (Breiman)', () => {
    for (let seed = 1; seed <= 25; seed++) {
      const { table: t, y } = generate({ n: 120, seed, numeric: 0, categorical: 3, missing: seed % 3 ? 0 : 0.1 });
      const g = binColumn(t, 'g2', allRows(t.n)) as FeatureBins; // 7 values
      const layout = histogramLayout([g], 2);
      const h = buildHistogram([g], y, 2, null, layout);
      const w = Float64Array.of(1, seed % 2 ? 1 : 2.5);
      const minLeaf = 1 + (seed % 4) * 5;
      const got = bestSplit([g], h, layout, 2, w, minLeaf);
      let best = -Infinity;
      const L = g.nBins;
      const side = (b: number, miss: boolean) => [0, 1].map((c) => h[(miss ? L : b) * 2 + c]);
      const M = side(0, true);
      for (let s = 1; s < (1 << L) - 1; s++) {
        const left = [0, 0], right = [0, 0];
        for (let b = 0; b < L; b++) { const x = side(b, false); const to = s & (1 << b) ? left : right; to[0] += x[0]; to[1] += x[1]; }
        for (const [ml, mr] of M[0] + M[1] ? [[1, 0], [0, 1]] : [[0, 0]]) {
          const l = [left[0] + ml * M[0], left[1] + ml * M[1]], r = [right[0] + mr * M[0], right[1] + mr * M[1]];
          if (l[0] + l[1] < minLeaf || r[0] + r[1] < minLeaf) continue;
          best = Math.max(best, giniScore(l, 0, 2, w) + giniScore(r, 0, 2, w));
        }
      }
      if (M[0] + M[1] >= minLeaf) best = Math.max(best, giniScore([h.slice(0, 2 * L).filter((_, q) => q % 2 === 0).reduce((a, b) => a + b, 0), h.slice(0, 2 * L).filter((_, q) => q % 2 === 1).reduce((a, b) => a + b, 0)], 0, 2, w) + giniScore(M, 0, 2, w));
      if (best === -Infinity) expect(got).toBeNull();
      else expect(got!.score).toBeCloseTo(best, 10);
    }
  });

  it('bin edges are the shortest decimal in the gap, compared at float32', () => {
    expect(shortestBetween(4, 5)).toBe(4);
    // -0 and 0 are one value (a rule cannot tell them apart either).
    const z: Table = { n: 4, columns: [{ name: 'z', type: 'numeric', values: Float32Array.of(-0, 0, 1, -0) }] };
    expect(binColumn(z, 'z', allRows(4))).toMatchObject({ nBins: 2, edges: [0], codes: Uint8Array.of(0, 0, 1, 0) });
    expect(shortestBetween(Math.fround(0.95), Math.fround(1.3))).toBe(1);
    expect(shortestBetween(Math.fround(-0.3), Math.fround(0.2))).toBe(0);
    expect(shortestBetween(Math.fround(-3.4567), Math.fround(-3.449))).toBe(-3.45);
    for (const [a, b] of [[1e-7, 1.0000001e-7], [123456.7, 123456.8], [-2.5e10, -2.4999e10]].map(([p, q]) => [Math.fround(p), Math.fround(q)])) {
      const d = shortestBetween(a, b);
      expect(Math.fround(d) >= a && Math.fround(d) < b).toBe(true);
    }
  });
});

describe('decision tree vs exact CART', () => {
  it('grows the same tree when every column has few distinct values (bins are then exact)', async () => {
    for (const [seed, classes, missing, depth, minLeaf, cw] of [[1, 2, 0, 3, 5, null], [2, 3, 0.08, 3, 10, null], [3, 2, 0.15, 4, 3, 'balanced'], [4, 3, 0, 2, 30, 'balanced'], [5, 4, 0.05, 5, 1, null]] as const) {
      const { table: t } = generate({ n: 1500, seed, classes, integer: true, missing, numeric: 5 });
      const x0 = t.columns[0].type === 'numeric' ? t.columns[0].values : new Float32Array();
      expect((binColumn(t, 'x0', allRows(t.n)) as FeatureBins).nBins).toBe(new Set(x0.filter((v) => v === v)).size); // a bin per value
      const opts = { maxDepth: depth, minLeaf, classWeight: cw };
      const hist = await new DecisionTree(opts).fit(t, target(t), names(t));
      const exact = new ExactCart(opts).fit(t, target(t), names(t));
      expect(shape(hist.nodes)).toEqual(shape(exact.nodes));
      expect(hist.nodes.length).toBeGreaterThan(2);
      expect(Array.from(hist.predict(t))).toEqual(Array.from(exact.predict(t)));
    }
  });

  it('on continuous data with sampled bins, held-out accuracy within a point of exact CART', async () => {
    const { table: t, y } = generate({ n: 30_000, seed: 7, classes: 3, numeric: 6, missing: 0.03 });
    const fit = allRows(t.n).filter((i) => i % 4 !== 0), held = allRows(t.n).filter((i) => i % 4 === 0);
    const acc = (p: Int32Array) => held.reduce((s, i) => s + (p[i] === y[i] ? 1 : 0), 0) / held.length;
    const hist = await new DecisionTree({ maxDepth: 4, minLeaf: 20, sampleSize: 5000, maxBins: 64 }).fit(t, target(t), names(t), { rows: fit });
    const exact = new ExactCart({ maxDepth: 4, minLeaf: 20 }).fit(t, target(t), names(t), fit);
    expect(Math.abs(acc(hist.predict(t)) - acc(exact.predict(t)))).toBeLessThan(0.01);
    expect(acc(hist.predict(t))).toBeGreaterThan(0.6);
  });

  it('matches scikit-learn DecisionTreeClassifier predictions (fixture)', async () => {
    const fx = JSON.parse(readFileSync('tests/fixtures/sklearn/tree.json', 'utf8')) as { columns: number[][]; y: number[]; cases: { maxDepth: number; minLeaf: number; classWeight: 'balanced' | null; predicted: number[]; leaves: number }[] };
    const t: Table = { n: fx.y.length, columns: [...fx.columns.map((v, j) => ({ name: `f${j}`, type: 'numeric' as const, values: Float32Array.from(v) })), { name: 'label', type: 'categorical', dictionary: ['0', '1', '2'], codes: Int32Array.from(fx.y) }] };
    for (const c of fx.cases) {
      const opts = { maxDepth: c.maxDepth, minLeaf: c.minLeaf, classWeight: c.classWeight };
      expect(Array.from(new ExactCart(opts).fit(t, target(t), names(t)).predict(t))).toEqual(c.predicted);
      const hist = await new DecisionTree(opts).fit(t, target(t), names(t));
      expect(Array.from(hist.predict(t))).toEqual(c.predicted);
      expect(hist.nodes.filter((n) => !n.split).length).toBeLessThanOrEqual(c.leaves); // sklearn keeps same-class siblings
    }
  });
});

describe('decision tree: its rules are the tree', () => {
  it('the printed rules, parsed and compiled, predict exactly what the tree predicts, on any table', async () => {
    for (let seed = 1; seed <= 12; seed++) {
      const { table: t } = generate({ n: 800, seed, classes: 2 + (seed % 3), numeric: 3, categorical: 2, missing: seed % 2 ? 0.1 : 0, integer: seed % 4 === 0 });
      const tree = await new DecisionTree({ maxDepth: 1 + (seed % 4), minLeaf: 1 + (seed % 5) * 4 }).fit(t, target(t), names(t), { rows: allRows(t.n).filter((i) => i % 2 === 0) });
      expect(Array.from(rulesPredict(tree, t))).toEqual(Array.from(tree.predict(t)));
      // New rows: other values, missing values where fitting saw none, a category never seen.
      const { table: u } = generate({ n: 400, seed: seed + 100, classes: 2 + (seed % 3), numeric: 3, categorical: 2, missing: 0.2 });
      for (const c of u.columns) if (c.type === 'categorical' && c.name !== 'label') { c.dictionary = [...c.dictionary, 'never seen']; c.codes[0] = c.dictionary.length - 1; }
      expect(Array.from(rulesPredict(tree, u))).toEqual(Array.from(tree.predict(u)));
    }
  });

  it('missing values are explicit: a branch that takes them says `or x is missing`; a split that saw none abstains', async () => {
    // Missing x means class b; present x splits at 0.
    const n = 300;
    const x = Float32Array.from({ length: n }, (_, i) => (i % 3 === 0 ? NaN : (i % 7) - 3));
    const y = Int32Array.from(x, (v) => (Number.isNaN(v) || v > 0 ? 1 : 0));
    const t: Table = { n, columns: [{ name: 'x', type: 'numeric', values: x }, { name: 'label', type: 'categorical', dictionary: ['a', 'b'], codes: y }] };
    const tree = await new DecisionTree({ maxDepth: 1, minLeaf: 1 }).fit(t, target(t), ['x']);
    expect(tree.nodes[0].split).toEqual({ test: 'le', column: 'x', threshold: 0, missing: 'right' });
    expect(tree.toRules().map((r) => r.text.split('  #')[0])).toEqual(['x <= 0 => a', 'x > 0 or x is missing => b']);
    const sug = tree.toRules().find((r) => r.rule.target === 'b')!;
    expect(sug.brushes).toEqual([{ column: 'x', kind: 'numeric', ranges: [[0, Infinity]], open: [[true, false]] }]);
    expect(sug.notShown).toEqual(['or x is missing']);
    // Fit without missing values, predict with one: no leaf takes it.
    const complete = await new DecisionTree({ maxDepth: 2, minLeaf: 1 }).fit(t, target(t), ['x'], { rows: allRows(n).filter((i) => i % 3 !== 0) });
    const probe: Table = { n: 2, columns: [{ name: 'x', type: 'numeric', values: Float32Array.of(NaN, 2) }] };
    expect(Array.from(complete.predict(probe))).toEqual([-1, 1]);
    expect(Array.from(rulesPredict(complete, probe))).toEqual([-1, 1]);
    expect(Number.isNaN(complete.predictProba(probe)[0])).toBe(true);
  });
});

describe('decision tree: estimator details and bad input', () => {
  it('toJSON / fromJSON round-trips predictions and measured figures', async () => {
    const { table: t } = generate({ n: 500, seed: 3, classes: 3, numeric: 3, categorical: 1, missing: 0.1 });
    const tree = await new DecisionTree({ maxDepth: 3, minLeaf: 5 }).fit(t, target(t), names(t));
    tree.measure(t, target(t), allRows(t.n), 'rows');
    const back = DecisionTree.fromJSON(JSON.parse(JSON.stringify(tree.toJSON())));
    expect(Array.from(back.predict(t))).toEqual(Array.from(tree.predict(t)));
    expect(back.toRules().map((r) => r.text)).toEqual(tree.toRules().map((r) => r.text));
    expect(Array.from(back.predictProba(t))).toEqual(Array.from(tree.predictProba(t)));
    expect(() => DecisionTree.fromJSON({ ...tree.toJSON(), kind: 'x' } as never)).toThrow(/not a decision tree/);
  });

  it('one class, no usable column, unfitted: clear messages; empty and constant columns are dropped with a reason', async () => {
    const t: Table = { n: 4, columns: [
      { name: 'empty', type: 'numeric', values: Float32Array.of(NaN, NaN, NaN, NaN) },
      { name: 'same', type: 'numeric', values: Float32Array.of(2, 2, 2, 2) },
      { name: 'v', type: 'numeric', values: Float32Array.of(1, 2, 3, 4) },
      { name: 'label', type: 'categorical', dictionary: ['a', 'b'], codes: Int32Array.of(0, 0, 1, 1) },
    ] };
    const tree = await new DecisionTree({ minLeaf: 1 }).fit(t, target(t), ['empty', 'same', 'v']);
    expect(tree.features).toEqual(['v']);
    expect(tree.dropped).toEqual([{ column: 'empty', reason: 'it has no values on these rows' }, { column: 'same', reason: 'it has one value (2) on these rows' }]);
    await expect(new DecisionTree().fit(t, target(t), ['empty', 'same'])).rejects.toThrow(/no column can be split: "empty" \(it has no values on these rows\), "same"/);
    await expect(new DecisionTree().fit(t, { classes: ['a', 'b'], codes: Int32Array.of(1, 1, 1, -1) }, ['v'])).rejects.toThrow(/every one of the 3 rows is "b": a tree needs two classes/);
    expect(() => new DecisionTree().predict(t)).toThrow(/not fitted/);
    expect(isDropped(binColumn(t, 'v', allRows(4)))).toBe(false);
  });

  it('cancels between columns', async () => {
    const { table: t } = generate({ n: 200, seed: 1 });
    const ac = new AbortController();
    ac.abort();
    await expect(new DecisionTree().fit(t, target(t), names(t), { signal: ac.signal })).rejects.toThrow(/Cancelled/);
  });
});
