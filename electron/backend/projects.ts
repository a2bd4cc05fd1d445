/**
 * Project files: everything the user made on a dataset (rules, labels), one JSON file per
 * dataset key. Writes are atomic (temp file + rename) so a crash mid-save never loses the
 * previous state.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { ProjectState } from '../../ml/api.ts';

export class ProjectStore {
  constructor(private readonly dir: string) {}

  private pathFor(key: string): string {
    const safe = key.replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 60);
    const hash = createHash('sha256').update(key).digest('hex').slice(0, 12);
    return join(this.dir, `${safe}-${hash}.json`);
  }

  async load(key: string): Promise<ProjectState | null> {
    try {
      return JSON.parse(await readFile(this.pathFor(key), 'utf8')) as ProjectState;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new Error(`The project file for ${key} could not be read (${(err as Error).message}).`);
    }
  }

  async save(key: string, state: ProjectState): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const target = this.pathFor(key);
    const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(tmp, JSON.stringify(state, null, 1));
    await rename(tmp, target);
  }
}
