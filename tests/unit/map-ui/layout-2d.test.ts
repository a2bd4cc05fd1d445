/** A 2-D embedding is shown as the map as it is: every row, normalised, no UMAP job. */
import { describe, expect, it } from 'vitest';
import type { OpenedDataset } from '../../../ml/api.ts';
import { inferSchema } from '../../../ml/table/index.ts';
import type { Table } from '../../../ml/table/types.ts';
import { appStore } from '../../../renderer/store/app.ts';
import { jobsStore } from '../../../renderer/jobs/jobs-store.ts';
import { addEmbedding, mapStore, MAX_LAYOUT_ROWS, resetMap, setActiveEmbedding } from '../../../renderer/map/map-store.ts';
import { projectStore } from '../../../renderer/project/store.ts';
import { emptyProject } from '../../../ml/project/state.ts';
import { normaliseLayout } from '../../../renderer/map/viewport.ts';

describe('an imported 2-D layout', () => {
  it('becomes the map at once, every row laid out, even above the UMAP sample size', async () => {
    const n = MAX_LAYOUT_ROWS + 5000;
    const values = Float32Array.from({ length: n }, (_, i) => i % 17);
    const table: Table = { n, columns: [{ name: 'v', type: 'numeric', values }] };
    const dataset: OpenedDataset = { key: 'test:2d', name: 't', synthetic: false, embeddings: [], media: { kind: 'row' }, table, schema: inferSchema(table) };
    appStore.set({ dataset });
    const { doc, ui } = emptyProject();
    // An imported embedding exists while the project lists it (map-store.ts allEmbeddings).
    projectStore.set({ doc: { ...doc, importedEmbeddings: [{ id: 'file:xy.npy', title: 'xy.npy (2-D layout)', artifact: 'embedding-xy.bin' }] }, ui });
    resetMap(dataset, projectStore.get().doc, ui);
    const data = new Float32Array(2 * n);
    for (let i = 0; i < n; i++) { data[2 * i] = Math.cos(i) * (1 + (i % 3)); data[2 * i + 1] = Math.sin(i) * (1 + (i % 3)); }
    data[10] = NaN; // row 5 has no position
    addEmbedding({ id: 'file:xy.npy', title: 'xy.npy (2-D layout)', dim: 2, data });
    await setActiveEmbedding('file:xy.npy');
    const s = mapStore.get();
    expect(s.layoutStatus).toMatchObject({ id: 'file:xy.npy', state: 'ready', sampled: null });
    expect(s.shownId).toBe('file:xy.npy');
    expect(Array.from(s.layouts['file:xy.npy'])).toEqual(Array.from(normaliseLayout(data)));
    expect(Number.isNaN(s.layouts['file:xy.npy'][10])).toBe(true);
    expect(Number.isFinite(s.layouts['file:xy.npy'][2 * (n - 1)])).toBe(true); // past the sample size too
    expect(jobsStore.get().jobs).toEqual([]);
  });
});
