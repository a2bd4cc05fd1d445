/**
 * Where rules and model agree and disagree: rules' class (and abstain) × model's class, counts
 * and shares; a cell is a button that picks its rows. Beside it, what each adds over the other.
 */
import { addsRows, cellRows, type AddsGroup, type Comparison } from '../../ml/metrics/index.ts';
import { run } from '../actions/registry.ts';
import { pickRows } from './actions.ts';

const num = (x: number) => x.toLocaleString('en-US');
const GROUPS: { group: AddsGroup; text: string }[] = [
  { group: 'modelWhereRulesAbstain', text: 'model right where the rules abstain' },
  { group: 'modelWhereRulesWrong', text: 'model right where the rules are wrong' },
  { group: 'rulesWhereModelWrong', text: 'rules right where the model is wrong' },
  { group: 'bothRight', text: 'both right' },
  { group: 'neitherRight', text: 'neither right' },
];

export function AgreementTable({ c, picked }: { c: Comparison; picked: { rule: number; model: number } | undefined }) {
  const m = c.agreement;
  if (!m) return null;
  const k = m.classes.length;
  const names = [...m.classes, 'abstain'];
  const idx = (i: number) => (i === k ? -1 : i);
  return (
    <table className="grid compact cmp-agreement" data-testid="compare-agreement">
      <caption>rules ↓ × model → <span className="muted small">on {m.rows.description}</span></caption>
      <thead><tr><th>rules say</th>{names.map((n) => <th key={n}>{n}</th>)}</tr></thead>
      <tbody>
        {names.map((r, ri) => (
          <tr key={r}>
            <th>{r}</th>
            {names.map((mc, mi) => {
              const count = m.counts[ri * (k + 1) + mi];
              const on = picked?.rule === idx(ri) && picked.model === idx(mi);
              const what = `rules say ${r}, model says ${mc}`;
              return (
                <td key={mc} className={`${ri === mi ? 'diag' : count ? 'off' : ''}${on ? ' picked' : ''}`}>
                  <button className="cell" disabled={!count} data-testid={`agree-${r}-${mc}`} title={`${what}: ${num(count)} rows (${(100 * m.shares[ri * (k + 1) + mi]).toFixed(1)}%)`}
                    onClick={() => run(pickRows, { rows: cellRows(m, idx(ri), idx(mi)), what, cell: { rule: idx(ri), model: idx(mi) } })}>
                    {num(count)}<span className="share">{(100 * m.shares[ri * (k + 1) + mi]).toFixed(1)}%</span>
                  </button>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function AddsList({ c, picked }: { c: Comparison; picked: AddsGroup | undefined }) {
  const a = c.adds;
  if (!a) return null;
  return (
    <div className="cmp-adds" data-testid="compare-adds">
      <h4>What each adds <span className="muted small">on {a.rows.description}</span></h4>
      {c.addsText ? <p className="small" data-testid="compare-adds-text">{c.addsText}</p> : null}
      <ul>
        {GROUPS.map(({ group, text }) => (
          <li key={group}>
            <button className={picked === group ? 'on' : ''} disabled={!a.counts[group]} data-testid={`adds-${group}`}
              onClick={() => run(pickRows, { rows: addsRows(a, group), what: text, group })}>
              <strong>{num(a.counts[group])}</strong> {text}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
