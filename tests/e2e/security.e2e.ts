/**
 * Browser-mode security, against the real server started as `npm start -- --browser` starts it
 * (harness.ts), with raw HTTP requests (no client normalising paths) and real Chromium pages:
 * the per-start token, Host and Origin checks, static paths that try to leave the served
 * folders, body limits and slow or endless bodies, and another page in the same browser that
 * tries to use the API.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { request, createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { encode } from '../../ml/wire.ts';
import { httpClient } from '../../renderer/api/client.ts';
import { launchBrowser, startApp, type RunningApp } from './harness.ts';

let app: RunningApp;
let browser: Browser;
let port: number;
let token: string;
const dist = process.env.MT_DIST_DIR ?? join(process.cwd(), 'dist');
const sibling = join(dist, 'renderer-old');
const planted = [join(dist, 'renderer', 'link-out.txt'), join(dist, 'renderer', '.hidden')];

type Reply = { status: number; body: string };

/** One raw HTTP request: the path goes out exactly as written. */
function raw(path: string, opts: { method?: string; headers?: Record<string, string | number>; body?: Uint8Array | string; stallAfter?: number; trickleMs?: number } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: { host: `127.0.0.1:${port}`, ...opts.headers } }, (res) => {
      let body = '';
      res.setEncoding('latin1');
      res.on('data', (d: string) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', (err) => (opts.stallAfter !== undefined || opts.trickleMs ? resolve({ status: -1, body: String(err) }) : reject(err)));
    if (opts.trickleMs) {
      const timer = setInterval(() => { if (!req.destroyed) req.write('x'); else clearInterval(timer); }, opts.trickleMs);
      req.on('close', () => clearInterval(timer));
    } else if (opts.stallAfter !== undefined) req.write(Buffer.from(opts.body ?? '').subarray(0, opts.stallAfter));
    else req.end(opts.body);
  });
}

const call = (method: string, args: unknown[], headers: Record<string, string> = { 'x-machine-teacher-token': token }) =>
  raw(`/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/octet-stream', ...headers }, body: encode(args) });

const projectFiles = () => (existsSync(join(app.dataDir, 'projects')) ? readdirSync(join(app.dataDir, 'projects')) : []);

let evil: Server | undefined;
afterAll(async () => {
  rmSync(sibling, { recursive: true, force: true });
  for (const p of planted) rmSync(p, { force: true });
  evil?.close();
  await browser?.close();
  await app?.stop();
});

describe('browser mode: only the printed URL can use the API', () => {
  it('starts with a random token in the URL it prints, a new one on every start', async () => {
    app = await startApp();
    const url = new URL(app.url);
    port = Number(url.port);
    token = /^#token=([A-Za-z0-9_-]{40,})$/.exec(url.hash)?.[1] ?? '';
    expect(token.length).toBeGreaterThanOrEqual(40);
    const first = token;
    await app.restart();
    const again = new URL(app.url);
    port = Number(again.port);
    token = /^#token=([A-Za-z0-9_-]+)$/.exec(again.hash)?.[1] ?? '';
    expect(token).not.toBe(first);
    browser = await launchBrowser();
  }, 120_000);

  it('answers API calls that carry the token, and 401 to every one without it or with another', async () => {
    expect((await call('listDemos', [])).status).toBe(200);
    const tries: Record<string, string>[] = [{}, { 'x-machine-teacher-token': 'wrong' }, { 'x-machine-teacher-token': `${token}x` }, { authorization: `Bearer ${token}` }, { cookie: `token=${token}` }];
    for (const headers of tries) {
      for (const method of ['listDemos', 'hostInfo', 'createProject', 'saveDocument', 'editLabels', 'loadProjectArtifact', 'exportBundle', 'openPath', 'nonsense']) {
        const r = await call(method, [], headers);
        expect(r.status, `${method} ${JSON.stringify(headers)}`).toBe(401);
        expect(r.body).toContain('open the URL that npm start printed');
      }
    }
    const upload = await raw('/api/openFile', { method: 'POST', headers: { 'content-type': 'application/x-machine-teacher-file', 'x-machine-teacher-file': 'a.csv', 'x-machine-teacher-job': 'j1' }, body: 'a,b\n1,2\n' });
    expect(upload.status).toBe(401);
    expect((await raw('/api/listDemos', { method: 'GET', headers: { 'x-machine-teacher-token': token } })).status).toBe(405);
  });

  it('keeps the Host check (DNS rebinding) and the Origin check', async () => {
    expect((await call('listDemos', [], { 'x-machine-teacher-token': token, host: `evil.example:${port}` })).status).toBe(421);
    expect((await call('listDemos', [], { 'x-machine-teacher-token': token, origin: 'http://evil.example' })).status).toBe(403);
    expect((await call('listDemos', [], { 'x-machine-teacher-token': token, origin: `http://127.0.0.1:${port + 1}` })).status).toBe(403);
    expect((await call('listDemos', [], { 'x-machine-teacher-token': token, origin: `http://127.0.0.1:${port}` })).status).toBe(200);
  });

  it('serves static files only from inside the served folders', async () => {
    mkdirSync(sibling, { recursive: true });
    writeFileSync(join(sibling, 'secret.txt'), 'SECRET-SIBLING');
    writeFileSync(planted[1], 'SECRET-HIDDEN');
    symlinkSync(join(sibling, 'secret.txt'), planted[0]);
    expect((await raw('/')).body).toContain('<div id="root">');
    const attempts = [
      '/..%2frenderer-old%2fsecret.txt', '/..%2Frenderer-old/secret.txt', '/%2e%2e/renderer-old/secret.txt', '/%2e%2e%2frenderer-old%2fsecret.txt',
      '/..%5crenderer-old%5csecret.txt', '/..\\renderer-old\\secret.txt', '/../renderer-old/secret.txt', `/${encodeURIComponent(join(sibling, 'secret.txt'))}`,
      '/index.html%00.txt', '/%00', '/link-out.txt', '/.hidden', '/%2ehidden', '/wasm/..%2f..%2f..%2fpackage.json', '/wasm/%2e%2e/%2e%2e/package.json',
    ];
    for (const path of attempts) {
      const r = await raw(path);
      expect(r.status, path).toBeGreaterThanOrEqual(400);
      expect(r.body, path).not.toContain('SECRET');
      expect(r.body, path).not.toContain('"name": "machine-teacher"');
    }
  });

  it('limits request bodies per method', async () => {
    const big = await raw('/api/listDemos', { method: 'POST', headers: { 'x-machine-teacher-token': token }, body: new Uint8Array(200_000) });
    expect(big.status).toBe(413);
    const declared = await raw('/api/editLabels', { method: 'POST', headers: { 'x-machine-teacher-token': token, 'content-length': 2 ** 30 }, stallAfter: 0 });
    expect(declared.status).toBe(413);
    const doc = await raw('/api/saveDocument', { method: 'POST', headers: { 'x-machine-teacher-token': token, 'content-length': 65 * 2 ** 20 }, stallAfter: 0 });
    expect(doc.status).toBe(413);
    // Within its (larger) limit, a label edit of every row (past the 64 kB default) goes through and is kept.
    const client = httpClient(app.base, token);
    const session = 'security-session-1';
    const created = await client.createProject(session, { source: { demo: 'lending_club' }, name: 'limits' });
    const n = (await client.listDemos()).find((d) => d.id === 'lending_club')!.rows;
    const rows = Array.from({ length: n }, (_, i) => i);
    const ok = await call('editLabels', [session, created.project.handle, { classes: ['a'], rows, values: rows.map(() => 0) }]);
    expect(encode([{ rows, values: rows }]).length).toBeGreaterThan(64 * 1024);
    expect(ok.status).toBe(200);
    const labels = (await client.loadProjectData(session, created.project.handle)).labels;
    expect(labels.classes).toEqual(['a']);
    expect(labels.values.length).toBe(n);
    expect(labels.values.every((v) => v === 0)).toBe(true);
    await client.closeProject(session, created.project.handle);
  });

  it('cuts off a body that stalls and one that trickles for ever (408)', async () => {
    const t0 = Date.now();
    const [stalled, trickled, upload] = await Promise.all([
      raw('/api/saveDocument', { method: 'POST', headers: { 'x-machine-teacher-token': token, 'content-length': 5000 }, body: new Uint8Array(5000), stallAfter: 100 }),
      raw('/api/listDemos', { method: 'POST', headers: { 'x-machine-teacher-token': token, 'transfer-encoding': 'chunked' }, trickleMs: 200 }),
      raw('/api/openFile', { method: 'POST', headers: { 'x-machine-teacher-token': token, 'content-type': 'application/x-machine-teacher-file', 'x-machine-teacher-file': 'slow.csv', 'x-machine-teacher-job': 'slow1', 'content-length': 100_000 }, body: 'a,b\n1,2\n'.repeat(12_500), stallAfter: 4000 }),
    ]);
    expect(stalled.status).toBe(408);
    expect(trickled.status).toBe(408);
    expect(upload.status).toBe(408);
    expect(Date.now() - t0).toBeLessThan(30_000);
    // The server is still fine afterwards.
    expect((await call('hostInfo', [])).status).toBe(200);
  }, 60_000);

  it('another page in the same browser cannot use the API; the app page without the token is told what to open', async () => {
    const before = projectFiles();
    evil = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>evil</title>'));
    await new Promise<void>((r) => evil!.listen(0, '127.0.0.1', () => r()));
    const evilPort = (evil.address() as { port: number }).port;
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${evilPort}/`);
    const outcomes = await page.evaluate(async (target) => {
      const tries: Record<string, string> = {};
      const body = new Uint8Array([2, 0, 0, 0, 91, 93, 0, 0]); // wire-encoded []
      const attempt = async (name: string, init: RequestInit) => {
        try {
          const r = await fetch(`${target}/api/createProject`, { method: 'POST', ...init });
          tries[name] = `status ${r.status} ${r.type}`;
        } catch (e) {
          tries[name] = `blocked: ${(e as Error).name}`;
        }
      };
      await attempt('simple', { body, mode: 'no-cors' });
      await attempt('with-header', { body, headers: { 'x-machine-teacher-token': 'guess' } });
      await attempt('credentials', { body, mode: 'no-cors', credentials: 'include' });
      return tries;
    }, `http://127.0.0.1:${port}`);
    expect(outcomes['with-header']).toMatch(/^blocked/);
    expect(outcomes.simple).toMatch(/opaque|blocked/);
    expect(projectFiles()).toEqual(before);
    // The app itself, opened without the token (another user, a bookmark without it): told what to do.
    const bare = await context.newPage();
    await bare.goto(`http://127.0.0.1:${port}/`);
    await bare.getByTestId('error').waitFor();
    expect(await bare.getByTestId('error').textContent()).toContain('open the full URL that `npm start` printed');
    // With the token it works, and the token leaves the address bar.
    const good = await context.newPage();
    await good.goto(app.url);
    await good.getByTestId('demo-lending_club').waitFor();
    expect(new URL(good.url()).hash).toBe('');
    await good.reload();
    await good.getByTestId('demo-lending_club').waitFor();
    expect(await good.getByTestId('error').count()).toBe(0);
    await context.close();
  }, 60_000);
});
