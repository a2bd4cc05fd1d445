/** One item shown large: its image, its text, or its table row — whatever the dataset has. */
import { useEffect, useRef } from 'react';
import type { OpenedDataset } from '../../ml/api.ts';
import { findColumn, type Table } from '../../ml/table/types.ts';

export function ItemView({ dataset, row, size = 140 }: { dataset: OpenedDataset; row: number; size?: number }) {
  const { media } = dataset;
  if (media.kind === 'image') return <ImageItem pixels={media.pixels} width={media.width} height={media.height} row={row} size={size} />;
  if (media.kind === 'text') {
    const col = findColumn(dataset.table, media.column);
    const text = col?.type === 'text' ? col.values[row] : col?.type === 'categorical' ? col.dictionary[col.codes[row]] : null;
    return <blockquote className="item-text" data-testid="item-text">{text ?? '(empty)'}</blockquote>;
  }
  return <RowItem table={dataset.table} row={row} />;
}

function ImageItem({ pixels, width, height, row, size }: { pixels: Uint8Array; width: number; height: number; row: number; size: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    const img = ctx.createImageData(width, height);
    const off = row * width * height;
    for (let i = 0; i < width * height; i++) {
      // Fashion-MNIST is white-on-black; show it dark-on-light like a catalogue photo.
      const v = 255 - pixels[off + i];
      img.data[i * 4] = v; img.data[i * 4 + 1] = v; img.data[i * 4 + 2] = v; img.data[i * 4 + 3] = 255;
    }
    ctx.putImageData(img, 0, 0);
  }, [pixels, width, height, row]);
  return <canvas ref={ref} width={width} height={height} className="item-image" style={{ width: size, height: size * (height / width) }} data-testid="item-image" />;
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
