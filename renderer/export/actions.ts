/**
 * Export… as actions: a classifier bundle that runs without the app (rules, a model, or the
 * hybrid: rules first, the model where they abstain), or the table with the user's labels and
 * both predictions. The backend measures and writes it on the data it has open (only rules,
 * weights and row masks travel); browser mode hands back one file, downloaded here.
 */
import type { ExportBundleRequest, OpenedDataset } from '../../ml/api.ts';
import type { BundleKind } from '../../ml/export/manifest.ts';
import type { LabelsFormat } from '../../ml/export/labels.ts';
import { api } from '../api/client.ts';
import { defineAction } from '../actions/types.ts';
import { commit } from '../actions/registry.ts';
import { loadArtifact } from '../project/persist.ts';
import { projectStore } from '../project/store.ts';
import { tableModelStore } from '../compare/table-model.ts';
import { modelStore } from '../model/model-store.ts';
import { MODEL_ARTIFACT, parseSavedModel } from '../model/persist.ts';
import { featuresById } from '../model/features.ts';
import { exportStore } from './export-store.ts';

/** Which model goes into a model or hybrid bundle. */
export type ModelSource = 'table' | 'teach';

/** A file name from the project's name: letters, digits, `_ . -` (what the backend accepts). */
export const safeName = (s: string) => s.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/^[-.]+|-+$/g, '').slice(0, 80) || 'export';

function download(bytes: Uint8Array, fileName: string): void {
  const url = URL.createObjectURL(new Blob([bytes.slice().buffer]));
  const a = Object.assign(document.createElement('a'), { href: url, download: fileName });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The Teach head as an embedding model (from its saved artefact: the in-memory run keeps no weights). */
async function teachModel(d: OpenedDataset): Promise<Pick<ExportBundleRequest, 'model' | 'vectors'>> {
  const bytes = await loadArtifact(MODEL_ARTIFACT);
  const saved = bytes ? parseSavedModel(bytes) : 'there is none yet: train one in the Teach panel';
  if (typeof saved === 'string') throw new Error(`The Teach model cannot be exported: ${saved}.`);
  const features = featuresById(d, saved.summary.embeddingId);
  if (!features) throw new Error(`The Teach model reads ${saved.summary.embeddingTitle}, which is not available now.`);
  const embedding = { id: features.id, title: features.title, dim: features.dim };
  // Demo embeddings are in the backend already; computed or imported ones travel with the request.
  const inBackend = d.embeddings.some((e) => e.id === features.id);
  return { model: { kind: 'embedding-model', head: saved.model, embedding }, vectors: inBackend ? null : features.data };
}

export const openExport = defineAction({
  name: 'export', label: 'Export…', keys: ['mod+e'], group: 'File',
  when: (s) => s.dataset !== null,
  perform: () => ({ view: { export: { open: true, error: null } } }),
});

export const closeExport = defineAction({ name: 'export.close', label: 'Close Export', perform: () => ({ view: { export: { open: false } } }) });

export const exportBundle = defineAction<{ kind: BundleKind; model: ModelSource }>({
  name: 'export.bundle', label: 'Export a classifier bundle',
  when: (s) => s.dataset !== null && exportStore.get().busy === null,
  perform: async (s, { kind, model }) => {
    const d = s.dataset!;
    const doc = s.doc;
    const label = doc.label.column;
    const name = safeName(`${projectStore.get().project?.name ?? d.name}-${kind}`);
    exportStore.set({ busy: `Writing the ${kind} bundle…`, error: null });
    try {
      let request: ExportBundleRequest = { key: d.key, kind, name, ruleSet: kind === 'model' ? null : doc.rules, label };
      if (kind !== 'rules') {
        if (model === 'table') {
          const t = tableModelStore.get().model;
          if (!t) throw new Error('There is no model on the columns yet: train one on Compare.');
          const measureOn = new Uint8Array(d.table.n).fill(1);
          for (const r of t.predictions.trainedOn) measureOn[r] = 0;
          request = { ...request, model: t.model, label: t.label, measureOn, measuredOn: t.metrics?.measuredOn ?? 'rows the model did not train on' };
        } else {
          request = { ...request, ...(await teachModel(d)) };
        }
      }
      const result = await api.exportBundle(request);
      if (result.zip) download(result.zip, result.fileName);
      exportStore.set({ busy: null, bundle: result });
      commit({ toast: result.folder ? `Exported to ${result.folder}` : `Downloaded ${result.fileName}` });
    } catch (err) {
      exportStore.set({ busy: null, error: (err as Error).message });
    }
  },
});

export const exportLabels = defineAction<{ format: LabelsFormat }>({
  name: 'export.labels', label: 'Export labels and predictions',
  when: (s) => s.dataset !== null && exportStore.get().busy === null,
  perform: async (s, { format }) => {
    const d = s.dataset!;
    const labels = s.doc.labels;
    const p = modelStore.get().predictions ?? tableModelStore.get().model?.predictions ?? null;
    exportStore.set({ busy: `Writing ${format.toUpperCase()}…`, error: null });
    try {
      const result = await api.exportLabels({
        key: d.key, format, name: safeName(`${projectStore.get().project?.name ?? d.name}-labels`),
        labels: labels ? { classes: labels.classes, assigned: labels.assigned.map(([r, c]) => [r, c]) } : null,
        ruleSet: s.doc.rules, model: p ? { classes: p.classes, proba: p.proba } : null,
      });
      if (result.bytes) download(result.bytes, result.fileName);
      exportStore.set({ busy: null, labels: result });
      commit({ toast: result.path ? `Exported to ${result.path}` : `Downloaded ${result.fileName}` });
    } catch (err) {
      exportStore.set({ busy: null, error: (err as Error).message });
    }
  },
});

export const EXPORT_ACTIONS = [openExport, closeExport, exportBundle, exportLabels];
