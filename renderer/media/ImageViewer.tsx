/**
 * The large view of one image (opened by a click on a thumbnail): decoded at up to 1024 px,
 * with its path and size; Escape or a click outside closes it, arrow keys step through `rows`.
 */
import { useEffect } from 'react';
import type { OpenedDataset } from '../../ml/api.ts';
import { findColumn } from '../../ml/table/types.ts';
import { MediaThumb } from './MediaThumb.tsx';

export type ImageViewerProps = { dataset: OpenedDataset; row: number; rows?: ArrayLike<number>; onClose: () => void; onStep?: (row: number) => void };

/** What the caption says about a row: its path (image files) and its pixel size, when known. */
export function caption(d: OpenedDataset, row: number): { path: string; size: string } {
  const text = (name: string) => { const c = findColumn(d.table, name); return c?.type === 'text' ? c.values[row] ?? '' : ''; };
  const num = (name: string) => { const c = findColumn(d.table, name); return c?.type === 'numeric' ? c.values[row] : NaN; };
  if (d.media.kind === 'image') return { path: `#${row}`, size: `${d.media.width}×${d.media.height}` };
  const w = num('width');
  const h = num('height');
  return { path: d.media.kind === 'image-files' ? text(d.media.column) : `#${row}`, size: w === w && h === h ? `${w}×${h}` : '' };
}

export function ImageViewer({ dataset, row, rows, onClose, onStep }: ImageViewerProps) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
      if (!rows || !onStep || (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft')) return;
      const list = Array.from(rows);
      const i = list.indexOf(row);
      const next = list[i + (e.key === 'ArrowRight' ? 1 : -1)];
      if (next !== undefined) onStep(next);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [row, rows, onClose, onStep]);
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
