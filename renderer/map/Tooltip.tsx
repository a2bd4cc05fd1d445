/** The hovered item, next to the cursor's point: preview plus ground truth, human label and prediction. */
import type { OpenedDataset } from '../../ml/api.ts';
import { projectStore } from '../project/store.ts';
import { modelStore } from '../model/model-store.ts';
import { ItemPreview } from './items.tsx';
import { hasImages } from '../media/MediaThumb.tsx';
import { itemFacts } from './facts.ts';
import type { View } from './viewport.ts';

export function Facts({ dataset, row }: { dataset: OpenedDataset; row: number }) {
  const labels = projectStore.use((s) => s.doc.labels);
  const predictions = modelStore.use((s) => s.predictions);
  return (
    <dl className="map-facts">
      {itemFacts(dataset, row, labels, predictions).map((f) => (
        <div key={f.key} className={f.tone ?? ''}><dt>{f.key}</dt><dd>{f.value}</dd></div>
      ))}
    </dl>
  );
}

export function Tooltip({ dataset, row, xy, view, size }: { dataset: OpenedDataset; row: number; xy: Float32Array; view: View; size: { width: number; height: number } }) {
  const x = xy[2 * row] * view.scale + view.tx, y = xy[2 * row + 1] * view.scale + view.ty;
  const wide = dataset.media.kind === 'text' ? 320 : hasImages(dataset) ? 150 : 240;
  const left = x + 14 + wide > size.width ? x - 14 - wide : x + 14;
  const top = Math.max(8, Math.min(size.height - 200, y - 20));
  return (
    <div className="map-tooltip" style={{ left, top, width: wide }} data-testid="map-tooltip">
      <ItemPreview dataset={dataset} row={row} />
      <Facts dataset={dataset} row={row} />
      <div className="map-hint">#{row} · click to pin · <kbd>S</kbd> similar</div>
    </div>
  );
}
