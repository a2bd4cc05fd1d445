import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { oneVsRestAuc, rankBySeparation, separationFold, stratifiedSample } from '../../../ml/metrics/separation.ts';
import { generateCreditCard } from '../../../ml/table/generate-creditcard.ts';
import { radixSort } from '../../../ml/metrics/radix.ts';
import { gaussian, mulberry32 } from '../../../ml/random.ts';
import type { Column, Table } from '../../../ml/table/types.ts';

const num = (name: string, values: number[]): Column => ({ name, type: 'numeric', values: Float32Array.from(values) });
const cat = (name: string, values: (string | null)[]): Column => {
  const dictionary = [...new Set(values.filter((v): v is string => v !== null))];
  return { name, type: 'categorical', dictionary, codes: Int32Array.from(values, (v) => (v === null ? -1 : dictionary.indexOf(v))) };
};

/** The definition, pair by pair: P(pos > neg) + ½ P(tie), a missing value tying with everything. */
function bruteAuc(values: Float32Array, y: Int32Array, c: number): number {
  let s = 0;
  let pairs = 0;
  for (let i = 0; i < values.length; i++) {
    if (y[i] !== c) continue;
    for (let j = 0; j < values.length; j++) {
      if (y[j] < 0 || y[j] === c) continue;
      pairs++;
      const a = values[i];
      const b = values[j];
      s += Number.isNaN(a) || Number.isNaN(b) || a === b ? 0.5 : a > b ? 1 : 0;
    }
  }
  return pairs ? s / pairs : NaN;
}

describe('oneVsRestAuc', () => {
  it('matches hand-computed AUCs (ties ½, missing pairs ½, unlabelled rows left out)', () => {
    // pos {2, 3} vs neg {1, 2}: 2>1, 2=2 (½), 3>1, 3>2 → 3.5 / 4.
    expect(oneVsRestAuc(Float32Array.of(1, 2, 2, 3), Int32Array.of(0, 1, 0, 1), 2)[1]).toBe(0.875);
    expect(oneVsRestAuc(Float32Array.of(1, 2, 2, 3), Int32Array.of(0, 1, 0, 1), 2)[0]).toBe(0.125);
    // pos {2, NaN} vs neg {1, 2}: 2>1 (1), 2=2 (½), NaN vs 1 (½), NaN vs 2 (½) → 2.5 / 4.
    expect(oneVsRestAuc(Float32Array.of(1, 2, 2, NaN), Int32Array.of(0, 1, 0, 1), 2)[1]).toBe(0.625);
    // Row 4 has no label: it changes nothing.
    expect(oneVsRestAuc(Float32Array.of(1, 2, 2, 3, -100), Int32Array.of(0, 1, 0, 1, -1), 2)[1]).toBe(0.875);
    // −0 and +0 are one value; negative numbers sort below positive ones.
    expect(oneVsRestAuc(Float32Array.of(-0, 0, -5, 5), Int32Array.of(0, 1, 0, 1), 2)[1]).toBe(0.875);
    expect(Number.isNaN(oneVsRestAuc(Float32Array.of(1, 2), Int32Array.of(0, 0), 2)[1])).toBe(true);
  });
  it('equals the pair-by-pair definition on any data (ties, NaN, negatives, unlabelled rows, 3 classes)', () => {
    const value = fc.oneof(fc.constantFrom(NaN, 0, -0, 1, -1, 2.5), fc.integer({ min: -50, max: 50 }), fc.double({ min: -1e6, max: 1e6, noNaN: true }));
    fc.assert(
      fc.property(fc.array(fc.tuple(value, fc.integer({ min: -1, max: 2 })), { maxLength: 80 }), (rows) => {
        const values = Float32Array.from(rows, (r) => r[0]);
        const y = Int32Array.from(rows, (r) => r[1]);
        const auc = oneVsRestAuc(values, y, 3);
        for (let c = 0; c < 3; c++) {
          const want = bruteAuc(values, y, c);
          if (Number.isNaN(want)) expect(Number.isNaN(auc[c])).toBe(true);
          else expect(auc[c]).toBeCloseTo(want, 12);
        }
      }),
    );
  });
});

describe('radixSort', () => {
  it('sorts uint32 keys with their payload, stably, like a comparison sort', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.nat(5), fc.integer({ min: 0, max: 0xffffffff })), { maxLength: 300 }), (ks) => {
        const keys = Uint32Array.from(ks);
        const payload = Uint16Array.from(ks, (_, i) => i);
        radixSort(keys, payload);
        const want = ks.map((k, i) => [k >>> 0, i]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        expect(Array.from(keys)).toEqual(want.map((w) => w[0]));
        expect(Array.from(payload)).toEqual(want.map((w) => w[1]));
      }),
    );
  });
});

describe('rankBySeparation', () => {
  it('scores a numeric column by |2·AUC − 1| of the minority class, in either direction', () => {
    const t: Table = { n: 6, columns: [num('up', [1, 2, 3, 4, 5, 6]), num('down', [6, 5, 4, 3, 2, 1]), num('flat', [1, 1, 1, 1, 1, 1]), cat('y', ['a', 'a', 'a', 'a', 'b', 'b'])] };
    const r = rankBySeparation(t, { label: 'y' });
    expect(r.map((s) => s.column)).toEqual(['up', 'down', 'flat']);
    expect(r[0]).toMatchObject({ kind: 'numeric', score: 1, bestClass: 'b', auc: 1, missing: 0 });
    expect(r[1]).toMatchObject({ score: 1, bestClass: 'b', auc: 0 });
    expect(r[2]).toMatchObject({ score: 0, bestClass: null });
  });
  it('shrinks a numeric score by the pairs a missing value leaves undecided', () => {
    // Perfect on the rows that have a value, but only 2 of 4 positives have one: half the pairs.
    const t: Table = { n: 8, columns: [num('x', [1, 2, 3, 4, 10, 11, NaN, NaN]), cat('y', ['n', 'n', 'n', 'n', 'p', 'p', 'p', 'p'])] };
    const [s] = rankBySeparation(t, { label: 'y' });
    expect(s.missing).toBe(2);
    expect(s.score).toBeCloseTo(0.5, 12);
    expect(s.auc).toBeCloseTo(0.75, 12);
  });
  it('is unchanged by a monotone rescaling of a numeric column', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: -100, max: 100 }), fc.boolean()), { minLength: 2, maxLength: 60 }), (rows) => {
        const y = rows.map((r) => (r[1] ? 'p' : 'n'));
        fc.pre(new Set(y).size === 2);
        const t: Table = { n: rows.length, columns: [num('x', rows.map((r) => r[0])), num('x3', rows.map((r) => 3 * r[0] + 7)), num('neg', rows.map((r) => -r[0])), cat('y', y)] };
        const [a, b, c] = ['x', 'x3', 'neg'].map((name) => rankBySeparation(t, { label: 'y' }).find((s) => s.column === name)!.score);
        expect(b).toBe(a);
        expect(c).toBeCloseTo(a, 12);
      }),
    );
  });
  it('scores categorical columns out of fold: a pure category scores 1, an id column 0, missing is a category', () => {
    const n = 400;
    const y = Array.from({ length: n }, (_, i) => (i % 4 === 0 ? 'p' : 'n'));
    const t: Table = {
      n,
      columns: [
        cat('id', y.map((_, i) => `row${i}`)),
        cat('pure', y.map((v, i) => (v === 'p' ? `p${i % 3}` : `n${i % 5}`))),
        cat('gap', y.map((v) => (v === 'p' ? null : 'filled'))),
        cat('y', y),
      ],
    };
    const r = rankBySeparation(t, { label: 'y' });
    const by = (name: string) => r.find((s) => s.column === name)!;
    expect(by('pure')).toMatchObject({ kind: 'categorical', score: 1, bestClass: 'p', auc: 1 });
    expect(by('gap')).toMatchObject({ score: 1, missing: 100 });
    expect(by('id')).toMatchObject({ score: 0, bestClass: null });
  });
  it('categorical AUC by hand: rates learnt from the other fold, shrunk by one pseudo-row', () => {
    // 8 rows: category A holds 3 p and 1 n, B holds 1 p and 3 n.
    const cats = ['A', 'A', 'A', 'A', 'B', 'B', 'B', 'B'];
    const y = ['p', 'p', 'p', 'n', 'p', 'n', 'n', 'n'];
    const t: Table = { n: 8, columns: [cat('c', cats), cat('y', y)] };
    // Recompute the definition in the test: each row's score is its category's rate of p in the other fold.
    const prior = 0.5;
    const rate = (i: number) => {
      let k = 0;
      let m = 0;
      for (let j = 0; j < 8; j++) if (cats[j] === cats[i] && separationFold(j) !== separationFold(i)) { m++; k += y[j] === 'p' ? 1 : 0; }
      return (k + prior) / (m + 1);
    };
    const score = Float32Array.from({ length: 8 }, (_, i) => rate(i));
    const want = bruteAuc(score, Int32Array.from(y, (v) => (v === 'p' ? 1 : 0)), 1);
    const [s] = rankBySeparation(t, { label: 'y' });
    expect(s.auc).toBeCloseTo(want, 6);
    expect(s.score).toBeCloseTo(Math.max(0, 2 * want - 1), 6);
  });
  it('folds split any row order about evenly', () => {
    let ones = 0;
    let runs = 0;
    for (let i = 0; i < 10_000; i++) {
      ones += separationFold(i);
      if (i > 0 && separationFold(i) !== separationFold(i - 1)) runs++;
    }
    expect(Math.abs(ones - 5000)).toBeLessThan(200);
    expect(Math.abs(runs - 5000)).toBeLessThan(200); // not alternating, not blocks
  });
});

/** 10,000 rows × 166 columns: noise, one informative numeric, one informative categorical, a leak marked "not a feature". */
function planted(seed: number): { table: Table; informative: string } {
  const r = mulberry32(seed);
  const n = 10_000;
  const status = Array.from({ length: n }, () => (r() < 0.2 ? 'bad' : 'good'));
  const columns: Column[] = [];
  const where = Math.floor(r() * 150);
  for (let j = 0; j < 150; j++) {
    const shift = j === where ? 1.2 : 0;
    columns.push(num(j === where ? `signal_${j}` : `noise_${j}`, status.map((s) => gaussian(r) + (s === 'bad' ? shift : 0))));
  }
  const levels = ['a', 'b', 'c', 'd', 'e'];
  for (let j = 0; j < 12; j++) columns.push(cat(`cat_${j}`, status.map(() => (r() < 0.05 ? null : levels[Math.floor(r() * 5)]))));
  // Informative, but less than the numeric signal: 'risky' is 35% of bad vs 15% of good.
  columns.push(cat('segment', status.map((s) => (r() < (s === 'bad' ? 0.35 : 0.15) ? 'risky' : 'plain'))));
  columns.push(num('customer_id', status.map((_, i) => i)));
  columns.push(num('leak', status.map((s) => (s === 'bad' ? 1 : 0))));
  columns.push(cat('Status', status));
  return { table: { n, columns }, informative: `signal_${where}` };
}

describe('rankBySeparation on a wide planted table', () => {
  it('ranks the informative column first, the informative categorical second, never the label or "not a feature" columns', () => {
    for (const seed of [1, 2, 3]) {
      const { table, informative } = planted(seed);
      expect(table.columns.length).toBe(166);
      const r = rankBySeparation(table, { label: 'Status', notFeatures: ['leak'] });
      expect(r.map((s) => s.column)).not.toContain('Status');
      expect(r.map((s) => s.column)).not.toContain('leak');
      expect(r.length).toBe(164);
      expect(r[0]).toMatchObject({ column: informative, kind: 'numeric', bestClass: 'bad' });
      expect(r[0].auc).toBeGreaterThan(0.75);
      expect(r[1]).toMatchObject({ column: 'segment', kind: 'categorical', bestClass: 'bad' });
      // Noise of either kind stays near 0.
      for (const s of r.slice(2)) expect(s.score).toBeLessThan(0.1);
      // The leak would top the list if it were a feature.
      expect(rankBySeparation(table, { label: 'Status' })[0]).toMatchObject({ column: 'leak', score: 1 });
    }
  });
  it('needs a label', () => {
    expect(() => rankBySeparation(planted(1).table, { label: null })).toThrow(/choose a label/);
  });
});

describe('stratifiedSample and sampled AUCs', () => {
  it('keeps every row of small classes and a seeded maxPerClass of big ones, in row order, weighted', () => {
    const y = Int32Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? 1 : i % 3 === 0 ? -1 : 0));
    const all = stratifiedSample(y, 2);
    expect(all.exact).toBe(true);
    expect(all.rows.length).toBe(Array.from(y).filter((v) => v >= 0).length);
    const s = stratifiedSample(y, 2, 150, 7);
    expect(s.exact).toBe(false);
    const kept = Array.from(s.rows, (r) => y[r]);
    expect(kept.filter((c) => c === 1).length).toBe(100);
    expect(kept.filter((c) => c === 0).length).toBe(150);
    expect(kept.every((c) => c >= 0)).toBe(true);
    expect(Array.from(s.rows)).toEqual(Array.from(s.rows).sort((a, b) => a - b));
    const zeros = Array.from(y).filter((v) => v === 0).length;
    expect(zeros).toBe(600);
    expect(Array.from(s.weight)).toEqual([4, 1]);
    expect(Array.from(stratifiedSample(y, 2, 150, 7).rows)).toEqual(Array.from(s.rows));
    expect(Array.from(stratifiedSample(y, 2, 150, 8).rows)).not.toEqual(Array.from(s.rows));
  });
  it('weights each kept row by its class: the weighted pair-by-pair AUC, with three classes', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 2 })), { minLength: 3, maxLength: 60 }), fc.integer({ min: 1, max: 10 }), (rows, cap) => {
        const values = Float32Array.from(rows, (r) => r[0]);
        const y = Int32Array.from(rows, (r) => r[1]);
        const s = stratifiedSample(y, 3, cap, 3);
        const auc = oneVsRestAuc(values, y, 3, s);
        for (let c = 0; c < 3; c++) {
          let num = 0;
          let den = 0;
          for (const i of s.rows) for (const j of s.rows) {
            if (y[i] !== c || y[j] === c) continue;
            const w = s.weight[y[i]] * s.weight[y[j]];
            den += w;
            num += w * (values[i] > values[j] ? 1 : values[i] === values[j] ? 0.5 : 0);
          }
          if (den === 0) expect(Number.isNaN(auc[c])).toBe(true);
          else expect(auc[c]).toBeCloseTo(num / den, 10);
        }
      }),
    );
  });
  it('on a credit-card-shaped table, the sampled ranking matches the exact one', () => {
    const t = generateCreditCard({ seed: 3, n: 60_000 });
    const exact = rankBySeparation(t, { label: 'Class' }, { maxPerClass: Infinity });
    const sampled = rankBySeparation(t, { label: 'Class' }, { maxPerClass: 5000 });
    expect(exact.every((s) => s.exact)).toBe(true);
    expect(sampled.every((s) => !s.exact)).toBe(true);
    expect(sampled.slice(0, 4).map((s) => s.column)).toEqual(exact.slice(0, 4).map((s) => s.column));
    for (const s of sampled) expect(Math.abs(s.score - exact.find((e) => e.column === s.column)!.score)).toBeLessThan(0.03);
    // The planted columns lead: V14, V17, V12, V10 in some order.
    expect(new Set(exact.slice(0, 4).map((s) => s.column))).toEqual(new Set(['V14', 'V17', 'V12', 'V10']));
  });
});
