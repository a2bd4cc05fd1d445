/**
 * Located argument checks for the API boundary (ml/api-validate.ts, ml/project/validate.ts):
 * each returns null when the value is fine, else one sentence naming the value's path
 * ("args[1].labels.assigned[3][1]: …") so a bad caller can be fixed.
 */
export type Check = (v: unknown, path: string) => string | null;

export const MAX_TEXT = 4096;

export const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v);
export const found = (v: unknown): string => {
  if (v === undefined) return 'nothing';
  if (ArrayBuffer.isView(v)) return `${v.constructor.name}(${'length' in v ? String(v.length) : `${v.byteLength} bytes`})`;
  return JSON.stringify(v)?.slice(0, 40) ?? typeof v;
};

/** A string of 1..max characters without control characters (no NUL, no line breaks). */
export const text = (max = MAX_TEXT, empty = false): Check => (v, path) => {
  if (typeof v !== 'string') return `${path}: expected a string, found ${found(v)}`;
  if ((!empty && v.length === 0) || v.length > max) return `${path}: expected ${empty ? '0' : '1'}–${max} characters, found ${v.length}`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(v)) return `${path}: control characters are not allowed`;
  return null;
};
/** Any string of at most `max` characters (cell values, class names may hold anything). */
export const anyText = (max = MAX_TEXT): Check => (v, path) => (typeof v === 'string' && v.length <= max ? null : `${path}: expected a string of at most ${max} characters, found ${found(v)}`);
export const filePath: Check = (v, at) => (typeof v === 'string' && v.length > 0 && v.length <= MAX_TEXT && !v.includes('\u0000') ? null : `${at}: expected a file path, found ${found(v)}`);
export const fileName: Check = (v, path) => (typeof v === 'string' && /^[A-Za-z0-9_.-]{1,120}$/.test(v) && !/^\.+$/.test(v) ? null : `${path}: expected a file name of letters, digits, _ . - (1–120), found ${found(v)}`);
export const bytes: Check = (v, path) => (v instanceof Uint8Array ? null : `${path}: expected bytes (Uint8Array), found ${found(v)}`);
export const oneOf = (...values: readonly unknown[]): Check => (v, path) => (values.includes(v) ? null : `${path}: expected one of ${values.map((x) => JSON.stringify(x)).join(', ')}, found ${found(v)}`);
export const optional = (check: Check): Check => (v, path) => (v === undefined ? null : check(v, path));
export const nullable = (check: Check): Check => (v, path) => (v === null ? null : check(v, path));
export const either = (a: Check, b: Check): Check => (v, path) => (a(v, path) === null ? null : b(v, path));
/** A check from a yes/no predicate that already looks deep (its failure names what was expected). */
export const predicate = (ok: (v: unknown) => boolean, expected: string): Check => (v, path) => (ok(v) ? null : `${path}: expected ${expected}, found ${found(v)}`);

/** An object with these fields checked (absent ones count as undefined: wrap them in `optional`). */
export function fields(spec: Record<string, Check>): Check {
  return (v, at) => {
    if (!isObj(v)) return `${at}: expected an object, found ${found(v)}`;
    for (const [k, check] of Object.entries(spec)) {
      const problem = check(Object.prototype.hasOwnProperty.call(v, k) ? v[k] : undefined, `${at}.${k}`);
      if (problem) return problem;
    }
    return null;
  };
}

/** An array of at most `max` elements, each checked. */
export const arrayOf = (check: Check, max: number): Check => (v, at) => {
  if (!Array.isArray(v) || v.length > max) return `${at}: expected an array of at most ${max.toLocaleString('en-US')} elements, found ${Array.isArray(v) ? `${v.length.toLocaleString('en-US')} elements` : found(v)}`;
  for (let i = 0; i < v.length; i++) { const p = check(v[i], `${at}[${i}]`); if (p) return p; }
  return null;
};

/** Plain JSON (what JSON.stringify keeps unchanged) of bounded depth and size. */
export function jsonValue(maxChars = 16 * 1024 * 1024, maxDepth = 64): Check {
  return (v, at) => {
    let size = 0;
    const walk = (x: unknown, path: string, depth: number): string | null => {
      if (depth > maxDepth) return `${path}: nested too deeply (more than ${maxDepth} levels)`;
      if ((size += 8) > maxChars) return `${at}: larger than ${maxChars.toLocaleString('en-US')} characters of JSON`;
      if (x === null || typeof x === 'boolean') return null;
      if (typeof x === 'string') return (size += x.length) > maxChars ? `${at}: larger than ${maxChars.toLocaleString('en-US')} characters of JSON` : null;
      if (typeof x === 'number') return Number.isFinite(x) ? null : `${path}: expected a finite number`;
      if (Array.isArray(x)) {
        for (let i = 0; i < x.length; i++) { const p = walk(x[i], `${path}[${i}]`, depth + 1); if (p) return p; }
        return null;
      }
      if (isObj(x) && Object.getPrototypeOf(x) === Object.prototype) {
        for (const [k, e] of Object.entries(x)) { size += k.length; const p = walk(e, `${path}.${k}`, depth + 1); if (p) return p; }
        return null;
      }
      return `${path}: expected plain JSON data, found ${found(x)}`;
    };
    return walk(v, at, 0);
  };
}

/** A JSON object (not an array or a scalar) as jsonValue checks it. */
export const jsonObject = (maxChars?: number): Check => (v, at) => (isObj(v) ? jsonValue(maxChars)(v, at) : `${at}: expected a JSON object, found ${found(v)}`);
