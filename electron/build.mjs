/**
 * Builds the desktop host with Vite: dist/electron/main.js (ESM, dependencies external) and
 * dist/electron/preload.cjs (CommonJS, self-contained: a sandboxed preload can only require
 * 'electron'). Only needed when an Electron binary is present.
 */
import { build } from 'vite';
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const external = ['electron', ...builtinModules, ...builtinModules.map((m) => `node:${m}`), ...Object.keys(pkg.dependencies ?? {})];
const common = { configFile: false, logLevel: 'warn', root: new URL('..', import.meta.url).pathname };

export async function buildElectron(outDir = 'dist/electron') {
  await build({
    ...common,
    build: {
      ssr: true, outDir, emptyOutDir: false, target: 'node20',
      rollupOptions: { input: { main: 'electron/main.ts' }, external, output: { format: 'es', entryFileNames: '[name].js' } },
    },
  });
  await build({
    ...common,
    build: {
      ssr: true, outDir, emptyOutDir: false, target: 'node20',
      rollupOptions: { input: { preload: 'electron/preload.ts' }, external: ['electron'], output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  });
}
