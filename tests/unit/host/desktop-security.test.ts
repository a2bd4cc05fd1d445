/**
 * The Electron security checklist, on the real main-process code (Electron cannot run here):
 * the window's web preferences, the app:// scheme handler with its CSP and path safety, the
 * navigation / window.open / webview / permission / remote-content guards, the IPC handler
 * (own window and frame only, every argument validated), file access limited to what the user
 * opened, and startDesktop's wiring of all of it, run against a recording stand-in for the
 * Electron module (the one thing here that is not real: the binary cannot run on these machines).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Electron from 'electron';
import { APP_ENTRY, APP_ROOT, APP_SCHEME, APP_SCHEME_PRIVILEGES, webPreferences, windowOptions } from '../../../electron/desktop/config.ts';
import { guardContents, guardSession, isAllowedRequest } from '../../../electron/desktop/guards.ts';
import { handleAppRequest } from '../../../electron/desktop/protocol.ts';
import { ipcHandler, REFUSED } from '../../../electron/desktop/ipc-handler.ts';
import { startDesktop } from '../../../electron/desktop/start.ts';
import { createBackend } from '../../../electron/backend/backend.ts';
import { CSP } from '../../../electron/browser-host.ts';
import { IPC_CHANNEL } from '../../../electron/ipc.ts';
import { DATASETS_DIR } from '../../../electron/paths.ts';

const tmp = mkdtempSync(join(tmpdir(), 'mt-desktop-'));
const rendererDir = join(tmp, 'renderer');
const dataDir = join(tmp, 'data');
mkdirSync(rendererDir, { recursive: true });
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>app');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('window', () => {
  it('is sandboxed and isolated, without Node, with web security, no webview, no insecure content', () => {
    const prefs = webPreferences('/app/preload.cjs');
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs', contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false, webSecurity: true, allowRunningInsecureContent: false, experimentalFeatures: false, webviewTag: false,
    });
    expect(windowOptions('/p').webPreferences).toEqual(webPreferences('/p'));
    expect(APP_ENTRY.startsWith(APP_ROOT)).toBe(true);
    expect(APP_SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true });
  });

  it('has a strict CSP: only its own scripts (plus wasm), no objects, no framing, no remote connections', () => {
    const directives = new Map(CSP.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(CSP).not.toMatch(/'unsafe-eval'|\*|https?:/);
  });
});

describe('app:// scheme', () => {
  const dirs = () => ({ '/': rendererDir });
  it('serves the bundle with the CSP', async () => {
    const res = await handleAppRequest(new Request(`${APP_ROOT}index.html`), dirs());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(CSP);
    expect(await res.text()).toContain('app');
  });

  it('refuses other hosts, other methods and paths out of the folder', async () => {
    writeFileSync(join(tmp, 'secret.txt'), 'SECRET');
    for (const url of ['app://evil/index.html', `${APP_ROOT}..%2fsecret.txt`, `${APP_ROOT}%2e%2e/secret.txt`, `${APP_ROOT}..%5csecret.txt`, `${APP_ROOT}index.html%00`]) {
      const res = await handleAppRequest(new Request(url), dirs());
      expect(res.status, url).toBeGreaterThanOrEqual(400);
      expect(await res.text(), url).not.toContain('SECRET');
    }
    expect((await handleAppRequest(new Request(`${APP_ROOT}index.html`, { method: 'POST' }), dirs())).status).toBe(405);
  });
});

/** A stand-in WebContents/Session that records the handlers the guards install. */
function contentsRecorder() {
  const listeners = new Map<string, (e: { preventDefault(): void }, url: string) => void>();
  let openHandler: ((d: { url: string }) => { action: string }) | null = null;
  const contents = {
    on: (event: string, l: (e: { preventDefault(): void }, url: string) => void) => { listeners.set(event, l); return contents; },
    setWindowOpenHandler: (h: (d: { url: string }) => { action: 'deny' }) => { openHandler = h; },
  };
  const fire = (event: string, url?: string): boolean => {
    let prevented = false;
    listeners.get(event)?.({ preventDefault: () => { prevented = true; } }, url ?? '');
    return prevented;
  };
  return { contents, fire, openWindow: (url: string) => openHandler?.({ url })?.action };
}

function sessionRecorder() {
  const s = {
    request: null as null | ((c: unknown, p: string, cb: (granted: boolean) => void) => void),
    check: null as null | ((c: unknown, p: string) => boolean),
    before: null as null | ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void),
  };
  const session = {
    setPermissionRequestHandler: (h: typeof s.request) => { s.request = h; },
    setPermissionCheckHandler: (h: typeof s.check) => { s.check = h; },
    webRequest: { onBeforeRequest: (h: typeof s.before) => { s.before = h; } },
  };
  return { session, s };
}

describe('guards', () => {
  it('keep navigation inside the app, deny every window.open and any <webview>', () => {
    const r = contentsRecorder();
    guardContents(r.contents);
    expect(r.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(r.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(r.fire('will-navigate', 'app://machine-teacher-evil/x')).toBe(true);
    expect(r.fire('will-redirect', 'http://127.0.0.1:9/')).toBe(true);
    expect(r.fire('will-navigate', `${APP_ROOT}index.html#x`)).toBe(false);
    expect(r.fire('will-attach-webview')).toBe(true);
    expect(r.openWindow('https://example.com')).toBe('deny');
    expect(r.openWindow(APP_ENTRY)).toBe('deny');
  });

  it('deny every permission request and check, and cancel every request that is not the app’s own', () => {
    const { session, s } = sessionRecorder();
    guardSession(session);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fileSystem']) {
      let granted: boolean | null = null;
      s.request?.({}, permission, (g) => { granted = g; });
      expect(granted, permission).toBe(false);
      expect(s.check?.({}, permission), permission).toBe(false);
    }
    const cancelled = (url: string) => { let c: boolean | null = null; s.before?.({ url }, (r) => { c = r.cancel; }); return c; };
    for (const url of ['https://cdn.example/x.js', 'http://127.0.0.1:8080/api/x', 'file:///etc/passwd', 'ws://evil/', 'app://other/x']) expect(cancelled(url), url).toBe(true);
    for (const url of [APP_ENTRY, `${APP_ROOT}assets/app.js`, 'data:image/png;base64,AA', 'blob:app://machine-teacher/1234']) expect(cancelled(url), url).toBe(false);
    expect(isAllowedRequest('blob:https://evil/1')).toBe(false);
  });
});

describe('IPC handler', () => {
  const backend = createBackend({ mode: 'desktop', version: 'test', datasetsDir: DATASETS_DIR, dataDir });
  const appContents = { id: 'app' };
  const handle = ipcHandler(backend, () => appContents);
  const own = { sender: appContents, senderFrame: { url: APP_ENTRY } };

  it('answers the app window showing the app, and refuses other windows, frames and pages', async () => {
    expect(await handle(own, 'hostInfo', [])).toMatchObject({ ok: true, value: { mode: 'desktop' } });
    expect(await handle({ sender: { id: 'other' }, senderFrame: { url: APP_ENTRY } }, 'hostInfo', [])).toBe(REFUSED);
    expect(await handle({ sender: appContents, senderFrame: { url: 'https://evil.example/' } }, 'hostInfo', [])).toBe(REFUSED);
    expect(await handle({ sender: appContents, senderFrame: { url: 'app://machine-teacher-evil/index.html' } }, 'hostInfo', [])).toBe(REFUSED);
    expect(await handle({ sender: appContents, senderFrame: null }, 'hostInfo', [])).toBe(REFUSED);
    expect(await ipcHandler(backend, () => null)(own, 'hostInfo', [])).toBe(REFUSED);
  });

  it('validates every argument before the backend sees it (deeply for projects and rules)', async () => {
    expect(await handle(own, 'constructor', [])).toMatchObject({ ok: false });
    expect(await handle(own, 'saveProjectArtifact', ['session-1234', 'handle-123456', '../escape', new Uint8Array(1)])).toMatchObject({ ok: false, error: { message: expect.stringContaining('args[2]') } });
    const badRule = { version: 2, doc: { rules: { defaultClass: null, rules: [{ id: 'r1', name: '', target: 'x', enabled: true, when: { op: 'range', column: 'V1', lo: 'zero', hi: null } }] } }, ui: {}, updatedAt: 'now' };
    expect(await handle(own, 'saveDocument', ['session-1234', 'handle-123456', badRule])).toMatchObject({ ok: false, error: { message: expect.stringContaining('args[2].doc.rules.rules[0].when.lo') } });
    expect(await handle(own, 'editLabels', ['session-1234', 'handle-123456', { classes: ['a'], rows: [0], values: [3] }])).toMatchObject({ ok: false, error: { message: expect.stringContaining('args[2].values[0]') } });
  });

  it('reads only files the user opened (dialog or command line), by real path', async () => {
    writeFileSync(join(tmp, 'chosen.csv'), 'a,b\n1,2\n');
    writeFileSync(join(tmp, 'other.csv'), 'a,b\n1,2\n');
    symlinkSync(join(tmp, 'other.csv'), join(tmp, 'link-to-other.csv'));
    let next: string | null = join(tmp, 'chosen.csv');
    const desktop = createBackend({ mode: 'desktop', version: 't', datasetsDir: DATASETS_DIR, dataDir, pickFile: async () => next });
    const h = ipcHandler(desktop, () => appContents);
    expect(await h(own, 'openPath', [join(tmp, 'chosen.csv'), 'job1'])).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^Refused to read/) } });
    const picked = await h(own, 'pickFile', []);
    expect(picked).toMatchObject({ ok: true, value: { name: 'chosen.csv', path: join(tmp, 'chosen.csv'), size: 8 } });
    expect(await h(own, 'openPath', [join(tmp, 'chosen.csv'), 'job2'])).toMatchObject({ ok: true, value: { name: 'chosen.csv' } });
    for (const path of [join(tmp, 'other.csv'), join(tmp, 'link-to-other.csv'), '/etc/passwd', join(tmp, '.', 'other.csv')]) {
      expect(await h(own, 'openPath', [path, 'job3']), path).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^Refused to read/) } });
    }
    next = null;
    expect(await h(own, 'pickFile', [])).toEqual({ ok: true, value: null });
  });
});

describe('startDesktop wiring', () => {
  it('registers the scheme, the IPC channel, the guards on every web contents, and a window with the secure settings', async () => {
    const calls: string[] = [];
    let readyResolve: () => void = () => {};
    const ready = new Promise<void>((r) => { readyResolve = r; });
    const appListeners = new Map<string, (...a: unknown[]) => void>();
    const sess = sessionRecorder();
    let windowOpts: unknown = null;
    let loaded = '';
    let handler: ((r: Request) => Promise<Response>) | null = null;
    let ipc: ((e: unknown, ...a: unknown[]) => Promise<unknown>) | null = null;
    class FakeWindow {
      static all: FakeWindow[] = [];
      static getAllWindows = () => FakeWindow.all;
      webContents = { id: 'win' };
      constructor(opts: unknown) { windowOpts = opts; FakeWindow.all.push(this); }
      loadURL(url: string) { loaded = url; return Promise.resolve(); }
      on() { return this; }
    }
    const fake = {
      app: { whenReady: () => ready, on: (e: string, l: (...a: unknown[]) => void) => { appListeners.set(e, l); }, quit: () => calls.push('quit') },
      protocol: { registerSchemesAsPrivileged: (s: unknown) => calls.push(`register ${JSON.stringify(s)}`), handle: (scheme: string, h: (r: Request) => Promise<Response>) => { calls.push(`handle ${scheme}`); handler = h; } },
      session: { defaultSession: sess.session },
      ipcMain: { handle: (channel: string, h: (e: unknown, ...a: unknown[]) => Promise<unknown>) => { calls.push(`ipc ${channel}`); ipc = h; } },
      BrowserWindow: FakeWindow,
      dialog: { showOpenDialog: async () => ({ canceled: true, filePaths: [] }) },
      Menu: { setApplicationMenu: () => calls.push('menu'), buildFromTemplate: () => ({}) },
    };
    startDesktop(fake as unknown as typeof Electron, { version: 't', datasetsDir: DATASETS_DIR, dataDir, staticDirs: { '/': rendererDir }, preload: '/p/preload.cjs', startupPaths: [] });
    expect(calls).toContain(`register ${JSON.stringify([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }])}`);
    expect(calls).toContain(`ipc ${IPC_CHANNEL}`);
    // Guards go on every web contents Electron creates.
    const r = contentsRecorder();
    appListeners.get('web-contents-created')?.({}, r.contents);
    expect(r.fire('will-navigate', 'https://evil.example/')).toBe(true);
    readyResolve();
    await ready;
    await new Promise((r2) => setTimeout(r2, 0));
    expect(calls).toContain(`handle ${APP_SCHEME}`);
    expect(windowOpts).toEqual(windowOptions('/p/preload.cjs'));
    expect(loaded).toBe(APP_ENTRY);
    expect(sess.s.check?.({}, 'media')).toBe(false);
    expect((await handler!(new Request(APP_ENTRY))).status).toBe(200);
    // The IPC handler answers the window it made, and nobody else.
    expect(await ipc!({ sender: FakeWindow.all[0].webContents, senderFrame: { url: APP_ENTRY } }, 'hostInfo', [])).toMatchObject({ ok: true });
    expect(await ipc!({ sender: { id: 'x' }, senderFrame: { url: APP_ENTRY } }, 'hostInfo', [])).toBe(REFUSED);
  });
});
