/**
 * Shared by bench/teach.ts: loads the demo embeddings through the backend's own demo code
 * (electron/backend/demos.ts → ml/embed codecs), and draws seeded test splits and label sets.
 * (Files starting with "_" are not benchmarks; this one is imported, not run.)
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEMOS } from '../electron/backend/demos.ts';
import { mulberry32, permutation } from '../ml/random.ts';
import { stratifiedHoldout } from '../ml/train/validation.ts';
import { gaussianBlobs } from '../ml/train/synthetic.ts';

export type Source = { dataset: string; embedding: string; x: Float32Array; dim: number; y: Int32Array; classes: string[] };

const datasetsDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'datasets');

/** Each (dataset, embedding) pair the benchmark scores; missing demos are reported and skipped. */
export async function loadSources(wanted: Record<string, string[]>): Promise<{ sources: Source[]; missing: string[] }> {
  const sources: Source[] = [];
  const missing: string[] = [];
  for (const [id, embeddings] of Object.entries(wanted)) {
    const demo = DEMOS.find((d) => d.id === id);
    if (!demo || !existsSync(join(datasetsDir, id))) {
      missing.push(id);
      continue;
    }
    const content = await demo.open(datasetsDir);
    const label = content.table.columns.find((c) => c.name === 'label');
    if (!label || label.type !== 'categorical') throw new Error(`${id}: no categorical "label" column`);
    for (const e of embeddings) {
      const emb = content.embeddings.find((x) => x.id === e);
      if (!emb) {
        missing.push(`${id}/${e}`);
        continue;
      }
      sources.push({ dataset: id, embedding: e, x: emb.data, dim: emb.dim, y: label.codes, classes: label.dictionary });
    }
  }
  return { sources, missing };
}

/** A stand-in while demos are missing: 10 overlapping Gaussian classes in 256-d. */
export function syntheticSource(): Source {
  const { x, y } = gaussianBlobs({ n: 5000, dim: 256, classes: 10, separation: 2.5, seed: 5 });
  return { dataset: 'synthetic_blobs', embedding: 'gaussian', x, dim: 256, y, classes: Array.from({ length: 10 }, (_, i) => `c${i}`) };
}

/** Seeded 20% stratified test split; the rest is the pool labels are drawn from. */
export function testSplit(s: Source, seed: number): { pool: Uint32Array; test: Uint32Array } {
  const { train, val } = stratifiedHoldout(s.y, s.classes.length, seed, 0.2);
  return { pool: train, test: val };
}

/** `perClass` random pool rows of each class (all of a class if it has fewer). */
export function drawPerClass(s: Source, pool: Uint32Array, perClass: number, seed: number): Uint32Array {
  const order = permutation(pool.length, mulberry32(seed));
  const taken = new Int32Array(s.classes.length);
  const out: number[] = [];
  for (const i of order) {
    const r = pool[i];
    if (taken[s.y[r]] < perClass) {
      taken[s.y[r]]++;
      out.push(r);
    }
  }
  return Uint32Array.from(out);
}

export function rowsMatrix(s: Source, rows: Uint32Array): { data: Float32Array; dim: number } {
  const data = new Float32Array(rows.length * s.dim);
  for (let i = 0; i < rows.length; i++) data.set(s.x.subarray(rows[i] * s.dim, (rows[i] + 1) * s.dim), i * s.dim);
  return { data, dim: s.dim };
}

export function labelsOf(s: Source, rows: Uint32Array): Int32Array {
  return Int32Array.from(rows, (r) => s.y[r]);
}

export function accuracyOn(pred: Int32Array, s: Source, rows: Uint32Array): number {
  let ok = 0;
  for (let i = 0; i < rows.length; i++) ok += pred[i] === s.y[rows[i]] ? 1 : 0;
  return ok / rows.length;
}
