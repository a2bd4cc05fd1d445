/**
 * Everything the teach panel asks of the map, in one place: which embedding is active, the
 * list of embeddings, selection, focus, colouring, and adding the head's hidden layer.
 */
import type { Embedding } from '../../ml/api.ts';
import { allEmbeddings, addEmbedding, mapStore, setActiveEmbedding, setColourBy, setSelection } from '../map/map-store.ts';

export const HEAD_HIDDEN_ID = 'head_hidden';

export const useMapEmbeddingId = (): string | null => mapStore.use((s) => s.embeddingId);
export const mapEmbeddingId = (): string | null => mapStore.get().embeddingId;
export const mapEmbeddings = (): Embedding[] => allEmbeddings();

/** Highlights one item on the map (the queue's current item). */
export function focusRow(row: number): void {
  mapStore.set({ focus: row });
}

export function selectRows(rows: Uint32Array): void {
  setSelection(rows);
}

/** After the first training the map shows what the model says, unless the user chose otherwise since. */
export function colourByPrediction(): void {
  setColourBy({ kind: 'prediction' });
}

export const mapColourKind = (): string => mapStore.get().colourBy.kind;

/** Adds (or refreshes) the head's hidden layer as an embedding; `show` switches the map to it. */
export async function putHeadHidden(data: Float32Array, dim: number, show: boolean): Promise<void> {
  addEmbedding({ id: HEAD_HIDDEN_ID, title: `Trained head — hidden layer (${dim}-d)`, dim, data });
  // addEmbedding re-lays out an active head_hidden itself; otherwise switch when asked.
  if (show && mapStore.get().embeddingId !== HEAD_HIDDEN_ID) await setActiveEmbedding(HEAD_HIDDEN_ID);
}

export const mapShowsHeadHidden = (): boolean => mapStore.get().embeddingId === HEAD_HIDDEN_ID;
