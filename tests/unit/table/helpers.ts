/** Small helpers for the table tests: bytes from text, columns by name with their type checked. */
import type { CategoricalColumn, NumericColumn, Table, TextColumn } from '../../../ml/table/types.ts';

export const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

export function num(table: Table, name: string): Float32Array {
  const c = table.columns.find((x) => x.name === name);
  if (c?.type !== 'numeric') throw new Error(`${name} is ${c?.type ?? 'absent'}, not numeric`);
  return (c as NumericColumn).values;
}

export function cat(table: Table, name: string): CategoricalColumn {
  const c = table.columns.find((x) => x.name === name);
  if (c?.type !== 'categorical') throw new Error(`${name} is ${c?.type ?? 'absent'}, not categorical`);
  return c;
}

/** Decoded values of a categorical column (null = missing). */
export function catValues(table: Table, name: string): (string | null)[] {
  const c = cat(table, name);
  return Array.from(c.codes, (k) => (k >= 0 ? c.dictionary[k] : null));
}

export function text(table: Table, name: string): TextColumn['values'] {
  const c = table.columns.find((x) => x.name === name);
  if (c?.type !== 'text') throw new Error(`${name} is ${c?.type ?? 'absent'}, not text`);
  return c.values;
}

/** Message of the error a promise rejects with (fails the test if it resolves). */
export async function errorOf(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a rejection');
}
