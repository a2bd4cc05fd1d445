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
import { ProjectStore } from './projects.ts';
import { createExporter, type OpenDataset } from './exports.ts';

export type BackendOptions = {
  mode: HostInfo['mode'];
  version: string;
  datasetsDir: string;
  dataDir: string;
  /** Desktop only: shows the native open dialog. */
  pickFile?: () => Promise<FilePayload | null>;
  /** Desktop only: asks for the folder exports go to (default `<dataDir>/exports`). */
  exportDir?: () => Promise<string | null>;
};

/** Opened files kept for Export… (demos are cached anyway); the oldest goes first. */
const KEEP_FILES = 3;

export function createBackend(opts: BackendOptions): MachineTeacherApi {
  const projects = new ProjectStore(`${opts.dataDir}/projects`);
  const demoCache = new Map<string, Promise<DemoContent>>();
  const openedFiles = new Map<string, OpenDataset>();
  const exporter = createExporter({
    mode: opts.mode, version: opts.version, dataDir: opts.dataDir, exportDir: opts.exportDir,
    dataset: async (key) => {
      const file = openedFiles.get(key);
      if (file) return file;
      const demo = key.startsWith('demo:') ? DEMOS.find((d) => `demo:${d.id}` === key) : undefined;
      if (!demo) return null;
      const { table, embeddings } = await openDemoContent(demo.id);
      return { name: `${demo.title} (demo${demo.synthetic ? ', SYNTHETIC' : ''})`, table, sha256: null, embeddings };
    },
  });

  const openDemoContent = (id: string): Promise<DemoContent> => {
    const demo = DEMOS.find((d) => d.id === id);
    if (!demo) throw new Error(`There is no demo dataset called "${id}".`);
    let content = demoCache.get(id);
    if (!content) {
      content = demo.open(opts.datasetsDir);
      demoCache.set(id, content);
      content.catch(() => demoCache.delete(id));
    }
    return content;
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
      const { table, embeddings, media } = await openDemoContent(id);
      const demo = DEMOS.find((d) => d.id === id)!;
      return opened(`demo:${id}`, demo.title, table, demo.synthetic, embeddings, media);
    },
    async openFile(file) {
      const table = await loadTable(file.name, file.bytes);
      const sha256 = createHash('sha256').update(file.bytes).digest('hex');
      const key = `file:${file.name}:${sha256.slice(0, 16)}`;
      openedFiles.delete(key);
      openedFiles.set(key, { name: file.name, table, sha256, embeddings: [] });
      while (openedFiles.size > KEEP_FILES) openedFiles.delete(openedFiles.keys().next().value!);
      return opened(key, file.name, table, false);
    },
    async pickFile() {
      return opts.pickFile ? opts.pickFile() : null;
    },
    loadProject: (key) => projects.load(key),
    saveProject: (key, state) => projects.save(key, state),
    loadArtifact: (key, name) => projects.loadArtifact(key, name),
    saveArtifact: (key, name, bytes) => projects.saveArtifact(key, name, bytes),
    exportBundle: (request) => exporter.exportBundle(request),
    exportLabels: (request) => exporter.exportLabels(request),
  };
}
