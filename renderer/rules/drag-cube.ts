/**
 * Falcon's idea (Moritz, Howe & Heer, CHI 2019) carried to parallel coordinates: when a drag
 * on axis A is about to start, one pass over the rows that pass every *other* brush builds,
 * for each adjacent axis pair (B, C), the counts by (A's bin × colour group × B's bin × C's
 * bin), cumulated along A's bins. A drag frame then asks for the rows with A in [E_i, E_j]
 * (drag-bins.ts): per pair, one difference of two cumulated rows — O(pairs × occupied cells),
 * whatever the number of rows.
 *
 * Memory is bounded: only the (B, C, group) cells some candidate row occupies are stored
 * (a few hundred to a few thousand per pair on real data, of 65² × groups), for the K non-empty
 * bins of A (≤ 2 × axis pixels + 1, ~200–300): (K + 1) × occupied × 4 bytes, ~20 MB for
 * 1,000,000 × 31 rows with two colour groups. Past `budget` bytes the build gives up (returns
 * null) and the drag is drawn the incremental way instead. A released cube's storage, and the
 * build's row array, go to spare-arrays.ts for the next build (at most one spare of each).
 *
 * Each row-pair of that pass is one increment. Computing its cell from the quantised columns
 * costs about 10 ns here; reading it from the pair's `codes` (each row's stored column, made
 * once per layout and colouring with the occupancy) about 3 ns. Codes take 2 bytes per row and
 * pair, so they are kept only under CODES_BUDGET (the caller decides, drag-session.ts).
 *
 * A cube is set up (`start`), then counted pair by pair in the order asked (`fill`, a generator
 * that yields between chunks), so a caller can run it in time slices while the pointer is still
 * and draw from the pairs counted so far (or move it to a worker: inputs and the result are
 * typed arrays). No DOM; what is kept between builds is the spare memory (spare-arrays.ts).
 */
import { binning, type Binning, type PairCounts } from './density.ts';
import { NONE } from './drag-bins.ts';
import { giveBack, take } from './spare-arrays.ts';
import { CHUNK, runToEnd, type Steps } from './steps.ts';

export type CubeInput = {
  /** Quantised column of every drawn axis, in layout order; pair a joins axes a and a + 1. */
  quant: Uint8Array[];
  /** Pairs to prepare (those on screen: the rest is redrawn on release). */
  pairs: number[];
  /** Per row colour group (255 = not drawn), null = one group. */
  groups: Uint8Array | null;
  nGroups: number;
  /** Binning of the drawn density (density.ts). */
  shift: number;
  /** Doubled bin of every row on the dragged axis (drag-bins.ts), and how many bins there are. */
  bins: Uint16Array;
  nBins: number;
  /** Rows that pass every other brush, ascending; null = all rows. */
  rows: Uint32Array | null;
  n: number;
  /** The candidates' bin offsets (drag-bins.ts BinnedRows.start), if known: saves a counting pass. */
  binStart?: Int32Array;
};


type PairCube = { a: number; /** dense cell (group·cells + cell) of each stored column */ cells: Uint16Array; cum: Uint32Array };

export const CUBE_BUDGET = 64 * 2 ** 20;
/** Bytes of per-row codes kept for all the pairs of one layout (1M rows × 30 pairs: 60 MB). */
export const CODES_BUDGET = 96 * 2 ** 20;
/** Code of a row that is not drawn (group 255). */
const NOT_DRAWN = 0xffff;

export class DragCube {
  readonly bn: Binning;
  readonly pairStride: number;
  /** Bytes held by the cumulated counts. */
  readonly bytes: number;
  private readonly out: Uint32Array;
  /** Pairs counted so far, in the order asked. */
  private pairCubes: PairCube[] = [];
  /** What `fill` still needs (null once filled or released). */
  private work: { input: CubeInput; occupancy: PairOccupancy[]; K: number; rowK: Uint16Array } | null;

  private constructor(input: CubeInput, occupancy: PairOccupancy[], private readonly kOf: Int32Array, K: number, rowK: Uint16Array, bytes: number, private readonly storage: Uint32Array) {
    this.bn = binning(input.shift);
    this.pairStride = this.bn.cells * input.nGroups;
    this.out = new Uint32Array(Math.max(0, input.quant.length - 1) * this.pairStride);
    this.bytes = bytes;
    this.work = { input, occupancy, K, rowK };
  }

  private released = false;

  /** The cube will not be used again: its storage goes to the next one (counts then read 0). */
  release(): void {
    if (this.released) return; // its storage may be another cube's by now
    this.released = true;
    giveBack('cube', this.storage);
    this.pairCubes = [];
    this.work = null;
    this.out.fill(0);
  }

  /** Pairs prepared so far, in layout numbering. */
  get pairs(): number[] { return this.pairCubes.map((p) => p.a); }

  /** True when pair `a` is counted (a drag can be drawn from the cube once the pairs it shows are). */
  has(a: number): boolean { return this.pairCubes.some((p) => p.a === a); }

  /**
   * Counts of the rows whose dragged-axis bin is in [b0, b1] (inclusive, doubled bins), for the
   * prepared pairs; other pairs read 0. The returned array is reused by the next call.
   */
  counts(b0: number, b1: number): PairCounts {
    const lo = this.kOf[Math.max(0, b0)];
    const hi = this.kOf[Math.min(this.kOf.length - 1, b1 + 1)];
    const { out, pairStride } = this;
    for (const { a, cells, cum } of this.pairCubes) {
      const S = cells.length;
      const base = a * pairStride;
      const r0 = lo * S;
      const r1 = hi * S;
      for (let s = 0; s < S; s++) out[base + cells[s]] = cum[r1 + s] - cum[r0 + s];
    }
    return { cnt: out, pairStride };
  }

  /**
   * A cube over the pairs of `occupancy` with none counted yet (the candidates' cube rows are
   * found, its storage taken), or null past `budget`. `fill` then counts them.
   */
  static *start(input: CubeInput, occupancy: PairOccupancy[], budget = CUBE_BUDGET): Steps<DragCube | null> {
    const m = input.rows ? input.rows.length : input.n;
    const { kOf, K, rowK } = cubeRows(input.bins, input.nBins, input.rows, m, input.groups, input.binStart);
    yield;
    const words = cubeWords(occupancy, K);
    let bytes = words * 4;
    for (const occ of occupancy) bytes += occ.cells.byteLength;
    if (bytes > budget) { giveBack('rowK', rowK); return null; }
    return new DragCube(input, occupancy, kOf, K, rowK, bytes, take('cube', Uint32Array, words));
  }

  /** Counts the pairs one after another, in the order asked, in chunks (yield = a good moment to give the thread back). */
  *fill(): Steps<void> {
    if (!this.work) return;
    const { input, occupancy, K, rowK } = this.work;
    const { quant, groups, rows, n } = input;
    const bn = binning(input.shift);
    const m = rows ? rows.length : n;
    let off = 0;
    for (const { a, cells, colOf, codes } of occupancy) {
      // One pass per pair: count per (bin row, stored cell), then cumulate along the bins.
      const S = cells.length;
      const cum = this.storage.subarray(off, (off += (K + 1) * S));
      for (let k0 = 0; k0 < m; k0 += CHUNK) {
        const k1 = Math.min(m, k0 + CHUNK);
        if (codes) countCodes(k0, k1, rowK, rows, codes, S, cum);
        else countChunk(k0, k1, rowK, rows, groups, bn, quant[a], quant[a + 1], colOf, S, cum);
        yield;
        if (!this.work) return; // released meanwhile: the storage is another cube's now
      }
      cumulate(cum, S, K);
      this.pairCubes.push({ a, cells, cum });
      yield; // the caller may now draw from the pairs counted
    }
    giveBack('rowK', rowK);
    this.work = null;
  }

  /** Starts and fills a cube at once (tests, workers); null past `budget`. */
  static buildNow(input: CubeInput, budget = CUBE_BUDGET, withCodes = false): DragCube | null {
    const occupancy = input.pairs.map((a) => runToEnd(pairOccupancy(input.quant, a, input.groups, input.nGroups, input.shift, withCodes)));
    const cube = runToEnd(DragCube.start(input, occupancy, budget));
    if (cube) runToEnd(cube.fill());
    return cube;
  }
}

/** Words of a cube of `K` bin rows over these pairs. */
export const cubeWords = (occupancy: readonly { cells: Uint16Array }[], K: number): number => occupancy.reduce((w, occ) => w + (K + 1) * occ.cells.length, 0);

/**
 * The (group, B-bin, C-bin) cells of pair (a, a + 1) that some row occupies, numbered 0…S-1:
 * the cube stores only these. Computed over *all* rows once per layout and colouring (a drag's
 * candidates occupy a subset), so a drag's build is one pass per pair.
 */
export type PairOccupancy = {
  a: number;
  /** dense cell of each stored column */ cells: Uint16Array;
  /** dense cell → stored column, -1 none */ colOf: Int32Array;
  /** each row's stored column (NOT_DRAWN: not drawn), or null: computed from the columns */ codes: Uint16Array | null;
};

/** The pair's occupied cells from one pass over all rows, and with `withCodes` each row's code (a second pass). */
export function* pairOccupancy(quant: Uint8Array[], a: number, groups: Uint8Array | null, nGroups: number, shift: number, withCodes = false): Steps<PairOccupancy> {
  const bn = binning(shift);
  const cellsG = bn.cells * nGroups;
  if (cellsG >= NOT_DRAWN) throw new Error('drag cube: too many cells per pair for 16-bit cell codes (use a coarser binning)');
  const seen = new Int32Array(cellsG);
  const QA = quant[a], QB = quant[a + 1];
  for (let i0 = 0; i0 < QA.length; i0 += CHUNK) {
    markChunk(i0, Math.min(QA.length, i0 + CHUNK), groups, bn, QA, QB, seen);
    yield;
  }
  const occ = occupancyOf(a, seen);
  return withCodes ? { ...occ, codes: yield* pairCodes(quant, occ, groups, shift) } : occ;
}

/** Each row's stored column in `occ` (NOT_DRAWN: not drawn), one pass over the rows. */
export function* pairCodes(quant: Uint8Array[], occ: PairOccupancy, groups: Uint8Array | null, shift: number): Steps<Uint16Array> {
  const bn = binning(shift);
  const QA = quant[occ.a], QB = quant[occ.a + 1];
  const codes = new Uint16Array(QA.length);
  for (let i0 = 0; i0 < QA.length; i0 += CHUNK) {
    codeChunk(i0, Math.min(QA.length, i0 + CHUNK), groups, bn, QA, QB, occ.colOf, codes);
    yield;
  }
  return codes;
}

/** Numbers the cells marked non-zero in `seen` (dense, group·cells + cell); `seen` becomes colOf. */
export function occupancyOf(a: number, seen: Int32Array): PairOccupancy {
  let S = 0;
  for (let c = 0; c < seen.length; c++) seen[c] = seen[c] ? S++ : -1;
  const cells = new Uint16Array(S);
  for (let c = 0; c < seen.length; c++) if (seen[c] >= 0) cells[seen[c]] = c;
  return { a, cells, colOf: seen, codes: null };
}

/**
 * Non-empty bins of the drawn candidate rows → cube rows 1…K (row 0 = nothing yet), and each
 * candidate's cube row (0 = not drawn). Hot loops live in plain functions: engines optimise
 * them better than loops inside a generator.
 */
function cubeRows(bins: Uint16Array, nBins: number, rows: Uint32Array | null, m: number, groups: Uint8Array | null, binStart?: Int32Array): { kOf: Int32Array; K: number; rowK: Uint16Array } {
  const rowK = take('rowK', Uint16Array, m);
  // Bins that hold candidates (with binStart: drawn or not; a bin of undrawn rows only is a
  // cube row equal to the one before it).
  const perBin = binStart ? null : new Int32Array(nBins);
  if (perBin) {
    for (let k = 0; k < m; k++) {
      const i = rows ? rows[k] : k;
      const b = bins[i];
      if (b !== NONE && (!groups || groups[i] !== 255)) perBin[b]++;
    }
  }
  const kOf = new Int32Array(nBins + 1);
  let K = 0;
  for (let b = 0; b < nBins; b++) { kOf[b] = K; if (perBin ? perBin[b] : binStart![b + 1] > binStart![b]) K++; }
  kOf[nBins] = K;
  for (let k = 0; k < m; k++) {
    const i = rows ? rows[k] : k;
    const b = bins[i];
    if (b !== NONE && (!groups || groups[i] !== 255)) rowK[k] = kOf[b] + 1;
  }
  return { kOf, K, rowK };
}

// Cells from two small tables (binOf, 256 bytes) rather than one 64K-entry (level, level) table:
// the small one stays in L1 and the loop is about 15 % faster.
function markChunk(from: number, to: number, groups: Uint8Array | null, bn: Binning, QA: Uint8Array, QB: Uint8Array, seen: Int32Array): void {
  const { binOf, NB, cells } = bn;
  if (groups) {
    for (let i = from; i < to; i++) if (groups[i] !== 255) seen[groups[i] * cells + binOf[QA[i]] * NB + binOf[QB[i]]] = 1;
  } else {
    for (let i = from; i < to; i++) seen[binOf[QA[i]] * NB + binOf[QB[i]]] = 1;
  }
}

function codeChunk(from: number, to: number, groups: Uint8Array | null, bn: Binning, QA: Uint8Array, QB: Uint8Array, colOf: Int32Array, codes: Uint16Array): void {
  const { binOf, NB, cells } = bn;
  for (let i = from; i < to; i++) {
    const g = groups ? groups[i] : 0;
    codes[i] = g === 255 ? NOT_DRAWN : colOf[g * cells + binOf[QA[i]] * NB + binOf[QB[i]]];
  }
}

function countCodes(from: number, to: number, rowK: Uint16Array, rows: Uint32Array | null, codes: Uint16Array, S: number, cum: Uint32Array): void {
  // A row not drawn has rowK 0 (cubeRows), so its NOT_DRAWN code is never read.
  if (rows) {
    for (let k = from; k < to; k++) { const r = rowK[k]; if (r !== 0) cum[r * S + codes[rows[k]]]++; }
  } else {
    for (let k = from; k < to; k++) { const r = rowK[k]; if (r !== 0) cum[r * S + codes[k]]++; }
  }
}

function countChunk(from: number, to: number, rowK: Uint16Array, rows: Uint32Array | null, groups: Uint8Array | null, bn: Binning, QA: Uint8Array, QB: Uint8Array, colOf: Int32Array, S: number, cum: Uint32Array): void {
  const { binOf, NB, cells } = bn;
  for (let k = from; k < to; k++) {
    const r = rowK[k];
    if (r === 0) continue;
    const i = rows ? rows[k] : k;
    cum[r * S + colOf[(groups ? groups[i] * cells : 0) + binOf[QA[i]] * NB + binOf[QB[i]]]]++;
  }
}

function cumulate(cum: Uint32Array, S: number, K: number): void {
  for (let r = 1, o = S; r <= K; r++, o += S) for (let s = 0; s < S; s++) cum[o + s] += cum[o - S + s];
}
