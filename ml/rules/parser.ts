/**
 * Recursive-descent parser for one line of the rule language (see text.ts for the grammar).
 * It stops at the first error on a line and reports it located; it never throws on user text.
 */
import type { Condition, InCond, RangeCond } from './spec.ts';
import { KEYWORDS, type Token } from './lexer.ts';
import { f32Decimal } from './numbers.ts';

export type ColumnInfo = {
  name: string;
  type: 'numeric' | 'categorical' | 'text';
  /** Known values of a categorical/text column: a set value outside them gets a warning. */
  categories?: string[];
  /** Observed range of a numeric column: a test no value can pass gets a warning. */
  min?: number;
  max?: number;
};

/** A located problem in rule text. `line`/`column` are 1-based; `length` ≥ 0 characters. */
export type RuleTextError = { line: number; column: number; length: number; message: string; severity?: 'error' | 'warning' };

export class ParseFail extends Error {
  constructor(readonly col: number, readonly len: number, message: string) {
    super(message);
  }
}

const kw = (t: Token, word: string) => t.kind === 'ident' && t.value.toLowerCase() === word;
const show = (t: Token) => (t.kind === 'end' ? 'the end of the line' : `'${t.text}'`);

export class LineParser {
  pos = 0;
  readonly warnings: { col: number; len: number; message: string }[] = [];
  constructor(readonly tokens: Token[], readonly columns: Map<string, ColumnInfo> | null) {}

  peek(k = 0): Token { return this.tokens[Math.min(this.pos + k, this.tokens.length - 1)]; }
  next(): Token { return this.tokens[Math.min(this.pos++, this.tokens.length - 1)]; }
  isKw(word: string, k = 0): boolean { return kw(this.peek(k), word); }
  isPunct(p: string, k = 0): boolean { const t = this.peek(k); return t.kind === 'punct' && t.value === p; }
  isOp(op: string, k = 0): boolean { const t = this.peek(k); return t.kind === 'op' && t.value === op; }
  fail(t: Token, message: string): never { throw new ParseFail(t.col, Math.max(t.len, 1), message); }
  expectPunct(p: string, what: string): Token {
    const t = this.next();
    if (t.kind !== 'punct' || t.value !== p) this.fail(t, `expected '${p}' ${what}, found ${show(t)}`);
    return t;
  }

  /** expr := and ('or' and)* */
  parseOr(): Condition {
    const first = this.parseAnd();
    if (!this.isKw('or')) return first;
    const of: Condition[] = [];
    pushFlat(of, first, 'or');
    while (this.isKw('or')) { this.next(); pushFlat(of, this.parseAnd(), 'or'); }
    return { op: 'or', of };
  }

  parseAnd(): Condition {
    const first = this.parseUnary();
    if (!this.isKw('and')) return first;
    const of: Condition[] = [];
    pushFlat(of, first, 'and');
    while (this.isKw('and')) { this.next(); pushFlat(of, this.parseUnary(), 'and'); }
    return { op: 'and', of };
  }

  parseUnary(): Condition {
    const t = this.peek();
    if (kw(t, 'not') && !(this.isKw('in', 1))) { this.next(); return { op: 'not', of: this.parseUnary() }; }
    if (t.kind === 'punct' && t.value === '(') {
      this.next();
      const inner = this.parseOr();
      this.expectPunct(')', 'to close the parenthesis');
      return inner;
    }
    if (kw(t, 'true')) { this.next(); return { op: 'and', of: [] }; }
    if (kw(t, 'false')) { this.next(); return { op: 'or', of: [] }; }
    if (t.kind === 'number' || kw(t, 'inf') || kw(t, 'infinity')) return this.parseChained();
    return this.parseAtom();
  }

  /** `a <= col < b`, `a < col`, `b > col >= a`. */
  parseChained(): Condition {
    const aTok = this.peek();
    const a = this.number('a number');
    const op1 = this.next();
    if (op1.kind !== 'op' || !['<', '<=', '>', '>='].includes(op1.value)) this.fail(op1, `expected '<', '<=', '>' or '>=' after the number ${aTok.text}, found ${show(op1)}`);
    const colTok = this.peek();
    const column = this.column('numeric');
    const up = op1.value[0] === '<'; // a < col: a is the lower bound
    let lo: number | null = null, hi: number | null = null, loOpen = false, hiOpen = false;
    if (up) { lo = a; loOpen = op1.value === '<'; } else { hi = a; hiOpen = op1.value === '>'; }
    const op2 = this.peek();
    if (op2.kind === 'op' && ['<', '<=', '>', '>='].includes(op2.value)) {
      this.next();
      if ((op2.value[0] === '<') !== up) this.fail(op2, `a chained comparison goes one way: write \`a < ${colTok.text} < b\` or \`b > ${colTok.text} > a\``);
      const b = this.number(`a number after '${op2.value}'`);
      if (up) { hi = b; hiOpen = op2.value === '<'; } else { lo = b; loOpen = op2.value === '>'; }
      if (lo! > hi!) this.fail(aTok, `\`${aTok.text} ${op1.value} ${colTok.text} ${op2.value} ${this.tokens[this.pos - 1].text}\` is empty: the lower bound is above the upper bound`);
    }
    return this.range(column, lo, hi, loOpen, hiOpen, aTok);
  }

  parseAtom(): Condition {
    const colTok = this.peek();
    if (colTok.kind !== 'ident' && colTok.kind !== 'quoted-ident') this.fail(colTok, `expected a column name, found ${show(colTok)}`);
    if (colTok.kind === 'ident' && KEYWORDS.has(colTok.value.toLowerCase())) this.fail(colTok, `expected a column name, found the keyword '${colTok.text}' (put a column with that name in backticks)`);
    const info = this.lookup(colTok);
    const column = colTok.value;
    this.next();
    const t = this.next();
    if (t.kind === 'op') {
      if (t.value === '=>') this.fail(t, `expected a comparison after ${colTok.text} before '=>'`);
      if (t.value === '=' || t.value === '==' || t.value === '!=') return this.equality(colTok, column, info, t);
      this.checkType(colTok, info, 'numeric');
      const v = this.number(`a number after '${t.value}'`);
      if (t.value === '<') return this.range(column, null, v, false, true, t);
      if (t.value === '<=') return this.range(column, null, v, false, false, t);
      if (t.value === '>') return this.range(column, v, null, true, false, t);
      return this.range(column, v, null, false, false, t);
    }
    if (kw(t, 'is')) {
      const negate = this.isKw('not');
      if (negate) this.next();
      const m = this.next();
      if (!kw(m, 'missing')) this.fail(m, `expected 'missing' after 'is${negate ? ' not' : ''}', found ${show(m)}`);
      const cond: Condition = { op: 'missing', column };
      return negate ? { op: 'not', of: cond } : cond;
    }
    let negate = false;
    if (kw(t, 'not')) {
      negate = true;
      const i = this.next();
      if (!kw(i, 'in')) this.fail(i, `expected 'in' after 'not', found ${show(i)}`);
    } else if (!kw(t, 'in')) {
      this.fail(t, `expected a comparison (<, <=, >, >=, in, not in, is missing) after ${colTok.text}, found ${show(t)}`);
    }
    const open = this.peek();
    if (open.kind === 'punct' && open.value === '{') {
      this.checkType(colTok, info, 'set');
      return this.set(column, info, negate);
    }
    if (open.kind === 'punct' && (open.value === '[' || open.value === '(')) {
      if (negate) this.fail(t, `\`not in\` takes a set {…}; for a numeric range write \`not (${colTok.text} in [a, b])\``);
      this.checkType(colTok, info, 'numeric');
      return this.interval(column);
    }
    return this.fail(open, `expected '{' (a set of values) or '[' (a numeric interval) after 'in', found ${show(open)}`);
  }

  interval(column: string): RangeCond {
    const open = this.next();
    const a = this.number(`a number after '${open.value}'`);
    this.expectPunct(',', 'between the two bounds of the interval');
    const b = this.number("a number after ','");
    const close = this.next();
    if (close.kind !== 'punct' || (close.value !== ']' && close.value !== ')')) this.fail(close, `expected ']' or ')' to close the interval, found ${show(close)}`);
    if (a > b) this.fail(open, `\`in [a, b]\` needs a ≤ b (got ${a} > ${b})`);
    return this.range(column, a, b, open.value === '(', close.value === ')', open);
  }

  set(column: string, info: ColumnInfo | null, negate: boolean): InCond {
    this.next(); // {
    const values: string[] = [];
    while (!this.isPunct('}')) {
      const v = this.next();
      if (v.kind !== 'string' && v.kind !== 'number' && v.kind !== 'ident') this.fail(v, `expected a value ("text" or a number) in the set, found ${show(v)}`);
      if (info?.categories && !info.categories.includes(v.value)) {
        this.warnings.push({ col: v.col, len: v.len, message: `\`${info.name}\` has no value ${JSON.stringify(v.value)}; this part of the set matches no row` });
      }
      values.push(v.value);
      if (this.isPunct(',')) { this.next(); continue; }
      if (!this.isPunct('}')) this.fail(this.peek(), `expected ',' or '}' in the set, found ${show(this.peek())}`);
    }
    this.next(); // }
    const cond: InCond = { op: 'in', column, values };
    if (negate) cond.negate = true;
    return cond;
  }

  /** `col = 3` (numeric), `col = "x"` / `col != x` (categorical). */
  equality(colTok: Token, column: string, info: ColumnInfo | null, op: Token): Condition {
    const v = this.next();
    if (v.kind !== 'string' && v.kind !== 'number' && v.kind !== 'ident') this.fail(v, `expected a value after '${op.value}', found ${show(v)}`);
    const numeric = info ? info.type === 'numeric' : v.kind === 'number';
    if (numeric) {
      if (v.kind !== 'number') this.fail(v, `\`${column}\` is numeric: compare it with a number`);
      const x = Number(v.value) || 0;
      const r = this.range(column, x, x, false, false, v);
      return op.value === '!=' ? { op: 'not', of: r } : r;
    }
    if (info?.categories && !info.categories.includes(v.value)) this.warnings.push({ col: v.col, len: v.len, message: `\`${info.name}\` has no value ${JSON.stringify(v.value)}` });
    const cond: InCond = { op: 'in', column, values: [v.value] };
    if (op.value === '!=') cond.negate = true;
    return cond;
  }

  range(column: string, lo: number | null, hi: number | null, loOpen: boolean, hiOpen: boolean, at: Token): RangeCond {
    if (lo === Infinity || hi === -Infinity) this.fail(at, 'this bound is infinite on the wrong side: the condition matches nothing');
    if (lo === -Infinity) lo = null;
    if (hi === Infinity) hi = null;
    const info = this.columns?.get(column);
    if (info?.min !== undefined && info.max !== undefined && info.min <= info.max) {
      // min/max come from the Float32 column: compare the numbers they stand for (numbers.ts).
      const min = f32Decimal(info.min), max = f32Decimal(info.max);
      const below = hi !== null && (hiOpen ? min >= hi : min > hi);
      const above = lo !== null && (loOpen ? max <= lo : max < lo);
      if (below || above) this.warnings.push({ col: at.col, len: Math.max(at.len, 1), message: `no value of \`${column}\` passes this test (its values run from ${info.min} to ${info.max}); it matches no row` });
    }
    return { op: 'range', column, lo, hi, loOpen: lo === null ? false : loOpen, hiOpen: hi === null ? false : hiOpen };
  }

  number(what: string): number {
    const t = this.next();
    if (t.kind === 'number') {
      const v = t.value.toLowerCase().replace(/^\+/, '');
      if (v === 'inf' || v === 'infinity') return Infinity;
      if (v === '-inf' || v === '-infinity') return -Infinity;
      const x = Number(t.value);
      return x === 0 ? 0 : x; // no -0 in specs
    }
    if (kw(t, 'inf') || kw(t, 'infinity')) return Infinity;
    return this.fail(t, `expected ${what}, found ${show(t)}`);
  }

  /** A column token for a chained comparison, checked like an atom's column. */
  column(kind: 'numeric'): string {
    const t = this.next();
    if (t.kind !== 'ident' && t.kind !== 'quoted-ident') this.fail(t, `expected a column name, found ${show(t)}`);
    this.checkType(t, this.lookup(t), kind);
    return t.value;
  }

  lookup(t: Token): ColumnInfo | null {
    if (!this.columns) return null;
    const info = this.columns.get(t.value);
    if (info) return info;
    const lower = t.value.toLowerCase();
    const near = [...this.columns.keys()].find((n) => n.toLowerCase() === lower);
    return this.fail(t, `unknown column \`${t.value}\`${near !== undefined ? ` (did you mean \`${near}\`?)` : ''}`);
  }

  checkType(t: Token, info: ColumnInfo | null, want: 'numeric' | 'set'): void {
    if (!info) return;
    if (want === 'numeric' && info.type !== 'numeric') this.fail(t, `\`${info.name}\` is ${info.type}: use \`in {"a", "b"}\` or \`not in {…}\``);
    if (want === 'set' && info.type === 'numeric') this.fail(t, `\`${info.name}\` is numeric: use <, <=, >, >= or \`in [a, b]\``);
  }
}

/** Nested same-operator groups flatten (`(a and b) and c` ≡ `a and b and c`); empty ones (true/false) stay. */
function pushFlat(of: Condition[], c: Condition, op: 'and' | 'or') {
  if (c.op === op && c.of.length >= 2) of.push(...c.of);
  else of.push(c);
}
