/**
 * The schema of the open table: every column with its inferred kind, missing count, range or
 * values with counts; the label column (a guess until the user picks one); and which columns
 * are features — ids and leaks can be marked "not a feature", and the label never is one.
 */
import { useMemo } from 'react';
import type { ColumnSchema, Table } from '../../ml/table/types.ts';
import { appStore } from '../store/app.ts';
import { projectStore } from '../project/store.ts';
import { run } from '../actions/registry.ts';
import { LabelPicker } from './LabelPicker.tsx';
import { markNotFeature } from './label-actions.ts';

const fmt = (v: number | undefined) => (v === undefined ? '' : Math.abs(v) >= 1e5 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(2) : +v.toFixed(3));

/** A categorical column's most common values with their counts ("good 9,340 · bad 517"). */
function topValues(table: Table, name: string, k = 4): string {
  const col = table.columns.find((c) => c.name === name);
  if (!col || col.type !== 'categorical') return '';
  const counts = new Int32Array(col.dictionary.length);
  for (const c of col.codes) if (c >= 0) counts[c]++;
  const order = Array.from(counts.keys()).sort((a, b) => counts[b] - counts[a]);
  const shown = order.slice(0, k).map((c) => `${col.dictionary[c]} ${counts[c].toLocaleString()}`);
  return `${shown.join(' · ')}${order.length > k ? ` · … ${order.length - k} more` : ''}`;
}

function summary(table: Table, c: ColumnSchema): string {
  if (c.type === 'categorical') return topValues(table, c.name);
  if (c.min !== undefined && c.max !== undefined) return `${fmt(c.min)} … ${fmt(c.max)}`;
  if (c.distinct !== undefined) return `${c.distinct.toLocaleString()} distinct`;
  return '';
}

export function SchemaView() {
  const dataset = appStore.use((s) => s.dataset);
  const label = projectStore.use((s) => s.doc.label.column);
  const notFeatures = projectStore.use((s) => s.doc.notFeatures);
  const rows = useMemo(() => dataset?.schema.columns.map((c) => ({ c, values: summary(dataset.table, c) })) ?? [], [dataset]);
  if (!dataset) return null;
  const { schema } = dataset;
  const guess = schema.labelGuess;
  return (
    <div className="schema" data-testid="schema">
      <p className="schema-summary">
        <strong data-testid="row-count">{schema.n.toLocaleString()}</strong> rows · <strong>{schema.columns.length}</strong> columns ·{' '}
        <LabelPicker />
        {guess && guess.column === label && label ? <span className="muted small"> ({guess.reason})</span> : null}
        {!label ? <span className="muted small"> — pick the column your rules and models should predict</span> : null}
        {dataset.synthetic ? <span className="badge warn">synthetic data</span> : null}
      </p>
      {dataset.problems?.length ? (
        <details className="schema-problems" data-testid="media-problems" open={dataset.problems.length <= 5}>
          <summary className="warn-text">{dataset.problems.length.toLocaleString()} file{dataset.problems.length === 1 ? '' : 's'} could not be read — their rows are kept with a placeholder</summary>
          <ul>{dataset.problems.slice(0, 200).map((p, i) => <li key={i}><code>{p.path}</code>: {p.problem}{p.detail ? ` — ${p.detail}` : ''}</li>)}</ul>
          {dataset.problems.length > 200 ? <p className="muted small">… and {dataset.problems.length - 200} more</p> : null}
        </details>
      ) : null}
      <table className="grid">
        <thead>
          <tr><th>#</th><th>column</th><th>type</th><th title="Used by the map's table columns, the model and suggested rules">feature</th><th>missing</th><th>values</th></tr>
        </thead>
        <tbody>
          {rows.map(({ c, values }, i) => {
            const isLabel = c.name === label;
            const usable = c.type !== 'text' && !isLabel;
            return (
              <tr key={c.name} data-testid="schema-row" className={isLabel ? 'is-label' : ''}>
                <td className="muted">{i + 1}</td>
                <td><code>{c.name}</code></td>
                <td><span className={`kind kind-${isLabel ? 'label' : c.kind === 'label' ? c.type : c.kind}`}>{isLabel ? 'label' : c.kind === 'label' ? c.type : c.kind}</span></td>
                <td>
                  {usable ? (
                    <input type="checkbox" checked={!notFeatures.includes(c.name)} aria-label={`${c.name} is a feature`} data-testid={`feature-${c.name}`}
                      onChange={(e) => run(markNotFeature, { column: c.name, notFeature: !e.target.checked })} />
                  ) : <span className="muted small">{isLabel ? 'the label' : 'text'}</span>}
                </td>
                <td className={c.missing ? 'warn-text' : 'muted'}>{c.missing.toLocaleString()}</td>
                <td className="schema-values">{values}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
