/**
 * Where things live, for both hosts. The repo root is found by walking up to package.json,
 * so the same code works from electron/*.ts (tsx) and from the bundled dist/electron/main.js.
 * MT_DATA_DIR overrides the per-user data folder (the tests use a fresh one).
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`package.json not found above ${start}`);
    dir = up;
  }
  return dir;
}

export const ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
export const DATASETS_DIR = join(ROOT, 'datasets');
/** MT_DIST_DIR lets parallel test runs build into their own folders (default: dist/). */
export const DIST_DIR = process.env.MT_DIST_DIR ?? join(ROOT, 'dist');
export const RENDERER_DIR = join(DIST_DIR, 'renderer');
export const WASM_DIR = join(ROOT, 'node_modules', '@tensorflow', 'tfjs-backend-wasm', 'dist');
export const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
export const dataDir = (): string => process.env.MT_DATA_DIR ?? join(homedir(), '.machine-teacher');
