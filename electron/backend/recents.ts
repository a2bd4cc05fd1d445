/**
 * The start screen's list of recent projects, kept in `<dataDir>/recent-projects.json`. It is a
 * convenience index, not the truth (each project folder is): a missing or damaged list just
 * starts empty, and a folder that moved shows as missing until it is opened from its new place.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RecentProject } from '../../ml/project/contract.ts';
import { exists, writeDurable } from './durable.ts';

/** A recent project as stored (its id tells a moved copy from another project). */
export type RecentEntry = Omit<RecentProject, 'missing'> & { id: string };

const MAX_RECENTS = 50;

export class Recents {
  private entries: RecentEntry[] | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly dataDir: string) {}

  private get file(): string {
    return join(this.dataDir, 'recent-projects.json');
  }

  private async load(): Promise<RecentEntry[]> {
    if (this.entries) return this.entries;
    try {
      const v = JSON.parse(await readFile(this.file, 'utf8')) as { projects?: RecentEntry[] };
      this.entries = Array.isArray(v.projects) ? v.projects.filter((e) => typeof e?.path === 'string') : [];
    } catch {
      this.entries = [];
    }
    return this.entries;
  }

  async list(): Promise<RecentProject[]> {
    const entries = [...(await this.load())].sort((a, b) => b.lastOpened.localeCompare(a.lastOpened));
    // Field by field: a list written by an earlier version may carry fields the renderer does not know.
    return Promise.all(entries.map(async ({ path, name, dataset, rows, labelled, lastOpened }) =>
      ({ path, name, dataset, rows, labelled, lastOpened, missing: !(await exists(join(path, 'project.json'))) })));
  }

  /** Adds or refreshes a project by path; an entry it moved from (renamed, or the same project now missing) goes. */
  async touch(entry: RecentEntry, previousPath?: string): Promise<void> {
    const rest: RecentEntry[] = [];
    for (const e of await this.load()) {
      if (e.path === entry.path || e.path === previousPath) continue;
      if (e.id === entry.id && !(await exists(join(e.path, 'project.json')))) continue;
      rest.push(e);
    }
    this.entries = [entry, ...rest].slice(0, MAX_RECENTS);
    await this.save();
  }

  private save(): Promise<void> {
    const text = `${JSON.stringify({ version: 1, projects: this.entries }, null, 1)}\n`;
    this.writing = this.writing.then(() => writeDurable(this.file, text)).catch(() => { /* a lost recents list costs no work */ });
    return this.writing;
  }
}
