/**
 * How one item looks wherever it is shown (tooltip, selection panel, focus card): its image
 * (renderer/media/MediaThumb.tsx: grey pixel demos and image files alike, colour, the same
 * everywhere), a text snippet, or a few table values.
 */
import type { OpenedDataset } from '../../ml/api.ts';
import type { Column } from '../../ml/table/types.ts';
import { findColumn } from '../../ml/table/types.ts';
import { plainText } from './plain-text.ts';
import { hasImages, MediaThumb } from '../media/MediaThumb.tsx';

export function cellText(col: Column, i: number): string {
  if (col.type === 'numeric') {
    const v = col.values[i];
    if (v !== v) return '—';
    return Math.abs(v) >= 1e5 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(2) : String(+v.toFixed(3));
  }
  if (col.type === 'categorical') return col.codes[i] >= 0 ? col.dictionary[col.codes[i]] : '—';
  return col.values[i] ?? '—';
}

const SUBJECT = /^subject$/i;

/** Title and body of a text item: a "subject" column if there is one, else the first line. */
export function textParts(dataset: OpenedDataset, row: number): { title: string; body: string } {
  const media = dataset.media;
  if (media.kind !== 'text') return { title: '', body: '' };
  const col = findColumn(dataset.table, media.column);
  const text = col ? plainText(cellText(col, row)) : '';
  const subject = dataset.table.columns.find((c) => SUBJECT.test(c.name) && c.name !== media.column && c.type !== 'numeric');
  if (subject) return { title: cellText(subject, row), body: text };
  const trimmed = text.trimStart();
  const nl = trimmed.indexOf('\n');
  return nl > 0 && nl < 160 ? { title: trimmed.slice(0, nl), body: trimmed.slice(nl + 1) } : { title: trimmed.slice(0, 100), body: trimmed.slice(100) };
}

/** Columns worth showing for a row: the label column first, then the others, text last. */
export function rowColumns(dataset: OpenedDataset, max: number): Column[] {
  const label = dataset.schema.labelColumn;
  const cols = dataset.table.columns;
  const first = cols.filter((c) => c.name === label);
  const rest = cols.filter((c) => c.name !== label && c.type !== 'text');
  return [...first, ...rest].slice(0, max);
}

export function RowValues({ dataset, row, max = 8 }: { dataset: OpenedDataset; row: number; max?: number }) {
  return (
    <dl className="row-values">
      {rowColumns(dataset, max).map((c) => (
        <div key={c.name}><dt>{c.name}</dt><dd>{cellText(c, row)}</dd></div>
      ))}
    </dl>
  );
}

/** The item itself, large-ish: used by the tooltip and the focus card. */
export function ItemPreview({ dataset, row }: { dataset: OpenedDataset; row: number }) {
  if (hasImages(dataset)) return <MediaThumb dataset={dataset} row={row} size={112} />;
  if (dataset.media.kind === 'text') {
    const { title, body } = textParts(dataset, row);
    return (
      <div className="text-preview">
        <strong>{title || '(no subject)'}</strong>
        <p>{body.slice(0, 360)}{body.length > 360 ? '…' : ''}</p>
      </div>
    );
  }
  return <RowValues dataset={dataset} row={row} />;
}
