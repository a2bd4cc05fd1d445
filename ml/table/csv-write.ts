/**
 * Writes a table as CSV text in chunks (RFC 4180 quoting, NaN/null/-1 as empty fields), so
 * large tables can be streamed to disk without one giant string. Numbers are written as the
 * number the column holds (ml/rules/numbers.ts): its exact double where it kept one, else the
 * shortest Float32 form, so a CSV round trip gives back the same values and the same rules.
 * What it writes, the loader reads back to the same table (a property test checks it).
 */
import { formatFloat32 } from './builders.ts';
import type { Table } from './types.ts';

/** Quoted when it holds a quote, a line end or anything the loader may take for a separator. */
function quote(s: string): string {
  return /[",;|\t\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A number's text: an exact double as JavaScript prints it, a float32 in its shortest form; -0 stays -0. */
const numberText = (v: number, exact: boolean): string => (Object.is(v, -0) ? '-0' : exact ? String(v) : formatFloat32(v));

/** CSV text of `table`, yielded every `rowsPerChunk` rows. */
export function* csvChunks(table: Table, rowsPerChunk = 10_000): Generator<string> {
  yield `${table.columns.map((c) => quote(c.name)).join(',')}\n`;
  // In a one-column file an empty field is an empty line, which readers skip: say NA instead.
  const missing = table.columns.length === 1 ? 'NA' : '';
  const cells = new Array<string>(table.columns.length);
  for (let start = 0; start < table.n; start += rowsPerChunk) {
    const lines: string[] = [];
    for (let i = start; i < Math.min(table.n, start + rowsPerChunk); i++) {
      table.columns.forEach((c, j) => {
        if (c.type === 'numeric') cells[j] = c.values[i] === c.values[i] ? numberText(c.exact ? c.exact[i] : c.values[i], !!c.exact) : missing;
        else if (c.type === 'categorical') cells[j] = c.codes[i] >= 0 ? quote(c.dictionary[c.codes[i]]) : missing;
        else cells[j] = c.values[i] === null ? missing : quote(c.values[i] as string);
      });
      lines.push(cells.join(','));
    }
    yield `${lines.join('\n')}\n`;
  }
}

export function tableToCsv(table: Table): string {
  return [...csvChunks(table)].join('');
}
