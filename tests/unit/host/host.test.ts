/**
 * The handlers behind the contract, driven the way the UI drives them: the renderer's own
 * HTTP client against the real browser-mode host and backend. The Electron main process
 * uses the same `dispatch` and backend, so this covers its handlers too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { ApiError, type MachineTeacherApi } from '../../../ml/api.ts';
import { createBackend } from '../../../electron/backend/backend.ts';
import { dispatch } from '../../../electron/backend/dispatch.ts';
import { startBrowserHost } from '../../../electron/browser-host.ts';
import { DATASETS_DIR } from '../../../electron/paths.ts';
import { httpClient } from '../../../renderer/api/client.ts';
import { encode } from '../../../ml/wire.ts';
import { emptyProject } from '../../../ml/project/state.ts';

let server: Server;
let url: string;
let token: string;
let client: MachineTeacherApi;
const backend = createBackend({ mode: 'browser', version: 'test', datasetsDir: DATASETS_DIR, dataDir: mkdtempSync(join(tmpdir(), 'mt-host-')) });

beforeAll(async () => {
  ({ server, url, token } = await startBrowserHost({ api: backend, staticDirs: {} }));
  client = httpClient(new URL(url).origin, token);
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('dispatch', () => {
  it('refuses unknown methods and invalid arguments without calling the backend', async () => {
    expect(await dispatch(backend, 'constructor', [])).toMatchObject({ ok: false });
    expect(await dispatch(backend, 'openDemo', [42])).toEqual({ ok: false, error: { message: 'Invalid arguments for openDemo: args[0]: expected a demo id, found 42' } });
    expect(await dispatch(backend, 'saveProjectArtifact', ['session-1234', 'handle-123456', '../escape', new Uint8Array(1)])).toEqual({
      ok: false, error: { message: 'Invalid arguments for saveProjectArtifact: args[2]: expected a file name of letters, digits, _ . - (1–120), found "../escape"' },
    });
    expect(await dispatch(backend, 'listDemos', 'not-an-array')).toMatchObject({ ok: false });
  });
});

describe('browser-mode host', () => {
  it('lists demos and opens lending_club with its columns as typed arrays', async () => {
    const demos = await client.listDemos();
    expect(demos.map((d) => d.id)).toContain('lending_club');
    expect(demos.find((d) => d.id === 'creditcard_synthetic')?.synthetic).toBe(true);
    const ds = await client.openDemo('lending_club');
    expect(ds.table.n).toBe(9857);
    expect(ds.schema.labelColumn).toBe('Class');
    const rate = ds.table.columns.find((c) => c.name === 'int_rate');
    expect(rate?.type).toBe('numeric');
    if (rate?.type === 'numeric') expect(rate.values).toBeInstanceOf(Float32Array);
  });

  it('opens the embedding demos with their embeddings and media as typed arrays', async () => {
    const fm = await client.openDemo('fashion_mnist');
    expect(fm.table.n).toBe(5000);
    expect(fm.schema.labelColumn).toBe('label');
    expect(fm.embeddings.map((e) => [e.id, e.dim])).toEqual([['pixels', 784], ['mobilenet_v2', 1280]]);
    for (const e of fm.embeddings) {
      expect(e.data).toBeInstanceOf(Float32Array);
      expect(e.data.length).toBe(5000 * e.dim);
    }
    expect(fm.media.kind).toBe('image');
    if (fm.media.kind === 'image') {
      expect([fm.media.width, fm.media.height]).toEqual([28, 28]);
      expect(fm.media.pixels).toBeInstanceOf(Uint8Array);
      expect(fm.media.pixels.length).toBe(5000 * 784);
    }
    const sa = await client.openDemo('spamassassin');
    expect(sa.table.n).toBe(6046);
    expect(sa.schema.labelColumn).toBe('label');
    expect(sa.embeddings.map((e) => [e.id, e.dim, e.data.length])).toEqual([['use_lite', 512, 6046 * 512], ['bow', 1024, 6046 * 1024]]);
    expect(sa.media).toEqual({ kind: 'text', column: 'body' });
    const body = sa.table.columns.find((c) => c.name === 'body');
    expect(body?.type === 'text' && body.values[0]?.length).toBeGreaterThan(0);
  }, 60_000);

  it('returns a located error for a malformed file, as an ApiError', async () => {
    const bytes = new TextEncoder().encode('a,b,c\n1,2,3\n4,5\n');
    const err = await client.openFile({ name: 'bad.csv', bytes }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).info.location?.file).toBe('bad.csv');
    expect((err as ApiError).info.location?.row).toBeGreaterThan(0);
  });

  it('saves and loads the project of an opened dataset: its document, labels and artefacts', async () => {
    const session = 'host-test-session';
    const ds = await client.openDemo('lending_club');
    const first = await client.openProjectFor(session, ds.key, 'write');
    if (first.kind !== 'opened') throw new Error(first.message);
    expect(first.document).toBeNull();
    const { handle } = first.project;
    const project = emptyProject({ column: 'Class', guessed: false });
    const state = { ...project, doc: { ...project.doc, labels: null }, updatedAt: 'now' };
    await client.saveDocument(session, handle, JSON.parse(JSON.stringify(state)));
    await client.editLabels(session, handle, { classes: ['a'], rows: [3], values: [0] });
    await client.saveProjectArtifact(session, handle, 'layout.bin', new Uint8Array([1, 2, 3]));
    await client.closeProject(session, handle);
    const again = await client.openProjectFor(session, ds.key, 'write');
    if (again.kind !== 'opened') throw new Error(again.message);
    expect(again.document).toEqual(state);
    expect([again.labels.classes, again.labels.values[3]]).toEqual([['a'], 0]);
    expect(Array.from((await client.loadProjectArtifact(session, again.project.handle, 'layout.bin'))!)).toEqual([1, 2, 3]);
    await client.closeProject(session, again.project.handle);
  });

  it('refuses requests addressed to another host name (DNS rebinding) or from another origin', async () => {
    const port = new URL(url).port;
    const http = await import('node:http');
    const status = (headers: Record<string, string>) => new Promise<number>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path: '/api/listDemos', method: 'POST', headers: { 'x-machine-teacher-token': token, ...headers } }, (res) => { res.resume(); resolve(res.statusCode ?? 0); });
      req.on('error', reject);
      req.end(Buffer.from(encode([])));
    });
    expect(await status({ host: `evil.example:${port}` })).toBe(421);
    expect(await status({ host: `127.0.0.1:${port}`, origin: 'http://evil.example' })).toBe(403);
    expect(await status({ host: `127.0.0.1:${port}` })).toBe(200);
  });
});
