/**
 * Starts the app exactly as a user does (`node electron/launch.mjs --browser`, what
 * `npm start -- --browser` runs) with a fresh data folder, and a real Chromium via
 * playwright-core. Screenshots land in test-results/ to be looked at.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';

/**
 * The app as a user runs it; `restart` stops it and starts it again on the same data folder, in
 * place; `crash` kills it with SIGKILL (as kill -9 or a power cut would, nothing gets to clean up).
 */
export type RunningApp = {
  /** The URL the app printed, with its access token in the fragment (what a user opens). */
  url: string;
  /** The server's origin and the token, for tests that call the API directly (httpClient(base, token)). */
  base: string;
  token: string;
  dataDir: string;
  /** The server's process id (for memory figures). */
  pid: number;
  stop(): Promise<void>;
  restart(): Promise<RunningApp>;
  crash(): Promise<void>;
};

/** Spawns `npm start -- --browser [args…]`'s launcher; resolves with the URL it prints. */
async function spawnApp(dataDir: string, args: string[] = []): Promise<{ url: string; child: ChildProcess }> {
  const child: ChildProcess = spawn(process.execPath, ['electron/launch.mjs', '--browser', ...args], {
    env: { ...process.env, MT_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`app did not start in 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      // The URL carries the per-start access token in its fragment (#token=…).
      const m = /running at (http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(output);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`app exited with ${code}:\n${output}`)); });
  });
  return { url, child };
}

/** `args` go after `--browser`, as in `npm start -- --browser PATH`. */
export async function startApp(dataDir = mkdtempSync(join(tmpdir(), 'mt-e2e-')), args: string[] = []): Promise<RunningApp> {
  let { url, child } = await spawnApp(dataDir, args);
  const app: RunningApp = {
    get url() { return url; },
    get base() { return new URL(url).origin; },
    get token() { return /#token=([A-Za-z0-9_-]+)/.exec(url)?.[1] ?? ''; },
    get pid() { return child.pid ?? -1; },
    dataDir,
    async stop() {
      // A process ended by a signal has exitCode null and signalCode set.
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
    async crash() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
    async restart() {
      await app.stop();
      ({ url, child } = await spawnApp(dataDir, args));
      return app;
    },
  };
  return app;
}

/**
 * Debian's Chromium with the flags this closed network needs. No --user-data-dir: this
 * playwright-core refuses it in launch(), and every launch gets a fresh temporary profile anyway.
 */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/** Run before the app's scripts: a Chromium without `pointerrawupdate` (brush moves then come from `pointermove`). */
export const withoutRawUpdate = (): void => {
  delete (window as { onpointerrawupdate?: unknown }).onpointerrawupdate;
  delete (Window.prototype as { onpointerrawupdate?: unknown }).onpointerrawupdate;
};

/** A page on the app, its page errors collected (jsErrors); `init` runs before the app's scripts. */
export async function newPage(browser: Browser, url: string, init?: () => void): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  (page as Page & { jsErrors: string[] }).jsErrors = errors;
  if (init) await page.addInitScript(init);
  await page.goto(url);
  await page.waitForSelector('html[data-ready]', { timeout: 60_000 });
  return page;
}

/** Reloads as a user does; resolves when the app has started again (and reopened what the URL names). */
export async function reloadPage(page: Page): Promise<void> {
  await page.reload();
  await page.waitForSelector('html[data-ready]', { timeout: 60_000 });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync('test-results', { recursive: true });
  const path = join('test-results', `${name}.png`);
  await page.screenshot({ path });
  return path;
}

export const jsErrors = (page: Page): string[] => (page as Page & { jsErrors?: string[] }).jsErrors ?? [];

export type Session = { app: RunningApp; browser: Browser; page: Page };

/**
 * The app and a page in Chromium for one test file: started before its tests (and handed to
 * `use`, which keeps them), stopped after.
 */
export function useSession(use: (s: Session) => void): void {
  let s: Partial<Session> = {};
  beforeAll(async () => {
    const app = await startApp();
    const browser = await launchBrowser();
    s = { app, browser, page: await newPage(browser, app.url) };
    use(s as Session);
  }, 120_000);
  afterAll(async () => {
    await s.browser?.close();
    await s.app?.stop();
  });
}
