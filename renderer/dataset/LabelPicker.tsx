/**
 * "Score against …": the label column, or none. Shown wherever a label matters (Schema, Rules,
 * Teach, Compare); while it is still the app's guess it says so, and why.
 */
import { useMemo } from 'react';
import { appStore } from '../store/app.ts';
import { projectStore } from '../project/store.ts';
import { run } from '../actions/registry.ts';
import { chooseLabel, labelCandidates } from './label-actions.ts';

const NONE = '\u0000none';

export function LabelPicker({ prefix = 'label column', testId = 'label-picker' }: { prefix?: string; testId?: string }) {
  const dataset = appStore.use((s) => s.dataset);
  const label = projectStore.use((s) => s.doc.label);
  const candidates = useMemo(() => (dataset ? labelCandidates(dataset.table) : []), [dataset]);
  if (!dataset) return null;
  const options = label.column && !candidates.includes(label.column) ? [label.column, ...candidates] : candidates;
  const reason = dataset.schema.labelGuess?.reason;
  return (
    <label className="label-picker" title={label.guessed && reason ? `Guessed: ${reason}. Choose another, or none.` : 'The class column rules and models are scored against'}>
      {prefix}{' '}
      <select value={label.column ?? NONE} onChange={(e) => run(chooseLabel, { column: e.target.value === NONE ? null : e.target.value })} data-testid={testId}>
        <option value={NONE}>none</option>
        {options.map((c) => <option key={c} value={c}>{c}</option>)}
      </select>
      {label.guessed && label.column ? <span className="badge" data-testid={`${testId}-guessed`}>guessed</span> : null}
    </label>
  );
}
