/**
 * Conditions compiled to kernels: the tight loops behind compile.ts.
 *
 * A kernel can (a) write / AND / OR itself into a Uint8Array mask, (b) `select` the matching
 * rows into a Uint32Array index list, ascending, (c) `gather` them in any order (what
 * first-match assignment needs), (d) `refine` such a list in place, and (e) `test` one row.
 * Rules are usually selective conjunctions (`V14 < -4.2 and V17 in [-9, -2]`), so the fast
 * path is gather-then-refine: the most selective term lists its rows, the other terms only
 * look at the few survivors. A range on a column evaluated before lists its rows from a
 * sorted index (sorted-index.ts: two binary searches and a copy); otherwise one pass.
 * Leaves have hand-written loops; `and` chains them; `or` / `not` fall back to masks and
 * row tests.
 *
 * Numeric ranges are a closed interval [L, H] on the array `numericTest` picks (numbers.ts:
 * the exact doubles, or float32 values at float32 thresholds): two comparisons, and NaN
 * (missing) fails both. Categorical sets are a lookup table indexed by code + 1, so code -1
 * (missing) reads slot 0, which is 0 for `in` and for `not in`.
 */
import type { Condition } from './spec.ts';
import { findColumn, type Column, type Table } from '../table/types.ts';
import { numericTest } from './numbers.ts';
import { indexRange, sortedIndexFor } from './sorted-index.ts';

/** A rule that cannot run on this table: unknown column or a test of the wrong type. */
export class RuleError extends Error {
  constructor(message: string, readonly ruleId: string | null = null, readonly column: string | null = null) {
    super(message);
    this.name = 'RuleError';
  }
}

export const WRITE = 0, AND = 1, OR = 2;
export type Mode = typeof WRITE | typeof AND | typeof OR;

export type Kernel = {
  mask(out: Uint8Array, mode: Mode): void;
  /** Writes the matching rows (ascending) into idx (length ≥ n); returns how many. */
  select(idx: Uint32Array): number;
  /** Writes the matching rows, in any order, into idx from `at` (length ≥ at + n); returns the new end. */
  gather(idx: Uint32Array, at: number): number;
  /** Keeps only the matching rows among idx[0..count); returns the new count. */
  refine(idx: Uint32Array, count: number): number;
  test(i: number): boolean;
  /** How many rows match, when an index tells it for free; else null. */
  count: number | null;
};

type Col = Float32Array | Float64Array;

function column(table: Table, name: string, ruleId: string | null): Column {
  const c = findColumn(table, name);
  if (!c) throw new RuleError(`unknown column \`${name}\``, ruleId, name);
  return c;
}

/** Defaults in terms of `mask` and `test`, for kernels without a specialised loop. */
function withDefaults(n: number, k: Pick<Kernel, 'mask' | 'test'> & Partial<Kernel>): Kernel {
  const select = k.select ?? ((idx: Uint32Array) => {
    const m = new Uint8Array(n);
    k.mask(m, WRITE);
    let c = 0;
    for (let i = 0; i < n; i++) if (m[i]) idx[c++] = i;
    return c;
  });
  return {
    mask: k.mask,
    test: k.test,
    select,
    gather: k.gather ?? ((idx, at) => at + select(at ? idx.subarray(at) : idx)),
    refine: k.refine ?? ((idx, count) => {
      let w = 0;
      for (let j = 0; j < count; j++) { const i = idx[j]; if (k.test(i)) idx[w++] = i; }
      return w;
    }),
    count: k.count ?? null,
  };
}

// Hot loops are top-level functions taking everything as arguments: V8 keeps those in
// registers, where loads from a closure's context cost ~1.5× in a micro-benchmark here.
// One-sided ranges (the usual `V14 < -4.2`) get a single comparison; NaN fails it either way.
// The scans test four rows at once and only then look for which one matched: on selective
// tests that is ~1.4× faster than one branch per row.

function selectLE(X: Col, H: number, n: number, idx: Uint32Array): number {
  let c = 0, i = 0;
  for (; i + 4 <= n; i += 4) {
    if (X[i] <= H || X[i + 1] <= H || X[i + 2] <= H || X[i + 3] <= H) for (let j = i; j < i + 4; j++) if (X[j] <= H) idx[c++] = j;
  }
  for (; i < n; i++) if (X[i] <= H) idx[c++] = i;
  return c;
}
function selectGE(X: Col, L: number, n: number, idx: Uint32Array): number {
  let c = 0, i = 0;
  for (; i + 4 <= n; i += 4) {
    if (X[i] >= L || X[i + 1] >= L || X[i + 2] >= L || X[i + 3] >= L) for (let j = i; j < i + 4; j++) if (X[j] >= L) idx[c++] = j;
  }
  for (; i < n; i++) if (X[i] >= L) idx[c++] = i;
  return c;
}
function selectIn(X: Col, L: number, H: number, n: number, idx: Uint32Array): number {
  let c = 0;
  for (let i = 0; i < n; i++) { const v = X[i]; if (v <= H && v >= L) idx[c++] = i; }
  return c;
}
function refineRange(X: Col, L: number, H: number, idx: Uint32Array, count: number): number {
  let w = 0;
  for (let j = 0; j < count; j++) { const i = idx[j]; const v = X[i]; if (v <= H && v >= L) idx[w++] = i; }
  return w;
}
function maskRange(X: Col, L: number, H: number, n: number, out: Uint8Array, mode: Mode): void {
  if (mode === WRITE) for (let i = 0; i < n; i++) { const v = X[i]; out[i] = v <= H && v >= L ? 1 : 0; }
  else if (mode === AND) for (let i = 0; i < n; i++) { if (out[i]) { const v = X[i]; if (!(v <= H && v >= L)) out[i] = 0; } }
  else for (let i = 0; i < n; i++) { const v = X[i]; if (v <= H && v >= L) out[i] = 1; }
}

function scanRange(X: Col, L: number, H: number, n: number, idx: Uint32Array): number {
  return L === -Infinity ? selectLE(X, H, n, idx) : H === Infinity ? selectGE(X, L, n, idx) : selectIn(X, L, H, n, idx);
}

function rangeKernel(X: Col, L: number, H: number, n: number): Kernel {
  const index = sortedIndexFor(X, n);
  const span = index ? indexRange(index, X, L, H) : null;
  return {
    mask: (out, mode) => maskRange(X, L, H, n, out, mode),
    select: (idx) => {
      if (!index || !span) return scanRange(X, L, H, n, idx);
      const [s, e] = span;
      // A few rows: copy them from the index and sort; many: one pass is cheaper than the sort.
      if ((e - s) * 16 > n) return scanRange(X, L, H, n, idx);
      idx.set(index.perm.subarray(s, e));
      idx.subarray(0, e - s).sort();
      return e - s;
    },
    gather: (idx, at) => {
      if (!index || !span) return at + scanRange(X, L, H, n, at ? idx.subarray(at) : idx);
      idx.set(index.perm.subarray(span[0], span[1]), at);
      return at + span[1] - span[0];
    },
    refine: (idx, count) => refineRange(X, L, H, idx, count),
    test: (i) => { const v = X[i]; return v <= H && v >= L; },
    count: span ? span[1] - span[0] : null,
  };
}

/** hit[code + 1] ∈ {0, 1}: categorical sets, and precomputed per-row masks (C = identity). */
function lutKernel(C: Int32Array, hit: Uint8Array, n: number): Kernel {
  const select = (idx: Uint32Array) => {
    let c = 0;
    for (let i = 0; i < n; i++) if (hit[C[i] + 1]) idx[c++] = i;
    return c;
  };
  return {
    mask(out, mode) {
      if (mode === WRITE) for (let i = 0; i < n; i++) out[i] = hit[C[i] + 1];
      else if (mode === AND) for (let i = 0; i < n; i++) { if (out[i] && !hit[C[i] + 1]) out[i] = 0; }
      else for (let i = 0; i < n; i++) { if (hit[C[i] + 1]) out[i] = 1; }
    },
    select,
    gather: (idx, at) => at + select(at ? idx.subarray(at) : idx),
    refine(idx, count) {
      let w = 0;
      for (let j = 0; j < count; j++) { const i = idx[j]; if (hit[C[i] + 1]) idx[w++] = i; }
      return w;
    },
    test: (i) => hit[C[i] + 1] === 1,
    count: null,
  };
}

/** A fixed per-row mask as a kernel (missing tests, text sets): codes 0/1 → hit [_, 0, 1]. */
function fixedMaskKernel(m: Uint8Array, n: number): Kernel {
  const codes = Int32Array.from(m);
  return lutKernel(codes, Uint8Array.of(0, 0, 1), n);
}

export function compileKernel(table: Table, cond: Condition, ruleId: string | null): Kernel {
  const n = table.n;
  switch (cond.op) {
    case 'range': {
      const col = column(table, cond.column, ruleId);
      if (col.type !== 'numeric') throw new RuleError(`\`${cond.column}\` is ${col.type}: a numeric range needs a numeric column (use \`in {…}\`)`, ruleId, cond.column);
      const { X, L, H } = numericTest(col, cond.lo, cond.hi, cond.loOpen ?? false, cond.hiOpen ?? false);
      return rangeKernel(X, L, H, n);
    }
    case 'in': {
      const col = column(table, cond.column, ruleId);
      if (col.type === 'numeric') throw new RuleError(`\`${cond.column}\` is numeric: use a range (<, >, in [a, b]) instead of \`in {…}\``, ruleId, cond.column);
      const neg = cond.negate ? 1 : 0;
      const set = new Set(cond.values);
      if (col.type === 'categorical') {
        const hit = new Uint8Array(col.dictionary.length + 1); // slot 0 = missing: never matches
        for (let k = 0; k < col.dictionary.length; k++) hit[k + 1] = set.has(col.dictionary[k]) ? 1 - neg : neg;
        return lutKernel(col.codes, hit, n);
      }
      const V = col.values;
      return fixedMaskKernel(Uint8Array.from({ length: n }, (_, i) => { const s = V[i]; return s === null ? 0 : set.has(s) ? 1 - neg : neg; }), n);
    }
    case 'missing': {
      const col = column(table, cond.column, ruleId);
      const m = new Uint8Array(n);
      if (col.type === 'numeric') { const X = col.values; for (let i = 0; i < n; i++) m[i] = X[i] !== X[i] ? 1 : 0; }
      else if (col.type === 'categorical') { const C = col.codes; for (let i = 0; i < n; i++) m[i] = C[i] < 0 ? 1 : 0; }
      else { const V = col.values; for (let i = 0; i < n; i++) m[i] = V[i] === null ? 1 : 0; }
      return fixedMaskKernel(m, n);
    }
    case 'not': {
      const inner = compileKernel(table, cond.of, ruleId);
      return withDefaults(n, {
        mask(out, mode) {
          const tmp = new Uint8Array(n);
          inner.mask(tmp, WRITE);
          for (let i = 0; i < n; i++) tmp[i] ^= 1;
          combine(out, tmp, mode, n);
        },
        test: (i) => !inner.test(i),
      });
    }
    case 'and': {
      const kids = bySelectivity(cond.of.map((c) => compileKernel(table, c, ruleId)), n);
      return withDefaults(n, {
        mask(out, mode) {
          if (mode === AND) { for (const k of kids) k.mask(out, AND); return; }
          const tmp = mode === WRITE ? out : new Uint8Array(n);
          tmp.fill(1, 0, n);
          for (const k of kids) k.mask(tmp, AND);
          if (mode === OR) combine(out, tmp, OR, n);
        },
        select(idx) {
          if (kids.length === 0) { for (let i = 0; i < n; i++) idx[i] = i; return n; }
          let c = kids[0].select(idx);
          for (let k = 1; k < kids.length && c > 0; k++) c = kids[k].refine(idx, c);
          return c;
        },
        gather(idx, at) {
          if (kids.length === 0) { for (let i = 0; i < n; i++) idx[at + i] = i; return at + n; }
          const end = kids[0].gather(idx, at);
          const part = at ? idx.subarray(at) : idx;
          let c = end - at;
          for (let k = 1; k < kids.length && c > 0; k++) c = kids[k].refine(part, c);
          return at + c;
        },
        refine(idx, count) {
          for (let k = 0; k < kids.length && count > 0; k++) count = kids[k].refine(idx, count);
          return count;
        },
        test: (i) => kids.every((k) => k.test(i)),
      });
    }
    case 'or': {
      const kids = cond.of.map((c) => compileKernel(table, c, ruleId));
      let other: Uint32Array | null = null, merged: Uint32Array | null = null; // this kernel's own buffers
      let seen: Uint8Array | null = null;
      return withDefaults(n, {
        mask(out, mode) {
          if (mode === OR) { for (const k of kids) k.mask(out, OR); return; }
          const tmp = mode === WRITE ? out : new Uint8Array(n);
          tmp.fill(0, 0, n);
          for (const k of kids) k.mask(tmp, OR);
          if (mode === AND) combine(out, tmp, AND, n);
        },
        select(idx) {
          // Union of the kids' sorted selections: a merge per kid, no full-table mask passes.
          if (kids.length === 0) return 0;
          let c = kids[0].select(idx);
          if (kids.length === 1) return c;
          other ??= new Uint32Array(n);
          merged ??= new Uint32Array(n);
          for (let k = 1; k < kids.length; k++) {
            const cb = kids[k].select(other);
            c = mergeUnion(idx, c, other, cb, merged);
            idx.set(merged.subarray(0, c));
          }
          return c;
        },
        gather(idx, at) {
          // Union in any order: each kid lists its rows into a buffer, unseen ones are appended.
          if (kids.length === 0) return at;
          if (kids.length === 1) return kids[0].gather(idx, at);
          const counts = kids.map((k) => k.count);
          const room = counts.every((c) => c !== null) ? Math.max(...(counts as number[])) : n;
          if (!other || other.length < room) other = new Uint32Array(room);
          seen ??= new Uint8Array(n);
          let end = at;
          for (const k of kids) {
            const cb = k.gather(other, 0);
            for (let j = 0; j < cb; j++) { const i = other[j]; if (!seen[i]) { seen[i] = 1; idx[end++] = i; } }
          }
          for (let j = at; j < end; j++) seen[idx[j]] = 0;
          return end;
        },
        test: (i) => kids.some((k) => k.test(i)),
      });
    }
  }
}

/**
 * Conjuncts ordered most selective first: selecting `V5 > 3` (1%) and then refining by
 * `V2 in [-2, 2]` (70%) is far cheaper than the reverse. The share of matching rows is exact
 * where an index counted it, else estimated on a fixed sample of rows.
 */
function bySelectivity(kids: Kernel[], n: number): Kernel[] {
  if (kids.length < 2 || n === 0) return kids;
  const samples = Math.min(n, 512);
  const step = n / samples;
  const share = kids.map((k) => {
    if (k.count !== null) return k.count / n;
    let h = 0;
    for (let s = 0; s < samples; s++) if (k.test(Math.floor(s * step))) h++;
    return h / samples;
  });
  return kids.map((k, j) => ({ k, h: share[j], j })).sort((a, b) => a.h - b.h || a.j - b.j).map((x) => x.k);
}

function mergeUnion(a: Uint32Array, ca: number, b: Uint32Array, cb: number, out: Uint32Array): number {
  let i = 0, j = 0, c = 0;
  while (i < ca && j < cb) {
    const x = a[i], y = b[j];
    if (x < y) { out[c++] = x; i++; } else if (y < x) { out[c++] = y; j++; } else { out[c++] = x; i++; j++; }
  }
  while (i < ca) out[c++] = a[i++];
  while (j < cb) out[c++] = b[j++];
  return c;
}

function combine(out: Uint8Array, m: Uint8Array, mode: Mode, n: number) {
  if (mode === WRITE) out.set(m.subarray(0, n));
  else if (mode === AND) for (let i = 0; i < n; i++) out[i] &= m[i];
  else for (let i = 0; i < n; i++) out[i] |= m[i];
}
