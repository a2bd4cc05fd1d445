/**
 * Entry point of browser mode: `npm start -- --browser [--port N]` ends up here.
 * Prints the URL on one line so scripts (and the e2e tests) can read it.
 */
import { createBackend } from './backend/backend.ts';
import { startBrowserHost } from './browser-host.ts';
import { DATASETS_DIR, RENDERER_DIR, WASM_DIR, VERSION, dataDir } from './paths.ts';

export async function serve(port?: number): Promise<string> {
  const api = createBackend({ mode: 'browser', version: VERSION, datasetsDir: DATASETS_DIR, dataDir: dataDir() });
  const { url } = await startBrowserHost({ api, port, staticDirs: { '/': RENDERER_DIR, '/wasm/': WASM_DIR } });
  return url;
}
