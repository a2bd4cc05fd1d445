/**
 * The selection's items: a seeded random sample (images as a thumbnail grid, texts as a list,
 * table rows as a small table) with its count and "Resample". Clicking an item focuses it
 * on the map.
 */
import { useMemo, useState } from 'react';
import type { OpenedDataset } from '../../ml/api.ts';
import { mulberry32, sampleIndices } from '../../ml/random.ts';
import { mapStore } from './map-store.ts';
import { run } from '../actions/registry.ts';
import { clearSelection, focusItem, similarTo } from './actions.ts';
import { cellText, rowColumns, textParts } from './items.tsx';
import { hasImages } from '../media/MediaThumb.tsx';
import { ContactSheet } from '../media/ContactSheet.tsx';

export const SAMPLE_SIZE = 48;

export function sampleOf(selection: Uint32Array, k: number, seed: number): Uint32Array {
  if (selection.length <= k) return selection;
  const picks = sampleIndices(selection.length, k, mulberry32(seed));
  const out = new Uint32Array(picks.length);
  for (let j = 0; j < picks.length; j++) out[j] = selection[picks[j]];
  return out.sort();
}

function Items({ dataset, rows, focus }: { dataset: OpenedDataset; rows: Uint32Array; focus: number }) {
  const pick = (row: number) => run(focusItem, { row: row === focus ? -1 : row });
  const cls = (row: number) => `sel-item ${row === focus ? 'focused' : ''}`;
  const list = Array.from(rows);
  if (hasImages(dataset)) return null; // images: the contact sheet of the whole selection (below)
  if (dataset.media.kind === 'text') {
    return (
      <ul className="text-list" data-testid="selection-items">
        {list.map((r) => {
          const { title, body } = textParts(dataset, r);
          return (
            <li key={r}>
              <button className={cls(r)} onClick={() => pick(r)} data-testid="selection-item">
                <strong>{title || '(no subject)'}</strong>
                <span>{body.slice(0, 220)}</span>
              </button>
            </li>
          );
        })}
      </ul>
    );
  }
  const cols = rowColumns(dataset, 5);
  return (
    <div className="row-table-wrap" data-testid="selection-items">
      <table className="row-table">
        <thead><tr><th>#</th>{cols.map((c) => <th key={c.name}>{c.name}</th>)}</tr></thead>
        <tbody>
          {list.map((r) => (
            <tr key={r} className={cls(r)} onClick={() => pick(r)} data-testid="selection-item">
              <td className="muted">{r}</td>{cols.map((c) => <td key={c.name}>{cellText(c, r)}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function SelectionPanel({ dataset }: { dataset: OpenedDataset }) {
  const selection = mapStore.use((s) => s.selection);
  const focus = mapStore.use((s) => s.focus);
  const [seed, setSeed] = useState(1);
  const sample = useMemo(() => sampleOf(selection, SAMPLE_SIZE, seed), [selection, seed]);
  const images = hasImages(dataset);
  const what = images ? 'images' : dataset.media.kind === 'text' ? 'texts' : 'rows';
  return (
    <section className="side-panel selection-panel" data-testid="selection-panel">
      <header className="side-panel-head">
        <h3>Selection</h3>
        <span className="muted small" data-testid="selection-count">{selection.length.toLocaleString()} items</span>
      </header>
      {selection.length === 0 ? (
        <p className="muted small map-hint-text">Drag a lasso around a cluster (<kbd>B</kbd> for a box; <kbd>Shift</kbd> adds, <kbd>Alt</kbd> removes). Its {what} appear here.</p>
      ) : (
        <>
          <div className="selection-actions">
            {images ? <span className="muted small">scroll through all of them · click one for its card</span> : (
              <>
                <span className="muted small">{sample.length < selection.length ? `random ${sample.length} of ${selection.length.toLocaleString()}` : `all ${selection.length}`}</span>
                {sample.length < selection.length ? <button onClick={() => setSeed((s) => s + 1)} data-testid="resample">Resample</button> : null}
              </>
            )}
            <button onClick={() => run(similarTo, { rows: selection, of: `the selection (${selection.length.toLocaleString()})` })} title="Colour the map by similarity to the selection">Similar</button>
            <button onClick={() => run(clearSelection)} title="Clear the selection (Esc)">Clear</button>
          </div>
          {images
            ? <ContactSheet dataset={dataset} rows={selection} cell={64} focused={focus} onOpen={(row) => run(focusItem, { row: row === focus ? -1 : row })} />
            : <Items dataset={dataset} rows={sample} focus={focus} />}
        </>
      )}
    </section>
  );
}
