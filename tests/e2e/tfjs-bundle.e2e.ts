/**
 * An exported bundle's model in a real browser: real Chromium loads `model/model.json` with
 * TensorFlow.js's own `tf.loadLayersModel`, as it is, from a loopback server this test starts
 * (the bundle's files, tfjs's UMD build and a tiny page), and predicts what our predictor does.
 * The browser-mode download is checked too: the page fetches the .zip the backend makes and
 * finds the same model inside.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './harness.ts';
import { initBackend } from '../../ml/train/backend.node.ts';
import { loadTable } from '../../ml/table/index.ts';
import { trainTabular, type TabularFit } from '../../ml/train/tabular.ts';
import { buildBundle, type BundleFiles } from '../../ml/export/bundle.ts';
import { zipBundle } from '../../ml/export/zip.ts';
import { applyFeatures } from '../../ml/train/features.ts';
import type { Table } from '../../ml/table/types.ts';

const TFJS = readFileSync('node_modules/@tensorflow/tfjs/dist/tf.min.js');
const FFLATE = readFileSync('node_modules/fflate/umd/index.js');
const PAGE = `<!doctype html><meta charset="utf-8"><title>bundle</title>
<script src="/tf.min.js"></script><script src="/fflate.js"></script><p id="ready">ready</p>`;

let server: Server;
let base: string;
let browser: Browser;
let table: Table;
let fits: Record<'dense' | 'logistic', TabularFit>;
const bundles: Record<string, BundleFiles> = {};

beforeAll(async () => {
  await initBackend();
  table = await loadTable('lending_club.csv', new Uint8Array(readFileSync('datasets/lending_club.csv')));
  fits = {
    dense: await trainTabular(table, 'Class', { model: 'dense', train: { epochs: 3 } }),
    logistic: await trainTabular(table, 'Class', { model: 'logistic', train: { epochs: 3 } }),
  };
  for (const kind of ['dense', 'logistic'] as const) {
    bundles[kind] = buildBundle({ kind: 'model', model: fits[kind].classifier.toJSON(), table, label: 'Class', data: { name: 'lending_club.csv', sha256: null }, app: { version: 'e2e' } }).files;
  }
  server = createServer((req, res) => {
    const url = decodeURIComponent((req.url ?? '/').split('?')[0]);
    const [, first, ...rest] = url.split('/');
    let body: Uint8Array | undefined;
    let type = 'application/octet-stream';
    if (url === '/') { body = new TextEncoder().encode(PAGE); type = 'text/html'; }
    else if (url === '/tf.min.js') { body = TFJS; type = 'text/javascript'; }
    else if (url === '/fflate.js') { body = FFLATE; type = 'text/javascript'; }
    else if (first === 'zip' && bundles[rest[0]]) body = zipBundle(bundles[rest[0]], `${rest[0]}-bundle`);
    else if (bundles[first]) { body = bundles[first][rest.join('/')]; if (url.endsWith('.json')) type = 'application/json'; }
    if (!body) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': type }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((r) => server?.close(() => r()));
});

describe('a bundle\'s TensorFlow.js model in Chromium', () => {
  for (const kind of ['dense', 'logistic'] as const) {
    it(`${kind}: tf.loadLayersModel loads model/model.json as it is and predicts what our predictor predicts`, async () => {
      const page = await browser.newPage();
      await page.goto(base);
      const n = 400;
      const spec = fits[kind].classifier.features;
      const f = applyFeatures(table, spec);
      const x = Array.from(f.data.subarray(0, n * f.dim));
      const out = await page.evaluate(async ({ url, x, n, dim }) => {
        const tf = (window as unknown as { tf: typeof import('@tensorflow/tfjs') }).tf;
        await tf.setBackend('cpu');
        const model = await tf.loadLayersModel(url);
        const y = model.predict(tf.tensor2d(x, [n, dim])) as import('@tensorflow/tfjs').Tensor;
        return { proba: Array.from(y.dataSync()), inputs: model.inputs[0].shape, layers: model.layers.length };
      }, { url: `${base}/${kind}/model/model.json`, x, n, dim: f.dim });
      expect(out.inputs).toEqual([null, f.dim]);
      expect(out.layers).toBe(kind === 'dense' ? 2 : 1);
      const ours = fits[kind].proba.subarray(0, n * 2);
      let max = 0;
      for (let i = 0; i < out.proba.length; i++) max = Math.max(max, Math.abs(out.proba[i] - ours[i]));
      expect(out.proba).toHaveLength(n * 2);
      expect(max).toBeLessThan(1e-5);
      await page.close();
    });
  }

  it('the browser-mode download: the .zip unpacks in the page to the same model.json', async () => {
    const page = await browser.newPage();
    await page.goto(base);
    const files = await page.evaluate(async (url) => {
      const fflate = (window as unknown as { fflate: { unzipSync(b: Uint8Array): Record<string, Uint8Array> } }).fflate;
      const zip = new Uint8Array(await (await fetch(url)).arrayBuffer());
      const entries = fflate.unzipSync(zip);
      return { names: Object.keys(entries).sort(), model: new TextDecoder().decode(entries['dense-bundle/model/model.json']) };
    }, `${base}/zip/dense`);
    expect(files.names).toEqual(Object.keys(bundles.dense).map((p) => `dense-bundle/${p}`).sort());
    expect(JSON.parse(files.model)).toEqual(JSON.parse(new TextDecoder().decode(bundles.dense['model/model.json'])));
    await page.close();
  });
});
