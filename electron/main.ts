/**
 * Desktop host: the Electron main process. Everything it sets up (the app:// scheme, a
 * sandboxed, isolated renderer without Node, the strict CSP, navigation/window/permission/
 * remote-content guards, the one IPC channel answering only the app window) lives in
 * electron/desktop/ and is tested there. Built to dist/electron/main.js by electron/build.mjs.
 */
import * as electron from 'electron';
import { fileURLToPath } from 'node:url';
import { startDesktop } from './desktop/start.ts';
import { DATASETS_DIR, RENDERER_DIR, VERSION, WASM_DIR, dataDir } from './paths.ts';

startDesktop(electron, {
  version: VERSION,
  datasetsDir: DATASETS_DIR,
  dataDir: dataDir(),
  staticDirs: { '/': RENDERER_DIR, '/wasm/': WASM_DIR },
  preload: fileURLToPath(new URL('./preload.cjs', import.meta.url)),
  // After the script path come the files given as `npm start -- PATH` (Chromium switches start with -).
  startupPaths: process.argv.slice(2).filter((a) => !a.startsWith('-')),
});
