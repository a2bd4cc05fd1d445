/**
 * Find rows by what they contain: `words` matches rows whose text or category contains them
 * (case-insensitive, every word somewhere in the row); `column:value` (or `column = value`)
 * matches that column only — a category equal to value, a text containing it, a number equal
 * to it. Returns row indices in order. Used by the map's search box.
 */
import type { Column, Table } from './types.ts';

export type SearchResult = { rows: Uint32Array; where: string } | { error: string };

function columnMatcher(col: Column, needle: string, exact: boolean): (i: number) => boolean {
  if (col.type === 'numeric') {
    const v = Number(needle);
    if (needle.trim() === '' || Number.isNaN(v)) return () => false;
    const f = Math.fround(v);
    return (i) => col.values[i] === f;
  }
  if (col.type === 'categorical') {
    const hit = col.dictionary.map((d) => (exact ? d.toLowerCase() === needle : d.toLowerCase().includes(needle)));
    return (i) => col.codes[i] >= 0 && hit[col.codes[i]];
  }
  return (i) => (col.values[i] ?? '').toLowerCase().includes(needle);
}

export function searchRows(table: Table, query: string): SearchResult {
  const q = query.trim();
  if (!q) return { rows: new Uint32Array(0), where: '' };
  const m = /^(`[^`]+`|[^\s:=]+)\s*[:=]\s*(.+)$/.exec(q);
  if (m) {
    const name = m[1].replace(/^`|`$/g, '');
    const col = table.columns.find((c) => c.name === name) ?? table.columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
    if (col) {
      const test = columnMatcher(col, m[2].trim().replace(/^"(.*)"$/, '$1').toLowerCase(), col.type === 'categorical');
      const out: number[] = [];
      for (let i = 0; i < table.n; i++) if (test(i)) out.push(i);
      return { rows: Uint32Array.from(out), where: `${col.name} = ${m[2].trim()}` };
    }
  }
  const words = q.toLowerCase().split(/\s+/);
  const searchable = table.columns.filter((c) => c.type !== 'numeric');
  if (searchable.length === 0) return { error: 'This table has no text or categories to search; try column:value' };
  const tests = words.map((w) => searchable.map((c) => columnMatcher(c, w, false)));
  const out: number[] = [];
  for (let i = 0; i < table.n; i++) if (tests.every((perCol) => perCol.some((t) => t(i)))) out.push(i);
  return { rows: Uint32Array.from(out), where: `containing "${q}"` };
}
