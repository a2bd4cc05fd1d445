/**
 * The rows the user picked in Compare, most confident first (the model's surest disagreements
 * at the top): truth, what the rules and the model say, the model's confidence and a few
 * columns. Virtualised; actions: send them to the label queue, clear.
 */
import { useState } from 'react';
import type { Comparison, Reference } from '../../ml/metrics/index.ts';
import type { OpenedDataset } from '../../ml/api.ts';
import { cellText, rowColumns } from '../map/items.tsx';
import { run } from '../actions/registry.ts';
import { clearPicked, queuePicked } from './actions.ts';
import { hasImages, MediaThumb } from '../media/MediaThumb.tsx';

const ROW_H = 26;
const HEIGHT = 260;

export function PickedRows({ d, c, reference, rows, what }: { d: OpenedDataset; c: Comparison; reference: Reference; rows: Uint32Array; what: string }) {
  const [top, setTop] = useState(0);
  const cols = rowColumns(d, 4);
  const first = Math.max(0, Math.floor(top / ROW_H) - 5);
  const last = Math.min(rows.length, first + Math.ceil(HEIGHT / ROW_H) + 10);
  const name = (k: number) => (k < 0 ? 'abstain' : c.classes[k] ?? '?');
  const images = hasImages(d);
  return (
    <section className="cmp-picked" data-testid="compare-picked">
      <header>
        <h4>{rows.length.toLocaleString()} rows: {what}</h4>
        <span className="muted small">most confident first · also selected on the Map and highlighted in Rules</span>
        <span className="spacer" />
        <button onClick={() => run(queuePicked, { rows })} disabled={rows.length === 0} data-testid="compare-to-queue">Send to the label queue</button>
        <button onClick={() => run(clearPicked)}>Clear</button>
      </header>
      <div className="cmp-picked-scroll" style={{ height: HEIGHT }} onScroll={(e) => setTop(e.currentTarget.scrollTop)}>
        <table className="grid compact">
          <thead><tr><th>row</th>{images ? <th /> : null}<th>truth</th><th>rules</th><th>model</th><th>confidence</th>{cols.map((col) => <th key={col.name}>{col.name}</th>)}</tr></thead>
          <tbody>
            <tr style={{ height: first * ROW_H }} aria-hidden />
            {Array.from({ length: last - first }, (_, j) => rows[first + j]).map((r) => (
              <tr key={r} style={{ height: ROW_H }} data-testid="compare-picked-row" data-row={r}>
                <td className="muted">{r}</td>
                {images ? <td><MediaThumb dataset={d} row={r} size={22} /></td> : null}
                <td>{reference.truth[r] < 0 ? '—' : reference.classes[reference.truth[r]]}</td>
                <td>{name(c.rulePred[r])}</td>
                <td>{c.modelPred ? name(c.modelPred[r]) : '–'}</td>
                <td>{c.modelConfidence ? `${Math.round(100 * c.modelConfidence[r])}%` : '–'}</td>
                {cols.map((col) => <td key={col.name}>{cellText(col, r)}</td>)}
              </tr>
            ))}
            <tr style={{ height: Math.max(0, (rows.length - last) * ROW_H) }} aria-hidden />
          </tbody>
        </table>
      </div>
    </section>
  );
}
