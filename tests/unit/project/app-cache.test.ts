/**
 * The app-wide cache (the image vector cache's home, shared by every dataset and project)
 * through the real host: written durably under the data folder, read back, and names that could
 * leave its folder refused at the boundary.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dispatch } from '../../../electron/backend/dispatch.ts';
import { startServer, type TestServer } from './helpers.ts';

let s: TestServer;
beforeAll(async () => { s = await startServer(); });
afterAll(() => s.close());

describe('the app cache', () => {
  it('keeps a file per cache and name, outside every project', async () => {
    expect(await s.client.loadCacheArtifact('image-vectors:mobilenet_v2', 'seg-0.bin')).toBeNull();
    await s.client.saveCacheArtifact('image-vectors:mobilenet_v2', 'seg-0.bin', Uint8Array.of(1, 2, 3));
    expect(await s.client.loadCacheArtifact('image-vectors:mobilenet_v2', 'seg-0.bin')).toEqual(Uint8Array.of(1, 2, 3));
    expect(new Uint8Array(readFileSync(join(s.dataDir, 'cache', 'image-vectors_mobilenet_v2', 'seg-0.bin')))).toEqual(Uint8Array.of(1, 2, 3));
    expect(existsSync(join(s.dataDir, 'projects')) ? (await s.client.listRecentProjects()).projects : []).toEqual([]);
  });

  it('refuses names that are not plain file names', async () => {
    for (const args of [['../x', 'a.bin'], ['c', '../a'], ['c', 'a/b'], ['', 'a'], ['c', 'a:b']]) {
      const r = await dispatch(s.backend, 'saveCacheArtifact', [...args, new Uint8Array(1)]);
      expect(r.ok, JSON.stringify(args)).toBe(false);
    }
    expect((await dispatch(s.backend, 'loadCacheArtifact', ['c', '..'])).ok).toBe(false);
  });
});
