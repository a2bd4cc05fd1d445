/**
 * A contact sheet of a selection that may hold thousands of images: a scrolling grid that
 * renders only the cells in view (plus a screen above and below), asks for their thumbnails
 * first and prefetches the next screens in the background. Click a cell to open it.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { OpenedDataset } from '../../ml/api.ts';
import { MediaThumb } from './MediaThumb.tsx';
import { prefetchThumbnails } from './thumbnails.ts';

export type ContactSheetProps = {
  dataset: OpenedDataset;
  /** Rows to show, in order (e.g. a lasso selection). */
  rows: ArrayLike<number>;
  /** Cell edge in CSS px (default 88). */
  cell?: number;
  /** The row drawn with a focus ring. */
  focused?: number | null;
  onOpen?: (row: number) => void;
};

/** The first and last grid lines to render for a scroll position (one screen of overscan each way). */
export function visibleLines(scrollTop: number, height: number, line: number, lines: number): { first: number; last: number } {
  const first = Math.max(0, Math.floor(scrollTop / line) - Math.ceil(height / line));
  const last = Math.min(lines - 1, Math.ceil((scrollTop + height) / line) + Math.ceil(height / line));
  return { first, last };
}

export function ContactSheet({ dataset, rows, cell = 88, focused = null, onOpen }: ContactSheetProps) {
  const box = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, width: 320, height: 420 });
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setView({ top: el.scrollTop, width: el.clientWidth, height: el.clientHeight });
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    el.addEventListener('scroll', measure, { passive: true });
    return () => { ro.disconnect(); el.removeEventListener('scroll', measure); };
  }, []);
  const columns = Math.max(1, Math.floor(view.width / cell));
  const lines = Math.ceil(rows.length / columns);
  const { first, last } = visibleLines(view.top, view.height, cell, lines);
  const shown = useMemo(() => {
    const out: number[] = [];
    for (let k = first * columns; k < Math.min(rows.length, (last + 1) * columns); k++) out.push(k);
    return out;
  }, [first, last, columns, rows]);
  // The next two screens, decoded while the user looks at this one.
  useEffect(() => {
    const from = Math.min(rows.length, (last + 1) * columns);
    const ahead = Array.from({ length: Math.min(rows.length - from, 2 * columns * Math.ceil(view.height / cell)) }, (_, i) => rows[from + i]);
    if (ahead.length > 0) void prefetchThumbnails(dataset, ahead, Math.round(cell * Math.min(2, window.devicePixelRatio || 1)));
  }, [dataset, rows, last, columns, cell, view.height]);
  const size = cell - 8;
  return (
    <div ref={box} className="contact-sheet" data-testid="contact-sheet">
      <span className="contact-sheet-count">{rows.length.toLocaleString()} images</span>
      <div className="contact-sheet-inner" style={{ height: lines * cell }}>
        {shown.map((k) => (
          <button
            key={rows[k]}
            className={`contact-sheet-cell ${rows[k] === focused ? 'focused' : ''}`}
            style={{ left: (k % columns) * cell, top: Math.floor(k / columns) * cell, width: cell, height: cell }}
            onClick={() => onOpen?.(rows[k])}
            data-testid="contact-sheet-cell"
            data-row={rows[k]}
          >
            <MediaThumb dataset={dataset} row={rows[k]} size={size} />
          </button>
        ))}
      </div>
    </div>
  );
}
