/**
 * The embedding map's state — the contract other features use (the model UI adds the head's
 * 'head_hidden' embedding with `addEmbedding` and switches to it with `setActiveEmbedding`).
 * Layouts are n×2 Float32 per embedding id, normalised to [-1, 1]², NaN for rows not laid
 * out (large tables lay out a seeded sample). They are computed by a job with a live
 * preview, cached as artefacts (`layout-<id>-<content hash>.bin`) so a reopen is instant.
 * Selection, focus and labels are row indices, so they carry over when the layout changes.
 */
import type { Embedding, OpenedDataset, ProjectDoc, ProjectUi } from '../../ml/api.ts';
import { excludedColumns } from '../../ml/table/label.ts';
import { CancelledError } from '../../ml/jobs/job.ts';
import { mulberry32, sampleIndices } from '../../ml/random.ts';
import { trackJob } from '../jobs/run-job.ts';
import { appStore } from '../store/app.ts';
import { projectStore } from '../project/store.ts';
import { loadArtifact, saveArtifact, setUi } from '../project/persist.ts';
import { createStore } from '../store/create.ts';
import type { ColourBy } from './colours.ts';
import { columnsEmbedding, COLUMNS_ID } from './columns.ts';
import { computeLayout } from './layout-job.ts';
import { normaliseLayout } from './viewport.ts';

export type { ColourBy } from './colours.ts';

/** Above this many rows the map lays out a seeded sample: UMAP of 284k rows would take many minutes. */
export const MAX_LAYOUT_ROWS = 20_000;
export const LAYOUT_SEED = 42;
const LAYOUT_VERSION = 'v1';

export type LayoutStatus = {
  /** Embedding whose layout this describes (the active one). */
  id: string | null;
  state: 'idle' | 'loading' | 'computing' | 'ready' | 'error';
  done?: number;
  total?: number;
  message?: string;
  /** Rows laid out when the table was sampled (null: every row). */
  sampled: number | null;
};

export type MapTool = 'lasso' | 'box' | 'pan';

export type MapState = {
  datasetKey: string | null;
  /** The embedding the user chose; the picker always shows it. */
  embeddingId: string | null;
  /** Beyond the dataset's own: 'columns', imported files, the trained head's 'head_hidden'. */
  extraEmbeddings: Embedding[];
  layouts: Record<string, Float32Array>;
  /** Which layout is on screen: the active one once it has one (even a preview), else the previous one. */
  shownId: string | null;
  layoutStatus: LayoutStatus;
  selection: Uint32Array;
  colourBy: ColourBy;
  pointSize: number;
  opacity: number;
  /** Cosine similarity per row for colourBy 'similarity', and what it is similar to. */
  similarity: { values: Float32Array; of: string } | null;
  /** Item highlighted on the map (clicked in the selection panel or on the map), -1 none. */
  focus: number;
  tool: MapTool;
  /** Bumped to ask the map to fit its view (F). */
  fitVersion: number;
  /** Bumped to ask the map to zoom to the selection (Z). */
  zoomVersion: number;
  /** Item shown in the large image view, -1 none. */
  viewer: number;
};

const initial = (): MapState => ({
  datasetKey: null, embeddingId: null, extraEmbeddings: [], layouts: {}, shownId: null,
  layoutStatus: { id: null, state: 'idle', sampled: null }, selection: new Uint32Array(0),
  colourBy: { kind: 'human' }, pointSize: 2.5, opacity: 0.85, similarity: null, focus: -1, tool: 'lasso', fitVersion: 0, zoomVersion: 0, viewer: -1,
});

export const mapStore = createStore<MapState>(initial());

let running: { id: string; controller: AbortController } | null = null;
/** Ids whose layout in `layouts` is final (not a preview of a cancelled run). */
const complete = new Set<string>();

const dataset = (): OpenedDataset | null => appStore.get().dataset;

/** Embeddings added from files carry this id prefix; they exist while the project lists them (undo removes one). */
export const IMPORTED_PREFIX = 'file:';

/** Every embedding the map can show for the open dataset, the dataset's own first. */
export function allEmbeddings(): Embedding[] {
  const own = dataset()?.embeddings ?? [];
  const listed = new Set(projectStore.get().doc.importedEmbeddings.map((r) => r.id));
  const extra = mapStore.get().extraEmbeddings.filter((e) => !own.some((o) => o.id === e.id) && (!e.id.startsWith(IMPORTED_PREFIX) || listed.has(e.id)));
  return [...own, ...extra];
}

/** "Table columns (standardised)" without the label and the not-a-feature columns (they would leak the answer). */
export function columnsFor(d: OpenedDataset, doc: Pick<ProjectDoc, 'label' | 'notFeatures'>): Embedding | null {
  if (d.media.kind !== 'row') return null;
  return columnsEmbedding(d.table, excludedColumns({ label: doc.label.column, notFeatures: doc.notFeatures }));
}

/** The label or the not-a-feature columns changed: the columns embedding is rebuilt (and re-laid out if shown). */
export function refreshColumnsEmbedding(d: OpenedDataset, doc: ProjectDoc): void {
  const next = columnsFor(d, doc);
  const had = mapStore.get().extraEmbeddings.find((e) => e.id === COLUMNS_ID);
  if (!next || !had || (had.dim === next.dim && had.data.length === next.data.length && columnsKey(doc) === columnsKeyOf.get(had))) return;
  columnsKeyOf.set(next, columnsKey(doc));
  addEmbedding(next);
}
const columnsKey = (doc: Pick<ProjectDoc, 'label' | 'notFeatures'>) => JSON.stringify([doc.label.column, [...doc.notFeatures].sort()]);
const columnsKeyOf = new WeakMap<Embedding, string>();

export const findEmbedding = (id: string | null): Embedding | undefined => allEmbeddings().find((e) => e.id === id);

/**
 * Resets the map for a newly opened dataset (the one hook renderer/dataset/open.ts calls),
 * restoring how the user left it: colouring, point size, opacity; the embedding is chosen when
 * the map first shows (`showMap`), after the project's imported embeddings are back.
 */
export function resetMap(d: OpenedDataset, doc: ProjectDoc, ui: ProjectUi): void {
  running?.controller.abort();
  running = null;
  complete.clear();
  const extra: Embedding[] = [];
  const columns = columnsFor(d, doc);
  if (columns) { columnsKeyOf.set(columns, columnsKey(doc)); extra.push(columns); }
  const truth = doc.label.column;
  const laidOut = Math.min(d.table.n, MAX_LAYOUT_ROWS);
  const pointSize = ui.map?.pointSize ?? (laidOut <= 2000 ? 4 : laidOut <= 12_000 ? 3 : 2.5);
  const saved = ui.map?.colour as ColourBy | undefined;
  const colourBy: ColourBy = saved && saved.kind !== 'similarity' ? saved : truth ? { kind: 'truth', column: truth } : { kind: 'human' };
  mapStore.set({ ...initial(), datasetKey: d.key, extraEmbeddings: extra, pointSize, opacity: ui.map?.opacity ?? 0.85, colourBy });
}

/** The map is on screen: lay out the embedding the user had (or the first one) if none is active yet. */
export function showMap(): void {
  const s = mapStore.get();
  if (s.embeddingId !== null && findEmbedding(s.embeddingId)) return;
  const saved = projectStore.get().ui.map?.embeddingId;
  const pick = findEmbedding(saved ?? null) ?? allEmbeddings()[0];
  if (pick) void setActiveEmbedding(pick.id);
}

/** Adds (or replaces, same id) an embedding; a replaced active one is laid out again. */
export function addEmbedding(e: Embedding): void {
  const n = dataset()?.table.n;
  if (n !== undefined && e.data.length !== n * e.dim) throw new Error(`Embedding "${e.title}" has ${e.data.length / e.dim} rows; the dataset has ${n}.`);
  mapStore.set((s) => {
    const layouts = { ...s.layouts };
    delete layouts[e.id];
    complete.delete(e.id);
    return { extraEmbeddings: [...s.extraEmbeddings.filter((x) => x.id !== e.id), e], layouts };
  });
  if (mapStore.get().embeddingId === e.id) void setActiveEmbedding(e.id, { force: true });
}

/** FNV-1a over n, dim and a strided sample of the values: changes when the vectors do. */
export function contentHash(e: Embedding): string {
  let h = 0x811c9dc5;
  const mix = (v: number) => { h ^= v; h = Math.imul(h, 0x01000193) >>> 0; };
  const n = e.data.length / e.dim;
  mix(n); mix(e.dim);
  const bits = new Uint32Array(e.data.buffer, e.data.byteOffset, e.data.length);
  const step = Math.max(1, Math.floor(bits.length / 8192));
  for (let i = 0; i < bits.length; i += step) mix(bits[i]);
  return h.toString(16).padStart(8, '0');
}

export const artifactName = (e: Embedding) => `layout-${e.id.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 60)}-${contentHash(e)}-${LAYOUT_VERSION}.bin`;

/** Rows laid out for a table of n rows: all, or a seeded sorted sample. */
export function layoutRows(n: number): Uint32Array | null {
  if (n <= MAX_LAYOUT_ROWS) return null;
  return sampleIndices(n, MAX_LAYOUT_ROWS, mulberry32(LAYOUT_SEED)).slice().sort();
}

function setStatus(id: string, patch: Partial<LayoutStatus>): void {
  if (mapStore.get().embeddingId !== id) return;
  mapStore.set((s) => ({ layoutStatus: { ...s.layoutStatus, id, ...patch } }));
}

function showLayout(id: string, xy: Float32Array): void {
  mapStore.set((s) => ({ layouts: { ...s.layouts, [id]: xy }, shownId: s.embeddingId === id ? id : s.shownId }));
}

/** Scatters a sample's m×2 layout into n×2 with NaN for rows outside the sample. */
function expand(xy: Float32Array, rows: Uint32Array | null, n: number): Float32Array {
  if (!rows) return xy;
  const out = new Float32Array(2 * n).fill(NaN);
  for (let j = 0; j < rows.length; j++) { out[2 * rows[j]] = xy[2 * j]; out[2 * rows[j] + 1] = xy[2 * j + 1]; }
  return out;
}

/**
 * Makes `id` the active embedding: shows its layout at once if known, else loads the cached
 * one, else computes it (a visible, cancellable job; previews appear on the map while it runs).
 */
export async function setActiveEmbedding(id: string, opts: { force?: boolean } = {}): Promise<void> {
  const e = findEmbedding(id);
  const d = dataset();
  if (!e || !d) return;
  const n = d.table.n;
  const rows = layoutRows(n);
  const sampled = rows ? rows.length : null;
  mapStore.set({ embeddingId: id, similarity: null, colourBy: mapStore.get().colourBy.kind === 'similarity' ? { kind: 'human' } : mapStore.get().colourBy });
  saveMapUi();
  if (running && running.id !== id) { running.controller.abort(); running = null; }
  if (running?.id === id && !opts.force) return;
  if (!opts.force && complete.has(id) && mapStore.get().layouts[id]) {
    mapStore.set({ shownId: id, layoutStatus: { id, state: 'ready', sampled } });
    return;
  }
  complete.delete(id);
  const key = d.key;
  const name = artifactName(e);
  setStatus(id, { state: 'loading', sampled, message: undefined });
  if (!opts.force) {
    try {
      const cached = await loadArtifact(name);
      if (cached && cached.byteLength === n * 8) {
        const xy = new Float32Array(cached.slice().buffer);
        if (mapStore.get().datasetKey !== key) return;
        complete.add(id);
        showLayout(id, xy);
        setStatus(id, { state: 'ready' });
        return;
      }
    } catch { /* a missing or unreadable cache just means computing again */ }
  }
  const controller = new AbortController();
  running?.controller.abort();
  running = { id, controller };
  setStatus(id, { state: 'computing', done: 0, total: 1 });
  const input = rows ? gather(e.data, rows, e.dim) : e.data;
  const m = rows ? rows.length : n;
  const title = `Map of ${e.title}${rows ? ` (sample of ${m.toLocaleString()})` : ''}`;
  try {
    const xy = await trackJob(title, (signal, progress) => {
      signal.addEventListener('abort', () => controller.abort());
      return computeLayout({ data: input, n: m, dim: e.dim, seed: LAYOUT_SEED }, {
        signal: controller.signal,
        onProgress: (p) => { progress(p); setStatus(id, { done: p.done, total: p.total, message: p.message }); },
        onPreview: (preview) => { if (mapStore.get().datasetKey === key && !controller.signal.aborted) showLayout(id, normaliseLayout(expand(preview, rows, n))); },
      });
    });
    if (running?.controller === controller) running = null;
    if (xy === null || controller.signal.aborted || mapStore.get().datasetKey !== key) {
      setStatus(id, { state: 'idle', message: 'Cancelled — pick the embedding again to lay it out.' });
      return;
    }
    const layout = normaliseLayout(expand(xy, rows, n));
    complete.add(id);
    showLayout(id, layout);
    setStatus(id, { state: 'ready', message: undefined });
    void saveArtifact(name, new Uint8Array(layout.buffer.slice(0))).catch(() => { /* cache is best-effort */ });
  } catch (err) {
    if (running?.controller === controller) running = null;
    if (err instanceof CancelledError) { setStatus(id, { state: 'idle', message: 'Cancelled' }); return; }
    const message = `Could not lay out "${e.title}": ${(err as Error).message}`;
    setStatus(id, { state: 'error', message });
    appStore.set({ error: { message } });
  }
}

function gather(data: Float32Array, rows: Uint32Array, dim: number): Float32Array {
  const out = new Float32Array(rows.length * dim);
  for (let j = 0; j < rows.length; j++) out.set(data.subarray(rows[j] * dim, (rows[j] + 1) * dim), j * dim);
  return out;
}

/** What the project keeps of the map's look (restored on open). */
export const mapUiOf = (s: MapState): ProjectUi['map'] => ({ embeddingId: s.embeddingId, colour: s.colourBy, pointSize: s.pointSize, opacity: s.opacity });

const saveMapUi = (): void => setUi({ map: mapUiOf(mapStore.get()) });

export { COLUMNS_ID };
