/**
 * Growable per-column builders: every loader (CSV, JSON, Arrow, Parquet) pushes cell values
 * here, one column at a time, and never keeps rows. A column starts numeric (Float32, NaN =
 * missing, plus the doubles once float32 cannot stand for them: see NumericColumn) and
 * switches to dictionary-coded strings on its first non-numeric value; at the end a string
 * column with many distinct or long values becomes `text`, else `categorical`.
 */
import type { Column, NumericColumn } from './types.ts';
import { decimalSurvivesF32, f32Decimal, formatFloat32, survivesF32 } from './f32-exact.ts';

export { f32Decimal, formatFloat32, survivesF32 };

/** Cell texts that mean "no value" in the files people actually have (R, pandas, SQL, UCI). */
export const MISSING_TOKENS: ReadonlySet<string> = new Set(['', 'NA', 'N/A', 'n/a', '#N/A', 'NaN', 'nan', 'null', 'NULL', 'None', '?']);

/** Infinities as numpy, pandas, R and JavaScript write them (lower-cased here). */
const INFINITIES: ReadonlyMap<string, number> = new Map([
  ['inf', Infinity], ['+inf', Infinity], ['-inf', -Infinity], ['infinity', Infinity], ['+infinity', Infinity], ['-infinity', -Infinity],
]);

/**
 * A cell that is a finite number too large for a Float32 column (|v| > 3.4e38). Thrown by the
 * builders; the loaders catch it and say which row and column.
 */
export class CellOverflow extends Error {
  constructor(readonly text: string) {
    super(`${text.length > 24 ? `${text.slice(0, 12)}…(${text.length} characters)` : text} is too large for a 32-bit float (at most ±3.4e38)`);
  }
}

/** The value a numeric column stores for `v`; throws CellOverflow for finite numbers beyond Float32. */
export function float32OrThrow(v: number, text: () => string): number {
  if (Number.isFinite(v) && !Number.isFinite(Math.fround(v))) throw new CellOverflow(text());
  return v;
}

/** A string column is free text (not categories) when it has this many distinct values… */
export const TEXT_MIN_DISTINCT = 100;
/** …and more than this share of its non-missing values are distinct, */
export const TEXT_DISTINCT_SHARE = 0.5;
/** or when its distinct values are this long on average (sentences, not categories), */
export const TEXT_LONG_CHARS = 64;
/** or when (in a small table) nearly every value is distinct and most are several words. */
export const TEXT_SMALL_DISTINCT_SHARE = 0.9;

const NUMERIC = 0;
const STRINGS = 1;

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/** The last number `fastDecimal` read as mantissa × 10^exponent (the mantissa's leading zeros dropped). */
let fastMantissa = 0;
let fastExponent = 0;

/**
 * Plain decimals ("-12.5", "3e-4") read from char codes, about twice as fast as Number():
 * with at most 15 digits and |exponent| ≤ 22 both factors are exact doubles, so one
 * correctly rounded multiply or divide gives exactly Number()'s result (Clinger's fast
 * path). Anything else returns NaN and the caller falls back to Number().
 * fastDecimalBytes below is the same grammar on bytes, for the streaming reader
 * (tests/unit/table/csv-columns.test.ts reads the same files both ways).
 */
export function fastDecimal(s: string): number {
  const len = s.length;
  let i = 0;
  let c = s.charCodeAt(0);
  const neg = c === 45;
  if (neg) i = 1;
  let mant = 0;
  let digits = 0;
  let frac = 0;
  let dot = false;
  for (; i < len; i++) {
    c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mant = mant * 10 + (c - 48);
      digits++;
      if (dot) frac++;
    } else if (c === 46 && !dot) dot = true;
    else break;
  }
  if (digits === 0 || digits > 15) return NaN;
  let exp = -frac;
  if (i < len) {
    if ((c | 32) !== 101) return NaN; // only an exponent may follow
    c = s.charCodeAt(++i);
    const eneg = c === 45;
    if (eneg || c === 43) i++;
    let e = 0;
    const start = i;
    for (; i < len; i++) {
      c = s.charCodeAt(i);
      if (c < 48 || c > 57) return NaN;
      e = e * 10 + (c - 48);
    }
    if (i === start || i - start > 4) return NaN;
    exp += eneg ? -e : e;
  }
  fastMantissa = mant;
  fastExponent = exp;
  let v: number;
  if (exp === 0) v = mant;
  else if (exp > 0 && exp <= 22) v = mant * POW10[exp];
  else if (exp < 0 && exp >= -22) v = mant / POW10[-exp];
  else return NaN;
  return neg ? -v : v;
}

/** Where the last fastDecimalBytes stopped reading. */
export let fastEnd = 0;

/**
 * fastDecimal's grammar on ASCII bytes from `start`, reading at most to `end`: the number it
 * reads, stopping at the first byte that cannot continue it (its position in `fastEnd`), or
 * NaN. A cell b[start, end) is a plain decimal when the result is a number and fastEnd === end.
 */
export function fastDecimalBytes(b: Uint8Array, start: number, end: number): number {
  let i = start;
  let c = i < end ? b[i] : 0;
  const neg = c === 45;
  if (neg) i++;
  let mant = 0;
  let digits = 0;
  let frac = 0;
  let dot = false;
  for (; i < end; i++) {
    c = b[i];
    if (c >= 48 && c <= 57) {
      mant = mant * 10 + (c - 48);
      digits++;
      if (dot) frac++;
    } else if (c === 46 && !dot) dot = true;
    else break;
  }
  if (digits === 0 || digits > 15) return NaN;
  let exp = -frac;
  if (i < end && (c | 32) === 101) {
    c = ++i < end ? b[i] : 0;
    const eneg = c === 45;
    if (eneg || c === 43) i++;
    let e = 0;
    const from = i;
    for (; i < end; i++) {
      c = b[i];
      if (c < 48 || c > 57) break;
      e = e * 10 + (c - 48);
    }
    if (i === from || i - from > 4) return NaN;
    exp += eneg ? -e : e;
  }
  fastEnd = i;
  fastMantissa = mant;
  fastExponent = exp;
  let v: number;
  if (exp === 0) v = mant;
  else if (exp > 0 && exp <= 22) v = mant * POW10[exp];
  else if (exp < 0 && exp >= -22) v = mant / POW10[-exp];
  else return NaN;
  return neg ? -v : v;
}

/** True when `s` (for which `+s` is not NaN) is a plain decimal number, not "0x1F" or "  ". */
function plainNumber(s: string, v: number): boolean {
  if (s.charCodeAt(0) === 48 && s.length > 2) {
    const c1 = s.charCodeAt(1) | 32;
    if (c1 === 120 || c1 === 98 || c1 === 111) return false; // 0x.. 0b.. 0o..
  }
  return v !== 0 || s.trim() !== '';
}

/** "Infinity" is an infinity; "1e400" is a number too large, not one. */
function infinityOrThrow(s: string, v: number): number {
  if (/^[+-]?Infinity$/.test(s.trim())) return v;
  throw new CellOverflow(s);
}

/**
 * A numeric column from doubles (binary formats: Arrow/Parquet float64, int64, float32 read
 * as doubles): float32 `values`, plus `exact` when some number would not survive float32.
 */
export function numericColumn(name: string, doubles: ArrayLike<number>): NumericColumn {
  const values = Float32Array.from(doubles);
  for (let i = 0; i < doubles.length; i++) {
    if (!survivesF32(doubles[i])) return { name, type: 'numeric', values, exact: Float64Array.from(doubles) };
  }
  return { name, type: 'numeric', values };
}

/** Locale-independent order for dictionaries: numbers by value, then strings by code unit. */
export function compareLabels(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  const xn = a !== '' && x === x;
  const yn = b !== '' && y === y;
  if (xn && yn) return x - y || (a < b ? -1 : a > b ? 1 : 0);
  if (xn !== yn) return xn ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export class ColumnBuilder {
  n = 0;
  private mode = NUMERIC;
  private nums: Float32Array;
  /** The doubles themselves, from the first number float32 would not give back (see NumericColumn). */
  private exact: Float64Array | null = null;
  private codes: Int32Array = new Int32Array(0);
  private readonly dict = new Map<string, number>();
  private readonly dictionary: string[] = [];

  /**
   * `keepDoubles`: keep every number's double from the start instead of checking which ones
   * float32 would lose (the streaming reader's short-lived chunks: cheaper, and the same answers).
   */
  constructor(readonly name: string, capacity = 1024, keepDoubles = false) {
    this.nums = new Float32Array(Math.max(16, capacity));
    if (keepDoubles) this.exact = new Float64Array(this.nums.length);
  }

  /** A cell as text (CSV): a number, a missing token, or a string. */
  pushText(s: string): void {
    if (this.mode === NUMERIC) {
      if (this.tryNumber(s)) return;
      this.toStrings();
    }
    this.pushCode(MISSING_TOKENS.has(s) ? -1 : this.code(s));
  }

  /**
   * A cell of a numeric column as text: pushes it and returns true when it is a number or a
   * missing token, else pushes nothing and returns false (what a reader that needs numbers,
   * like `predict`, turns into an error). The one place cell text becomes a number. Throws
   * CellOverflow for a finite number beyond float32 ("1e39"): its column could not hold it.
   */
  tryNumber(s: string): boolean {
    const f = fastDecimal(s);
    if (f === f) { this.pushDecimal(f); return true; }
    if (s.length === 0) { this.pushNumber(NaN); return true; }
    const v = +s;
    if (v === v) {
      if (!plainNumber(s, v)) return false;
      this.pushNumber(v === Infinity || v === -Infinity ? infinityOrThrow(s, v) : float32OrThrow(v, () => s));
      return true;
    }
    if (MISSING_TOKENS.has(s)) { this.pushNumber(NaN); return true; }
    const inf = INFINITIES.get(s.toLowerCase());
    if (inf !== undefined) { this.pushNumber(inf); return true; }
    return false;
  }

  /**
   * tryNumber of the cell b[start, end) (ASCII digits need no decoding); the cells fastDecimal
   * declines are decoded with `decoder` and read as text.
   */
  tryNumberBytes(b: Uint8Array, start: number, end: number, decoder: TextDecoder): boolean {
    const f = fastDecimalBytes(b, start, end);
    if (f === f && fastEnd === end) { this.pushDecimal(f); return true; }
    return this.tryNumber(start === end ? '' : decoder.decode(b.subarray(start, end)));
  }

  /** The number fastDecimal / fastDecimalBytes just read (its digits are still in fastMantissa / fastExponent). */
  pushDecimal(f: number): void {
    if (this.n === this.nums.length) this.grow();
    this.nums[this.n] = f;
    // Most cells are short decimals: decimalSurvivesF32 tells those apart in a few float operations.
    if (this.exact) this.exact[this.n] = f;
    else if (!decimalSurvivesF32(f, fastMantissa, fastExponent)) this.keepExact(f);
    this.n++;
  }

  /** A number (NaN = missing). In a string column it is stored as its text. */
  pushNumber(v: number): void {
    if (this.mode === NUMERIC) {
      if (this.n === this.nums.length) this.grow();
      this.nums[this.n] = v;
      if (this.exact) this.exact[this.n] = v;
      else if (!survivesF32(v)) this.keepExact(v);
      this.n++;
    } else this.pushCode(v === v ? this.code(String(v)) : -1);
  }

  /** Drops the values after the first `n` (a reader that took back a cut-off row). */
  truncate(n: number): void {
    if (n < this.n) this.n = n;
  }

  private grow(): void {
    this.nums = grow(this.nums);
    if (this.exact) this.exact = grow(this.exact);
  }

  /** From now on keep doubles: the cells so far stood for their shortest decimals; `x` is the next one. */
  private keepExact(x: number): void {
    const exact = new Float64Array(this.nums.length);
    for (let i = 0; i < this.n; i++) exact[i] = f32Decimal(this.nums[i]);
    exact[this.n] = x;
    this.exact = exact;
  }

  /** A value that is a string even if it looks like a number (JSON "12", Arrow utf8). */
  pushString(s: string): void {
    if (MISSING_TOKENS.has(s)) return this.pushMissing();
    if (this.mode === NUMERIC) this.toStrings();
    this.pushCode(this.code(s));
  }

  pushMissing(): void {
    if (this.mode === NUMERIC) this.pushNumber(NaN);
    else this.pushCode(-1);
  }

  /** Any JS value from a parsed format: JSON, Parquet or Arrow cells. */
  pushValue(v: unknown): void {
    switch (typeof v) {
      case 'number': return this.pushNumber(v);
      case 'string': return this.pushString(v);
      case 'bigint': return this.pushNumber(Number(v));
      case 'boolean': return this.pushString(v ? 'true' : 'false');
      case 'undefined': return this.pushMissing();
      default:
        if (v === null) return this.pushMissing();
        // Dates become milliseconds since 1970 so they can sit on a numeric axis.
        if (v instanceof Date) return this.pushNumber(v.getTime());
        return this.pushString(JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? Number(x) : x)));
    }
  }

  private code(s: string): number {
    let c = this.dict.get(s);
    if (c === undefined) {
      c = this.dictionary.length;
      this.dict.set(s, c);
      this.dictionary.push(s);
    }
    return c;
  }

  private pushCode(c: number): void {
    if (this.n === this.codes.length) this.codes = grow(this.codes);
    this.codes[this.n++] = c;
  }

  /** First non-numeric value: earlier numbers become their (shortest Float32) text. */
  private toStrings(): void {
    this.mode = STRINGS;
    const codes = new Int32Array(this.nums.length);
    const exact = this.exact;
    for (let i = 0; i < this.n; i++) {
      const v = this.nums[i];
      codes[i] = v === v ? this.code(exact ? String(exact[i]) : formatFloat32(v)) : -1;
    }
    this.codes = codes;
    this.nums = new Float32Array(0);
    this.exact = null;
  }

  finish(): Column {
    const { name, n } = this;
    if (this.mode === NUMERIC) {
      // A full buffer is handed over as it is (streamed chunks); a part is copied so the rest is freed.
      const values = n === this.nums.length ? this.nums : this.nums.slice(0, n);
      const exact = this.exact && (n === this.exact.length ? this.exact : this.exact.slice(0, n));
      return exact ? { name, type: 'numeric', values, exact } : { name, type: 'numeric', values };
    }
    const codes = this.codes.subarray(0, n);
    let present = 0;
    for (let i = 0; i < n; i++) if (codes[i] >= 0) present++;
    const d = this.dictionary.length;
    let chars = 0;
    let phrases = 0;
    for (const s of this.dictionary) {
      chars += s.length;
      if (/\S\s+\S+\s+\S/.test(s)) phrases++; // three words or more
    }
    const isText = (d > TEXT_MIN_DISTINCT && d > TEXT_DISTINCT_SHARE * present) || (d > 20 && chars / d > TEXT_LONG_CHARS)
      || (d > 20 && d >= TEXT_SMALL_DISTINCT_SHARE * present && phrases > 0.8 * d);
    if (isText) {
      const values = new Array<string | null>(n);
      for (let i = 0; i < n; i++) values[i] = codes[i] >= 0 ? this.dictionary[codes[i]] : null;
      return { name, type: 'text', values };
    }
    return sortedCategorical(name, codes, this.dictionary);
  }
}

/** Categorical column with its dictionary in a stable order (so classes read "bad, good"). */
export function sortedCategorical(name: string, codes: Int32Array, dictionary: string[]): Column {
  const order = dictionary.map((_, i) => i).sort((a, b) => compareLabels(dictionary[a], dictionary[b]));
  const remap = new Int32Array(dictionary.length);
  order.forEach((old, i) => { remap[old] = i; });
  const out = new Int32Array(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = codes[i] >= 0 ? remap[codes[i]] : -1;
  return { name, type: 'categorical', codes: out, dictionary: order.map((i) => dictionary[i]) };
}

function grow<T extends Float32Array | Float64Array | Int32Array>(a: T): T {
  const b = new (a.constructor as { new (n: number): T })(Math.max(16, a.length * 2));
  b.set(a);
  return b;
}

/**
 * Column names as the user will see them: one line (a header cell spanning lines reads as
 * one line: rules and menus name columns on one line), trimmed, empty ones named
 * `column_<k>` (1-based), duplicates suffixed `_2`, `_3`… so every column can be addressed by name.
 */
export function uniqueNames(raw: readonly string[]): string[] {
  const seen = new Set<string>();
  return raw.map((r, i) => {
    const base = r.replace(/[\r\n]+/g, ' ').trim() || `column_${i + 1}`;
    let name = base;
    for (let k = 2; seen.has(name); k++) name = `${base}_${k}`;
    seen.add(name);
    return name;
  });
}
