/**
 * The backend behind the contract: one implementation of MachineTeacherApi, used by the
 * Electron main process and by the browser-mode host alike. Node only.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { totalmem } from 'node:os';
import type { HostInfo, MachineTeacherApi, OpenedDataset, Embedding, Media } from '../../ml/api.ts';
import type { Table } from '../../ml/table/types.ts';
import { cellBudget, inferSchema, loadTable, type LoadLimits } from '../../ml/table/index.ts';
import { DEMOS } from './demos.ts';
import type { DemoContent } from '../../ml/embed/models/demos.node.ts';
import { HostFiles } from './host-files.ts';
import { loadChunks, OpenJobs } from './open-jobs.ts';
import { ProjectStore } from './projects.ts';

export type BackendOptions = {
  mode: HostInfo['mode'];
  version: string;
  datasetsDir: string;
  dataDir: string;
  /** Desktop only: shows the native open dialog, resolves with the chosen path. */
  pickFile?: () => Promise<string | null>;
  /** Files given on the command line (`npm start -- PATH`). */
  startupPaths?: string[];
  /** Loader limits; the cell budget defaults to one scaled to this machine's memory. */
  limits?: Partial<LoadLimits>;
};

/** The contract plus what only the browser-mode host can call: a file streamed in as it uploads. */
export type Backend = MachineTeacherApi & {
  openStream(name: string, chunks: AsyncIterable<Uint8Array>, opts: { size: number | null; job: string }): Promise<OpenedDataset>;
};

export function createBackend(opts: BackendOptions): Backend {
  const projects = new ProjectStore(`${opts.dataDir}/projects`);
  const demoCache = new Map<string, Promise<DemoContent>>();
  const limits: Partial<LoadLimits> = { maxCells: cellBudget(totalmem()), ...opts.limits };
  const hostFiles = new HostFiles();
  const startup = Promise.all((opts.startupPaths ?? []).map((p) => hostFiles.add(p, true).catch((err: Error) => {
    console.error(`machine-teacher: ${err.message}`);
    return null;
  })));
  const jobs = new OpenJobs();

  /** A file streamed in (upload or disk) as job `id`: located errors, progress, cancel. */
  const openChunks = async (name: string, chunks: AsyncIterable<Uint8Array>, total: number | null, id: string): Promise<OpenedDataset> => {
    const job = jobs.begin(id, total);
    try {
      const { table, hash } = await loadChunks(name, chunks, { total, limits, job });
      return opened(`file:${name}:${hash}`, name, table, false);
    } finally {
      job.end();
    }
  };

  const opened = (key: string, name: string, table: Table, synthetic: boolean, embeddings: Embedding[] = [], media: Media = { kind: 'row' }): OpenedDataset => ({
    key, name, table, synthetic, schema: inferSchema(table), embeddings, media,
  });

  return {
    async hostInfo() {
      return { version: opts.version, mode: opts.mode, node: process.version };
    },
    async listDemos() {
      return DEMOS.map(({ open: _open, ...info }) => info);
    },
    async openDemo(id) {
      const demo = DEMOS.find((d) => d.id === id);
      if (!demo) throw new Error(`There is no demo dataset called "${id}".`);
      let content = demoCache.get(id);
      if (!content) {
        content = demo.open(opts.datasetsDir);
        demoCache.set(id, content);
        content.catch(() => demoCache.delete(id));
      }
      const { table, embeddings, media } = await content;
      return opened(`demo:${id}`, demo.title, table, demo.synthetic, embeddings, media);
    },
    async openFile(file) {
      const table = await loadTable(file.name, file.bytes, { limits });
      const hash = createHash('sha256').update(file.bytes).digest('hex').slice(0, 16);
      return opened(`file:${file.name}:${hash}`, file.name, table, false);
    },
    async pickFile() {
      const path = opts.pickFile ? await opts.pickFile() : null;
      return path === null ? null : hostFiles.add(path);
    },
    async startupFiles() {
      await startup;
      return hostFiles.startup;
    },
    async openPath(path, job) {
      await startup;
      const real = await hostFiles.resolve(path);
      const file = await hostFiles.add(path);
      return openChunks(file.name, createReadStream(real, { highWaterMark: 1 << 20 }), file.size, job);
    },
    async openProgress(job) {
      return jobs.progress(job);
    },
    async cancelOpen(job) {
      jobs.cancel(job);
    },
    openStream: (name, chunks, { size, job }) => openChunks(name, chunks, size, job),
    loadProject: (key) => projects.load(key),
    saveProject: (key, state) => projects.save(key, state),
    loadArtifact: (key, name) => projects.loadArtifact(key, name),
    saveArtifact: (key, name, bytes) => projects.saveArtifact(key, name, bytes),
  };
}
