/**
 * Entry point of browser mode: `npm start -- --browser [--port N] [PATH…]` ends up here.
 * Prints the URL (with its access token) on one line so scripts (and the e2e tests) can read it.
 */
import { createBackend } from './backend/backend.ts';
import { startBrowserHost } from './browser-host.ts';
import { DATASETS_DIR, RENDERER_DIR, WASM_DIR, VERSION, dataDir } from './paths.ts';

export type ServeOptions = { port?: number; /** Files to open at start (`npm start -- PATH`). */ paths?: string[] };

export async function serve(opts: ServeOptions = {}): Promise<string> {
  const api = createBackend({ mode: 'browser', version: VERSION, datasetsDir: DATASETS_DIR, dataDir: dataDir(), startupPaths: opts.paths });
  const { url } = await startBrowserHost({ api, port: opts.port, staticDirs: { '/': RENDERER_DIR, '/wasm/': WASM_DIR } });
  return url;
}
