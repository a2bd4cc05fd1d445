#!/usr/bin/env node
/**
 * `npm start [-- --browser] [-- --port N] [-- PATH…]`: opens Machine Teacher (and PATH, a data
 * file to open at start).
 * With a working Electron binary it is a desktop window. Install scripts are off (.npmrc), so
 * the binary is fetched here on first start (a machine with normal internet gets it once);
 * where that cannot work — no download, no display — it says so in one line and serves the
 * same app in browser mode on 127.0.0.1, printing the URL.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
// MT_DIST_DIR lets parallel test runs build into their own folders (default: dist/).
const dist = process.env.MT_DIST_DIR ?? join(root, 'dist');
const require = createRequire(import.meta.url);
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : undefined; };
/** Everything that is not an option: the files to open at start (npm runs us in the package folder; INIT_CWD is where the user typed). */
const paths = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--port').map((p) => resolve(process.env.INIT_CWD ?? process.cwd(), p));

if (flag('--help')) {
  console.log('usage: npm start [-- --browser] [-- --port N] [-- PATH]\n  --browser  serve the app on 127.0.0.1 instead of opening a desktop window\n  --port N   port for browser mode (default: a free one)\n  PATH       a data file to open at start');
  process.exit(0);
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the renderer when dist/ is missing or older than the sources. */
async function ensureRendererBuilt() {
  const index = join(dist, 'renderer', 'index.html');
  const sources = Math.max(newestMtime(join(root, 'renderer')), newestMtime(join(root, 'ml')));
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  console.log('Building the app (first start or sources changed)…');
  const { build } = await import('vite');
  await build({ root: join(root, 'renderer'), configFile: join(root, 'vite.config.ts'), logLevel: 'warn', build: { outDir: join(dist, 'renderer'), emptyOutDir: true } });
}

/** Path of a runnable Electron binary, or the one-line reason there is none. */
function findElectron() {
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return { reason: 'no display' };
  const pathFile = join(root, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(join(root, 'node_modules', 'electron'))) return { reason: 'electron is not installed' };
  if (!existsSync(pathFile)) {
    // Fetch the binary now (install scripts are off); quiet, with a time limit.
    console.log('Fetching the Electron binary (first start)…');
    const r = spawnSync(process.execPath, [join(root, 'node_modules', 'electron', 'install.js')], { stdio: 'pipe', timeout: 10 * 60_000 });
    if (r.status !== 0) return { reason: 'its binary could not be downloaded' };
  }
  try {
    return { path: require('electron') };
  } catch {
    return { reason: 'its binary is missing' };
  }
}

await ensureRendererBuilt();

if (!flag('--browser')) {
  const electron = findElectron();
  if (electron.path) {
    const { buildElectron } = await import('./build.mjs');
    await buildElectron();
    const child = spawn(electron.path, [join(root, 'dist', 'electron', 'main.js'), ...paths], { stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 0));
    await new Promise(() => {});
  }
  console.log(`Electron cannot run here (${electron.reason}); starting browser mode.`);
}

const { register } = await import('tsx/esm/api');
register();
const { serve } = await import('./serve.ts');
const port = option('--port') ? Number(option('--port')) : undefined;
const url = await serve({ port, paths });
console.log(`Machine Teacher is running at ${url}  (Ctrl+C to stop; only this URL, with its token, can use it)`);
