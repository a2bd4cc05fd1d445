/**
 * Above the map: which embedding is shown (always visible, with every one available), what
 * colours the points, point size and opacity, and the selection tool.
 */
import type { OpenedDataset } from '../../ml/api.ts';
import { modelStore } from '../model/model-store.ts';
import { allEmbeddings, mapStore } from './map-store.ts';
import { projectStore } from '../project/store.ts';
import { run } from '../actions/registry.ts';
import { colourMap, searchMap, setOpacity, setPointSize, setTool, showEmbedding, zoomToSelection } from './actions.ts';
import { useState } from 'react';
import { colourableColumns, type ColourKind } from './colours.ts';
import { ImportEmbeddingsButton } from './ImportEmbeddings.tsx';
import { ComputeEmbeddingsButtons } from '../embed/ComputeEmbeddings.tsx';

const TOOLS = [
  { id: 'lasso', label: 'Lasso', key: 'L' },
  { id: 'box', label: 'Box', key: 'B' },
  { id: 'pan', label: 'Pan', key: 'H' },
] as const;

export function MapToolbar({ dataset }: { dataset: OpenedDataset }) {
  const embeddingId = mapStore.use((s) => s.embeddingId);
  mapStore.use((s) => s.extraEmbeddings);
  const colourBy = mapStore.use((s) => s.colourBy);
  const pointSize = mapStore.use((s) => s.pointSize);
  const opacity = mapStore.use((s) => s.opacity);
  const tool = mapStore.use((s) => s.tool);
  const hasSimilarity = mapStore.use((s) => s.similarity !== null);
  const hasPredictions = modelStore.use((s) => s.predictions !== null);
  const embeddings = allEmbeddings();
  const truth = projectStore.use((s) => s.doc.label.column);
  projectStore.use((s) => s.doc.importedEmbeddings);
  const columns = colourableColumns(dataset.table);

  const colourValue = colourBy.kind === 'column' ? `column:${colourBy.column}` : colourBy.kind;
  const onColour = (v: string) => {
    if (v.startsWith('column:')) run(colourMap, { kind: 'column', column: v.slice(7) });
    else if (v === 'truth') run(colourMap, { kind: 'truth', column: truth ?? undefined });
    else run(colourMap, { kind: v as ColourKind });
  };

  return (
    <div className="map-toolbar" data-testid="map-toolbar">
      <label className="field">
        <span>Embedding</span>
        <select value={embeddingId ?? ''} onChange={(e) => run(showEmbedding, { id: e.target.value })} data-testid="embedding-picker">
          {embeddingId === null ? <option value="">—</option> : null}
          {embeddings.map((e) => <option key={e.id} value={e.id}>{e.title.includes(`${e.dim}-d`) ? e.title : `${e.title} · ${e.dim}-d`}</option>)}
        </select>
      </label>
      <ImportEmbeddingsButton />
      <ComputeEmbeddingsButtons dataset={dataset} />
      <label className="field">
        <span>Colour</span>
        <select value={colourValue} onChange={(e) => onColour(e.target.value)} data-testid="colour-by">
          {truth ? <option value="truth">Ground truth ({truth})</option> : null}
          <option value="human">Your labels</option>
          <option value="prediction" disabled={!hasPredictions}>Model prediction</option>
          <option value="confidence" disabled={!hasPredictions}>Model confidence</option>
          <option value="similarity" disabled={!hasSimilarity}>Similarity</option>
          <optgroup label="Column">
            {columns.filter((c) => c !== truth).map((c) => <option key={c} value={`column:${c}`}>{c}</option>)}
          </optgroup>
        </select>
      </label>
      <label className="field slider" title="Point size">
        <span>Size</span>
        <input type="range" min={1} max={8} step={0.5} value={pointSize} onChange={(e) => run(setPointSize, +e.target.value)} data-testid="point-size" />
      </label>
      <label className="field slider" title="Opacity">
        <span>Opacity</span>
        <input type="range" min={0.1} max={1} step={0.05} value={opacity} onChange={(e) => run(setOpacity, +e.target.value)} data-testid="opacity" />
      </label>
      <MapSearch />
      <div className="tool-group" role="group" aria-label="Selection tool">
        {TOOLS.map((t) => (
          <button key={t.id} className={tool === t.id ? 'active' : ''} aria-pressed={tool === t.id} title={`${t.label} (${t.key})`} onClick={() => run(setTool, t.id)} data-testid={`tool-${t.id}`}>
            {t.label} <kbd>{t.key}</kbd>
          </button>
        ))}
      </div>
    </div>
  );
}

/** Search box: Enter selects the items that contain the words (or `column:value`); Z zooms to them. */
function MapSearch() {
  const [query, setQuery] = useState('');
  const hasSelection = mapStore.use((s) => s.selection.length > 0);
  return (
    <form className="map-search" role="search" onSubmit={(e) => { e.preventDefault(); void run(searchMap, { query }); }}>
      <input value={query} onChange={(e) => setQuery(e.target.value)} placeholder="Find: words, or column:value" aria-label="Find items" data-testid="map-search" />
      <button type="button" onClick={() => run(zoomToSelection)} disabled={!hasSelection} title="Zoom to the selection (Z)" data-testid="zoom-selection">Zoom to selection</button>
    </form>
  );
}
