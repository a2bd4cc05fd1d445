/**
 * "Add embeddings from a file…": precomputed vectors from elsewhere (.npy as numpy.save writes
 * it, CSV/TSV, Parquet, Arrow) become one more embedding the map and the model can use.
 * Joined to the table by an id column when the file has ids that match one, else by row
 * order. A bad file shows where it is bad (ml/embed/import.ts) and changes nothing. Added
 * embeddings are kept with the project and come back after a reload.
 */
import { useRef, useState } from 'react';
import type { OpenedDataset } from '../../ml/api.ts';
import { chooseJoin, importEmbeddings, joinEmbeddings } from '../../ml/embed/import.ts';
import { decodeEmbedding, encodeEmbedding } from '../../ml/embed/codec.ts';
import { projectStore } from '../project/store.ts';
import { loadArtifact, saveArtifact, saveNow } from '../project/persist.ts';
import { appStore, toast } from '../store/app.ts';
import { commit, run } from '../actions/registry.ts';
import { defineAction } from '../actions/types.ts';
import { addEmbedding, IMPORTED_PREFIX, mapStore, setActiveEmbedding } from './map-store.ts';

const ACCEPT = '.npy,.csv,.tsv,.txt,.parquet,.pq,.arrow,.feather,.ipc';

export async function addEmbeddingFile(dataset: OpenedDataset, file: File): Promise<void> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const emb = await importEmbeddings(file.name, bytes);
  const spec = chooseJoin(emb, dataset.table);
  const joined = joinEmbeddings(emb, dataset.table, spec, file.name);
  if (appStore.get().dataset?.key !== dataset.key) return; // another dataset was opened meanwhile
  const id = `${IMPORTED_PREFIX}${file.name}`;
  const title = `${file.name} (${joined.dim}-d)`;
  addEmbedding({ id, title, dim: joined.dim, data: joined.data });
  // Kept with the project before anything else (the layout below can take seconds): the vectors
  // as an artefact, the reference saved right away, so a reload at any point finds it again.
  const added = `${file.name}: ${joined.n.toLocaleString()} vectors of ${joined.dim} dimensions, joined ${spec.by === 'row' ? 'by row order' : `by column "${spec.column}"`}`;
  const artifact = `import-${file.name.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 80)}.emb`;
  try {
    await saveArtifact(artifact, encodeEmbedding(joined.data, joined.n, joined.dim, 'float32'));
    const others = projectStore.get().doc.importedEmbeddings.filter((r) => r.id !== id);
    commit({ change: { doc: { importedEmbeddings: [...others, { id, title, artifact }] } }, label: `add embeddings from ${file.name}` });
    await saveNow();
    toast(added);
  } catch {
    toast(`${added}. It could not be saved with the project: after a reload, add it again.`);
  }
  void setActiveEmbedding(id); // the map shows its own progress while it lays the vectors out
}

/** Puts the project's file embeddings back on the map (after a reload or reopening the dataset). */
export async function restoreImportedEmbeddings(dataset: OpenedDataset): Promise<void> {
  const refs = projectStore.get().key === dataset.key ? projectStore.get().doc.importedEmbeddings : [];
  for (const ref of refs) {
    if (mapStore.get().extraEmbeddings.some((e) => e.id === ref.id)) continue;
    const bytes = await loadArtifact(ref.artifact).catch(() => null);
    if (appStore.get().dataset?.key !== dataset.key) return;
    try {
      if (!bytes) throw new Error('its stored vectors are gone');
      const e = decodeEmbedding(bytes);
      addEmbedding({ id: ref.id, title: ref.title, dim: e.dim, data: e.data });
    } catch (err) {
      toast(`${ref.title} could not be restored (${(err as Error).message}); add the file again.`);
    }
  }
}

/** "Add embeddings from a file…": reads, checks and joins the file; the project lists it (one undo step). */
export const importEmbeddingFile = defineAction<{ file: File }>({
  name: 'map.import-embeddings', label: 'Add embeddings from a file…',
  when: (s) => s.dataset !== null,
  perform: (s, { file }) => addEmbeddingFile(s.dataset!, file),
});

export function ImportEmbeddingsButton() {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    await run(importEmbeddingFile, { file });
    setBusy(false);
    if (input.current) input.current.value = ''; // the same file can be picked again after a fix
  };
  return (
    <>
      <button disabled={busy} onClick={() => input.current?.click()} title="Precomputed vectors: .npy, CSV/TSV, Parquet or Arrow; one per row, or with an id column" data-testid="import-embeddings">
        {busy ? 'Reading…' : 'Add embeddings from a file…'}
      </button>
      <input ref={input} type="file" accept={ACCEPT} hidden onChange={(e) => onFile(e.target.files?.[0])} data-testid="import-embeddings-input" />
    </>
  );
}
