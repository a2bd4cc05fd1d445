/**
 * Rule spec → text. The output parses back to the same spec (see tests/unit/rules/text.test.ts):
 * every choice here (parentheses, quoting, number text) is made so that round trip holds.
 */
import type { Condition, RangeCond, Rule, RuleSet } from './spec.ts';
import { isBareIdent, quoteColumn, quoteString } from './lexer.ts';
import { formatNumber } from './numbers.ts';

const NUMBER_TEXT = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/** A class as it appears after `=>`: bare when it reads back as itself (`bad`, `1`), else quoted. */
export function formatClass(target: string): string {
  return isBareIdent(target) || NUMBER_TEXT.test(target) ? target : quoteString(target);
}

function formatRange(c: RangeCond): string {
  const col = quoteColumn(c.column);
  const { lo, hi } = c;
  if (lo === null && hi === null) return `${col} in [-inf, inf]`;
  if (lo === null) return `${col} ${c.hiOpen ? '<' : '<='} ${formatNumber(hi!)}`;
  if (hi === null) return `${col} ${c.loOpen ? '>' : '>='} ${formatNumber(lo)}`;
  if (!c.loOpen && !c.hiOpen) return `${col} in [${formatNumber(lo)}, ${formatNumber(hi)}]`;
  return `${formatNumber(lo)} ${c.loOpen ? '<' : '<='} ${col} ${c.hiOpen ? '<' : '<='} ${formatNumber(hi)}`;
}

const isGroup = (c: Condition) => (c.op === 'and' || c.op === 'or') && c.of.length >= 2;

/** Condition text: `V14 < -4.2 and grade in {"A", "B"}`. */
export function formatCondition(c: Condition): string {
  switch (c.op) {
    case 'range':
      return formatRange(c);
    case 'in':
      return `${quoteColumn(c.column)} ${c.negate ? 'not in' : 'in'} {${c.values.map(quoteString).join(', ')}}`;
    case 'missing':
      return `${quoteColumn(c.column)} is missing`;
    case 'not':
      if (c.of.op === 'missing') return `${quoteColumn(c.of.column)} is not missing`;
      return `not (${formatCondition(c.of)})`;
    case 'and':
    case 'or': {
      if (c.of.length === 0) return c.op === 'and' ? 'true' : 'false';
      if (c.of.length === 1) return formatCondition(c.of[0]);
      // Any nested group gets parentheses: it keeps the structure exact and reads unambiguously.
      return c.of.map((k) => (isGroup(k) ? `(${formatCondition(k)})` : formatCondition(k))).join(` ${c.op} `);
    }
  }
}

/** One rule as one line: `[disabled: ]["name": ]condition => class`. */
export function formatRule(rule: Rule): string {
  const prefix = (rule.enabled ? '' : 'disabled: ') + (rule.name ? `${quoteString(rule.name)}: ` : '');
  return `${prefix}${formatCondition(rule.when)} => ${formatClass(rule.target)}`;
}

/** A whole rule set, one rule per line in priority order, then `else => class` if there is a default. */
export function formatRules(set: RuleSet): string {
  const lines = set.rules.map(formatRule);
  if (set.defaultClass !== null) lines.push(`else => ${formatClass(set.defaultClass)}`);
  return lines.join('\n') + (lines.length ? '\n' : '');
}
