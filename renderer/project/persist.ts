/**
 * Saving the open project, so that nothing the UI confirmed is ever lost:
 * - the document (rules, brushes, axes, settings, the view) as one JSON object, debounced;
 * - every label edit as a delta in the project's journal. Edits go out in order, at most one
 *   request in flight, the ones made meanwhile merged into the next (a client-side group
 *   commit); a label edit counts as saved only when the backend says it is on disk. Deltas set
 *   rows to values, so sending one again is harmless: after a failure (the backend restarted)
 *   the project is opened again with the same session and what was not confirmed is resent.
 */
import type { JsonObject, ProjectDoc, ProjectUi } from '../../ml/api.ts';
import type { LabelDelta } from '../../ml/project/label-delta.ts';
import { api } from '../api/client.ts';
import { appStore } from '../store/app.ts';
import { projectStore } from './store.ts';
import { sessionId } from './session.ts';

const SAVE_DELAY_MS = 300;
const RETRY_MS = 1500;
let docTimer: ReturnType<typeof setTimeout> | undefined;
let docInFlight: Promise<void> | null = null;

/** The document as the backend keeps it: everything but the labels (those are in the journal). */
export function documentOf(doc: ProjectDoc, ui: ProjectUi): JsonObject {
  const { labels: _labels, ...rest } = doc;
  return JSON.parse(JSON.stringify({ version: 2, doc: rest, ui, updatedAt: new Date().toISOString() })) as JsonObject;
}

async function flushDocument(): Promise<void> {
  clearTimeout(docTimer);
  docTimer = undefined;
  const { handle, doc, ui, access } = projectStore.get();
  if (!handle || access !== 'write') return;
  try {
    await api.saveDocument(sessionId(), handle, documentOf(doc, ui));
    if (projectStore.get().handle === handle && !docTimer) projectStore.set({ saving: 'saved' });
  } catch (err) {
    projectStore.set({ saving: 'error' });
    appStore.set({ error: { message: `Could not save your work: ${(err as Error).message} It is kept in this window; it is saved again with your next change.` } });
  }
}

function scheduleDocument(): void {
  clearTimeout(docTimer);
  docTimer = setTimeout(() => { docInFlight = flushDocument().finally(() => { docInFlight = null; }); }, SAVE_DELAY_MS);
}

/** Replaces the document (history.ts is the only caller) and schedules a save. */
export function setDoc(doc: ProjectDoc): void {
  projectStore.set({ doc, saving: 'pending' });
  scheduleDocument();
}

/** Merges view state to restore next time (tab, colouring…) and schedules a save. */
export function setUi(patch: Partial<ProjectUi>): void {
  projectStore.set((s) => ({ ui: { ...s.ui, ...patch } }));
  if (projectStore.get().handle) scheduleDocument();
}

// ---- label journal ---------------------------------------------------------------------

type Batch = { rows: Map<number, number>; classes?: string[]; actions: number };
let waiting: Batch | null = null;
let sending: Batch | null = null;
let retryTimer: ReturnType<typeof setTimeout> | undefined;

const merge = (into: Batch, d: LabelDelta) => {
  if (d.classes) into.classes = d.classes.slice();
  for (let j = 0; j < d.rows.length; j++) into.rows.set(d.rows[j], d.values[j]);
  into.actions++;
};

/** Queues a label delta (what history applied, row by row) for the journal. */
export function journalLabels(delta: LabelDelta): void {
  if (!projectStore.get().handle || projectStore.get().access !== 'write') return;
  merge((waiting ??= { rows: new Map(), actions: 0 }), delta);
  projectStore.set((s) => ({ labels: { ...s.labels, pending: s.labels.pending + 1 } }));
  void pump();
}

/** Edits made while a batch was on its way (read through a call: they arrive during the await). */
const later = (): Batch | null => waiting;

async function pump(): Promise<void> {
  const batch = waiting;
  const handle = projectStore.get().handle;
  if (sending || !batch || !handle) return;
  sending = batch;
  waiting = null;
  const rows = Uint32Array.from(batch.rows.keys());
  const values = Int32Array.from(batch.rows.values());
  try {
    await api.editLabels(sessionId(), handle, { ...(batch.classes ? { classes: batch.classes } : {}), rows, values });
    sending = null;
    projectStore.set((s) => ({ labels: { acked: s.labels.acked + batch.actions, pending: s.labels.pending - batch.actions, error: null } }));
    void pump();
  } catch (err) {
    // Kept: what came since goes on top of it (later values win), and it is tried again.
    sending = null;
    const next = later();
    if (next) { for (const [r, v] of next.rows) batch.rows.set(r, v); batch.classes = next.classes ?? batch.classes; batch.actions += next.actions; }
    waiting = batch;
    projectStore.set((s) => ({ labels: { ...s.labels, error: (err as Error).message } }));
    clearTimeout(retryTimer);
    retryTimer = setTimeout(() => void reconnect().then(pump), RETRY_MS);
  }
}

/** After a failure: the same session opens the project again (the backend may have restarted). */
async function reconnect(): Promise<void> {
  const { project, handle } = projectStore.get();
  if (!project || !handle) return;
  try {
    const r = await api.openProject(sessionId(), project.path, 'write');
    if (r.kind === 'opened' && projectStore.get().project?.path === project.path) projectStore.set({ handle: r.project.handle, access: r.access });
  } catch {
    // Still unreachable: the next try comes with the next retry.
  }
}

/** Sends whatever is not saved yet and waits for it (before closing, reloading, Save as). */
export async function saveNow(): Promise<void> {
  if (docTimer) await flushDocument();
  if (docInFlight) await docInFlight;
  for (let k = 0; k < 100 && (waiting || sending); k++) {
    void pump();
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A new project is open: nothing of the previous one is pending any more. */
export function resetPersistence(): void {
  clearTimeout(docTimer);
  clearTimeout(retryTimer);
  docTimer = undefined;
  waiting = null;
  sending = null;
}

// ---- artefacts -------------------------------------------------------------------------

/** A binary artefact of the open project (layouts, models, vectors), or null. */
export async function loadArtifact(name: string): Promise<Uint8Array | null> {
  const { handle } = projectStore.get();
  return handle ? api.loadProjectArtifact(sessionId(), handle, name) : null;
}

export async function saveArtifact(name: string, bytes: Uint8Array): Promise<void> {
  const { handle, access } = projectStore.get();
  if (!handle || access !== 'write') return;
  await api.saveProjectArtifact(sessionId(), handle, name, bytes);
}

/**
 * Installed once by the App: a reload or close right after an edit still sends it (small
 * requests go out with keepalive). The lock stays with this session: a reload of the tab is the
 * same writer, and another window may take a closed tab's project over.
 */
export function installSaveOnUnload(): () => void {
  const onHide = () => void saveNow();
  window.addEventListener('pagehide', onHide);
  return () => window.removeEventListener('pagehide', onHide);
}
