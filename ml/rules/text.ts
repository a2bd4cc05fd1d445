/**
 * The rule language: text ↔ Rule specs.
 *
 * One rule per line; `#` starts a comment (whole line or trailing); blank lines are ignored.
 *
 *   line      := [ 'disabled' ':' ] [ "name" ':' ] condition '=>' class
 *              | 'else' '=>' class                       (the rule set's default class)
 *   condition := term ( 'or' term )*                     ('and' binds tighter than 'or')
 *   term      := unary ( 'and' unary )*
 *   unary     := 'not' unary | '(' condition ')' | 'true' | 'false' | test
 *   test      := col ('<' | '<=' | '>' | '>=') number
 *              | col 'in' ('[' | '(') number ',' number (']' | ')')   ([a, b] closed, parens open)
 *              | number ('<' | '<=') col [ ('<' | '<=') number ]      (`-9 <= V17 < -2`)
 *              | col ['not'] 'in' '{' value (',' value)* '}'
 *              | col 'is' ['not'] 'missing'
 *              | col ('=' | '!=') value
 *   col       := Name | `any name, `` for a backtick`
 *   class     := Name | number | "quoted string"
 *   number    := -4.2 | 1e-3 | inf | -inf
 *
 * Keywords are case-insensitive. Missing values never satisfy a comparison, `in` or `not in`;
 * only `is missing` (and `not (…)`, which is the exact complement) picks them up.
 */
import type { Condition, Rule } from './spec.ts';
import { lexLine, type Token } from './lexer.ts';
import { LineParser, ParseFail, type ColumnInfo, type RuleTextError } from './parser.ts';

export type { ColumnInfo, RuleTextError } from './parser.ts';
export { formatRule, formatRules, formatCondition, formatClass } from './format.ts';
export { formatNumber } from './numbers.ts';

export type ParseRulesOptions = {
  /** Ids to reuse by position (so re-parsing edited text keeps each rule's id); others get `makeId`. */
  ids?: string[];
  /** Id for the k-th rule (0-based) when `ids` has none; default `r${k + 1}`. */
  makeId?: (k: number) => string;
  /** Known classes (e.g. the label column's values): a rule for another class gets a warning. */
  classes?: string[];
};

export type ParseRulesResult = {
  rules: Rule[];
  /** Errors and warnings (warnings have severity 'warning' and do not drop the rule). */
  errors: RuleTextError[];
  /** From an `else => class` line; null when there is none. */
  defaultClass: string | null;
};

/** "line 3, col 12: expected a number after '<'" */
export function formatRuleTextError(e: RuleTextError): string {
  return `line ${e.line}, col ${e.column}: ${e.severity === 'warning' ? 'warning: ' : ''}${e.message}`;
}

const columnMap = (columns?: ColumnInfo[]) => (columns ? new Map(columns.map((c) => [c.name, c])) : null);

export function parseRules(text: string, columns?: ColumnInfo[], opts: ParseRulesOptions = {}): ParseRulesResult {
  const cols = columnMap(columns);
  const rules: Rule[] = [];
  const errors: RuleTextError[] = [];
  let defaultClass: string | null = null;
  let defaultLine = 0;
  const lines = text.split(/\r?\n/);
  for (let li = 0; li < lines.length; li++) {
    const k = rules.length;
    const id = opts.ids?.[k] ?? (opts.makeId ? opts.makeId(k) : `r${k + 1}`);
    const r = parseLine(lines[li], li + 1, cols, id, opts.classes);
    errors.push(...r.errors);
    if (r.kind === 'rule') rules.push(r.rule);
    else if (r.kind === 'default') {
      if (defaultLine) errors.push({ line: li + 1, column: 1, length: lines[li].trimEnd().length, message: `a second \`else\` line; the default class is already set on line ${defaultLine}` });
      else { defaultClass = r.target; defaultLine = li + 1; }
    }
  }
  return { rules, errors, defaultClass };
}

/** Parse one rule from a single line (the rule editor's text field). */
export function parseRule(text: string, columns?: ColumnInfo[], id = 'r1', classes?: string[]): { rule: Rule | null; errors: RuleTextError[] } {
  const all = text.split(/\r?\n/);
  const filled = all.map((l, i) => [l, i + 1] as const).filter(([l]) => l.trim() !== '');
  if (filled.length > 1) return { rule: null, errors: [{ line: filled[1][1], column: 1, length: filled[1][0].length, message: 'one rule per line: this text has several lines' }] };
  // Errors point at the line the rule is on, even after blank lines.
  const [line, lineNo] = filled[0] ?? ['', 1];
  const r = parseLine(line, lineNo, columnMap(columns), id, classes);
  if (r.kind === 'rule') return { rule: r.rule, errors: r.errors };
  if (r.kind === 'default') return { rule: null, errors: [{ line: 1, column: 1, length: text.length, message: '`else => class` sets the default class; a rule needs a condition' }] };
  if (r.kind === 'blank') return { rule: null, errors: [{ line: 1, column: 1, length: 0, message: 'empty rule: write a condition and `=> class`' }] };
  return { rule: null, errors: r.errors };
}

/** Parse a bare condition (no `=> class`), e.g. a filter box. */
export function parseCondition(text: string, columns?: ColumnInfo[]): { condition: Condition | null; errors: RuleTextError[] } {
  const { tokens, error } = lexLine(text);
  if (error) return { condition: null, errors: [{ line: 1, column: error.col, length: error.len, message: error.message }] };
  const p = new LineParser(tokens, columnMap(columns));
  try {
    const condition = p.parseOr();
    const t = p.peek();
    if (t.kind !== 'end') p.fail(t, `unexpected '${t.text}' after the condition`);
    return { condition, errors: p.warnings.map((w) => ({ line: 1, column: w.col, length: w.len, message: w.message, severity: 'warning' as const })) };
  } catch (e) {
    if (e instanceof ParseFail) return { condition: null, errors: [{ line: 1, column: e.col, length: e.len, message: e.message }] };
    throw e;
  }
}

type LineResult =
  | { kind: 'blank'; errors: RuleTextError[] }
  | { kind: 'error'; errors: RuleTextError[] }
  | { kind: 'default'; target: string; errors: RuleTextError[] }
  | { kind: 'rule'; rule: Rule; errors: RuleTextError[] };

function parseLine(line: string, lineNo: number, cols: Map<string, ColumnInfo> | null, id: string, classes?: string[]): LineResult {
  const { tokens, error } = lexLine(line);
  if (error) return { kind: 'error', errors: [{ line: lineNo, column: error.col, length: error.len, message: error.message }] };
  if (tokens.length === 1) return { kind: 'blank', errors: [] };
  const p = new LineParser(tokens, cols);
  const located = (col: number, len: number, message: string, severity?: 'warning'): RuleTextError =>
    severity ? { line: lineNo, column: col, length: len, message, severity } : { line: lineNo, column: col, length: len, message };
  try {
    if (p.isKw('else') && p.isOp('=>', 1)) {
      p.next();
      p.next();
      const target = readClass(p, classes);
      return { kind: 'default', target, errors: p.warnings.map((w) => located(w.col, w.len, w.message, 'warning')) };
    }
    let enabled = true;
    let name = '';
    if (p.isKw('disabled') && p.isPunct(':', 1)) { p.next(); p.next(); enabled = false; }
    if (p.peek().kind === 'string' && p.isPunct(':', 1)) { name = p.next().value; p.next(); }
    if (p.peek().kind === 'op' && p.peek().value === '=>') p.fail(p.peek(), "expected a condition before '=>'");
    const when = p.parseOr();
    const arrow = p.next();
    if (arrow.kind !== 'op' || arrow.value !== '=>') {
      if (arrow.kind === 'end') p.fail(arrow, 'expected `=> class` at the end of the rule');
      p.fail(arrow, `expected 'and', 'or' or '=> class', found '${arrow.text}'`);
    }
    const target = readClass(p, classes);
    const warnings = p.warnings.map((w) => located(w.col, w.len, w.message, 'warning'));
    return { kind: 'rule', rule: { id, name, target, when, enabled }, errors: warnings };
  } catch (e) {
    if (e instanceof ParseFail) return { kind: 'error', errors: [located(e.col, e.len, e.message)] };
    throw e;
  }
}

function readClass(p: LineParser, classes?: string[]): string {
  const t: Token = p.next();
  if (t.kind === 'end') p.fail(t, "expected a class after '=>' (e.g. `=> bad` or `=> \"very bad\"`)");
  if (t.kind !== 'string' && t.kind !== 'ident' && t.kind !== 'number') p.fail(t, `expected a class after '=>', found '${t.text}'`);
  if (t.value === '') p.fail(t, 'the class cannot be empty');
  const rest = p.peek();
  if (rest.kind !== 'end') p.fail(rest, `unexpected '${rest.text}' after the class; quote a class with spaces: \`=> "very bad"\``);
  if (classes && !classes.includes(t.value)) {
    const shown = classes.slice(0, 8).map((c) => JSON.stringify(c)).join(', ') + (classes.length > 8 ? ', …' : '');
    p.warnings.push({ col: t.col, len: t.len, message: `${JSON.stringify(t.value)} is not one of the known classes (${shown})` });
  }
  return t.value;
}
