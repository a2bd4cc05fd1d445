/** One item shown large: its image, its text, or its table row — whatever the dataset has. */
import type { OpenedDataset } from '../../ml/api.ts';
import { findColumn, type Table } from '../../ml/table/types.ts';
import { useState } from 'react';
import { hasImages, MediaThumb } from '../media/MediaThumb.tsx';
import { looksLikeHtml, plainText } from '../map/plain-text.ts';

export function ItemView({ dataset, row, size = 140 }: { dataset: OpenedDataset; row: number; size?: number }) {
  const { media } = dataset;
  // The same drawing as every other view of an item (thumbnails, cards): images look alike everywhere.
  if (hasImages(dataset)) return <MediaThumb dataset={dataset} row={row} size={size} className="item-image" />;
  if (media.kind === 'text') {
    const col = findColumn(dataset.table, media.column);
    const text = col?.type === 'text' ? col.values[row] : col?.type === 'categorical' ? col.dictionary[col.codes[row]] : null;
    return <FullText text={text} />;
  }
  return <RowItem table={dataset.table} row={row} />;
}

/** A text as a reader sees it (HTML stripped), the first 1,200 characters, with the rest (or the raw source) on demand. */
function FullText({ text }: { text: string | null }) {
  const [mode, setMode] = useState<'short' | 'full' | 'source'>('short');
  if (text === null) return <blockquote className="item-text" data-testid="item-text">(empty)</blockquote>;
  const plain = plainText(text);
  const shown = mode === 'source' ? text : mode === 'full' ? plain : plain.slice(0, 1200);
  return (
    <div>
      <blockquote className="item-text" data-testid="item-text">{shown}{mode === 'short' && plain.length > 1200 ? '…' : ''}</blockquote>
      <div className="item-text-modes small">
        {plain.length > 1200 && mode === 'short' ? <button className="link" onClick={() => setMode('full')} data-testid="item-text-full">Show the full text ({plain.length.toLocaleString()} characters)</button> : null}
        {looksLikeHtml(text) ? <button className="link" onClick={() => setMode(mode === 'source' ? 'short' : 'source')}>{mode === 'source' ? 'Show as text' : 'Show the HTML source'}</button> : null}
      </div>
    </div>
  );
}

const fmt = (v: number) => (Number.isNaN(v) ? '–' : Math.abs(v) >= 1e5 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(2) : String(+v.toFixed(3)));

function RowItem({ table, row }: { table: Table; row: number }) {
  return (
    <table className="item-row" data-testid="item-row">
      <tbody>
        {table.columns.slice(0, 14).map((c) => (
          <tr key={c.name}>
            <th>{c.name}</th>
            <td>{c.type === 'numeric' ? fmt(c.values[row]) : c.type === 'categorical' ? (c.dictionary[c.codes[row]] ?? '–') : (c.values[row] ?? '–')}</td>
          </tr>
        ))}
        {table.columns.length > 14 ? <tr><th colSpan={2} className="muted">+ {table.columns.length - 14} more columns</th></tr> : null}
      </tbody>
    </table>
  );
}
