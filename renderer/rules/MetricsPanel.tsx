/**
 * The rule set as a classifier, scored against the label column: coverage, confusion matrix
 * with its abstain column, per-class precision / recall / F1. Recomputed on every rule edit
 * (one columnar pass per rule: milliseconds, even on 285k rows).
 */
import { useMemo } from 'react';
import { RuleClassifier } from '../../ml/classify/rule-classifier.ts';
import { classReport, labelCodes, labelValues, type ClassReport } from '../../ml/metrics/index.ts';
import type { RuleSet } from '../../ml/rules/spec.ts';
import type { Table } from '../../ml/table/types.ts';
import { projectStore } from '../project/store.ts';
import { LabelPicker } from '../dataset/LabelPicker.tsx';
import { liftFor } from '../../ml/metrics/lift.ts';

const pct = (x: number | null) => (x === null ? '–' : `${(100 * x).toFixed(1)}%`);
const num = (x: number) => x.toLocaleString('en-US');

export function evaluate(table: Table, set: RuleSet, label: string): { report: ClassReport; classes: string[] } | { error: string } {
  try {
    const classes = labelValues(table, label);
    for (const r of set.rules) if (!classes.includes(r.target)) classes.push(r.target);
    if (set.defaultClass !== null && !classes.includes(set.defaultClass)) classes.push(set.defaultClass);
    const pred = new RuleClassifier(set, { classes }).predict(table);
    return { report: classReport(labelCodes(table, label, classes), pred, classes), classes };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

export function MetricsPanel({ table, label }: { table: Table; label: string | null }) {
  const set = projectStore.use((s) => s.doc.rules);
  const result = useMemo(() => (label ? evaluate(table, set, label) : null), [table, set, label]);
  if (!label) return <div className="rp-metrics small" data-testid="metrics-none"><LabelPicker prefix="Score the rules against" testId="rules-label-picker" /> <span className="muted">— metrics need a label column.</span></div>;
  if (!result) return null;
  if ('error' in result) return <div className="rp-metrics warn-text small" data-testid="metrics-error">{result.error}</div>;
  const { report: R, classes } = result;
  const k = classes.length;
  const w = k + 1;
  return (
    <div className="rp-metrics" data-testid="metrics">
      <h3>Rule set vs <LabelPicker prefix="" testId="rules-label-picker" /></h3>
      <p className="rp-headline">
        coverage <strong data-testid="metrics-coverage">{pct(R.coverage)}</strong> <span className="muted">({num(R.covered)} of {num(R.n)} rows)</span>
        {' · '}accuracy on covered <strong>{pct(R.accuracy)}</strong>{' · '}macro F1 <strong>{R.macroF1 === null ? '–' : R.macroF1.toFixed(3)}</strong>
      </p>
      <table className="grid compact rp-confusion" data-testid="confusion">
        <thead>
          <tr><th>truth ↓ / rules →</th>{classes.map((c) => <th key={c}>{c}</th>)}<th className="abstain">abstain</th></tr>
        </thead>
        <tbody>
          {classes.slice(0, k).map((t, ti) => (
            <tr key={t}>
              <th>{t}</th>
              {Array.from({ length: w }, (_, p) => {
                const v = R.confusion.counts[ti * w + p];
                return <td key={p} className={p === ti ? 'diag' : p === k ? 'abstain' : v ? 'off' : ''}>{num(v)}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <table className="grid compact rp-report" data-testid="class-report">
        <thead><tr><th>class</th><th>precision</th><th>recall</th><th>F1</th><th>support</th><th title="share of all rows that are this class">base rate</th><th title="precision ÷ base rate: how much likelier a row the rules call this class is to be one">lift</th><th>predicted</th></tr></thead>
        <tbody>
          {R.perClass.map((c, k0) => (
            <tr key={c.name} data-testid="class-row">
              <th>{c.name}</th><td>{pct(c.precision)}</td><td>{pct(c.recall)}</td><td>{c.f1 === null ? '–' : c.f1.toFixed(3)}</td><td>{num(c.support)}</td>
              <LiftCells report={R} target={k0} /><td>{num(c.predicted)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Base rate and lift (precision ÷ base rate) of one class of the rule set. */
function LiftCells({ report, target }: { report: ClassReport; target: number }) {
  const l = liftFor(report, target);
  return (
    <>
      <td>{pct(l.baseRate)}</td>
      <td data-testid="class-lift">{l.lift === null ? '–' : `${l.lift.toFixed(1)}×`}</td>
    </>
  );
}
