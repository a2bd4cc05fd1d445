/**
 * The teach panel beside the map: what the model trains on, Train / Retrain (R), live
 * curves, Cancel, what it predicts, re-projection, and the "what to label next" queues.
 * Each part reads only its own store slice, so a new epoch redraws the curve, not the panel.
 */
import { useEffect, useMemo } from 'react';
import { appStore } from '../store/app.ts';
import { projectStore } from '../project/store.ts';
import { useClassColours } from '../classes/use-class-colours.ts';
import { CurvesChart, pct } from './CurvesChart.tsx';
import { labelsFingerprint } from '../../ml/project/label-delta.ts';
import { accuracySentence } from '../../ml/metrics/interval.ts';
import { QueueSection } from './QueueSection.tsx';
import { modelStore } from './model-store.ts';
import { teachStore } from './teach-store.ts';
import { groundTruthColumns, planRun, queryBackend } from './train-run.ts';
import { cancelTrain, changeSettings, reprojectMap, resetSettings, selectPredicted, setSource, trainModel } from './actions.ts';
import { describeFeatures } from './features.ts';
import { HEAD_HIDDEN_ID, useMapEmbeddingId } from './map-link.ts';
import { run } from '../actions/registry.ts';
import './teach.css';

export function TeachPanel() {
  const dataset = appStore.use((s) => s.dataset);
  useEffect(() => { if (dataset) void queryBackend(); }, [dataset]);
  if (!dataset) return null;
  return (
    <section className="teach" data-testid="teach-panel" aria-label="Teach a model">
      <TeachHeader />
      <SourceChooser />
      <TrainControls />
      <Settings />
      <LiveCurves />
      <Summary />
      <QueueSection />
    </section>
  );
}

function TeachHeader() {
  const backend = teachStore.use((s) => s.backend);
  return (
    <header className="teach-head">
      <h3>Teach a model</h3>
      <span className={`backend-chip ${backend ? '' : 'pending'}`} data-testid="teach-backend" title="TensorFlow.js backend the head trains on">
        {backend ?? 'starting TensorFlow.js…'}
      </span>
    </header>
  );
}

function SourceChooser() {
  const dataset = appStore.use((s) => s.dataset)!;
  const source = teachStore.use((s) => s.source);
  const mapEmbedding = useMapEmbeddingId();
  const features = useMemo(() => describeFeatures(dataset, mapEmbedding), [dataset, mapEmbedding]);
  const columns = useMemo(() => groundTruthColumns(), [dataset]);
  return (
    <div className="teach-source">
      <p className="small" data-testid="teach-features">
        Trains on <strong>{features.title}</strong>{features.note ? <span className="muted"> — {features.note}</span> : null}
      </p>
      {columns.length ? (
        <div className="seg" role="radiogroup" aria-label="Learn from">
          <button role="radio" aria-checked={source.kind === 'labels'} className={source.kind === 'labels' ? 'on' : ''} onClick={() => run(setSource, { kind: 'labels' })} data-testid="teach-source-labels">your labels</button>
          {columns.map((c) => (
            <button key={c} role="radio" aria-checked={source.kind === 'column' && source.column === c} className={source.kind === 'column' && source.column === c ? 'on' : ''}
              onClick={() => run(setSource, { kind: 'column', column: c })} data-testid={`teach-source-column-${c}`} title="80/20 train/test split of the column, to compare with your rules">
              column <code>{c}</code>
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}

function TrainControls() {
  const labels = projectStore.use((s) => s.doc.labels);
  const source = teachStore.use((s) => s.source);
  const status = teachStore.use((s) => s.status);
  const progress = teachStore.use((s) => s.progress);
  const error = teachStore.use((s) => s.error);
  const hasModel = modelStore.use((s) => s.predictions !== null);
  // Recomputed when labels change: one pass over a dense column, cheap next to a redraw.
  const plan = useMemo(() => planRun(source), [labels, source]);
  const training = status === 'training';
  return (
    <div className="teach-controls">
      <div className="row">
        <button className="primary train-btn" disabled={training || !plan.ok} onClick={() => run(trainModel)} data-testid="teach-train">
          {hasModel ? 'Retrain' : 'Train'} <kbd>R</kbd>
        </button>
        {training ? <button onClick={() => run(cancelTrain)} data-testid="teach-cancel">Cancel</button> : null}
        {plan.ok ? (
          <span className="small muted" data-testid="teach-plan">{plan.set.rows.length.toLocaleString()} items · {plan.set.classes.length} classes</span>
        ) : null}
      </div>
      {!plan.ok ? <p className="teach-missing" data-testid="teach-missing">{plan.message}</p> : null}
      {training ? <p className="small muted" role="status" data-testid="teach-progress">{progress ?? 'Starting…'}</p> : null}
      {status === 'cancelled' ? <p className="small muted">Cancelled — the previous model is kept.</p> : null}
      {error ? <p className="teach-error" role="alert">Training failed: {error}</p> : null}
    </div>
  );
}

function Settings() {
  const s = projectStore.use((p) => p.doc.teach);
  const num = (key: 'hidden' | 'epochs' | 'learningRate' | 'dropout', min: number, max: number, step: number) => (
    <input type="number" min={min} max={max} step={step} value={s[key]} data-testid={`teach-${key}`}
      onChange={(e) => { const v = Number(e.target.value); if (Number.isFinite(v) && v >= min && v <= max) run(changeSettings, { [key]: v }); }} />
  );
  return (
    <details className="teach-settings">
      <summary>Settings <span className="muted small">hidden {s.hidden} · {s.epochs} epochs · lr {s.learningRate}</span></summary>
      <div className="grid2">
        <label>Hidden units {num('hidden', 2, 512, 1)}</label>
        <label>Max epochs {num('epochs', 1, 300, 1)}</label>
        <label>Learning rate {num('learningRate', 0.00001, 1, 0.0005)}</label>
        <label>Dropout {num('dropout', 0, 0.9, 0.05)}</label>
      </div>
      <p className="small muted">Dense({s.hidden}, relu) → dropout → softmax on the frozen features; balanced class weights; early stopping on a validation split, then refit on all labels.</p>
      <button className="link" onClick={() => run(resetSettings)}>Reset to defaults</button>
    </details>
  );
}

function LiveCurves() {
  const curve = teachStore.use((s) => s.curve);
  const total = teachStore.use((s) => s.totalEpochs);
  const status = teachStore.use((s) => s.status);
  if (curve.length === 0 && status !== 'training') return null;
  return <CurvesChart points={curve} totalEpochs={total} />;
}

/** Where the model on screen comes from: this session, or the project (when, on how many labels) — and whether it is stale. */
function Provenance() {
  const last = teachStore.use((s) => s.last);
  const restored = teachStore.use((s) => s.restored);
  const trainedOn = teachStore.use((s) => s.trainedOn);
  const labels = projectStore.use((s) => s.doc.labels);
  const stale = useMemo(() => last?.source.kind === 'labels' && trainedOn !== null && trainedOn !== labelsFingerprint(labels), [last, trainedOn, labels]);
  const mapId = useMapEmbeddingId();
  const otherEmbedding = !!last && mapId !== null && mapId !== last.embeddingId && mapId !== HEAD_HIDDEN_ID;
  if (!last) return null;
  const n = last.trainCounts.reduce((a, b) => a + b, 0);
  const when = new Date(last.finishedAt).toLocaleString();
  return (
    <div className="teach-provenance small" data-testid="teach-provenance" data-stale={stale ? '1' : '0'}>
      {restored ? <>Model from {when}, trained on {n.toLocaleString()} {last.source.kind === 'labels' ? 'labels' : `rows of ${last.source.column}`}</> : <>Trained on {n.toLocaleString()} {last.source.kind === 'labels' ? 'labels' : 'rows'}</>}
      {restored?.missing ? <span className="warn-text"> — it cannot score now: {restored.missing}. Retrain.</span> : null}
      {stale ? <span className="warn-text" data-testid="teach-stale"> — your labels changed since: retrain (R) to use them.</span> : null}
      {otherEmbedding ? <div className="warn-text" data-testid="teach-other-embedding">The predictions come from a model trained on {last.embeddingTitle}; the map now shows another embedding — retrain (R) to train on it.</div> : null}
    </div>
  );
}

function Summary() {
  const last = teachStore.use((s) => s.last);
  const projected = teachStore.use((s) => s.projectedRun);
  const runs = teachStore.use((s) => s.runs);
  const showsHidden = useMapEmbeddingId() === HEAD_HIDDEN_ID;
  const colourOf = useClassColours();
  if (!last) return null;
  const secs = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  return (
    <div className="teach-summary" data-testid="teach-summary">
      <Provenance />
      <p>
        <span className="big" data-testid="teach-acc">{pct(last.heldOutAcc)}</span> <span className="muted small">{last.heldOutLabel}</span>
        {last.heldOutN && last.heldOutAcc !== null ? <span className="small muted" data-testid="teach-acc-interval"> — {accuracySentence(Math.round(last.heldOutAcc * last.heldOutN), last.heldOutN)}</span> : null}
      </p>
      <p className="small muted" data-testid="teach-timing">Run {last.run} · {last.backend} · trained in {secs(last.trainMs)} · on screen {secs(last.totalMs)} after you asked</p>
      <ul className="pred-counts" aria-label="Model says">
        {last.classes.map((c, i) => (
          <li key={c}>
            <button onClick={() => run(selectPredicted, { classIndex: i })} title={`Select the items the model calls "${c}"`} data-testid={`model-says-${i}`}>
              <span className="dot" style={{ background: colourOf(c) }} />
              model says <strong>{c}</strong>
              <span className="count">{last.predictedCounts[i].toLocaleString()}</span>
            </button>
          </li>
        ))}
      </ul>
      <button onClick={() => run(reprojectMap)} data-testid="teach-reproject" title="UMAP of the head's hidden layer: the map animates to what the model sees">
        {projected && showsHidden ? (projected === runs ? 'Re-projected with the model ✓' : 'Refresh the re-projection') : 'Re-project with the model'}
      </button>
    </div>
  );
}
