/**
 * A bundle of a model on an embedding (the Teach tab's dense head): the manifest names the
 * embedding and its dimension; `loadClassifier` predicts from vectors or from a table of them;
 * `machine-teacher predict` reads a .npy of vectors; a .npy of the wrong width is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '../../../ml/train/backend.node.ts';
import { DenseHead } from '../../../ml/train/head.ts';
import { gaussianBlobs } from '../../../ml/train/synthetic.ts';
import { argmaxRows, compileNet, forwardJs } from '../../../ml/train/forward-js.ts';
import { buildBundle } from '../../../ml/export/bundle.ts';
import { writeBundleDir, loadClassifier } from '../../../ml/export/write.node.ts';
import type { Table } from '../../../ml/table/types.ts';
import type { HeadJSON } from '../../../ml/train/types.ts';
import { npyBytes } from '../../fixtures/npy.ts';

const dir = mkdtempSync(join(tmpdir(), 'mt-emb-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const dim = 8, n = 300;
const blobs = gaussianBlobs({ n, dim, classes: 3, separation: 8, seed: 3 });
const classes = ['shirt', 'shoe', 'bag'];
let head: HeadJSON;
const table: Table = { n, columns: [{ name: 'label', type: 'categorical', codes: blobs.y, dictionary: classes }] };

beforeAll(async () => {
  await initBackend();
  const h = new DenseHead({ hidden: 16, epochs: 10, seed: 1 });
  await h.fit({ data: blobs.x, dim }, blobs.y, classes);
  head = h.toJSON();
  const { files } = buildBundle({ kind: 'model', model: { kind: 'embedding-model', head, embedding: { id: 'pixels', title: 'Raw pixels', dim } }, table, vectors: blobs.x, label: 'label', data: { name: 'blobs', sha256: null }, app: { version: 'test' } });
  await writeBundleDir(join(dir, 'emb'), files);
}, 60_000);

describe('a bundle of a model on an embedding', () => {
  it('says which embedding it reads, and predicts from vectors and from a table of them', async () => {
    const manifest = JSON.parse(readFileSync(join(dir, 'emb/manifest.json'), 'utf8'));
    expect(manifest.input.embedding).toEqual({ id: 'pixels', title: 'Raw pixels', dim });
    expect(manifest.input.features).toBeNull();
    expect(manifest.metrics.model.accuracy).toBeGreaterThan(0.9);
    const clf = await loadClassifier(join(dir, 'emb'));
    const want = argmaxRows(forwardJs(compileNet(head), blobs.x, dim), 3);
    expect(Array.from(clf.predictVectors(blobs.x))).toEqual(Array.from(want));
    const asTable: Table = { n, columns: Array.from({ length: dim }, (_, d) => ({ name: `e${d}`, type: 'numeric' as const, values: Float32Array.from({ length: n }, (_, i) => blobs.x[i * dim + d]) })) };
    expect(Array.from(clf.predict(asTable))).toEqual(Array.from(want));
  });

  it('machine-teacher predict reads a .npy of vectors; the wrong width is one located line', () => {
    const rows = Array.from({ length: n }, (_, i) => Array.from(blobs.x.subarray(i * dim, (i + 1) * dim)));
    writeFileSync(join(dir, 'x.npy'), npyBytes(rows));
    const r = spawnSync(process.execPath, ['scripts/machine-teacher.mjs', 'predict', join(dir, 'emb'), join(dir, 'x.npy')], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('row,prediction,p_shirt,p_shoe,p_bag');
    const want = argmaxRows(forwardJs(compileNet(head), blobs.x, dim), 3);
    expect(lines.slice(1).map((l) => l.split(',')[1])).toEqual(Array.from(want, (c) => classes[c]));
    writeFileSync(join(dir, 'narrow.npy'), npyBytes(rows.map((v) => v.slice(0, 5))));
    const bad = spawnSync(process.execPath, ['scripts/machine-teacher.mjs', 'predict', join(dir, 'emb'), join(dir, 'narrow.npy')], { encoding: 'utf8', timeout: 60_000 });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/narrow\.npy: has 5-number vectors: the model reads 8-number vectors of its embedding\n$/);
  });
});
