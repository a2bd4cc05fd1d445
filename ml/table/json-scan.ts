/**
 * Where a JSON text first goes wrong, found by a small iterative scanner (no recursion, so a
 * document nested 100,000 deep is no problem). JSON.parse says *that* a text is invalid, but
 * not always *where* ("Unexpected token 'N'" has no position), and errors must be located.
 */

export type JsonSyntaxError = { pos: number; what: string };

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);
const show = (text: string, pos: number): string => (pos >= text.length ? 'the end of the input' : `'${text[pos]}'`);

/** The first syntax error in `text`, or null when it is valid JSON. */
export function findJsonError(text: string): JsonSyntaxError | null {
  const stack: ('[' | '{')[] = [];
  let i = 0;
  const skip = () => { while (i < text.length && WS.has(text.charCodeAt(i))) i++; };
  const fail = (what: string): JsonSyntaxError => ({ pos: i, what: `${what}, found ${show(text, i)}` });

  const string = (): JsonSyntaxError | null => {
    i++;
    while (i < text.length) {
      const ch = text.charCodeAt(i);
      if (ch === 0x22) { i++; return null; }
      if (ch < 0x20) return fail('expected the string to be closed before a control character');
      if (ch === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) { i += 2; return fail('expected 4 hex digits after \\u'); }
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else { i++; return fail('expected an escape (\\", \\\\, \\n, \\uXXXX, …)'); }
      } else i++;
    }
    return fail('expected a closing quote (")');
  };

  // One loop over three states: a value is due, a property name is due, or a value just ended.
  let want: 'value' | 'key' | 'after' = 'value';
  for (;;) {
    skip();
    if (want === 'key') {
      if (text[i] !== '"') return fail('expected a property name in double quotes');
      const e = string();
      if (e) return e;
      skip();
      if (text[i] !== ':') return fail("expected ':' after the property name");
      i++;
      want = 'value';
    } else if (want === 'value') {
      const c = text[i];
      if (c === '[' || c === '{') {
        i++;
        skip();
        if (text[i] === (c === '[' ? ']' : '}')) { i++; want = 'after'; continue; }
        stack.push(c);
        want = c === '{' ? 'key' : 'value';
        continue;
      }
      if (c === '"') {
        const e = string();
        if (e) return e;
      } else if (c === '-' || (c >= '0' && c <= '9')) {
        const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 1024));
        if (!m) return fail('expected a number');
        i += m[0].length;
      } else {
        const word = ['true', 'false', 'null'].find((w) => text.startsWith(w, i));
        if (!word) return fail('expected a value');
        i += word.length;
      }
      want = 'after';
    } else {
      const top = stack[stack.length - 1];
      if (!top) break;
      const close = top === '[' ? ']' : '}';
      if (text[i] === close) { stack.pop(); i++; continue; }
      if (text[i] !== ',') return fail(`expected ',' or '${close}'`);
      i++;
      want = top === '{' ? 'key' : 'value';
    }
  }
  return i < text.length ? fail('expected the end of the input') : null;
}
