/**
 * The backend behind the contract: one implementation of MachineTeacherApi, used by the
 * Electron main process and by the browser-mode host alike. Node only.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { totalmem } from 'node:os';
import { basename, dirname, resolve } from 'node:path';
import type { HostInfo, MachineTeacherApi, OpenedDataset, Embedding, Media } from '../../ml/api.ts';
import type { Table } from '../../ml/table/types.ts';
import { cellBudget, inferSchema, loadTable, type LoadLimits } from '../../ml/table/index.ts';
import { DEMOS, DEMO_SIZES } from './demos.ts';
import type { DemoContent } from '../../ml/embed/models/demos.node.ts';
import { HostFiles } from './host-files.ts';
import { loadChunks, OpenJobs } from './open-jobs.ts';
import { ProjectService } from './project-service.ts';
import { openAnyFolder } from './folders.ts';
import { folderSource } from '../../ml/project/folder-source.ts';
import type { DataOpeners } from './project-data.ts';
import { ImageFiles } from './images.ts';
import { AppCache } from './app-cache.ts';
import { createExporter } from './exports.ts';
import { demoData } from './project-for.ts';

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
  /** Desktop only: the native dialog for a project folder (open) or a new project's path (save). */
  pickProjectLocation?: (purpose: 'open' | 'save') => Promise<string | null>;
  /** Desktop only: shows the native folder dialog; resolves with the chosen path. */
  pickFolder?: () => Promise<string | null>;
  /** Desktop only: asks for the folder exports go to (default `<dataDir>/exports`). */
  exportDir?: () => Promise<string | null>;
};

/** A demo card, or one of the extra sizes listed on a card (DEMO_SIZES). */
const findDemo = (id: string) => DEMOS.find((d) => d.id === id) ?? DEMO_SIZES.find((d) => d.id === id);

/** The contract plus what only the browser-mode host can call: a file streamed in as it uploads. */
export type Backend = MachineTeacherApi & {
  openStream(name: string, chunks: AsyncIterable<Uint8Array>, opts: { size: number | null; job: string }): Promise<OpenedDataset>;
};

export function createBackend(opts: BackendOptions): Backend {
  const demoCache = new Map<string, Promise<DemoContent>>();
  const images = new ImageFiles();
  const appCache = new AppCache(opts.dataDir);
  const limits: Partial<LoadLimits> = { maxCells: cellBudget(totalmem()), ...opts.limits };
  const hostFiles = new HostFiles();
  const startup = Promise.all((opts.startupPaths ?? []).map((p) => hostFiles.add(p, true).catch((err: Error) => {
    console.error(`machine-teacher: ${err.message}`);
    return null;
  })));
  const jobs = new OpenJobs();

  const opened = (key: string, name: string, table: Table, synthetic: boolean, embeddings: Embedding[] = [], media: Media = { kind: 'row' }): OpenedDataset => ({
    key, name, table, synthetic, schema: inferSchema(table), embeddings, media,
  });

  async function openDemo(id: string): Promise<OpenedDataset> {
    const demo = findDemo(id);
    if (!demo) throw new Error(`There is no demo dataset called "${id}".`);
    let content = demoCache.get(id);
    if (!content) {
      content = demo.open(opts.datasetsDir);
      demoCache.set(id, content);
      content.catch(() => demoCache.delete(id));
    }
    const { table, embeddings, media, imageFolder } = await content;
    if (imageFolder) images.register(`demo:${id}`, imageFolder.realRoot, imageFolder.paths);
    return opened(`demo:${id}`, demo.title, table, demo.synthetic, embeddings, media);
  }

  async function openFolder(path: string): Promise<OpenedDataset> {
    const f = await openAnyFolder(images, path);
    return { ...opened(f.key, f.name, f.table, false, [], f.media), ...(f.problems.length > 0 ? { problems: f.problems } : {}) };
  }

  // Projects: data is opened through the same code as openDemo/openFile/openFolder.
  const openers: DataOpeners = {
    openDemo,
    demoInfo: (id) => { const d = findDemo(id); return d ? { title: d.title, rows: d.rows } : null; },
    openBytes: async (name, bytes, hash) => opened(`file:${name}:${hash.slice(0, 16)}`, name, await loadTable(name, bytes, { limits }), false),
    openFolder,
  };
  const projects = new ProjectService({ dataDir: opts.dataDir, openers });
  // Export… measures on the data the backend opened under the key (a demo can be opened again).
  const exporter = createExporter({
    mode: opts.mode, version: opts.version, dataDir: opts.dataDir, exportDir: opts.exportDir,
    dataset: async (key) => {
      const data = projects.openedData.get(key) ?? (await demoData(openers, key));
      if (!data) return null;
      const { dataset, source } = data;
      const name = dataset.synthetic ? `${dataset.name} (SYNTHETIC)` : dataset.name;
      return { name, table: dataset.table, sha256: source.kind === 'file' ? source.hash : null, embeddings: dataset.embeddings };
    },
  });

  /**
   * A table file just opened (`hash`: SHA-256 hex of its bytes), with image media when it has a
   * column of image paths, remembered for openProjectFor: by `path` when it was read from disk,
   * else with its `upload` bytes, which a project copies in.
   */
  async function remembered(name: string, table: Table, hash: string, path: string | null, upload: Uint8Array | null): Promise<OpenedDataset> {
    const plain = opened(`file:${name}:${hash.slice(0, 16)}`, name, table, false);
    // An uploaded table has no folder: only absolute image paths inside an opened folder resolve.
    const withImages = await images.tableMedia(plain.key, table, plain.schema, path ? dirname(path) : null);
    const dataset = withImages ? { ...plain, media: withImages.media, ...(withImages.problems.length > 0 ? { problems: withImages.problems } : {}) } : plain;
    projects.openedData.remember({
      source: { kind: 'file', name, path, relativePath: null, hash, rows: table.n, idColumn: null },
      dataset, dataPath: path, upload: upload ? { name: basename(name), bytes: upload } : null,
    });
    return dataset;
  }

  /** A file streamed in as job `id`, from disk (`path`) or uploaded (null): located errors, progress, cancel. */
  async function openChunks(name: string, chunks: AsyncIterable<Uint8Array>, total: number | null, id: string, path: string | null): Promise<OpenedDataset> {
    const job = jobs.begin(id, total);
    try {
      const { table, hash, bytes } = await loadChunks(name, chunks, { total, limits, job, keepBytes: path === null });
      return await remembered(name, table, hash, path, bytes);
    } finally {
      job.end();
    }
  }

  return {
    async hostInfo() {
      return { version: opts.version, mode: opts.mode, node: process.version };
    },
    async listDemos() {
      return DEMOS.map(({ open: _open, ...info }) => info);
    },
    // Each open is remembered by its key, for the openProjectFor call that follows it.
    async openDemo(id) {
      const dataset = await openDemo(id);
      projects.openedData.remember({ source: { kind: 'demo', id, name: dataset.name, rows: dataset.table.n, idColumn: null }, dataset, dataPath: null, upload: null });
      return dataset;
    },
    async openFile(file) {
      const table = await loadTable(file.name, file.bytes, { limits });
      const hash = createHash('sha256').update(file.bytes).digest('hex');
      const path = file.path ? resolve(file.path) : null;
      return remembered(file.name, table, hash, path, path ? null : file.bytes);
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
      return openChunks(file.name, createReadStream(real, { highWaterMark: 1 << 20 }), file.size, job, real);
    },
    async openProgress(job) {
      return jobs.progress(job);
    },
    async cancelOpen(job) {
      jobs.cancel(job);
    },
    openStream: (name, chunks, { size, job }) => openChunks(name, chunks, size, job, null),
    ...projects.api(),
    loadCacheArtifact: (cache, name) => appCache.load(cache, name),
    saveCacheArtifact: (cache, name, bytes) => appCache.save(cache, name, bytes),
    async pickProjectLocation(purpose) {
      return opts.pickProjectLocation ? opts.pickProjectLocation(purpose) : null;
    },
    async openFolder(path) {
      const dataset = await openFolder(path);
      const at = resolve(path);
      projects.openedData.remember({ source: folderSource(dataset.name, dataset.table, { path: at, relativePath: null }), dataset, dataPath: at, upload: null });
      return dataset;
    },
    async pickFolder() {
      return opts.pickFolder ? opts.pickFolder() : null;
    },
    exportBundle: (request) => exporter.exportBundle(request),
    exportLabels: (request) => exporter.exportLabels(request),
    readImages: (key, rows) => images.read(key, rows),
    backendProgress: async () => images.currentProgress(),
  };
}
