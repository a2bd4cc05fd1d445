/**
 * The backend's Export…: bundles and labels measured on the dataset the backend opened under
 * a key. Desktop writes a folder / a file (under the folder the user chose, else the data
 * folder's exports/); browser mode returns the bytes for one download. Node only.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Embedding } from '../../ml/api.ts';
import { buildBundle } from '../../ml/export/bundle.ts';
import { encodeLabels } from '../../ml/export/labels.ts';
import type { ExportBundleRequest, ExportBundleResult, ExportFileResult, ExportLabelsRequest } from '../../ml/export/requests.ts';
import { writeBundleDir } from '../../ml/export/write.node.ts';
import { zipBundle } from '../../ml/export/zip.ts';
import type { Table } from '../../ml/table/types.ts';

/** What the backend keeps of an opened dataset to export from it. */
export type OpenDataset = { name: string; table: Table; sha256: string | null; embeddings: Embedding[] };

export type ExporterOptions = {
  mode: 'desktop' | 'browser';
  version: string;
  dataDir: string;
  /** The dataset opened under `key`, or null when it is not open (any more). */
  dataset: (key: string) => Promise<OpenDataset | null>;
  /** Desktop: asks where to put exports (a folder); null/undefined = `<dataDir>/exports`. */
  exportDir?: () => Promise<string | null>;
};

/** `base`, or `base-2`, `base-3`… whichever does not exist yet in `dir`. */
function freeName(dir: string, base: string, ext = ''): string {
  for (let k = 1; ; k++) {
    const name = k === 1 ? `${base}${ext}` : `${base}-${k}${ext}`;
    if (!existsSync(join(dir, name))) return name;
  }
}

const quoteArg = (p: string) => (/^[A-Za-z0-9_./:@%+=-]+$/.test(p) ? p : `"${p.replace(/(["\\$`])/g, '\\$1')}"`);

export function createExporter(opts: ExporterOptions) {
  const open = async (key: string): Promise<OpenDataset> => {
    const ds = await opts.dataset(key);
    if (!ds) throw new Error(`The dataset ${key} is not open in the backend any more: open it again, then export.`);
    return ds;
  };
  const target = async (): Promise<string> => {
    const dir = (await opts.exportDir?.()) ?? join(opts.dataDir, 'exports');
    await mkdir(dir, { recursive: true });
    return dir;
  };

  return {
    async exportBundle(req: ExportBundleRequest): Promise<ExportBundleResult> {
      const ds = await open(req.key);
      let vectors = req.vectors ?? undefined;
      if (!vectors && req.model?.kind === 'embedding-model') {
        const id = req.model.embedding.id;
        vectors = ds.embeddings.find((e) => e.id === id)?.data;
      }
      const dir = opts.mode === 'desktop' ? await target() : null;
      const folder = dir ? freeName(dir, req.name) : req.name;
      const { manifest, files } = buildBundle({
        kind: req.kind, ruleSet: req.ruleSet ?? undefined, model: req.model ?? undefined, table: ds.table, vectors, label: req.label,
        measureOn: req.measureOn ?? null, measuredOn: req.measuredOn, data: { name: ds.name, sha256: ds.sha256 }, app: { version: opts.version }, folder,
      });
      const names = Object.keys(files).sort();
      // A model on an embedding reads the data's vectors of that embedding (rows in DATA's order).
      const embedding = req.model?.kind === 'embedding-model' ? req.model.embedding : null;
      const args = `DATA.csv${embedding ? ` --vectors ${quoteArg(`${embedding.id}.npy`)}` : ''} --out predictions.csv`;
      if (dir) {
        const path = join(dir, folder);
        await writeBundleDir(path, files);
        return { folder: path, zip: null, fileName: folder, files: names, manifest, command: `npx machine-teacher predict ${quoteArg(path)} ${args}` };
      }
      return {
        folder: null, zip: zipBundle(files, folder), fileName: `${folder}.zip`, files: names, manifest,
        command: `unzip ${folder}.zip && npx machine-teacher predict ${folder} ${args}`,
      };
    },

    async exportLabels(req: ExportLabelsRequest): Promise<ExportFileResult> {
      const ds = await open(req.key);
      const bytes = encodeLabels({ table: ds.table, labels: req.labels, ruleSet: req.ruleSet ?? null, model: req.model ?? null }, req.format);
      const ext = `.${req.format}`;
      if (opts.mode === 'desktop') {
        const dir = await target();
        const path = join(dir, freeName(dir, req.name, ext));
        await writeFile(path, bytes);
        return { path, bytes: null, fileName: path.slice(dir.length + 1) };
      }
      return { path: null, bytes, fileName: `${req.name}${ext}` };
    },
  };
}
