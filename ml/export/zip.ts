/**
 * A bundle as one .zip (the browser-mode download), and back. Entries sit in one top folder,
 * so unzipping gives the bundle's folder; reading accepts a zip with or without that folder.
 */
import { unzipSync, zipSync } from 'fflate';
import type { BundleFiles } from './bundle.ts';

/** The bundle's files under `folder/` in a zip (deflated; the weight shard stored as is). */
export function zipBundle(files: BundleFiles, folder: string): Uint8Array {
  const entries: Record<string, [Uint8Array, { level: 0 | 6 }]> = {};
  for (const [path, bytes] of Object.entries(files)) entries[`${folder}/${path}`] = [bytes, { level: path.endsWith('.bin') ? 0 : 6 }];
  return zipSync(entries, { mtime: new Date('2000-01-01T00:00:00Z') });
}

/** The files of a zipped bundle, paths relative to the bundle folder (manifest.json at the top). */
export function unzipBundle(zip: Uint8Array): BundleFiles {
  const raw = unzipSync(zip);
  const paths = Object.keys(raw).filter((p) => !p.endsWith('/'));
  const manifest = paths.find((p) => p === 'manifest.json' || /^[^/]+\/manifest\.json$/.test(p));
  const prefix = manifest && manifest.includes('/') ? manifest.slice(0, manifest.indexOf('/') + 1) : '';
  const out: BundleFiles = {};
  for (const p of paths) if (p.startsWith(prefix)) out[p.slice(prefix.length)] = raw[p];
  return out;
}
