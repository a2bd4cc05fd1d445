/**
 * App-wide caches that belong to no project: `<dataDir>/cache/<cache>/<name>`. The image vector
 * cache lives here (ml/images/vector-cache.ts: vectors keyed by image content, shared by every
 * dataset and project, so a photo embedded once is never embedded again). Losing a cache costs
 * time, never work; writes are still atomic so a crash never leaves a torn segment behind.
 */
import { join } from 'node:path';
import { readOptional, writeDurable } from './durable.ts';

const isPart = (s: string) => /^[A-Za-z0-9_.:-]{1,120}$/.test(s) && s !== '.' && s !== '..';

export class AppCache {
  constructor(private readonly dataDir: string) {}

  /** The file of `name` in `cache` (':' in a cache name, as in `image-vectors:mobilenet_v2`, becomes '_': Windows refuses it in names). */
  private path(cache: string, name: string): string {
    if (!isPart(cache) || !isPart(name) || name.includes(':')) throw new Error(`"${cache}/${name}" is not a cache file name.`);
    return join(this.dataDir, 'cache', cache.replace(/:/g, '_'), name);
  }

  load(cache: string, name: string): Promise<Uint8Array | null> {
    return readOptional(this.path(cache, name));
  }

  save(cache: string, name: string, bytes: Uint8Array): Promise<void> {
    return writeDurable(this.path(cache, name), bytes);
  }
}
