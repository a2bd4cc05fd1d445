/**
 * The prepared drag (drag-bins, drag-cube, drag-session): a drag answered from bins and a
 * Falcon-style cube selects exactly the rows the brush mask selects, and its binned pair counts
 * — hence the density drawn during a drag — equal counting the selection from scratch.
 */
import { describe, expect, it } from 'vitest';
import type { Table } from '../../../ml/table/types.ts';
import { mulberry32 } from '../../../ml/random.ts';
import { plotLayout, pairsInView, type PlotLayout } from '../../../renderer/rules/geometry.ts';
import { dragEdge, dragToRange } from '../../../renderer/rules/brush-edit.ts';
import { brushMask, type Brush } from '../../../renderer/rules/mask.ts';
import { axisEdges, binCount, binnedRowSteps, moveMask, NONE, rangeBins, rowBins, rowBinSteps, rowsInBins } from '../../../renderer/rules/drag-bins.ts';
import { DragCube, occupancyOf, pairCodes, pairOccupancy } from '../../../renderer/rules/drag-cube.ts';
import { dropSpares, spareBytes } from '../../../renderer/rules/spare-arrays.ts';
import { DragCounts } from '../../../renderer/rules/drag-counts.ts';
import { accumulateChanges, accumulateDensity, binning, makeBuffers, pairsInWindow } from '../../../renderer/rules/density.ts';
import { allRowCounts, keepAllRowCounts } from '../../../renderer/rules/all-row-counts.ts';
import { levelYs } from '../../../renderer/rules/geometry.ts';
import { runToEnd } from '../../../renderer/rules/steps.ts';
import { DRAG_SHIFT, dragCounts, dragMask, dropDragSession, indexPairs, noteAllRowCounts, preparing, prepareDrag } from '../../../renderer/rules/drag-session.ts';
import { fromCodes } from '../../../renderer/rules/colour.ts';
import { numberAt } from '../../../ml/rules/numbers.ts';

/** Columns with missing values, heavy tails, ties, and values exactly on brush edges. */
function table(n: number, seed: number): Table {
  const rnd = mulberry32(seed);
  const col = (f: () => number) => Float32Array.from({ length: n }, f);
  const a = col(() => (rnd() < 0.04 ? NaN : (rnd() - 0.5) * 10 * (rnd() < 0.1 ? 5 : 1)));
  const b = col(() => Math.exp(rnd() * 5));
  const c = col(() => Math.round((rnd() - 0.5) * 40) / 4);
  const codes = Int32Array.from({ length: n }, () => (rnd() < 0.02 ? -1 : Math.floor(rnd() * 3)));
  return { n, columns: [
    { name: 'a', type: 'numeric', values: a }, { name: 'b', type: 'numeric', values: b },
    { name: 'c', type: 'numeric', values: c }, { name: 'k', type: 'categorical', codes, dictionary: ['x', 'y', 'z'] },
  ] };
}

/** The table's colouring by its categorical column k. */
function byK(t: Table) {
  const k = t.columns[3];
  if (k.type !== 'categorical') throw new Error('categorical expected');
  return fromCodes('k', k.codes, k.dictionary);
}

/** Index of the first difference, -1 when equal (one expect instead of one per element). */
function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

const edgesOf = (L: PlotLayout, axis: number) => axisEdges((y) => dragEdge(L, L.axes[axis], y, true), L.top, L.bottom);

/** Puts some values exactly on edges, so the odd ("on an edge") bins are exercised. */
function onEdges(t: Table, L: PlotLayout, axis: number): void {
  const col = L.axes[axis].column;
  if (col.type !== 'numeric') return;
  const E = edgesOf(L, axis).filter(Number.isFinite);
  for (let i = 0; i < t.n; i += 37) col.values[i] = Math.fround(E[i % E.length]);
}

describe('drag bins', () => {
  it('a range between two edges selects exactly a run of bins, on linear, log and inverted axes', () => {
    const t = table(4000, 1);
    const L = plotLayout(t, ['a', 'b', 'c'], { b: { scale: 'log' }, c: { inverted: true } }, 600, 300);
    const rnd = mulberry32(2);
    for (let axis = 0; axis < 3; axis++) {
      onEdges(t, L, axis);
      const A = L.axes[axis];
      if (A.column.type !== 'numeric') throw new Error('numeric axis expected');
      const col = A.column;
      const E = edgesOf(L, axis);
      expect(E.length).toBeGreaterThan(100);
      const bins = rowBins(A.column, A.quant, E);
      for (let trial = 0; trial < 40; trial++) {
        // A range as a drag makes it: two pixel positions on the axis.
        const [lo, hi] = dragToRange(L, A, L.top + rnd() * (L.bottom - L.top + 20) - 10, L.top + rnd() * (L.bottom - L.top), true);
        const run = rangeBins(E, lo, hi);
        expect(run).not.toBeNull();
        const [b0, b1] = run!;
        const byBins = Array.from(bins, (b) => (b !== NONE && b >= b0 && b <= b1 ? 1 : 0));
        const byValue = Array.from(col.values, (_, i) => { const v = numberAt(col, i); return v >= lo && v <= hi ? 1 : 0; });
        expect(firstDifference(byBins, byValue)).toBe(-1);
      }
      expect(rangeBins(E, E[3] + (E[4] - E[3]) / 3, E[10])).toBeNull(); // a typed bound is not an edge
    }
  });

  it('moving the mask bin by bin keeps it equal to the brush mask, from an unbrushed axis on', () => {
    const t = table(5000, 3);
    const L = plotLayout(t, ['a', 'b', 'c'], {}, 600, 300);
    const A = L.axes[0];
    if (A.column.type !== 'numeric') throw new Error('numeric axis expected');
    onEdges(t, L, 0);
    const E = edgesOf(L, 0);
    const bins = rowBins(A.column, A.quant, E);
    const others: Brush[] = [{ column: 'b', kind: 'numeric', ranges: [[2, 60]] }];
    const mask = new Uint8Array(t.n);
    const m = brushMask(t, others, mask);
    const rows = Uint32Array.from({ length: t.n }, (_, i) => i).filter((i) => mask[i]);
    expect(rows.length).toBe(m);
    const br = runToEnd(binnedRowSteps(bins, binCount(E), rows, t.n));
    const rnd = mulberry32(4);
    let from: [number, number] | null = null;
    for (let step = 0; step < 30; step++) {
      const range = dragToRange(L, A, L.top + rnd() * (L.bottom - L.top), L.top + rnd() * (L.bottom - L.top), true);
      const to = rangeBins(E, range[0], range[1])!;
      moveMask(mask, br, from, to);
      from = to;
      const ref = new Uint8Array(t.n);
      const count = brushMask(t, [...others, { column: 'a', kind: 'numeric', ranges: [range] }], ref);
      expect(firstDifference(mask, ref)).toBe(-1);
      expect(rowsInBins(br, to[0], to[1])).toBe(count);
    }
  });
});

describe('drag bins, with the counts of rowBinSteps', () => {
  it('sorts all rows by bin the same with or without the counting pass', () => {
    const t = table(5000, 12);
    const L = plotLayout(t, ['a', 'b', 'c'], {}, 600, 300);
    const A = L.axes[0];
    if (A.column.type !== 'numeric') throw new Error('numeric axis expected');
    const E = edgesOf(L, 0);
    const perBin = new Int32Array(binCount(E));
    const bins = runToEnd(rowBinSteps(A.column, A.quant, E, undefined, perBin));
    expect(firstDifference(bins, rowBins(A.column, A.quant, E))).toBe(-1);
    const counted = runToEnd(binnedRowSteps(bins, binCount(E), null, t.n));
    const given = runToEnd(binnedRowSteps(bins, binCount(E), null, t.n, perBin));
    expect(firstDifference(given.start, counted.start)).toBe(-1);
    expect(firstDifference(given.order, counted.order)).toBe(-1);
    expect(firstDifference(given.missing, counted.missing)).toBe(-1);
    expect(counted.missing.length).toBeGreaterThan(0);
  });
});

describe('drag cube', () => {
  const t = table(6000, 5);
  const L = plotLayout(t, ['a', 'b', 'c', 'k'], {}, 700, 300);
  const quant = L.axes.map((a) => a.quant);
  const rnd = mulberry32(6);
  const groups = Uint8Array.from({ length: t.n }, (_, i) => (i % 11 === 0 ? 255 : i % 5 === 0 ? 1 : i % 7 === 0 ? 2 : 0));
  /** The first axis (numeric), its drag edges and its rows' bins. */
  const firstAxis = () => {
    const A = L.axes[0];
    if (A.column.type !== 'numeric') throw new Error('numeric axis expected');
    const E = edgesOf(L, 0);
    return { A, column: A.column, E, bins: rowBins(A.column, A.quant, E) };
  };

  for (const axis of [0, 1, 2]) for (const codes of [false, true]) {
    it(`counts equal counting the selection from scratch (drag on axis ${axis}, another brush, three groups${codes ? ', from row codes' : ''})`, () => {
      const A = L.axes[axis];
      if (A.column.type !== 'numeric') throw new Error('numeric axis expected');
      const E = edgesOf(L, axis);
      const bins = rowBins(A.column, A.quant, E);
      const other = L.axes[(axis + 1) % 3];
      const others: Brush[] = [{ column: other.name, kind: 'numeric', ranges: [[other.scale.fromUnit(0.1), other.scale.fromUnit(0.8)]] }];
      const om = new Uint8Array(t.n);
      brushMask(t, others, om);
      const rows = Uint32Array.from({ length: t.n }, (_, i) => i).filter((i) => om[i]);
      const pairs = [0, 1, 2];
      // The fast path (row codes, bin offsets of the sorted candidates) and the plain one.
      const binStart = codes ? runToEnd(binnedRowSteps(bins, binCount(E), rows, t.n)).start : undefined;
      const cube = DragCube.buildNow({ quant, pairs, groups, nGroups: 3, shift: DRAG_SHIFT, bins, nBins: binCount(E), rows, n: t.n, binStart }, undefined, codes)!;
      expect(cube).not.toBeNull();
      expect(cube.bytes).toBeGreaterThan(0);
      for (let trial = 0; trial < 12; trial++) {
        const range = dragToRange(L, A, L.top + rnd() * (L.bottom - L.top), L.top + rnd() * (L.bottom - L.top), true);
        const [b0, b1] = rangeBins(E, range[0], range[1])!;
        const got = cube.counts(b0, b1);
        const mask = new Uint8Array(t.n);
        brushMask(t, [...others, { column: A.name, kind: 'numeric', ranges: [range] }], mask);
        const fresh = new DragCounts(quant, groups, 3, DRAG_SHIFT, t.n, mask);
        expect(got.pairStride).toBe(fresh.pairStride);
        expect(firstDifference(got.cnt, fresh.cnt)).toBe(-1);
      }
    });
  }

  it('counts its pairs in the order asked, and each can be drawn from as soon as it is counted', () => {
    const { A, E, bins } = firstAxis();
    const input = { quant, pairs: [2, 0, 1], groups, nGroups: 3, shift: DRAG_SHIFT, bins, nBins: binCount(E), rows: null, n: t.n };
    const occupancy = input.pairs.map((a) => runToEnd(pairOccupancy(quant, a, groups, 3, DRAG_SHIFT, true)));
    const cube = runToEnd(DragCube.start(input, occupancy))!;
    expect([0, 1, 2].some((a) => cube.has(a))).toBe(false);
    const fill = cube.fill();
    const seen: number[][] = [[]];
    while (!fill.next().done) if (seen.at(-1)!.length !== cube.pairs.length) seen.push(cube.pairs);
    expect(seen).toEqual([[], [2], [2, 0], [2, 0, 1]]);
    // Checked on a second cube stopped after its first pair: that pair exact, the others 0.
    const part = runToEnd(DragCube.start(input, occupancy))!;
    const steps = part.fill();
    while (!part.has(2)) steps.next();
    const range = dragToRange(L, A, L.top + 40, L.top + 180, true);
    const [b0, b1] = rangeBins(E, range[0], range[1])!;
    const mask = new Uint8Array(t.n);
    brushMask(t, [{ column: A.name, kind: 'numeric', ranges: [range] }], mask);
    const fresh = new DragCounts(quant, groups, 3, DRAG_SHIFT, t.n, mask).cnt;
    const got = part.counts(b0, b1).cnt;
    const S = part.pairStride;
    expect(firstDifference(got.subarray(2 * S, 3 * S), fresh.subarray(2 * S, 3 * S))).toBe(-1);
    expect(got.subarray(0, 2 * S).every((v) => v === 0)).toBe(true);
    expect(firstDifference(cube.counts(b0, b1).cnt, fresh)).toBe(-1);
    part.release();
    cube.release();
    dropSpares();
  });

  it('a cube built in the storage of a released one counts exactly', () => {
    const { A, E, bins } = firstAxis();
    const base = { quant, pairs: [0, 1, 2], groups, nGroups: 3, shift: DRAG_SHIFT, bins, nBins: binCount(E), n: t.n };
    const C = L.axes[2];
    const others: Brush[] = [{ column: C.name, kind: 'numeric', ranges: [[C.scale.fromUnit(0.2), C.scale.fromUnit(0.7)]] }];
    const om = new Uint8Array(t.n);
    brushMask(t, others, om);
    const rows = Uint32Array.from({ length: t.n }, (_, i) => i).filter((i) => om[i]);
    for (let round = 0; round < 2; round++) {
      const first = DragCube.buildNow({ ...base, rows: null })!;
      first.release();
      expect(first.counts(0, binCount(E) - 1).cnt.every((v) => v === 0)).toBe(true);
      // Fewer candidates (another brush): it fits the storage, which still holds the first cube's counts.
      const cube = DragCube.buildNow({ ...base, rows })!;
      // Released again: it must not hand out the storage `cube` now counts in.
      first.release();
      const third = DragCube.buildNow({ ...base, rows: null })!;
      for (let trial = 0; trial < 6; trial++) {
        const range = dragToRange(L, A, L.top + rnd() * (L.bottom - L.top), L.top + rnd() * (L.bottom - L.top), true);
        const [b0, b1] = rangeBins(E, range[0], range[1])!;
        const mask = new Uint8Array(t.n);
        brushMask(t, [...others, { column: A.name, kind: 'numeric', ranges: [range] }], mask);
        expect(firstDifference(cube.counts(b0, b1).cnt, new DragCounts(quant, groups, 3, DRAG_SHIFT, t.n, mask).cnt)).toBe(-1);
      }
      cube.release();
      third.release();
    }
    dropSpares();
  });

  it('prepares only the pairs asked for, and gives up past its memory budget', () => {
    const { column, E, bins } = firstAxis();
    const input = { quant, pairs: [1], groups: null, nGroups: 1, shift: DRAG_SHIFT, bins, nBins: binCount(E), rows: null, n: t.n };
    for (const codes of [false, true]) {
      const cube = DragCube.buildNow(input, undefined, codes)!;
      const { cnt, pairStride } = cube.counts(0, binCount(E) - 1);
      expect(cnt.subarray(0, pairStride).every((v) => v === 0)).toBe(true);
      expect(cnt.subarray(pairStride, 2 * pairStride).reduce((s, v) => s + v, 0)).toBe(column.values.filter((v) => !Number.isNaN(v)).length);
    }
    expect(DragCube.buildNow(input, 1000)).toBeNull();
  });

  it('row codes name each row\'s cell of the pair (by the occupancy\'s numbering), and not-drawn rows', () => {
    const occ = runToEnd(pairOccupancy(quant, 1, groups, 3, DRAG_SHIFT, true));
    const { binOf, NB, cells } = binning(DRAG_SHIFT);
    const QA = quant[1], QB = quant[2];
    let wrong = 0;
    for (let i = 0; i < t.n; i++) {
      const code = occ.codes![i];
      if (groups[i] === 255) { if (code !== 0xffff) wrong++; continue; }
      if (occ.cells[code] !== groups[i] * cells + binOf[QA[i]] * NB + binOf[QB[i]]) wrong++;
    }
    expect(wrong).toBe(0);
    expect(groups.some((g) => g === 255)).toBe(true);
    // The same codes from an occupancy found elsewhere (from all-row counts).
    const found = occupancyOf(1, Int32Array.from(occ.colOf, (c) => (c >= 0 ? 1 : 0)));
    expect(found.codes).toBeNull();
    expect(firstDifference(runToEnd(pairCodes(quant, found, groups, DRAG_SHIFT)), occ.codes!)).toBe(-1);
  });
});

describe('drag session', () => {
  it('answers a drag on a prepared axis exactly: mask, count and the density drawn equal counting from scratch', async () => {
    const t = table(8000, 9);
    const L = plotLayout(t, ['a', 'b', 'c', 'k'], {}, 700, 300);
    const colour = byK(t);
    const A = L.axes[2];
    const others: Brush[] = [{ column: 'k', kind: 'categorical', values: ['x', 'z'] }];
    const mask = new Uint8Array(t.n);
    brushMask(t, others, mask);
    const pairs = pairsInView(L, 0, 700);
    // The first paint draws every row at 255 bins; its pair counts give the cube its occupied cells.
    const W = 700, H = 300;
    const layout = { W, H, xs: L.axes.map((a) => a.x), yOfLevel: levelYs(L, 1) };
    accumulateDensity(makeBuffers(W, H, colour.nGroups), layout, { quant: L.axes.map((a) => a.quant), index: null, n: t.n, groups: colour.groups, nGroups: colour.nGroups, shift: 0, onPairCounts: noteAllRowCounts(L, colour) });
    prepareDrag({ table: t, layout: L, colour, brushes: others, axis: A, pairs, mask });
    for (let k = 0; preparing() && k < 500; k++) await new Promise((r) => setTimeout(r, 5));
    expect(preparing()).toBe(false);
    const rnd = mulberry32(10);
    for (let step = 0; step < 15; step++) {
      const brushes: Brush[] = [...others, { column: A.name, kind: 'numeric', ranges: [dragToRange(L, A, L.top + rnd() * 250, L.top + rnd() * 250, true)] }];
      const count = dragMask(t, brushes, mask);
      expect(count).not.toBeNull();
      const ref = new Uint8Array(t.n);
      expect(count).toBe(brushMask(t, brushes, ref));
      expect(firstDifference(mask, ref)).toBe(-1);
      const counts = dragCounts(L, colour, brushes, pairs)!;
      expect(counts).not.toBeNull();
      const index = Uint32Array.from({ length: t.n }, (_, i) => i).filter((i) => ref[i]);
      const input = { quant: L.axes.map((a) => a.quant), index, n: t.n, groups: colour.groups, nGroups: colour.nGroups, shift: DRAG_SHIFT };
      const fresh = makeBuffers(W, H, colour.nGroups);
      accumulateDensity(fresh, layout, input);
      const fromCube = makeBuffers(W, H, colour.nGroups);
      accumulateDensity(fromCube, layout, { ...input, index: null }, counts);
      for (let g = 0; g < colour.nGroups; g++) expect(firstDifference(fromCube.acc[g], fresh.acc[g])).toBe(-1);
    }
    // Typed bounds or a second range on the axis: not the prepared drag's to answer.
    expect(dragMask(t, [...others, { column: A.name, kind: 'numeric', ranges: [[-1.234567, 2]] }], mask)).toBeNull();
    expect(dragCounts(L, colour, [...others, { column: A.name, kind: 'numeric', ranges: [[-3, -2], [1, 2]] }], pairs)).toBeNull();
    // Different other brushes: not prepared for.
    expect(dragCounts(L, colour, [{ column: A.name, kind: 'numeric', ranges: [dragToRange(L, A, 100, 200, true)] }], pairs)).toBeNull();
  });
});

describe('drag session memory', () => {
  const until = async (done: () => boolean) => {
    for (let k = 0; !done() && k < 1000; k++) await new Promise((r) => setTimeout(r, 5));
    expect(done()).toBe(true);
  };

  it('the first preparation takes the memory set aside at rest, the next one the memory of the one it replaces, and both answer exactly', async () => {
    const t = table(20_000, 31);
    const L = plotLayout(t, ['a', 'b', 'c', 'k'], {}, 700, 300);
    const colour = byK(t);
    const pairs = pairsInView(L, 0, 700);
    expect(pairs).toEqual([0, 1, 2]); // all pairs: the cube's counts compare whole
    dropSpares();
    indexPairs(t, L, colour, pairs);
    await until(() => spareBytes('cube') > 0);
    expect(spareBytes('bins')).toBeGreaterThanOrEqual(2 * t.n);
    expect(spareBytes('order')).toBeGreaterThanOrEqual(4 * t.n);
    expect(spareBytes('rowK')).toBeGreaterThanOrEqual(2 * t.n);
    const mask = new Uint8Array(t.n);
    const rnd = mulberry32(32);
    for (const A of [L.axes[1], L.axes[0]]) {
      brushMask(t, [], mask);
      prepareDrag({ table: t, layout: L, colour, brushes: [], axis: A, pairs, mask });
      if (A !== L.axes[1]) {
        // The preparation it replaced gave its candidates' order and its cube back.
        expect(spareBytes('order')).toBeGreaterThan(0);
        expect(spareBytes('cube')).toBeGreaterThan(0);
      }
      await until(() => !preparing());
      // Taken: the axis' bins (the first time), the order and the cube; the cube's row array came back.
      if (A === L.axes[1]) expect(spareBytes('bins')).toBe(0);
      expect(spareBytes('order')).toBe(0);
      expect(spareBytes('cube')).toBe(0);
      expect(spareBytes('rowK')).toBeGreaterThanOrEqual(2 * t.n);
      for (let step = 0; step < 10; step++) {
        const brushes: Brush[] = [{ column: A.name, kind: 'numeric', ranges: [dragToRange(L, A, L.top + rnd() * 200, L.top + rnd() * 200, true)] }];
        const count = dragMask(t, brushes, mask);
        const ref = new Uint8Array(t.n);
        expect(count).toBe(brushMask(t, brushes, ref));
        expect(firstDifference(mask, ref)).toBe(-1);
        const fresh = new DragCounts(L.axes.map((a) => a.quant), colour.groups, colour.nGroups, DRAG_SHIFT, t.n, ref);
        expect(firstDifference(dragCounts(L, colour, brushes, pairs)!.cnt, fresh.cnt)).toBe(-1);
      }
    }
    dropDragSession(t);
    expect(spareBytes()).toBe(0);
  });
});

describe('drag session margin', () => {
  it('a drag can be drawn once the pairs shown are counted; the margin pairs are counted after, and answered exactly too', async () => {
    const t = table(30_000, 41);
    const L = plotLayout(t, ['a', 'b', 'c', 'k'], {}, 700, 300);
    const colour = byK(t);
    const A = L.axes[1];
    const mask = new Uint8Array(t.n);
    brushMask(t, [], mask);
    prepareDrag({ table: t, layout: L, colour, brushes: [], axis: A, pairs: [1], margin: [0, 2], mask });
    for (let i = 0; preparing() && i < 1000; i++) await new Promise((r) => setTimeout(r, 1));
    const brushes: Brush[] = [{ column: A.name, kind: 'numeric', ranges: [dragToRange(L, A, L.top + 30, L.top + 150, true)] }];
    expect(dragCounts(L, colour, brushes, [1])).not.toBeNull();
    for (let i = 0; !dragCounts(L, colour, brushes, [0, 1, 2]) && i < 1000; i++) await new Promise((r) => setTimeout(r, 1));
    const ref = new Uint8Array(t.n);
    dragMask(t, brushes, mask);
    brushMask(t, brushes, ref);
    expect(firstDifference(mask, ref)).toBe(-1);
    const fresh = new DragCounts(L.axes.map((a) => a.quant), colour.groups, colour.nGroups, DRAG_SHIFT, t.n, ref);
    expect(firstDifference(dragCounts(L, colour, brushes, [0, 1, 2])!.cnt, fresh.cnt)).toBe(-1);
    dropDragSession(t);
  });
});

describe('drag session on whole numbers and exact columns', () => {
  it('a whole-number axis (brushes hold integers) and a column with exact numbers are answered exactly too', async () => {
    const n = 6000;
    const rnd = mulberry32(21);
    const seniority = Float32Array.from({ length: n }, () => (rnd() < 0.03 ? NaN : Math.floor(rnd() * 12)));
    // Decimals float32 cannot hold: the rules compare the exact doubles (ml/rules/numbers.ts).
    const exact = Float64Array.from({ length: n }, () => Math.round(rnd() * 2000) / 100 - 10);
    const t: Table = { n, columns: [
      { name: 's', type: 'numeric', values: seniority },
      { name: 'e', type: 'numeric', values: Float32Array.from(exact), exact },
      { name: 'b', type: 'numeric', values: Float32Array.from({ length: n }, () => rnd() * 10) },
    ] };
    const L = plotLayout(t, ['s', 'e', 'b'], {}, 600, 300);
    expect(L.axes[0].integer).toBe(true);
    const colour = fromCodes('none', new Int32Array(n), ['all']);
    const others: Brush[] = [{ column: 'b', kind: 'numeric', ranges: [[1, 8]] }];
    const pairs = pairsInView(L, 0, 600);
    for (const A of [L.axes[0], L.axes[1]]) {
      const mask = new Uint8Array(t.n);
      brushMask(t, others, mask);
      prepareDrag({ table: t, layout: L, colour, brushes: others, axis: A, pairs, mask });
      for (let k = 0; preparing() && k < 500; k++) await new Promise((r) => setTimeout(r, 5));
      expect(preparing()).toBe(false);
      const r2 = mulberry32(22);
      for (let step = 0; step < 20; step++) {
        const brushes: Brush[] = [...others, { column: A.name, kind: 'numeric', ranges: [dragToRange(L, A, L.top + r2() * 260, L.top + r2() * 260, true)] }];
        const count = dragMask(t, brushes, mask);
        expect(count).not.toBeNull(); // answered by the prepared bins, not the slow way
        const ref = new Uint8Array(t.n);
        expect(count).toBe(brushMask(t, brushes, ref));
        expect(firstDifference(mask, ref)).toBe(-1);
      }
    }
  });
});

describe('incremental frames', () => {
  it('redrawing only the changed cells, by their difference, equals drawing each frame from scratch', () => {
    const t = table(5000, 11);
    const L = plotLayout(t, ['a', 'b', 'c', 'k'], {}, 500, 260);
    const quant = L.axes.map((a) => a.quant);
    const groups = Uint8Array.from({ length: t.n }, (_, i) => (i % 13 === 0 ? 255 : i % 4 === 0 ? 1 : 0));
    const rnd = mulberry32(12);
    const mask = Uint8Array.from({ length: t.n }, () => (rnd() < 0.5 ? 1 : 0));
    const dc = new DragCounts(quant, groups, 2, DRAG_SHIFT, t.n, mask);
    const layout = { W: 500, H: 260, xs: L.axes.map((a) => a.x), yOfLevel: levelYs(L, 1), x0: 60, x1: 420 };
    const input = { quant, index: null, n: t.n, groups, nGroups: 2, shift: DRAG_SHIFT };
    const live = makeBuffers(500, 260, 2);
    accumulateDensity(live, layout, input, dc);
    const drawn = dc.cnt.slice();
    let redrawn = 0;
    for (let step = 0; step < 8; step++) {
      // Rows leave and enter (counts go down and up), as when a brush edge moves.
      for (let i = 0; i < t.n; i++) if (rnd() < 0.03) mask[i] ^= 1;
      dc.sync(mask);
      redrawn += accumulateChanges(live, layout, input, dc, drawn);
      const fresh = makeBuffers(500, 260, 2);
      accumulateDensity(fresh, layout, input, dc);
      for (let g = 0; g < 2; g++) expect(firstDifference(live.acc[g], fresh.acc[g])).toBe(-1);
    }
    expect(redrawn).toBeGreaterThan(0);
  });
});

describe('big selections', () => {
  it('counted as all rows minus the rows left out (kept from the first paint), and drawn in two parts, equal drawing them at once', () => {
    const t = table(6000, 13);
    const L = plotLayout(t, ['a', 'b', 'c', 'k'], {}, 600, 260);
    const colour = byK(t);
    const quant = L.axes.map((a) => a.quant);
    const layout = { W: 600, H: 260, xs: L.axes.map((a) => a.x), yOfLevel: levelYs(L, 1) };
    const input = { quant, index: null, n: t.n, groups: colour.groups, nGroups: colour.nGroups, shift: 0 };
    accumulateDensity(makeBuffers(600, 260, colour.nGroups), layout, { ...input, onPairCounts: keepAllRowCounts(L, colour) });
    expect(allRowCounts(colour.groups, quant[0], quant[1])).toBeDefined();
    const rnd = mulberry32(14);
    const index = Uint32Array.from({ length: t.n }, (_, i) => i).filter(() => rnd() < 0.9);
    const chosen = new Uint8Array(t.n);
    index.forEach((i) => { chosen[i] = 1; });
    const rest = Uint32Array.from({ length: t.n }, (_, i) => i).filter((i) => !chosen[i]);
    const direct = makeBuffers(600, 260, colour.nGroups);
    accumulateDensity(direct, layout, { ...input, index });
    // Visible pairs first (the complement way), the others added to the same buffers.
    const parts = makeBuffers(600, 260, colour.nGroups);
    const complement = { rows: rest, all: (a: number) => allRowCounts(colour.groups, quant[a], quant[a + 1]) };
    accumulateDensity(parts, { ...layout, x0: 0, x1: L.axes[1].x + 1 }, { ...input, index, complement });
    accumulateDensity(parts, { ...layout, skip: pairsInWindow({ ...layout, x0: 0, x1: L.axes[1].x + 1 }) }, { ...input, index, complement });
    for (let g = 0; g < colour.nGroups; g++) expect(firstDifference(parts.acc[g], direct.acc[g])).toBe(-1);
    expect(binning(0).NB).toBe(257);
  });
});
