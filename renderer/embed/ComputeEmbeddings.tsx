/**
 * Toolbar buttons "Compute embeddings (USE-lite)" / "(MobileNetV2)", shown only when the open
 * dataset has texts / images and lacks that embedding. The actions are registered while the
 * buttons are on screen, so the keyboard/command paths reach the same code.
 */
import { useEffect, useState } from 'react';
import type { OpenedDataset } from '../../ml/api.ts';
import type { PretrainedModel } from '../../ml/embed/models/embed-jobs.ts';
import { registerActions } from '../actions/registry.ts';
import { appStore } from '../store/app.ts';
import { mapStore } from '../map/map-store.ts';
import { canCompute, computeEmbedding } from './compute.ts';

const MODELS: { model: PretrainedModel; id: string; label: string }[] = [
  { model: 'use_lite', id: 'compute-embeddings-use', label: 'Compute embeddings (USE-lite)' },
  { model: 'mobilenet_v2', id: 'compute-embeddings-mobilenet', label: 'Compute embeddings (MobileNetV2)' },
];

export function registerEmbedActions(onError: (e: unknown) => void): () => void {
  return registerActions(MODELS.map(({ model, id, label }) => ({
    id, label,
    enabled: () => canCompute(model, appStore.get().dataset),
    perform: () => computeEmbedding(model).then(() => undefined, onError),
  })));
}

const showError = (e: unknown) => appStore.set({ error: { message: e instanceof Error ? e.message : String(e) } });

export function ComputeEmbeddingsButtons({ dataset }: { dataset: OpenedDataset }) {
  const [busy, setBusy] = useState(false);
  // Re-render when the map gains an embedding (a computed one hides its button).
  mapStore.use((s) => s.extraEmbeddings);
  useEffect(() => registerEmbedActions(showError), []);
  const shown = MODELS.filter(({ model }) => canCompute(model, dataset));
  const run = (model: PretrainedModel) => {
    setBusy(true);
    computeEmbedding(model).catch(showError).finally(() => setBusy(false));
  };
  return (
    <>
      {shown.map(({ model, id, label }) => (
        <button key={id} disabled={busy} data-testid={id} onClick={() => run(model)}>{label}</button>
      ))}
    </>
  );
}
