/**
 * What the head trains on: the map's active embedding by default (the user sees what the
 * model sees). When the map shows the head's own hidden layer, training on it would feed the
 * model its own output, so the head keeps the embedding it was trained on before. Tables
 * without embeddings train on their standardised columns.
 */
import type { Embedding, OpenedDataset } from '../../ml/api.ts';
import { columnsEmbedding, COLUMNS_ID } from '../map/columns.ts';
import { HEAD_HIDDEN_ID, mapEmbeddingId, mapEmbeddings } from './map-link.ts';
import { teachStore } from './teach-store.ts';

export type Features = { id: string; title: string; data: Float32Array; dim: number };

function candidates(d: OpenedDataset): Embedding[] {
  const list = mapEmbeddings().filter((e) => e.id !== HEAD_HIDDEN_ID);
  if (list.length) return list;
  const cols = columnsEmbedding(d.table, [d.schema.labelColumn]);
  return cols ? [cols] : [];
}

function choose(d: OpenedDataset, mapId: string | null): { e: Embedding | null; note: string | null } {
  const list = candidates(d);
  const onMap = list.find((e) => e.id === mapId);
  if (onMap) return { e: onMap, note: 'the map’s embedding' };
  const before = teachStore.get().last?.embeddingId;
  const previous = list.find((e) => e.id === before);
  if (previous) return { e: previous, note: mapId === HEAD_HIDDEN_ID ? 'as before; the map shows the head’s hidden layer' : 'as before' };
  return { e: list[0] ?? null, note: list[0] ? null : null };
}

export function describeFeatures(d: OpenedDataset, mapId: string | null): { title: string; note: string | null } {
  const { e, note } = choose(d, mapId);
  return e ? { title: e.title.includes(`${e.dim}`) ? e.title : `${e.title} (${e.dim}-d)`, note } : { title: 'nothing (no embedding, no numeric columns)', note: null };
}

/** The features for a run; a ground-truth column other than the schema's is kept out of them. */
export function resolveFeatures(d: OpenedDataset, exclude: string | null = null): Features | null {
  const { e } = choose(d, mapEmbeddingId());
  if (!e) return null;
  if (e.id === COLUMNS_ID && exclude && exclude !== d.schema.labelColumn) {
    const cols = columnsEmbedding(d.table, [d.schema.labelColumn, exclude]);
    return cols ? { id: cols.id, title: cols.title, data: cols.data, dim: cols.dim } : null;
  }
  return { id: e.id, title: e.title, data: e.data, dim: e.dim };
}
