/** The schema of the open table: every column with its inferred kind, missing count and range. */
import type { ColumnSchema } from '../../ml/table/types.ts';
import { appStore } from '../store/app.ts';

const fmt = (v: number | undefined) => (v === undefined ? '' : Math.abs(v) >= 1e5 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(2) : +v.toFixed(3));

function summary(c: ColumnSchema): string {
  if (c.min !== undefined && c.max !== undefined) return `${fmt(c.min)} … ${fmt(c.max)}`;
  if (c.distinct !== undefined) return `${c.distinct.toLocaleString()} distinct`;
  return '';
}

export function SchemaView() {
  const dataset = appStore.use((s) => s.dataset);
  if (!dataset) return null;
  const { schema } = dataset;
  return (
    <div className="schema" data-testid="schema">
      <p className="schema-summary">
        <strong data-testid="row-count">{schema.n.toLocaleString()}</strong> rows · <strong>{schema.columns.length}</strong> columns
        {schema.labelColumn ? <> · label column <code>{schema.labelColumn}</code></> : ' · no label column found'}
        {dataset.synthetic ? <span className="badge warn">synthetic data</span> : null}
      </p>
      <table className="grid">
        <thead>
          <tr><th>#</th><th>column</th><th>type</th><th>missing</th><th>values</th></tr>
        </thead>
        <tbody>
          {schema.columns.map((c, i) => (
            <tr key={c.name} data-testid="schema-row">
              <td className="muted">{i + 1}</td>
              <td><code>{c.name}</code></td>
              <td><span className={`kind kind-${c.kind}`}>{c.kind}</span></td>
              <td className={c.missing ? 'warn-text' : 'muted'}>{c.missing.toLocaleString()}</td>
              <td>{summary(c)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
