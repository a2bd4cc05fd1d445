/**
 * The selected rule as a small form: name, class, enabled, and its condition as one line per
 * axis (numeric ranges typed exactly, blank = unbounded; categories ticked). It edits the same
 * spec the brushes and the text show.
 */
import { useEffect, useState } from 'react';
import { brushesToCondition, conditionToBrushes, type Brush } from '../../ml/rules/brushes.ts';
import type { Rule } from '../../ml/rules/spec.ts';
import type { Table } from '../../ml/table/types.ts';
import { run } from '../actions/registry.ts';
import { editRule as editRuleAction, ruleLabel } from './actions.ts';
import { boundText, parseBound } from './scales.ts';

function NumericClause({ brush, onChange }: { brush: Extract<Brush, { kind: 'numeric' }>; onChange(b: Brush): void }) {
  const [texts, setTexts] = useState(() => brush.ranges.map(([a, b]) => [boundText(a), boundText(b)]));
  useEffect(() => setTexts(brush.ranges.map(([a, b]) => [boundText(a), boundText(b)])), [brush]);
  const commit = () => {
    const ranges = texts.map(([a, b]) => [parseBound(a, -Infinity), parseBound(b, Infinity)] as [number, number]);
    if (ranges.some(([a, b]) => Number.isNaN(a) || Number.isNaN(b) || a > b)) return;
    onChange({ column: brush.column, kind: 'numeric', ranges });
  };
  return (
    <>
      {texts.map(([lo, hi], r) => (
        <span key={r} className="rf-range">
          {r > 0 ? <em>or</em> : null}
          <input value={lo} placeholder="-inf" size={7} onChange={(e) => setTexts(texts.map((t, j) => (j === r ? [e.target.value, t[1]] : t)))} onBlur={commit} onKeyDown={(e) => e.key === 'Enter' && commit()} />
          ≤ x ≤
          <input value={hi} placeholder="inf" size={7} onChange={(e) => setTexts(texts.map((t, j) => (j === r ? [t[0], e.target.value] : t)))} onBlur={commit} onKeyDown={(e) => e.key === 'Enter' && commit()} />
        </span>
      ))}
    </>
  );
}

export function RuleForm({ table, rule, classes }: { table: Table; rule: Rule; classes: string[] }) {
  const editRule = (ruleId: string, patch: Partial<Rule>, label: string) => run(editRuleAction, { ruleId, patch, label });
  const brushes = conditionToBrushes(rule.when);
  const [name, setName] = useState(rule.name);
  useEffect(() => setName(rule.name), [rule.name]);
  const setBrush = (k: number, b: Brush | null) => {
    if (!brushes) return;
    const next = b ? brushes.map((x, j) => (j === k ? b : x)) : brushes.filter((_, j) => j !== k);
    editRule(rule.id, { when: brushesToCondition(next) }, `edit ${ruleLabel(rule)}`);
  };
  const addClause = (column: string) => {
    const col = table.columns.find((c) => c.name === column);
    if (!col || !brushes) return;
    const b: Brush = col.type === 'categorical' ? { column, kind: 'categorical', values: col.dictionary.slice(0, 1) } : { column, kind: 'numeric', ranges: [[-Infinity, Infinity]] };
    editRule(rule.id, { when: brushesToCondition([...brushes, b]) }, `edit ${ruleLabel(rule)}`);
  };
  const used = new Set(brushes?.map((b) => b.column));
  return (
    <div className="rule-form" data-testid="rule-form">
      <div className="rf-row">
        <label>name <input value={name} onChange={(e) => setName(e.target.value)} onBlur={() => name !== rule.name && editRule(rule.id, { name }, 'rename rule')} data-testid="rule-name" /></label>
        <label>⇒ class{' '}
          <select value={rule.target} onChange={(e) => editRule(rule.id, { target: e.target.value }, 'change rule class')} data-testid="rule-form-class">
            {[...new Set([...classes, rule.target])].map((c) => <option key={c} value={c}>{c}</option>)}
          </select>
        </label>
        <label><input type="checkbox" checked={rule.enabled} onChange={() => editRule(rule.id, { enabled: !rule.enabled }, 'toggle rule')} /> enabled</label>
      </div>
      {brushes ? (
        <ul className="rf-clauses">
          {brushes.map((b, k) => (
            <li key={b.column}>
              {k > 0 ? <em>and</em> : null} <code>{b.column}</code>{' '}
              {b.kind === 'numeric' ? <NumericClause brush={b} onChange={(nb) => setBrush(k, nb)} /> : (
                <span className="rf-cats">
                  in {(table.columns.find((c) => c.name === b.column) as { dictionary?: string[] } | undefined)?.dictionary?.slice(0, 40).map((v) => (
                    <label key={v}><input type="checkbox" checked={b.values.includes(v)} onChange={() => setBrush(k, { ...b, values: b.values.includes(v) ? b.values.filter((x) => x !== v) : [...b.values, v] })} />{v}</label>
                  ))}
                </span>
              )}
              <button className="icon" onClick={() => setBrush(k, null)} aria-label={`Remove ${b.column}`}>✕</button>
            </li>
          ))}
          <li>
            <select value="" onChange={(e) => e.target.value && addClause(e.target.value)} aria-label="Add a condition">
              <option value="">+ and column…</option>
              {table.columns.filter((c) => c.type !== 'text' && !used.has(c.name)).map((c) => <option key={c.name} value={c.name}>{c.name}</option>)}
            </select>
          </li>
        </ul>
      ) : <p className="small muted">This condition uses or / not / missing across columns: edit it as text below.</p>}
    </div>
  );
}
