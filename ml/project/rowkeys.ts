/**
 * Row fingerprints: one key per row, so labels can follow their rows into a changed data file
 * (rows appended, removed, reordered). With an id column the key is a hash of the row's id;
 * otherwise a hash of the whole row's content, independent of column order (each column's
 * hash is mixed with its name, then summed). Keys are integers below 2^53 so they are exact
 * in a Float64Array and usable as Map keys; a collision needs ~10^8 rows to become likely.
 */
import type { Column, Table } from '../table/types.ts';
import { encodeRecord, magic, readSingleRecord } from './records.ts';

const KEYS_MAGIC = magic('MTK1');

function hashString(s: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return fmix(h ^ s.length);
}

/** murmur3's finaliser: spreads every input bit over the output. */
function fmix(h: number): number {
  h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const SEED_A = 0x811c9dc5;
const SEED_B = 0x9747b28c;
const TWO_21 = 2 ** 21;

/** Per-row hashes of one column, in two independent 32-bit lanes. */
function columnHashes(c: Column, n: number, a: Uint32Array, b: Uint32Array): void {
  const nameA = hashString(c.name, SEED_A);
  const nameB = hashString(c.name, SEED_B);
  const add = (i: number, ha: number, hb: number) => {
    a[i] = (a[i] + fmix(ha ^ nameA)) >>> 0;
    b[i] = (b[i] + fmix(Math.imul(hb, 0x9e3779b1) ^ nameB)) >>> 0;
  };
  if (c.type === 'numeric') {
    const bits = new Uint32Array(c.values.buffer, c.values.byteOffset, c.values.length);
    for (let i = 0; i < n; i++) {
      const v = Number.isNaN(c.values[i]) ? 0x7fc00000 : bits[i];
      add(i, v, v ^ 0x5bd1e995);
    }
  } else if (c.type === 'categorical') {
    const da = c.dictionary.map((s) => hashString(s, SEED_A));
    const db = c.dictionary.map((s) => hashString(s, SEED_B));
    for (let i = 0; i < n; i++) { const k = c.codes[i]; add(i, k < 0 ? 0x12345 : da[k], k < 0 ? 0x6789 : db[k]); }
  } else {
    for (let i = 0; i < n; i++) { const s = c.values[i]; add(i, s === null ? 0x12345 : hashString(s, SEED_A), s === null ? 0x6789 : hashString(s, SEED_B)); }
  }
}

/** One key per row: of the id column's value when `idColumn` is given, else of the row's content. */
export function rowKeys(table: Table, idColumn: string | null): Float64Array {
  const n = table.n;
  const a = new Uint32Array(n);
  const b = new Uint32Array(n);
  const columns = idColumn === null ? table.columns : table.columns.filter((c) => c.name === idColumn);
  if (idColumn !== null && columns.length === 0) throw new Error(`The id column "${idColumn}" is not in the data.`);
  for (const c of columns) columnHashes(c, n, a, b);
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = a[i] * TWO_21 + (b[i] >>> 11);
  return keys;
}

/** rowkeys/<space>.bin: the keys of one version of the data, and how they were made. */
export function encodeRowKeys(keys: Float64Array, space: string, idColumn: string | null): Uint8Array {
  return encodeRecord(KEYS_MAGIC, { space, idColumn, n: keys.length }, [keys]);
}

export function decodeRowKeys(bytes: Uint8Array): { keys: Float64Array; space: string; idColumn: string | null } | { damaged: string } {
  const body = readSingleRecord(bytes, KEYS_MAGIC);
  if ('damaged' in body) return body;
  const keys = body.arrays[0];
  if (!(keys instanceof Float64Array) || typeof body.json.space !== 'string') return { damaged: 'its header is incomplete' };
  return { keys, space: body.json.space, idColumn: typeof body.json.idColumn === 'string' ? body.json.idColumn : null };
}

/** File name for a row space's keys (spaces are hashes or demo ids; keep them filesystem-safe). */
export const rowKeysFile = (space: string, idColumn: string | null): string =>
  `${space.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 80)}${idColumn === null ? '' : `.id-${hashString(idColumn, SEED_A).toString(16)}`}.bin`;
