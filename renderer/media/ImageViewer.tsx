/**
 * The large view of one image (opened from a thumbnail or the item card): decoded at up to
 * 1024 px, with its path and size. A click outside closes it; Escape and the arrow keys are
 * actions (renderer/map/actions.ts) like every other key.
 */
import type { OpenedDataset } from '../../ml/api.ts';
import { findColumn } from '../../ml/table/types.ts';
import { MediaThumb } from './MediaThumb.tsx';

export type ImageViewerProps = { dataset: OpenedDataset; row: number; onClose: () => void };

/** What the caption says about a row: its path (image files) and its pixel size, when known. */
export function caption(d: OpenedDataset, row: number): { path: string; size: string } {
  const text = (name: string) => { const c = findColumn(d.table, name); return c?.type === 'text' ? c.values[row] ?? '' : ''; };
  const num = (name: string) => { const c = findColumn(d.table, name); return c?.type === 'numeric' ? c.values[row] : NaN; };
  if (d.media.kind === 'image') return { path: `#${row}`, size: `${d.media.width}×${d.media.height}` };
  const w = num('width');
  const h = num('height');
  return { path: d.media.kind === 'image-files' ? text(d.media.column) : `#${row}`, size: w === w && h === h ? `${w}×${h}` : '' };
}

export function ImageViewer({ dataset, row, onClose }: ImageViewerProps) {
  const { path, size } = caption(dataset, row);
  const edge = Math.min(1024, Math.round(Math.min(window.innerWidth, window.innerHeight) * 0.8));
  return (
    <div className="image-viewer" onClick={onClose} data-testid="image-viewer">
      <figure onClick={(e) => e.stopPropagation()}>
        <MediaThumb dataset={dataset} row={row} size={edge} />
        <figcaption><span>{path}</span><span>{size}</span></figcaption>
      </figure>
    </div>
  );
}
