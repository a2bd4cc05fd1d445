/**
 * Everything the teach panel asks of the map, in one place: which embedding is active, the
 * list of embeddings, colouring, and adding the head's hidden layer.
 */
import type { Embedding } from '../../ml/api.ts';
import { run } from '../actions/registry.ts';
import { colourMap } from '../map/actions.ts';
import { allEmbeddings, addEmbedding, mapStore, setActiveEmbedding } from '../map/map-store.ts';

export const HEAD_HIDDEN_ID = 'head_hidden';

export const useMapEmbeddingId = (): string | null => mapStore.use((s) => s.embeddingId);
export const mapEmbeddingId = (): string | null => mapStore.get().embeddingId;
export const mapEmbeddings = (): Embedding[] => allEmbeddings();

/** After the first training the map shows what the model says, unless the user chose otherwise since. */
export function colourByPrediction(): void {
  void run(colourMap, { kind: 'prediction' });
}

export const mapColourKind = (): string => mapStore.get().colourBy.kind;

/** Adds (or refreshes) the head's hidden layer as an embedding; `show` switches the map to it. */
export async function putHeadHidden(data: Float32Array, dim: number, show: boolean): Promise<void> {
  addEmbedding({ id: HEAD_HIDDEN_ID, title: `Trained head — hidden layer (${dim}-d)`, dim, data });
  // addEmbedding re-lays out an active head_hidden itself; otherwise switch when asked.
  if (show && mapStore.get().embeddingId !== HEAD_HIDDEN_ID) await setActiveEmbedding(HEAD_HIDDEN_ID);
}

export const mapShowsHeadHidden = (): boolean => mapStore.get().embeddingId === HEAD_HIDDEN_ID;
