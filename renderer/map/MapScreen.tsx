/**
 * The Map tab: toolbar, the map with its legend, status and focused item, and the right
 * sidebar (classes, selection, teach panel).
 */
import { useEffect, useMemo } from 'react';
import { appStore } from '../store/app.ts';
import { projectStore } from '../project/store.ts';
import { modelStore } from '../model/model-store.ts';
import { LabelsPanel } from '../labels/LabelsPanel.tsx';
import { TeachPanel } from '../model/TeachPanel.tsx';
import { findEmbedding, mapStore, refreshColumnsEmbedding, showMap } from './map-store.ts';
import { run } from '../actions/registry.ts';
import { showEmbedding } from './actions.ts';
import { computeColouring } from './colouring.ts';
import { useClassColours } from '../classes/use-class-colours.ts';
import { MapView } from './MapView.tsx';
import { MapToolbar } from './MapToolbar.tsx';
import { restoreImportedEmbeddings } from './ImportEmbeddings.tsx';
import { Legend } from './Legend.tsx';
import { SelectionPanel } from './SelectionPanel.tsx';
import { FocusCard } from './FocusCard.tsx';
import { ImageViewer } from '../media/ImageViewer.tsx';
import { closeViewer } from './actions.ts';
import './map.css';

function MapStatus({ n }: { n: number }) {
  const status = mapStore.use((s) => s.layoutStatus);
  const shownId = mapStore.use((s) => s.shownId);
  const embeddingId = mapStore.use((s) => s.embeddingId);
  const shown = findEmbedding(shownId);
  const active = findEmbedding(embeddingId);
  const pct = status.total ? Math.round((100 * (status.done ?? 0)) / status.total) : 0;
  return (
    <div className="map-status" data-testid="map-status">
      <span>Map of <strong data-testid="shown-embedding">{shown?.title ?? active?.title ?? '—'}</strong></span>
      {status.state === 'computing' ? <span className="computing" data-testid="layout-computing">· laying out {active?.title}… {pct}%{status.message ? ` (${status.message})` : ''}</span> : null}
      {status.state === 'loading' ? <span className="computing">· loading…</span> : null}
      {status.sampled !== null ? <span className="sampled" data-testid="layout-sampled">· a seeded sample of {status.sampled.toLocaleString()} of {n.toLocaleString()} rows is laid out</span> : null}
      {status.state === 'idle' && status.message ? (
        <span className="muted">· {status.message} <button className="link" onClick={() => embeddingId && run(showEmbedding, { id: embeddingId })}>Lay out again</button></span>
      ) : null}
      {status.state === 'error' ? <span className="warn-text">· {status.message}</span> : null}
    </div>
  );
}

/** The large view of one image, over the map (Escape or a click outside closes it; arrows step). */
function LargeView() {
  const dataset = appStore.use((s) => s.dataset);
  const row = mapStore.use((s) => s.viewer);
  if (!dataset || row < 0) return null;
  return <ImageViewer dataset={dataset} row={row} onClose={() => run(closeViewer)} />;
}

export function MapScreen() {
  const dataset = appStore.use((s) => s.dataset);
  const hasLayout = mapStore.use((s) => (s.shownId ? Boolean(s.layouts[s.shownId]) : false));
  const state = mapStore.use((s) => s.layoutStatus.state);
  const colourBy = mapStore.use((s) => s.colourBy);
  const similarity = mapStore.use((s) => s.similarity);
  const labels = projectStore.use((s) => s.doc.labels);
  const roles = projectStore.use((s) => s.doc.label.column + '\u0000' + s.doc.notFeatures.join('\u0000'));
  const imported = projectStore.use((s) => s.doc.importedEmbeddings);
  const predictions = modelStore.use((s) => s.predictions);
  const noEmbedding = mapStore.use((s) => s.datasetKey !== null && s.embeddingId === null);

  // On screen: lay out what the user had; an embedding removed (undo of an import) falls back to another.
  useEffect(() => { if (dataset) void restoreImportedEmbeddings(dataset).then(showMap); }, [dataset, imported]);
  // A new label choice or not-a-feature column rebuilds the "Table columns" embedding without them.
  useEffect(() => { if (dataset) refreshColumnsEmbedding(dataset, projectStore.get().doc); }, [dataset, roles]);
  const label = projectStore.use((s) => s.doc.label.column);
  const colourOf = useClassColours();
  const colouring = useMemo(() => (dataset ? computeColouring({ dataset, colourBy, labels, predictions, similarity, label, colourOf }) : null), [dataset, colourBy, labels, predictions, similarity, label, colourOf]);
  if (!dataset || !colouring) return null;

  return (
    <div className="map-screen" data-testid="map-screen">
      <MapToolbar dataset={dataset} />
      <div className="map-body">
        <div className="map-area">
          {hasLayout ? <MapView dataset={dataset} colouring={colouring} /> : (
            <div className="map-empty">
              {noEmbedding ? 'This dataset has no vectors to map: add embeddings from a file (toolbar).' : state === 'error' ? 'The layout failed — see the message above.' : <><span className="spinner dark" /> Laying out the map…</>}
            </div>
          )}
          <MapStatus n={dataset.table.n} />
          {hasLayout ? <Legend legend={colouring.legend} /> : null}
          <FocusCard />
          <LargeView />
        </div>
        <aside className="map-sidebar">
          <LabelsPanel />
          <SelectionPanel dataset={dataset} />
          <TeachPanel />
        </aside>
      </div>
    </div>
  );
}
