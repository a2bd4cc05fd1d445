/**
 * The backend behind the contract: one implementation of MachineTeacherApi, used by the
 * Electron main process and by the browser-mode host alike. Node only.
 */
import { createHash } from 'node:crypto';
import type { HostInfo, MachineTeacherApi, OpenedDataset, FilePayload, Embedding, Media } from '../../ml/api.ts';
import type { Table } from '../../ml/table/types.ts';
import { inferSchema, loadTable } from '../../ml/table/index.ts';
import { DEMOS } from './demos.ts';
import type { DemoContent } from '../../ml/embed/models/demos.node.ts';
import { ProjectService } from './project-service.ts';
import { legacyRoutes, type SeenDataset } from './legacy-routes.ts';
import type { DataOpeners } from './project-data.ts';
import { ImageFiles } from './images.ts';

export type BackendOptions = {
  mode: HostInfo['mode'];
  version: string;
  datasetsDir: string;
  dataDir: string;
  /** Desktop only: shows the native open dialog. */
  pickFile?: () => Promise<FilePayload | null>;
  /** Desktop only: the native dialog for a project folder (open) or a new project's path (save). */
  pickProjectLocation?: (purpose: 'open' | 'save') => Promise<string | null>;
  /** Desktop only: shows the native folder dialog; resolves with the chosen path. */
  pickFolder?: () => Promise<string | null>;
};

export function createBackend(opts: BackendOptions): MachineTeacherApi {
  const demoCache = new Map<string, Promise<DemoContent>>();
  const images = new ImageFiles();

  const opened = (key: string, name: string, table: Table, synthetic: boolean, embeddings: Embedding[] = [], media: Media = { kind: 'row' }): OpenedDataset => ({
    key, name, table, synthetic, schema: inferSchema(table), embeddings, media,
  });

  async function openDemo(id: string): Promise<OpenedDataset> {
    const demo = DEMOS.find((d) => d.id === id);
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

  // Projects: data is opened through the same code as openDemo/openFile.
  const openers: DataOpeners = {
    openDemo,
    demoInfo: (id) => { const d = DEMOS.find((x) => x.id === id); return d ? { title: d.title, rows: d.rows } : null; },
    openBytes: async (name, bytes, hash) => opened(`file:${name}:${hash.slice(0, 16)}`, name, await loadTable(name, bytes), false),
  };
  const projects = new ProjectService({ dataDir: opts.dataDir, openers });
  // The old renderer opens data, then loads and saves its project by key: remember what each key was.
  // Only the newest dataset is kept (a new project for it gets its row fingerprints); older keys keep their source.
  const seen = new Map<string, SeenDataset>();
  const remember = (key: string, source: SeenDataset['source'], dataset: OpenedDataset) => {
    for (const s of seen.values()) s.dataset = null;
    seen.set(key, { source, dataset });
  };
  const fallback = async (key: string): Promise<SeenDataset | null> => {
    if (key.startsWith('demo:')) {
      const id = key.slice(5);
      const dataset = DEMOS.some((d) => d.id === id) ? await openDemo(id) : null;
      return { source: { kind: 'demo', id, name: dataset?.name ?? id, rows: dataset?.table.n ?? null, idColumn: null }, dataset };
    }
    const m = /^file:(.*):([0-9a-f]{16})$/.exec(key);
    return m ? { source: { kind: 'file', name: m[1], path: null, relativePath: null, hash: m[2], rows: null, idColumn: null }, dataset: null } : null;
  };
  const legacy = legacyRoutes(projects, (key) => seen.get(key) ?? null, fallback);

  return {
    async hostInfo() {
      return { version: opts.version, mode: opts.mode, node: process.version };
    },
    async listDemos() {
      return DEMOS.map(({ open: _open, ...info }) => info);
    },
    async openDemo(id) {
      const dataset = await openDemo(id);
      remember(dataset.key, { kind: 'demo', id, name: dataset.name, rows: dataset.table.n, idColumn: null }, dataset);
      return dataset;
    },
    async openFile(file) {
      const table = await loadTable(file.name, file.bytes);
      const hash = createHash('sha256').update(file.bytes).digest('hex');
      const dataset = opened(`file:${file.name}:${hash.slice(0, 16)}`, file.name, table, false);
      remember(dataset.key, { kind: 'file', name: file.name, path: file.path ?? null, relativePath: null, hash, rows: table.n, idColumn: null }, dataset);
      // An uploaded table has no folder: only absolute image paths inside an opened folder resolve.
      const withImages = await images.tableMedia(dataset.key, table, dataset.schema, null);
      if (!withImages) return dataset;
      return { ...dataset, media: withImages.media, ...(withImages.problems.length > 0 ? { problems: withImages.problems } : {}) };
    },
    async pickFile() {
      return opts.pickFile ? opts.pickFile() : null;
    },
    loadProject: projects.gate(legacy.loadProject),
    saveProject: projects.gate(legacy.saveProject),
    loadArtifact: projects.gate(legacy.loadArtifact),
    saveArtifact: projects.gate(legacy.saveArtifact),
    ...projects.api(),
    async pickProjectLocation(purpose) {
      return opts.pickProjectLocation ? opts.pickProjectLocation(purpose) : null;
    },
    async openFolder(path) {
      const f = await images.openFolder(path);
      return { ...opened(f.key, f.name, f.table, false, [], f.media), ...(f.problems.length > 0 ? { problems: f.problems } : {}) };
    },
    async pickFolder() {
      return opts.pickFolder ? opts.pickFolder() : null;
    },
    readImages: (key, rows) => images.read(key, rows),
    backendProgress: async () => images.currentProgress(),
  };
}
