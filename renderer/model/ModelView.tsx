/**
 * The Model tab: the detail behind the teach panel's summary — what the head was trained on
 * and how, its scores per class, the confusion matrix, the training history, the backend.
 */
import { useMemo } from 'react';
import { classReport, cell, type ClassReport } from '../../ml/metrics/confusion.ts';
import { appStore } from '../store/app.ts';
import { useClassColours } from '../classes/use-class-colours.ts';
import { CurvesChart, pct } from './CurvesChart.tsx';
import { accuracySentence } from '../../ml/metrics/interval.ts';
import { teachStore, type RunSummary } from './teach-store.ts';
import './teach.css';

export function ModelView() {
  const last = teachStore.use((s) => s.last);
  if (!last) {
    return (
      <div className="model-view" data-testid="model-view">
        <p className="muted">No model yet. Label at least 5 items in 2 classes on the map (or pick a ground-truth column in the teach panel), then press <kbd>R</kbd> to train.</p>
      </div>
    );
  }
  return <ModelDetail last={last} />;
}

function ModelDetail({ last }: { last: RunSummary }) {
  const report = useMemo(() => classReport(last.evalTruth, last.evalPred, last.trainClasses), [last]);
  const dataset = appStore.use((s) => s.dataset);
  const source = last.source.kind === 'column' ? <>column <code>{last.source.column}</code> (80/20 train/test split)</> : 'your labels';
  return (
    <div className="model-view" data-testid="model-view">
      <section className="model-card">
        <h3>Dense head · run {last.run}</h3>
        <dl className="model-facts">
          <dt>{last.heldOutLabel}</dt><dd className="big" data-testid="model-acc">{pct(last.heldOutAcc)}{last.heldOutN && last.heldOutAcc !== null ? <span className="small muted"> {accuracySentence(Math.round(last.heldOutAcc * last.heldOutN), last.heldOutN)}</span> : null}</dd>
          <dt>learned from</dt><dd>{source} · {last.trainCounts.reduce((a, b) => a + b, 0).toLocaleString()} items</dd>
          <dt>features</dt><dd>{last.embeddingTitle}</dd>
          <dt>network</dt><dd>Dense({last.hidden}, relu) → dropout → Dense({last.trainClasses.length}, softmax)</dd>
          <dt>backend</dt><dd data-testid="model-backend">{last.backend}</dd>
          <dt>time</dt><dd>{(last.trainMs / 1000).toFixed(2)} s training + scoring {dataset ? `${dataset.table.n.toLocaleString()} items` : ''}; {(last.totalMs / 1000).toFixed(2)} s until on screen</dd>
        </dl>
      </section>
      <section className="model-card">
        <h3>Per class <span className="muted small">on {last.evalOn}</span></h3>
        <PerClass report={report} trainCounts={last.trainCounts} />
      </section>
      <section className="model-card">
        <h3>Confusion <span className="muted small">rows: truth · columns: model</span></h3>
        <Confusion report={report} classes={last.trainClasses} />
      </section>
      <section className="model-card">
        <h3>Training history <span className="muted small">validation decides the epochs; the model is then refit on all labels</span></h3>
        {last.history.length ? <CurvesChart points={last.history} totalEpochs={last.history.length} height={170} /> : <p className="muted">No validation curve (too few labels to hold any out).</p>}
      </section>
    </div>
  );
}

const f = (v: number | null) => (v === null ? '–' : v.toFixed(2));

function PerClass({ report, trainCounts }: { report: ClassReport; trainCounts: number[] }) {
  const colourOf = useClassColours();
  return (
    <table className="grid" data-testid="model-per-class">
      <thead><tr><th>class</th><th>trained on</th><th>precision</th><th>recall</th><th>F1</th><th>support</th></tr></thead>
      <tbody>
        {report.perClass.map((m, i) => (
          <tr key={m.name}>
            <td><span className="dot" style={{ background: colourOf(m.name) }} /> {m.name}</td>
            <td>{trainCounts[i].toLocaleString()}</td><td>{f(m.precision)}</td><td>{f(m.recall)}</td><td>{f(m.f1)}</td><td>{m.support.toLocaleString()}</td>
          </tr>
        ))}
        <tr className="total"><td>overall</td><td /><td colSpan={2}>accuracy {pct(report.accuracy)}</td><td>{f(report.macroF1)} <span className="muted small">macro</span></td><td>{report.n.toLocaleString()}</td></tr>
      </tbody>
    </table>
  );
}

function Confusion({ report, classes }: { report: ClassReport; classes: string[] }) {
  const k = classes.length;
  let max = 1;
  for (let t = 0; t < k; t++) for (let p = 0; p < k; p++) max = Math.max(max, cell(report.confusion, t, p));
  return (
    <table className="confusion" data-testid="model-confusion">
      <thead><tr><th />{classes.map((c) => <th key={c} title={c}>{c}</th>)}</tr></thead>
      <tbody>
        {classes.map((c, t) => (
          <tr key={c}>
            <th>{c}</th>
            {classes.map((_, p) => {
              const v = cell(report.confusion, t, p);
              const a = v / max;
              return <td key={p} className={t === p ? 'diag' : ''} style={{ background: `rgba(${t === p ? '59,91,219' : '201,42,42'},${(0.08 + 0.72 * a).toFixed(2)})`, color: a > 0.55 ? 'white' : undefined }}>{v.toLocaleString()}</td>;
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
