/**
 * What the head trains on: the map's active embedding by default (the user sees what the
 * model sees). When the map shows the head's own hidden layer, training on it would feed the
 * model its own output, so the head keeps the embedding it was trained on before. Tables
 * without embeddings train on their standardised columns — never the label or a column the
 * user marked "not a feature".
 */
import type { Embedding, OpenedDataset } from '../../ml/api.ts';
import { COLUMNS_ID } from '../map/columns.ts';
import { columnsFor } from '../map/map-store.ts';
import { projectStore } from '../project/store.ts';
import { HEAD_HIDDEN_ID, mapEmbeddingId, mapEmbeddings } from './map-link.ts';
import { teachStore } from './teach-store.ts';

export type Features = { id: string; title: string; data: Float32Array; dim: number };

/**
 * The columns embedding as the document defines it now: the label, the not-a-feature columns
 * and the column being trained on (when it is not the label) are left out.
 */
function columnsNow(d: OpenedDataset, target: string | null): Embedding | null {
  const doc = projectStore.get().doc;
  return columnsFor(d, { label: doc.label, notFeatures: target ? [...doc.notFeatures, target] : doc.notFeatures });
}

function candidates(d: OpenedDataset, target: string | null = null): Embedding[] {
  const list = mapEmbeddings().filter((e) => e.id !== HEAD_HIDDEN_ID && e.id !== COLUMNS_ID);
  const cols = columnsNow(d, target);
  return cols ? [...list, cols] : list;
}

function choose(d: OpenedDataset, mapId: string | null, target: string | null = null): { e: Embedding | null; note: string | null } {
  const list = candidates(d, target);
  const onMap = list.find((e) => e.id === mapId);
  if (onMap) return { e: onMap, note: 'the map’s embedding' };
  const before = teachStore.get().last?.embeddingId;
  const previous = list.find((e) => e.id === before);
  if (previous) return { e: previous, note: mapId === HEAD_HIDDEN_ID ? 'as before; the map shows the head’s hidden layer' : 'as before' };
  return { e: list[0] ?? null, note: null };
}

export function describeFeatures(d: OpenedDataset, mapId: string | null): { title: string; note: string | null } {
  const { e, note } = choose(d, mapId);
  return e ? { title: e.title.includes(`${e.dim}`) ? e.title : `${e.title} (${e.dim}-d)`, note } : { title: 'nothing (no embedding, no numeric columns)', note: null };
}

const asFeatures = (e: Embedding): Features => ({ id: e.id, title: e.title, data: e.data, dim: e.dim });

/** The features for a run; `target` is a ground-truth column trained on, never among them. */
export function resolveFeatures(d: OpenedDataset, target: string | null = null): Features | null {
  const { e } = choose(d, mapEmbeddingId(), target);
  return e ? asFeatures(e) : null;
}

/** The features a saved model was trained on, if they are available now. */
export function featuresById(d: OpenedDataset, id: string): Features | null {
  const e = candidates(d).find((x) => x.id === id);
  return e ? asFeatures(e) : null;
}
