/**
 * Toolbar buttons "Compute embeddings (USE-lite)" / "(MobileNetV2)", shown only when the open
 * dataset has texts / images and lacks that embedding; each runs the compute action.
 */
import { useState } from 'react';
import type { OpenedDataset } from '../../ml/api.ts';
import type { PretrainedModel } from '../../ml/embed/models/embed-jobs.ts';
import { defineAction } from '../actions/types.ts';
import { run } from '../actions/registry.ts';
import { mapStore } from '../map/map-store.ts';
import { canCompute, computeEmbedding } from './compute.ts';

const MODELS: { model: PretrainedModel; id: string; label: string }[] = [
  { model: 'use_lite', id: 'compute-embeddings-use', label: 'Compute embeddings (USE-lite)' },
  { model: 'mobilenet_v2', id: 'compute-embeddings-mobilenet', label: 'Compute embeddings (MobileNetV2)' },
];

export const computeEmbeddings = defineAction<PretrainedModel>({
  name: 'embed.compute', label: 'Compute embeddings',
  when: (s) => s.dataset !== null,
  perform: async (s, model) => { if (canCompute(model, s.dataset)) await computeEmbedding(model); },
});

export function ComputeEmbeddingsButtons({ dataset }: { dataset: OpenedDataset }) {
  const [busy, setBusy] = useState(false);
  // Re-render when the map gains an embedding (a computed one hides its button).
  mapStore.use((s) => s.extraEmbeddings);
  const shown = MODELS.filter(({ model }) => canCompute(model, dataset));
  const start = async (model: PretrainedModel) => {
    setBusy(true);
    await run(computeEmbeddings, model);
    setBusy(false);
  };
  return (
    <>
      {shown.map(({ model, id, label }) => (
        <button key={id} disabled={busy} data-testid={id} onClick={() => void start(model)}>{label}</button>
      ))}
    </>
  );
}
