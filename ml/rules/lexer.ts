/**
 * Tokens of the rule language, one line at a time (a rule never spans lines). Every token
 * keeps its 1-based column and length so the parser can point at the exact spot.
 */

export type TokenKind =
  | 'ident' // bare column name or keyword (keywords are recognised by the parser, case-insensitively)
  | 'quoted-ident' // `column name` in backticks
  | 'string' // "x" or 'x'
  | 'number'
  | 'op' // < <= > >= = == != =>
  | 'punct' // ( ) [ ] { } , :
  | 'end';

export type Token = { kind: TokenKind; text: string; value: string; col: number; len: number };

export type LexError = { col: number; len: number; message: string };

/** Words with a meaning in the grammar; a column with one of these names needs backticks. */
export const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'is', 'missing', 'else', 'disabled', 'true', 'false', 'inf', 'infinity']);

const IDENT_START = /[\p{L}_]/u;
const IDENT_PART = /[\p{L}\p{N}_.]/u;
const NUMBER_RE = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/;

/** Bare identifiers the lexer reads back as one `ident` token (used by the formatter). */
export function isBareIdent(name: string): boolean {
  return /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) && !KEYWORDS.has(name.toLowerCase());
}

/** The whole character at `i` (two code units for a surrogate pair). */
const codePointAt = (s: string, i: number): string => String.fromCodePoint(s.codePointAt(i) ?? 0);

export function lexLine(line: string): { tokens: Token[]; error: LexError | null } {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, start: number, end: number, value: string) =>
    tokens.push({ kind, text: line.slice(start, end), value, col: start + 1, len: end - start });
  while (i < line.length) {
    const ch = line[i];
    if (ch === ' ' || ch === '\t' || ch === '\r') { i++; continue; }
    if (ch === '#') break; // trailing comment
    const start = i;
    if (ch === '`') {
      // Backtick-quoted column; a doubled backtick stands for a literal one.
      let value = '';
      i++;
      for (;;) {
        if (i >= line.length) return { tokens, error: { col: start + 1, len: line.length - start, message: 'unterminated `column name`: missing closing backtick' } };
        if (line[i] === '`') {
          if (line[i + 1] === '`') { value += '`'; i += 2; continue; }
          i++;
          break;
        }
        value += line[i++];
      }
      if (value === '') return { tokens, error: { col: start + 1, len: 2, message: 'empty column name ``' } };
      push('quoted-ident', start, i, value);
      continue;
    }
    if (ch === '"' || ch === "'") {
      const r = readString(line, i);
      if ('error' in r) return { tokens, error: r.error };
      push('string', start, r.end, r.value);
      i = r.end;
      continue;
    }
    // A sign starts a number only where an operand may begin (not after a value: `a -1` is odd anyway).
    const m = NUMBER_RE.exec(line.slice(i));
    if (m && (/[\d.]/.test(ch) || ((ch === '-' || ch === '+') && /[\d.]/.test(line[i + 1] ?? '')))) {
      i += m[0].length;
      if (i < line.length && IDENT_PART.test(codePointAt(line, i))) {
        while (i < line.length && IDENT_PART.test(codePointAt(line, i))) i += codePointAt(line, i).length;
        return { tokens, error: { col: start + 1, len: i - start, message: `\`${line.slice(start, i)}\` is not a number (wrap column names that start with a digit in backticks)` } };
      }
      push('number', start, i, m[0]);
      continue;
    }
    if ((ch === '-' || ch === '+') && /^[-+]inf(inity)?\b/i.test(line.slice(i))) {
      const w = /^[-+]inf(inity)?/i.exec(line.slice(i))![0];
      i += w.length;
      push('number', start, i, w);
      continue;
    }
    // Identifiers are read by code point, so letters beyond U+FFFF (𠀀, 𝒳) are letters too.
    if (IDENT_START.test(codePointAt(line, i))) {
      while (i < line.length && IDENT_PART.test(codePointAt(line, i))) i += codePointAt(line, i).length;
      push('ident', start, i, line.slice(start, i));
      continue;
    }
    const two = line.slice(i, i + 2);
    if (two === '<=' || two === '>=' || two === '==' || two === '!=' || two === '=>') {
      i += 2;
      push('op', start, i, two);
      continue;
    }
    if (ch === '≤' || ch === '≥' || ch === '≠') {
      i++;
      push('op', start, i, ch === '≤' ? '<=' : ch === '≥' ? '>=' : '!=');
      continue;
    }
    if (ch === '<' || ch === '>' || ch === '=') { i++; push('op', start, i, ch); continue; }
    if ('()[]{},:'.includes(ch)) { i++; push('punct', start, i, ch); continue; }
    const bad = codePointAt(line, i);
    return { tokens, error: { col: start + 1, len: bad.length, message: `unexpected character '${bad}'` } };
  }
  tokens.push({ kind: 'end', text: '', value: '', col: Math.min(i, line.length) + 1, len: 0 });
  return { tokens, error: null };
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'", '0': '\0' };

function readString(line: string, start: number): { end: number; value: string } | { error: LexError } {
  const quote = line[start];
  let value = '';
  let i = start + 1;
  for (;;) {
    if (i >= line.length) return { error: { col: start + 1, len: line.length - start, message: `unterminated string: missing closing ${quote}` } };
    const c = line[i];
    if (c === quote) return { end: i + 1, value };
    if (c === '\\') {
      const e = line[i + 1];
      if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(line.slice(i + 2, i + 6))) {
        value += String.fromCharCode(parseInt(line.slice(i + 2, i + 6), 16));
        i += 6;
        continue;
      }
      if (e !== undefined && e in ESCAPES) { value += ESCAPES[e]; i += 2; continue; }
      return { error: { col: i + 1, len: 2, message: `unknown escape '\\${e ?? ''}' in string` } };
    }
    value += c;
    i++;
  }
}

/** Double-quoted string literal the lexer reads back to exactly `s`. */
export function quoteString(s: string): string {
  let out = '"';
  for (const ch of s) {
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (ch < ' ' || ch === '\u2028' || ch === '\u2029' || ch === '\u007f') out += '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0');
    else out += ch;
  }
  return out + '"';
}

/** Backtick-quoted or bare column name that lexes back to exactly `name`. */
export function quoteColumn(name: string): string {
  return isBareIdent(name) ? name : '`' + name.replace(/`/g, '``') + '`';
}
