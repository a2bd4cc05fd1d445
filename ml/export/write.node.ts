/**
 * Bundles on disk: write the file map to a folder, read a folder (or a .zip) back as a
 * classifier. `loadClassifier` is what `import { loadClassifier } from 'machine-teacher'` gives.
 */
import { existsSync, statSync } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { BundleFiles } from './bundle.ts';
import type { BundleClassifier } from './classifier.ts';
import { BundleError } from './manifest.ts';
import { readBundle } from './read.ts';
import { unzipBundle } from './zip.ts';

/** Writes every file of the bundle under `dir` (created; existing files of the same names are replaced). */
export async function writeBundleDir(dir: string, files: BundleFiles): Promise<void> {
  for (const [path, bytes] of Object.entries(files)) {
    const target = join(dir, ...path.split('/'));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, bytes);
  }
}

async function listFiles(dir: string, root = dir): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...await listFiles(p, root));
    else if (e.isFile()) out.push(relative(root, p).split(sep).join('/'));
  }
  return out;
}

/** The files of a bundle folder or .zip, by bundle-relative path. */
export async function readBundleFiles(path: string): Promise<BundleFiles> {
  if (!existsSync(path)) throw new BundleError('no such bundle (expected a folder with manifest.json, or a .zip of one)', path);
  if (statSync(path).isFile()) return unzipBundle(new Uint8Array(await readFile(path)));
  const files: BundleFiles = {};
  for (const p of await listFiles(path)) files[p] = new Uint8Array(await readFile(join(path, ...p.split('/'))));
  return files;
}

/** A classifier from an exported bundle: a folder, a .zip, or the files themselves. */
export async function loadClassifier(bundle: string | BundleFiles): Promise<BundleClassifier> {
  const files = typeof bundle === 'string' ? await readBundleFiles(bundle) : bundle;
  return readBundle((p) => files[p], typeof bundle === 'string' ? bundle : 'bundle');
}
