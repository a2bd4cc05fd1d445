/**
 * The backend behind the contract: one implementation of MachineTeacherApi, used by the
 * Electron main process and by the browser-mode host alike. Node only.
 */
import { createHash } from 'node:crypto';
import type { HostInfo, MachineTeacherApi, OpenedDataset, FilePayload, Embedding, Media } from '../../ml/api.ts';
import type { Table } from '../../ml/table/types.ts';
import { inferSchema, loadTable } from '../../ml/table/index.ts';
import { DEMOS, DEMO_SIZES } from './demos.ts';
import type { DemoContent } from '../../ml/embed/models/demos.node.ts';
import { ProjectStore } from './projects.ts';

export type BackendOptions = {
  mode: HostInfo['mode'];
  version: string;
  datasetsDir: string;
  dataDir: string;
  /** Desktop only: shows the native open dialog. */
  pickFile?: () => Promise<FilePayload | null>;
};

export function createBackend(opts: BackendOptions): MachineTeacherApi {
  const projects = new ProjectStore(`${opts.dataDir}/projects`);
  const demoCache = new Map<string, Promise<DemoContent>>();

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
      const demo = DEMOS.find((d) => d.id === id) ?? DEMO_SIZES.find((d) => d.id === id);
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
      const table = await loadTable(file.name, file.bytes);
      const hash = createHash('sha256').update(file.bytes).digest('hex').slice(0, 16);
      return opened(`file:${file.name}:${hash}`, file.name, table, false);
    },
    async pickFile() {
      return opts.pickFile ? opts.pickFile() : null;
    },
    loadProject: (key) => projects.load(key),
    saveProject: (key, state) => projects.save(key, state),
    loadArtifact: (key, name) => projects.loadArtifact(key, name),
    saveArtifact: (key, name, bytes) => projects.saveArtifact(key, name, bytes),
  };
}
