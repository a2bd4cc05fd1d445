/** "Add embeddings from a file…": lands with ml/embed/import.ts. */
import type { OpenedDataset } from '../../ml/api.ts';

export function ImportEmbeddingsButton(_: { dataset: OpenedDataset }) {
  return <button disabled title="Importing embedding files is not available yet">Add embeddings from a file…</button>;
}
