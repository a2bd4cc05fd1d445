/**
 * Project files: everything the user made on a dataset (rules, labels), one JSON file per
 * dataset key, plus cached binary artefacts. Writes are atomic (temp file + rename) so a crash mid-save never loses the
 * previous state.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import type { ProjectState } from '../../ml/api.ts';

export class ProjectStore {
  constructor(private readonly dir: string) {}

  private pathFor(key: string, suffix = '.json'): string {
    const safe = key.replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 60);
    const hash = createHash('sha256').update(key).digest('hex').slice(0, 12);
    return join(this.dir, `${safe}-${hash}${suffix}`);
  }

  private async writeAtomic(target: string, data: string | Uint8Array): Promise<void> {
    await mkdir(dirname(target), { recursive: true });
    const tmp = `${target}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(tmp, data);
    await rename(tmp, target);
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
    await this.writeAtomic(this.pathFor(key), JSON.stringify(state, null, 1));
  }

  /** Artefacts (names are validated at the boundary: [A-Za-z0-9_.-]) live beside the project file. */
  async loadArtifact(key: string, name: string): Promise<Uint8Array | null> {
    try {
      return new Uint8Array(await readFile(this.pathFor(key, `.d/${name}`)));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async saveArtifact(key: string, name: string, bytes: Uint8Array): Promise<void> {
    await this.writeAtomic(this.pathFor(key, `.d/${name}`), bytes);
  }
}
