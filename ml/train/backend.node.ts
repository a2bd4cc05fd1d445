/**
 * Node set-up for the training backend (tests, benchmarks, the backend process): tfjs-node if
 * its native library loads — on machines where its install script could not download
 * libtensorflow, `require` throws "native addon … can not be found", which we catch — else
 * the wasm binaries straight from node_modules, else cpu.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { configureBackend, initBackend as init, type BackendInfo, type BackendName } from './backend.ts';

const require = createRequire(import.meta.url);

export function wasmDir(): string {
  // The package's "main" is dist/index.js (or similar) inside dist/: its folder holds the .wasm files.
  return join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm')), '/');
}

let configured = false;

export function initBackend(pref: BackendName | 'auto' = 'auto'): Promise<BackendInfo> {
  if (!configured) {
    configured = true;
    configureBackend({
      wasmPaths: wasmDir(),
      loadNative: async () => {
        try {
          require('@tensorflow/tfjs-node');
          return true;
        } catch {
          return false;
        }
      },
    });
  }
  return init(pref);
}
