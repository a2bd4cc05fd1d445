/**
 * The rules panel: "brushes → rule", the ordered rule list with live per-rule statistics,
 * the selected rule's form, the whole set as text, and whole-set metrics. Brushes, form and
 * text all edit the same RuleSet in the project store, so they can never disagree.
 */
import { useMemo } from 'react';
import { ruleStats, type RuleStat } from '../../ml/rules/stats.ts';
import { formatCondition } from '../../ml/rules/text.ts';
import type { Table } from '../../ml/table/types.ts';
import { run } from '../actions/registry.ts';
import { projectStore } from '../project/store.ts';
import { brushesToRule, classesByRarity, deleteRule, moveRule, ruleLabel, selectRule, setDefaultClass, setRuleTarget, toggleRule } from './actions.ts';
import { exampleRule } from './example.ts';
import { SuggestPanel } from './SuggestPanel.tsx';
import { MetricsPanel } from './MetricsPanel.tsx';
import { RuleForm } from './RuleForm.tsx';
import { RuleTextEditor } from './RuleTextEditor.tsx';
import { rulesView, selectionStore } from './store.ts';

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '–' : `${(100 * x).toFixed(x < 0.1 && x > 0 ? 1 : 0)}%`);

export function RulesPanel({ table, label }: { table: Table; label: string | null }) {
  const set = projectStore.use((s) => s.doc.rules);
  const editing = rulesView.use((s) => s.editingRuleId);
  const saving = projectStore.use((s) => s.saving);
  const brushed = selectionStore.use((s) => s.brushed);
  const classes = useMemo(() => classesByRarity(table, label), [table, label]);
  const target = rulesView.use((s) => s.target);
  const chosen = target || classes[0] || '';
  const stats = useMemo(() => {
    try { return ruleStats(table, set, label); } catch { return []; }
  }, [table, set, label]);
  const editingRule = set.rules.find((r) => r.id === editing);
  const example = useMemo(() => exampleRule(table, label, classes[0] ?? null), [table, label, classes]);
  const targets = [...new Set([...classes, ...set.rules.map((r) => r.target)])];

  return (
    <div className="rules-panel" data-testid="rules-panel">
      <div className="rp-make">
        {editingRule ? (
          <div className="rp-editing" data-testid="editing-rule">
            Brushes edit <strong>{ruleLabel(editingRule)}</strong>
            <button onClick={() => run(selectRule, { ruleId: null })} data-testid="done-editing">Done</button>
          </div>
        ) : (
          <>
            <button className="primary" onClick={() => { run(setRuleTarget, chosen); run(brushesToRule); }} disabled={!brushed} data-testid="brushes-to-rule" title="R">Brushes → rule</button>
            <label>for class{' '}
              {classes.length ? (
                <select value={chosen} onChange={(e) => run(setRuleTarget, e.target.value)} data-testid="rule-target">
                  {classes.map((c) => <option key={c} value={c}>{c}</option>)}
                </select>
              ) : <input value={target} onChange={(e) => run(setRuleTarget, e.target.value)} placeholder="class" data-testid="rule-target" size={8} />}
            </label>
          </>
        )}
        <SaveState state={saving} />
      </div>
      <h3>Rules <span className="muted small" data-testid="rules-default-note">first match wins · rows no rule covers: {set.defaultClass === null ? 'abstain' : `→ ${set.defaultClass}`}</span></h3>
      {set.rules.length === 0 ? <p className="muted small rp-empty">No rules yet. Brush the chart and press “Brushes → rule”, or type one below{example ? <>, e.g. <code data-testid="rule-example">{example}</code></> : null}.</p> : null}
      <ol className="rp-list" data-testid="rule-list">
        {set.rules.map((r, k) => (
          <RuleRow key={r.id} k={k} last={k === set.rules.length - 1} id={r.id} name={r.name} target={r.target} enabled={r.enabled}
            text={formatCondition(r.when)} stat={stats.find((s) => s.id === r.id)} selected={r.id === editing} n={table.n} />
        ))}
      </ol>
      <DefaultRow classes={targets} value={set.defaultClass} />
      {editingRule ? <RuleForm table={table} rule={editingRule} classes={targets} /> : null}
      <RuleTextEditor table={table} example={example} />
      <SuggestPanel label={label} />
      <MetricsPanel table={table} label={label} />
    </div>
  );
}

/** `else => class`: what the rule set says where no rule matches (abstain, or a class), as the last row of the list. */
function DefaultRow({ classes, value }: { classes: string[]; value: string | null }) {
  const options = value !== null && !classes.includes(value) ? [...classes, value] : classes;
  return (
    <div className="rp-default small" data-testid="rule-default">
      <span>else ⇒</span>
      <select value={value ?? ''} onChange={(e) => run(setDefaultClass, { cls: e.target.value || null })} data-testid="rule-default-class">
        <option value="">abstain (no prediction)</option>
        {options.map((c) => <option key={c} value={c}>{c}</option>)}
      </select>
    </div>
  );
}

/** Rules are autosaved: say so, so a user knows a reload or a crash now loses nothing. */
function SaveState({ state }: { state: 'idle' | 'pending' | 'saved' | 'error' }) {
  if (state === 'idle') return null;
  const text = state === 'pending' ? 'saving…' : state === 'saved' ? 'saved' : 'not saved';
  return <span className={`rp-save small ${state === 'error' ? 'warn-text' : 'muted'}`} data-testid="save-state" data-state={state}>{text}</span>;
}

type RowProps = { k: number; last: boolean; id: string; name: string; target: string; enabled: boolean; text: string; stat: RuleStat | undefined; selected: boolean; n: number };

function RuleRow({ k, last, id, name, target, enabled, text, stat, selected, n }: RowProps) {
  return (
    <li className={`rp-rule${selected ? ' selected' : ''}${enabled ? '' : ' disabled'}`} data-testid="rule-row" data-rule-id={id}>
      <div className="rp-rule-head">
        <span className="rp-prio" title="priority">{k + 1}</span>
        <input type="checkbox" checked={enabled} onChange={() => run(toggleRule, { ruleId: id })} title="enabled" data-testid="rule-enabled" />
        <button className="rp-name" onClick={() => run(selectRule, { ruleId: id })} title="Show as brushes / edit">{ruleLabel({ id, name })}</button>
        <span className="rp-target" data-testid="rule-class">⇒ {target}</span>
        <span className="spacer" />
        <button className="icon" onClick={() => run(moveRule, { ruleId: id, delta: -1 })} disabled={k === 0} aria-label="Raise priority" title="Raise priority">↑</button>
        <button className="icon" onClick={() => run(moveRule, { ruleId: id, delta: 1 })} disabled={last} aria-label="Lower priority" title="Lower priority">↓</button>
        <button className="icon" onClick={() => run(deleteRule, { ruleId: id })} aria-label="Delete rule" title="Delete" data-testid="rule-delete">✕</button>
      </div>
      <code className="rp-cond" title={text}>{text}</code>
      {stat ? (
        <div className="rp-stats small">
          {stat.error ? <span className="warn-text">{stat.error}</span> : (
            <>
              <span title="rows the condition matches">covers <strong data-testid="rule-coverage">{stat.coverage.toLocaleString('en-US')}</strong> ({pct(stat.coverage / Math.max(1, n))})</span>
              <span title="rows this rule decides (first match)">wins {stat.wins.toLocaleString('en-US')}</span>
              {stat.precision !== undefined ? <span title="covered rows whose label is the target">prec <strong data-testid="rule-precision">{pct(stat.precision)}</strong></span> : null}
              {stat.recall !== undefined ? <span title="rows of the target class this rule covers">rec {pct(stat.recall)}</span> : null}
              <span title="covered rows also covered by another enabled rule" className={stat.overlaps ? '' : 'muted'}>overlap {stat.overlaps.toLocaleString('en-US')}</span>
              <span title="covered rows also covered by a rule for another class" className={stat.conflicts ? 'warn-text' : 'muted'}>conflict {stat.conflicts.toLocaleString('en-US')}</span>
            </>
          )}
        </div>
      ) : null}
    </li>
  );
}
