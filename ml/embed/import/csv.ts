/**
 * Embeddings as delimited text: one row per item, N numeric columns, optionally an id column
 * and a header line. A dedicated parser (not the table loader) because an embedding file is a
 * dense matrix: a short row, a stray word or a NaN must be reported as exactly that —
 * "row 17 has 511 values, expected 512" — rather than become a missing value.
 * Rows are 1-based data rows (the header is not counted), as in the table loaders.
 */
import { LoadError } from '../../table/types.ts';
import { isIdName, type ImportedEmbedding, type ImportOptions } from './types.ts';

/** Splits one line on the delimiter, honouring double quotes (ids may be quoted paths). */
function splitLine(line: string, delim: string): string[] {
  if (!line.includes('"')) return line.split(delim);
  const out: string[] = [];
  let cur = '', quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delim) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

const isNumberText = (s: string) => /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(s);
const NON_FINITE = /^\s*[-+]?(nan|inf|infinity)\s*$/i;

export function parseEmbeddingCsv(file: string, bytes: Uint8Array, opts: ImportOptions = {}): ImportedEmbedding {
  let text = new TextDecoder().decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = text.split(/\r?\n/);
  while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
  if (!lines.length) throw new LoadError('the file is empty: expected one row of numbers per item', { file });
  const first = lines[0];
  const delim = first.includes('\t') ? '\t' : first.includes(',') ? ',' : first.includes(';') ? ';' : ' ';
  const split = (l: string) => (delim === ' ' ? l.trim().split(/\s+/) : splitLine(l, delim));
  const firstCells = split(first);
  // A header is a first line with a cell that is neither a number nor NaN/inf.
  const hasHeader = firstCells.some((c) => !isNumberText(c) && !NON_FINITE.test(c)) && lines.length > 1
    && split(lines[1]).filter((c) => isNumberText(c)).length > firstCells.filter((c) => isNumberText(c)).length;
  const header = hasHeader ? firstCells.map((c) => c.trim()) : null;
  const body = hasHeader ? lines.slice(1) : lines;
  if (!body.length) throw new LoadError('the file has a header but no rows', { file });

  // The id column: asked for by name, else a column named like an id, else a first column that is not numeric.
  const sample = split(body[0]);
  let idCol = -1;
  if (opts.idColumn !== undefined) {
    idCol = header ? header.indexOf(opts.idColumn) : -1;
    if (idCol < 0) throw new LoadError(`no column named "${opts.idColumn}"${header ? ` (columns: ${header.slice(0, 8).join(', ')}${header.length > 8 ? ', …' : ''})` : ' (the file has no header line)'}`, { file });
  } else if (header) idCol = header.findIndex(isIdName);
  if (idCol < 0 && !isNumberText(sample[0]) && !NON_FINITE.test(sample[0])) idCol = 0;
  const width = sample.length;
  const dim = width - (idCol >= 0 ? 1 : 0);
  if (dim < 1) throw new LoadError('no numeric columns: expected one number per dimension', { file, row: 1 });
  if (header && header.length !== width) throw new LoadError(`the header has ${header.length} names but row 1 has ${width} values`, { file, row: 1 });

  const n = body.length;
  const data = new Float32Array(n * dim);
  const ids: string[] | undefined = idCol >= 0 ? new Array(n) : undefined;
  for (let r = 0; r < n; r++) {
    const cells = split(body[r]);
    if (cells.length !== width) {
      const got = cells.length - (idCol >= 0 ? 1 : 0);
      throw new LoadError(`row ${r + 1} has ${got} values, expected ${dim}`, { file, row: r + 1 });
    }
    let d = 0;
    for (let c = 0; c < width; c++) {
      if (c === idCol) {
        ids![r] = cells[c].trim();
        continue;
      }
      const cell = cells[c];
      const name = header ? header[c] : c + 1;
      if (!isNumberText(cell)) {
        const what = NON_FINITE.test(cell) ? `${cell.trim()}: embeddings must be finite numbers` : cell.trim() === '' ? 'empty: expected a number' : `"${cell.trim().slice(0, 40)}" is not a number`;
        throw new LoadError(what, { file, row: r + 1, column: name });
      }
      const v = Number(cell);
      if (!Number.isFinite(Math.fround(v))) throw new LoadError(`${cell.trim()} is outside the float32 range`, { file, row: r + 1, column: name });
      data[r * dim + d++] = v;
    }
  }
  const cols = header ? header.filter((_, c) => c !== idCol) : [];
  const colText = cols.length ? `, columns ${cols[0]}…${cols[cols.length - 1]}` : '';
  return { n, dim, data, ids, source: `CSV, ${dim} numeric columns${colText}${ids ? `, ids from ${header ? header[idCol] : 'column 1'}` : ''}` };
}
