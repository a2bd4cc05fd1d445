/**
 * The projects behind the API: which folders are open in this process, which session writes
 * each (the lock), and the calls of ml/project/contract.ts. Two tabs of the browser-mode
 * server share one process, so the in-process owner decides between them; another process is
 * kept out by the folder's lock file.
 */
import { mkdir, realpath, rename } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import type {
  LockHolder, NewProjectSpec, OpenMode, OpenProjectResult, OpenedProject, PageDataset, ProjectInfo, ProjectsApi,
} from '../../ml/project/contract.ts';
import { labelledCount, snapshotOf } from '../../ml/project/labels.ts';
import { nameOfFolder, PROJECT_SUFFIX, projectName } from '../../ml/project/manifest.ts';
import { exists, fsyncDir } from './durable.ts';
import { OpenProject } from './open-project.ts';
import { attachData, type DataOpeners, type Located } from './project-data.ts';
import { demoData, findProjectFor, locatedFor, pageData, RecentlyOpened } from './project-for.ts';
import { createProject as makeProject, resolveNewSource, saveCopy, type NewSource } from './project-create.ts';
import { lockState, readLock, releaseLock, thisHost, writeLock } from './project-lock.ts';
import { Recents } from './recents.ts';
import { BACKUP_DIR, migrateLegacy } from './legacy-migration.ts';

export type ServiceOptions = { dataDir: string; openers: DataOpeners };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class ProjectService {
  readonly defaultFolder: string;
  readonly recents: Recents;
  private readonly byFolder = new Map<string, OpenProject>();
  private readonly byHandle = new Map<string, OpenProject>();
  private readonly lastActive = new Map<string, number>();
  /** What openDemo / openFile / openFolder opened lately (backend.ts tells it), for openProjectFor. */
  readonly openedData = new RecentlyOpened();
  /** Data loaded while creating or finding a project, handed to its first loadProjectData. */
  private readonly pending = new WeakMap<OpenProject, { loaded: Located; sameRows: boolean }>();
  /** openProjectFor calls one at a time: two tabs opening the same new data make one project, not two. */
  private finding: Promise<unknown> = Promise.resolve();

  /** Settles once the old per-dataset files are migrated; every call waits for it. */
  readonly ready: Promise<void>;

  constructor(readonly opts: ServiceOptions) {
    this.defaultFolder = join(opts.dataDir, 'projects');
    this.recents = new Recents(opts.dataDir);
    this.ready = this.migrate();
  }

  private async migrate(): Promise<void> {
    await mkdir(this.defaultFolder, { recursive: true });
    const report = await migrateLegacy(this.defaultFolder, (id) => this.opts.openers.demoInfo(id));
    if (report.migrated.length > 0) {
      console.log(`Moved the work of ${report.migrated.length} dataset(s) into projects in ${this.defaultFolder} (the old files are kept in ${join(this.defaultFolder, BACKUP_DIR)}).`);
    }
    for (const m of report.messages) console.log(m);
    for (const folder of report.migrated) await this.touchRecent(await OpenProject.open(folder));
  }

  /** Wraps a call so it runs after migration. */
  gate<A extends unknown[], R>(f: (...a: A) => Promise<R>): (...a: A) => Promise<R> {
    return async (...a) => {
      await this.ready;
      return f(...a);
    };
  }

  /** Open projects, most recently opened first. */
  private openProjects(): OpenProject[] {
    return [...this.byHandle.values()].reverse();
  }

  info(p: OpenProject): ProjectInfo {
    const m = p.manifest;
    return { handle: p.handle, id: m.id, name: nameOfFolder(basename(p.folder)), path: p.folder, source: m.source, settings: m.settings, createdAt: m.createdAt };
  }

  private opened(p: OpenProject, session: string): OpenedProject {
    const messages = p.readOnlyBecause ? [...p.messages, p.readOnlyBecause] : [...p.messages];
    return {
      project: this.info(p), access: p.owner === session && p.writing ? 'write' : 'read-only',
      document: p.content.document, labels: snapshotOf(p.labels, p.manifest.source.rows), runs: p.content.runs, recovered: messages,
    };
  }

  private touchSession(session: string): void {
    this.lastActive.set(session, Date.now());
  }

  /** The open project a handle names, for a session that opened it. */
  get(session: string, handle: string): OpenProject {
    this.touchSession(session);
    const p = this.byHandle.get(handle);
    if (!p || !p.sessions.has(session)) throw new Error('This project is not open here any more (the app may have restarted). Open it again.');
    return p;
  }

  /** The project, if this session may write it; a clear refusal otherwise. */
  writer(session: string, handle: string): OpenProject {
    const p = this.get(session, handle);
    if (p.writeFailure) {
      this.forget(p);
      throw p.writeFailure;
    }
    if (p.owner !== session || !p.writing) {
      throw new Error(p.sessions.get(session) === 'write'
        ? 'This project is now open for writing in another window (it was taken over). Changes made here are not saved; open it again to continue.'
        : 'This project is open read-only here; the change was not saved.');
    }
    return p;
  }

  private register(p: OpenProject): void {
    this.byFolder.set(p.folder, p);
    this.byHandle.set(p.handle, p);
  }

  private forget(p: OpenProject): void {
    this.byFolder.delete(p.folder);
    this.byHandle.delete(p.handle);
  }

  private holder(p: OpenProject | null, lock: { pid: number; session: string; host: string; since: string }): LockHolder {
    const here = p?.owner ? { session: p.owner, lastActive: this.lastActive.get(p.owner) } : null;
    return {
      where: here ? 'this-app' : lock.host && lock.host !== thisHost ? 'other-computer' : 'other-process',
      pid: lock.pid, host: lock.host, session: here?.session ?? lock.session, since: lock.since,
      lastActive: here?.lastActive ? new Date(here.lastActive).toISOString() : null,
    };
  }

  private locked(folder: string, p: OpenProject | null, lock: { pid: number; session: string; host: string; since: string }): OpenProjectResult {
    const holder = this.holder(p, lock);
    const where = holder.where === 'this-app' ? 'in another window or tab of this app'
      : holder.where === 'other-computer' ? `on another computer (${holder.host})` : `in another Machine Teacher (process ${holder.pid})`;
    return { kind: 'locked', holder, message: `This project is open ${where}. Open it read-only, or take it over (the other window stops saving).`, path: folder };
  }

  /** A `.mtproj` folder from what the user gave: the folder, its project.json, or a name without the suffix. */
  private async findFolder(path: string): Promise<string> {
    let folder = resolve(path);
    if (basename(folder) === 'project.json') folder = dirname(folder);
    if (!(await exists(join(folder, 'project.json'))) && (await exists(join(`${folder}${PROJECT_SUFFIX}`, 'project.json')))) folder += PROJECT_SUFFIX;
    if (!(await exists(folder))) throw new Error(`No project at ${folder}.`);
    if (!(await exists(join(folder, 'project.json'))) && !(await exists(join(folder, 'journal')))) throw new Error(`${folder} is not a Machine Teacher project (it has no project.json).`);
    return realpath(folder);
  }

  async openFolder(session: string, path: string, mode: OpenMode): Promise<OpenProjectResult> {
    this.touchSession(session);
    const folder = await this.findFolder(path);
    let p = this.byFolder.get(folder) ?? null;
    // Already its writer, or joining as a reader: the live state in this process.
    if (p && (p.owner === session || mode === 'read-only')) {
      p.sessions.set(session, p.owner === session ? 'write' : 'read-only');
      return { kind: 'opened', ...this.opened(p, session) };
    }
    // Written by another session of this app (another tab): ask, or hand the writing over.
    if (p?.owner) {
      if (mode === 'write') return this.locked(folder, p, { pid: process.pid, session: p.owner, host: thisHost, since: '' });
      p.owner = session;
      p.sessions.set(session, 'write');
      await writeLock(folder, session);
      return { kind: 'opened', ...this.opened(p, session) };
    }
    const lock = await readLock(folder);
    const state = lockState(lock);
    const elsewhere = state === 'other-process' || state === 'other-computer';
    if (elsewhere && mode === 'write') return this.locked(folder, null, lock!);
    if (elsewhere && mode === 'take-over') {
      // Let the other process's in-flight batch land (it checks the lock before each), then read all it wrote.
      await writeLock(folder, session);
      await sleep(100);
      if (p) this.forget(p);
      p = null;
    }
    if (!p) {
      p = await OpenProject.open(folder);
      this.register(p);
    }
    p.sessions.set(session, 'read-only');
    if (mode !== 'read-only' && !p.readOnlyBecause) {
      await writeLock(folder, session);
      const mine = await readLock(folder);
      if (!mine || mine.pid !== process.pid || mine.session !== session) {
        p.sessions.delete(session);
        return this.locked(folder, null, mine ?? { pid: 0, session: '', host: '', since: '' });
      }
      await p.startWriting();
      p.owner = session;
      p.sessions.set(session, 'write');
    }
    await this.touchRecent(p);
    return { kind: 'opened', ...this.opened(p, session) };
  }

  private async touchRecent(p: OpenProject, previousPath?: string): Promise<void> {
    const m = p.manifest;
    await this.recents.touch({
      path: p.folder, id: m.id, name: nameOfFolder(basename(p.folder)), dataset: m.source.name, rows: m.source.rows,
      labelled: labelledCount(p.labels) + p.labels.keptValues.length, lastOpened: new Date().toISOString(),
    }, previousPath);
  }

  async close(session: string, handle: string): Promise<void> {
    const p = this.byHandle.get(handle);
    if (!p) return;
    p.sessions.delete(session);
    if (p.owner === session) {
      p.owner = null;
      await p.stopWriting();
      await releaseLock(p.folder);
      await this.touchRecent(p);
    }
    if (p.sessions.size === 0) this.forget(p);
  }

  async create(session: string, spec: NewProjectSpec): Promise<OpenedProject> {
    return this.createFrom(session, await resolveNewSource(spec, this.opts.openers), spec.folder, spec.name);
  }

  /** A new project for data already loaded, opened for writing; its first loadProjectData gets the data. */
  private async createFrom(session: string, source: NewSource, parent?: string, name?: string): Promise<OpenedProject> {
    const folder = await makeProject(parent ?? this.defaultFolder, name, source);
    const result = await this.openFolder(session, folder, 'write');
    if (result.kind !== 'opened') throw new Error(result.message);
    const p = this.byHandle.get(result.project.handle)!;
    if (source.dataset) this.pending.set(p, { loaded: { source: p.manifest.source, dataset: source.dataset }, sameRows: true });
    return result;
  }

  /** The project for data just opened (ProjectsApi.openProjectFor). */
  openFor(session: string, key: string, mode: OpenMode, page?: PageDataset | null): Promise<OpenProjectResult> {
    const run = this.finding.then(() => this.findOrCreate(session, key, mode, page ?? null));
    this.finding = run.catch(() => {});
    return run;
  }

  private async findOrCreate(session: string, key: string, mode: OpenMode, page: PageDataset | null): Promise<OpenProjectResult> {
    this.touchSession(session);
    const data = page ? pageData(key, page) : this.openedData.get(key) ?? (await demoData(this.opts.openers, key));
    const where = { open: this.openProjects(), recents: this.recents, defaultFolder: this.defaultFolder };
    const found = await findProjectFor(where, session, key, data && { kind: data.source.kind, path: data.dataPath });
    if (!found) {
      if (!data) throw new Error(`Open the data again: nothing is known here about "${key}" (the app may have restarted since it was opened).`);
      return { kind: 'opened', ...(await this.createFrom(session, data)) };
    }
    const result = await this.openFolder(session, found.folder, mode);
    if (result.kind === 'opened' && data) {
      const p = this.byHandle.get(result.project.handle)!;
      this.pending.set(p, { loaded: await locatedFor(p, data), sameRows: found.sameKey });
    }
    return result;
  }

  /** The project calls (the desktop dialog, pickProjectLocation, is the host's: backend.ts). */
  api(): Omit<ProjectsApi, 'pickProjectLocation'> {
    return {
      listRecentProjects: this.gate(async () => ({ projects: await this.recents.list(), defaultFolder: this.defaultFolder })),
      createProject: this.gate((session, spec) => this.create(session, spec)),
      openProject: this.gate((session, path, mode) => this.openFolder(session, path, mode)),
      openProjectFor: this.gate((session, key, mode, page) => this.openFor(session, key, mode, page)),
      loadProjectData: this.gate(async (session, handle) => {
        const p = this.get(session, handle);
        const write = p.owner === session;
        const ready = this.pending.get(p);
        this.pending.delete(p);
        return attachData(p, this.opts.openers, null, { write, ...ready });
      }),
      locateData: this.gate(async (session, handle, where, options) => {
        const p = this.writer(session, handle);
        if (p.manifest.source.kind === 'demo') throw new Error('A demo’s data ships with the app; there is nothing to locate.');
        this.pending.delete(p);
        return attachData(p, this.opts.openers, where, { write: true, matchByPosition: options.matchByPosition });
      }),
      closeProject: this.gate((session, handle) => this.close(session, handle)),
      saveDocument: this.gate((session, handle, document) => this.writer(session, handle).saveDocument(document)),
      editLabels: this.gate((session, handle, edit) => this.writer(session, handle).editLabels(edit)),
      addRun: this.gate((session, handle, run) => this.writer(session, handle).addRun(run)),
      renameProject: this.gate((session, handle, name) => this.rename(session, handle, name)),
      saveProjectAs: this.gate(async (session, handle, target) => {
        const p = this.get(session, handle);
        const to = isAbsolute(target) || target.includes('/') || target.includes('\\') ? resolve(target) : join(this.defaultFolder, projectName(target));
        const folder = await saveCopy(p, to.endsWith(PROJECT_SUFFIX) ? to : `${to}${PROJECT_SUFFIX}`);
        await this.close(session, handle);
        const result = await this.openFolder(session, folder, 'write');
        if (result.kind !== 'opened') throw new Error(result.message);
        return result;
      }),
      updateProjectMeta: this.gate(async (session, handle, patch) => {
        const p = this.writer(session, handle);
        const source = patch.idColumn === undefined ? p.manifest.source : { ...p.manifest.source, idColumn: patch.idColumn };
        await p.setManifest({ ...p.manifest, source, settings: patch.settings ?? p.manifest.settings });
        return this.info(p);
      }),
      loadProjectArtifact: this.gate((session, handle, name) => this.get(session, handle).loadArtifact(name)),
      saveProjectArtifact: this.gate((session, handle, name, bytes) => this.writer(session, handle).saveArtifact(name, bytes)),
    };
  }

  /** Renames the folder in place. The journal is closed around the rename (Windows cannot rename a folder with open files). */
  private async rename(session: string, handle: string, raw: string): Promise<ProjectInfo> {
    const p = this.writer(session, handle);
    const to = join(dirname(p.folder), `${projectName(raw)}${PROJECT_SUFFIX}`);
    if (to === p.folder) return this.info(p);
    if (await exists(to)) throw new Error(`There is already a project called "${projectName(raw)}" in ${dirname(to)}.`);
    const from = p.folder;
    await p.stopWriting();
    try {
      await rename(from, to);
      await fsyncDir(dirname(to));
      this.byFolder.delete(from);
      p.folder = to;
      this.byFolder.set(to, p);
    } finally {
      await p.startWriting();
    }
    await this.touchRecent(p, from);
    return this.info(p);
  }
}
