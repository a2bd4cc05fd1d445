/**
 * Which embedding the map lays out when it first shows after a reopen: the one the user had,
 * waiting for it when it is still on its way (the head's hidden layer comes back only once the
 * saved model has scored the items) rather than showing, and saving as their choice, another.
 * Real stores in Node; the layout itself needs a worker, so only the choice is checked here.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Embedding } from '../../../ml/api.ts';
import { emptyProject } from '../../../ml/project/state.ts';
import { appStore } from '../../../renderer/store/app.ts';
import { projectStore } from '../../../renderer/project/store.ts';
import { addEmbedding, embeddingArriving, mapStore, resetMap, showMap } from '../../../renderer/map/map-store.ts';
import { dataset, N } from '../actions/fixture.ts';

const vectors = (id: string): Embedding => ({ id, title: id, dim: 2, data: new Float32Array(2 * N) });

function reopen(savedEmbedding: string): void {
  const d = { ...dataset(), embeddings: [vectors('pixels')] };
  const p = emptyProject({ column: 'truth', guessed: true });
  const ui = { ...p.ui, map: { embeddingId: savedEmbedding, colour: { kind: 'human' }, pointSize: 3, opacity: 0.85 } };
  appStore.set({ dataset: d, view: 'map' });
  projectStore.set({ key: d.key, handle: null, doc: p.doc, ui });
  resetMap(d, p.doc, ui);
}

describe('showMap after a reopen', () => {
  beforeEach(() => reopen('head_hidden'));

  it('waits for the saved embedding while it is on its way, then shows it', async () => {
    let arrive!: () => void;
    const restoring = new Promise<void>((r) => { arrive = r; });
    embeddingArriving('head_hidden', restoring);
    const shown = showMap();
    await new Promise((r) => setTimeout(r, 10));
    expect(mapStore.get().embeddingId).toBe(null);
    expect(projectStore.get().ui.map?.embeddingId).toBe('head_hidden');
    addEmbedding(vectors('head_hidden'));
    arrive();
    await shown;
    expect(mapStore.get().embeddingId).toBe('head_hidden');
    expect(projectStore.get().ui.map?.embeddingId).toBe('head_hidden');
  });

  it('falls back to the first embedding when the saved one does not come', async () => {
    embeddingArriving('head_hidden', Promise.reject(new Error('no model')));
    await showMap();
    expect(mapStore.get().embeddingId).toBe('pixels');
  });

  it('does not wait for what nothing brings back', async () => {
    await showMap();
    expect(mapStore.get().embeddingId).toBe('pixels');
  });

  it('forgets what was on its way when another dataset opens', async () => {
    embeddingArriving('head_hidden', new Promise<void>(() => {}));
    reopen('head_hidden');
    await showMap();
    expect(mapStore.get().embeddingId).toBe('pixels');
  });
});
