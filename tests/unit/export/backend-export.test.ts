/**
 * The backend's Export… methods (ml/api.ts exportBundle / exportLabels), called as the UI will
 * call them: through the renderer's HTTP client and the real browser-mode host (a .zip comes
 * back), and on a desktop backend (a folder is written). Arguments are validated at the door.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { MachineTeacherApi, OpenedDataset } from '../../../ml/api.ts';
import { createBackend } from '../../../electron/backend/backend.ts';
import { dispatch } from '../../../electron/backend/dispatch.ts';
import { startBrowserHost } from '../../../electron/browser-host.ts';
import { DATASETS_DIR } from '../../../electron/paths.ts';
import { httpClient } from '../../../renderer/api/client.ts';
import { initBackend } from '../../../ml/train/backend.node.ts';
import { trainTabular, type TabularFit } from '../../../ml/train/tabular.ts';
import { parseRules } from '../../../ml/rules/text.ts';
import { ruleSetAssign } from '../../../ml/rules/compile.ts';
import { unzipBundle } from '../../../ml/export/zip.ts';
import { readBundle } from '../../../ml/export/read.ts';
import { loadClassifier } from '../../../ml/export/write.node.ts';
import { loadTable } from '../../../ml/table/index.ts';

const browser = createBackend({ mode: 'browser', version: 'test', datasetsDir: DATASETS_DIR, dataDir: mkdtempSync(join(tmpdir(), 'mt-exp-b-')) });
const desktopDir = mkdtempSync(join(tmpdir(), 'mt-exp-d-'));
const desktop = createBackend({ mode: 'desktop', version: 'test', datasetsDir: DATASETS_DIR, dataDir: desktopDir });
let server: Server;
let client: MachineTeacherApi;
let loans: OpenedDataset;
let fit: TabularFit;
const ruleSet = { rules: parseRules('"high rate": int_rate > 20 => bad\nannual_inc < 20000 => bad').rules, defaultClass: null };

beforeAll(async () => {
  const host = await startBrowserHost({ api: browser, staticDirs: {} });
  server = host.server;
  client = httpClient(new URL(host.url).origin, host.token);
  await initBackend();
  loans = await client.openDemo('lending_club');
  fit = await trainTabular(loans.table, 'Class', { model: 'logistic', train: { epochs: 2 } });
}, 120_000);
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('exportBundle / exportLabels', () => {
  it('browser mode: a hybrid bundle comes back as one .zip that predicts what the parts predict', async () => {
    const r = await client.exportBundle({ key: loans.key, kind: 'hybrid', name: 'loans-hybrid', ruleSet, model: fit.classifier.toJSON(), label: 'Class', measureOn: fit.heldOut, measuredOn: fit.metrics!.measuredOn });
    expect(r.folder).toBeNull();
    expect(r.fileName).toBe('loans-hybrid.zip');
    expect(r.command).toBe('unzip loans-hybrid.zip && npx machine-teacher predict loans-hybrid DATA.csv --out predictions.csv');
    expect(r.zip).toBeInstanceOf(Uint8Array);
    const files = unzipBundle(r.zip!);
    expect(Object.keys(files).sort()).toEqual(r.files);
    expect(r.manifest.metrics.model!.accuracy).toBe(fit.metrics!.accuracy);
    const a = readBundle((p) => files[p]).answer(loans.table);
    const assign = ruleSetAssign(loans.table, ruleSet);
    for (let i = 0; i < loans.table.n; i += 37) {
      const want = assign[i] >= 0 ? 'bad' : fit.classifier.classes[fit.predicted[i]];
      expect(r.manifest.classes[a.pred[i]]).toBe(want);
    }
  });

  it('desktop: the bundle is written to a folder and the command names it; a second export gets a new folder', async () => {
    const opened = await desktop.openDemo('lending_club');
    const first = await desktop.exportBundle({ key: opened.key, kind: 'rules', name: 'loan-rules', ruleSet, label: 'Class' });
    expect(first.folder).toBe(join(desktopDir, 'exports', 'loan-rules'));
    expect(first.command).toBe(`npx machine-teacher predict ${first.folder} DATA.csv --out predictions.csv`);
    expect(existsSync(join(first.folder!, 'rules.txt'))).toBe(true);
    const clf = await loadClassifier(first.folder!);
    expect(clf.predictLabels(opened.table)).toEqual(Array.from(ruleSetAssign(opened.table, ruleSet), (k) => (k < 0 ? null : 'bad')));
    const second = await desktop.exportBundle({ key: opened.key, kind: 'rules', name: 'loan-rules', ruleSet, label: 'Class' });
    expect(second.folder).toBe(join(desktopDir, 'exports', 'loan-rules-2'));
  });

  it('labels: CSV bytes in browser mode, a file on the desktop, with the added columns', async () => {
    const r = await client.exportLabels({ key: loans.key, format: 'csv', name: 'loans-labels', labels: { classes: ['bad', 'good'], assigned: [[3, 0]] }, ruleSet, model: { classes: fit.classifier.classes, proba: fit.proba } });
    expect(r.fileName).toBe('loans-labels.csv');
    const back = await loadTable('x.csv', r.bytes!);
    expect(back.columns.slice(-5).map((c) => c.name)).toEqual(['user_label', 'rule_prediction', 'rule', 'model_prediction', 'model_confidence']);
    const opened = await desktop.openDemo('lending_club');
    const d = await desktop.exportLabels({ key: opened.key, format: 'parquet', name: 'labels', labels: null, ruleSet });
    expect(d.path).toBe(join(desktopDir, 'exports', 'labels.parquet'));
    expect((await loadTable('l.parquet', new Uint8Array(readFileSync(d.path!)))).n).toBe(opened.table.n);
  });

  it('refuses bad arguments at the door and says when the dataset is not open', async () => {
    const ok = { key: loans.key, kind: 'rules', name: 'x', ruleSet, label: null };
    expect(await dispatch(browser, 'exportBundle', [{ ...ok, name: '../escape' }])).toEqual({ ok: false, error: { message: 'Invalid arguments for exportBundle: args[0].name: expected a file name of letters, digits, _ . - (1–120), found "../escape"' } });
    expect(await dispatch(browser, 'exportBundle', [{ ...ok, kind: 'everything' }])).toMatchObject({ ok: false });
    const broken = { ...fit.classifier.toJSON(), model: { ...fit.classifier.toJSON().model, b: [1] } };
    expect(await dispatch(browser, 'exportBundle', [{ ...ok, kind: 'model', model: broken }])).toMatchObject({ ok: false });
    expect(await dispatch(browser, 'exportLabels', [{ key: loans.key, format: 'xlsx', name: 'x', labels: null }])).toMatchObject({ ok: false });
    expect(await dispatch(browser, 'exportBundle', [{ ...ok, key: 'file:gone.csv:0123' }])).toEqual({ ok: false, error: { message: 'The dataset file:gone.csv:0123 is not open in the backend any more: open it again, then export.' } });
  });
});
