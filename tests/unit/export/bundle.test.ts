/**
 * Bundles (ml/export): rules, model and hybrid bundles built from the app's own objects read
 * back to the very same predictions; the model loads in TensorFlow.js (over HTTP, as it is)
 * and predicts what our predictor predicts; bad bundles and bad input are refused with
 * messages that say what is wrong and where.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { initBackend } from '../../../ml/train/backend.node.ts';
import { loadTable } from '../../../ml/table/index.ts';
import { trainTabular, type TabularFit } from '../../../ml/train/tabular.ts';
import { parseRules } from '../../../ml/rules/text.ts';
import { ruleSetAssign } from '../../../ml/rules/compile.ts';
import { buildBundle, type BundleFiles } from '../../../ml/export/bundle.ts';
import { readBundle } from '../../../ml/export/read.ts';
import { unzipBundle, zipBundle } from '../../../ml/export/zip.ts';
import { SOURCE_MODEL, SOURCE_RULES } from '../../../ml/export/combine.ts';
import type { Table } from '../../../ml/table/types.ts';

let table: Table;
let fit: TabularFit;
const RULES = [
  '"high rate": int_rate > 20 and term in {"term_60"} => bad',
  'annual_inc < 20000 => bad',
  'not (int_rate > 10) => good',
].join('\n');
const ruleSet = () => { const r = parseRules(RULES); expect(r.errors).toEqual([]); return { rules: r.rules, defaultClass: null }; };

beforeAll(async () => {
  await initBackend();
  table = await loadTable('lending_club.csv', new Uint8Array(readFileSync('datasets/lending_club.csv')));
  fit = await trainTabular(table, 'Class', { model: 'dense', seed: 1, train: { epochs: 4 } });
}, 120_000);

const build = (kind: 'rules' | 'model' | 'hybrid') => buildBundle({
  kind, ruleSet: ruleSet(), model: fit.classifier.toJSON(), table, label: 'Class', measureOn: kind === 'rules' ? null : fit.heldOut,
  measuredOn: kind === 'rules' ? undefined : fit.metrics?.measuredOn, data: { name: 'lending_club.csv', sha256: 'ab12' }, app: { version: '0.1.0' }, createdAt: '2026-12-01T10:00:00.000Z', folder: 'loans',
});
const read = (files: BundleFiles) => readBundle((p) => files[p], 'loans');
const text = (files: BundleFiles, p: string) => new TextDecoder().decode(files[p]);

describe('bundles', () => {
  it('a model bundle predicts exactly what the trained classifier predicts, probabilities bit for bit', () => {
    const { files, manifest } = build('model');
    expect(Object.keys(files).sort()).toEqual(['README.md', 'manifest.json', 'metrics/held-out-rows.txt', 'model/group1-shard1of1.bin', 'model/model.json']);
    expect(manifest.classes).toEqual(['bad', 'good']);
    expect(manifest.metrics.model!.accuracy).toBe(fit.metrics!.accuracy);
    expect(manifest.metrics.model!.rows).toBe(fit.metrics!.rows);
    expect(text(files, 'metrics/held-out-rows.txt').trim().split('\n').map(Number)).toEqual([...fit.heldOut.keys()].filter((i) => fit.heldOut[i]));
    expect(manifest.input.features!.names).toContain('int_rate');
    expect(manifest.input.columns.map((c) => c.name)).not.toContain('Class');
    const clf = read(files);
    expect(Array.from(clf.predictProba(table))).toEqual(Array.from(fit.proba));
    expect(Array.from(clf.predict(table))).toEqual(Array.from(fit.predicted));
  });

  it('a rules bundle predicts what the app\'s masks predict; rules.txt keeps the rules with comments', () => {
    const { files, manifest } = build('rules');
    expect(Object.keys(files).sort()).toEqual(['README.md', 'manifest.json', 'rules.json', 'rules.txt']);
    expect(text(files, 'rules.txt')).toMatch(/^# Rules exported by Machine Teacher 0\.1\.0 from lending_club\.csv on 2026-12-01\./);
    expect(text(files, 'rules.txt')).toMatch(/\n"high rate": int_rate > 20 and term in \{"term_60"\} => bad {2}# covers \d+ rows, precision 0\.\d{3}\n/);
    expect(manifest.input.columns).toEqual([
      { name: 'int_rate', type: 'numeric', usedBy: ['rules'] }, { name: 'term', type: 'categorical', usedBy: ['rules'] }, { name: 'annual_inc', type: 'numeric', usedBy: ['rules'] },
    ]);
    const set = ruleSet();
    const assign = ruleSetAssign(table, set);
    const want = Array.from(assign, (r) => (r < 0 ? null : set.rules[r].target));
    expect(read(files).predictLabels(table)).toEqual(want);
    expect(want.filter((x) => x === null).length).toBeGreaterThan(0);
    expect(manifest.metrics.rules!.measuredOn).toBe('all 9,857 labelled rows of lending_club.csv');
  });

  it('a hybrid bundle: rules first, the model where they abstain, and says who decided', () => {
    const { files, manifest } = build('hybrid');
    expect(manifest.metrics.hybrid!.rows).toBe(fit.metrics!.rows);
    const a = read(files).answer(table);
    const set = ruleSet();
    const assign = ruleSetAssign(table, set);
    const classes = manifest.classes;
    for (let i = 0; i < table.n; i++) {
      if (assign[i] >= 0) { expect(a.source[i]).toBe(SOURCE_RULES); expect(classes[a.pred[i]]).toBe(set.rules[assign[i]].target); expect(a.rule![i]).toBe(assign[i]); }
      else { expect(a.source[i]).toBe(SOURCE_MODEL); expect(classes[a.pred[i]]).toBe(fit.classifier.classes[fit.predicted[i]]); }
    }
  });

  it('TensorFlow.js loads model/model.json as it is (over HTTP) and predicts what our predictor does', async () => {
    const { files, manifest } = build('model');
    const server: Server = createServer((req, res) => {
      const path = decodeURIComponent((req.url ?? '/').slice(1));
      const body = files[path];
      if (!body) { res.writeHead(404).end(); return; }
      res.writeHead(200, { 'content-type': path.endsWith('.json') ? 'application/json' : 'application/octet-stream' }).end(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const model = await tf.loadLayersModel(`http://127.0.0.1:${(server.address() as AddressInfo).port}/model/model.json`);
      const n = 500;
      const f = manifest.input.features!;
      const { applyFeatures } = await import('../../../ml/train/features.ts');
      const x = applyFeatures(table, f).data.subarray(0, n * f.dim);
      const out = tf.tidy(() => (model.predict(tf.tensor2d(x, [n, f.dim])) as tf.Tensor).dataSync());
      const ours = fit.proba.subarray(0, n * 2);
      let max = 0;
      for (let i = 0; i < out.length; i++) max = Math.max(max, Math.abs(out[i] - ours[i]));
      expect(max).toBeLessThan(1e-5);
      model.dispose();
    } finally {
      server.close();
    }
  });

  it('zips and unzips to the same files, and reads back from the zip', () => {
    const { files } = build('hybrid');
    const back = unzipBundle(zipBundle(files, 'loans'));
    expect(Object.keys(back).sort()).toEqual(Object.keys(files).sort());
    for (const p of Object.keys(files)) expect(Buffer.from(back[p]).equals(Buffer.from(files[p]))).toBe(true);
    expect(read(back).predictLabels(table)).toEqual(read(files).predictLabels(table));
  });

  it('refuses a newer format, an edited rules.txt, and input without the columns it needs', () => {
    const { files } = build('hybrid');
    const manifest = JSON.parse(text(files, 'manifest.json'));
    const newer = { ...files, 'manifest.json': new TextEncoder().encode(JSON.stringify({ ...manifest, formatVersion: 2, app: { name: 'machine-teacher', version: '9.0.0' } })) };
    expect(() => read(newer)).toThrow('loans/manifest.json: this bundle is format 2 (made by machine-teacher 9.0.0), newer than this machine-teacher reads (format 1): update machine-teacher to use it');
    const edited = { ...files, 'rules.txt': new TextEncoder().encode(text(files, 'rules.txt').replace('int_rate > 20', 'int_rate > 21')) };
    expect(() => read(edited)).toThrow(/rules\.txt no longer says what rules\.json says: score the edited rules with `machine-teacher predict --rules loans\/rules\.txt DATA`/);
    const clf = read(files);
    const without = { n: table.n, columns: table.columns.filter((c) => c.name !== 'annual_inc') };
    expect(() => clf.predict(without)).toThrow('data, column annual_inc: there is no column "annual_inc": the bundle expects a numeric column "annual_inc" (read by the rules and the model)');
    const wrong = { n: table.n, columns: table.columns.map((c) => (c.name === 'int_rate' ? { name: 'int_rate', type: 'text' as const, values: new Array<string | null>(table.n).fill('12%') } : c)) };
    expect(() => clf.predict(wrong)).toThrow('data, column int_rate: column "int_rate" holds text ("12%", "12%", "12%"), the bundle expects numbers (read by the rules and the model)');
  });

  it('counts unseen categories (all-zero one-hot) and reads categories given as numbers', () => {
    const clf = read(build('model').files);
    const t: Table = { n: table.n, columns: table.columns.map((c) => (c.name === 'term' && c.type === 'categorical' ? { ...c, dictionary: c.dictionary.map((d, k) => (k === 0 ? 'term_99' : d)) } : c)) };
    const unknown = clf.answer(t).unknown;
    expect(unknown).toHaveLength(1);
    expect(unknown[0].column).toBe('term');
    expect(unknown[0].count).toBeGreaterThan(0);
  });

  it('the README says what it is, how good, and the exact commands', () => {
    const readme = text(build('hybrid').files, 'README.md');
    expect(readme).toContain('npx machine-teacher predict loans data.csv --out predictions.csv');
    expect(readme).toContain('npx machine-teacher sql --rules loans/rules.txt --table data --dialect duckdb');
    expect(readme).toContain("const clf = await loadClassifier('loans');");
    expect(readme).toMatch(/\| hybrid \| \d+\.\d% \|/);
    expect(readme).toContain('held-out rows');
  });
});


