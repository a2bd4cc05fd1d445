/**
 * "What to label next": pick a queue, then the current item is shown large with what the
 * model says (and how sure), and the keys that label it. The map highlights the same item.
 */
import { appStore } from '../store/app.ts';
import { projectStore } from '../project/store.ts';
import { rowClasses } from '../labels/labels.ts';
import { useClassColours } from '../classes/use-class-colours.ts';
import { run } from '../actions/registry.ts';
import { actionState } from '../actions/state.ts';
import { labelQueueItem, labelQueueNone, openQueue, queueNext, queuePrev, setQueueStrategy } from './actions.ts';
import { DEFAULT_QUEUE, QUEUE_STRATEGIES } from '../../ml/train/queues.ts';

const UNCERTAINTY = ['smallest-margin', 'least-confident', 'margin-diversity', 'entropy'] as const;
import { ItemView } from './ItemView.tsx';
import { modelStore } from './model-store.ts';
import { queueStore, QUEUE_TITLES, type QueueKind } from './queue-store.ts';
import { hasRules } from './queue-build.ts';


export function QueueSection() {
  const hasModel = modelStore.use((s) => s.predictions !== null);
  const kind = queueStore.use((s) => s.kind);
  const strategy = queueStore.use((s) => s.strategy);
  const rules = projectStore.use((s) => s.doc.rules);
  if (!hasModel) return null;
  const kinds: QueueKind[] = ['label-disagrees', ...(hasRules({ doc: { ...actionState.doc, rules } }) ? (['rules-disagree'] as const) : [])];
  return (
    <div className="teach-queues" data-testid="teach-queues">
      <h4>What to label next</h4>
      <div className="queue-buttons">
        <button className={kind === strategy ? 'on' : ''} onClick={() => run(openQueue, { kind: strategy })} data-testid="queue-uncertain" title={QUEUE_STRATEGIES[strategy].description}>Uncertain items</button>
        <select value={strategy} onChange={(e) => run(setQueueStrategy, e.target.value as typeof strategy)} aria-label="How to pick uncertain items" data-testid="queue-strategy">
          {UNCERTAINTY.map((k) => <option key={k} value={k}>{QUEUE_STRATEGIES[k].title}{k === DEFAULT_QUEUE ? ' (best measured)' : ''}</option>)}
        </select>
        {kinds.map((k) => (
          <button key={k} className={kind === k ? 'on' : ''} onClick={() => run(openQueue, { kind: k })} data-testid={`queue-${k}`}>{QUEUE_TITLES[k]}</button>
        ))}
      </div>
      {kind ? <QueueItem /> : null}
    </div>
  );
}

function QueueItem() {
  const dataset = appStore.use((s) => s.dataset)!;
  const { kind, rows, pos, labelled } = queueStore.use((s) => s);
  const predictions = modelStore.use((s) => s.predictions);
  const labels = projectStore.use((s) => s.doc.labels);
  const colourOf = useClassColours();
  if (!kind || !predictions) return null;
  if (rows.length === 0) return <p className="small muted" data-testid="queue-empty">Nothing in this queue right now.</p>;
  const row = rows[pos];
  const k = predictions.classes.length;
  const pred = predictions.predicted[row];
  const human = rowClasses(labels, dataset.table.n)[row];
  const classes = labels?.classes ?? [];
  // Top probabilities, so "unsure between shirt and T-shirt" is visible at a glance.
  const top = Array.from({ length: k }, (_, c) => ({ c, p: predictions.proba[row * k + c] })).sort((a, b) => b.p - a.p).slice(0, 3);
  return (
    <div className="queue-item" data-testid="queue-item" data-row={row}>
      <div className="queue-nav">
        <button onClick={() => run(queuePrev)} disabled={pos === 0} aria-label="Previous (K)">‹ <kbd>K</kbd></button>
        <span data-testid="queue-pos">{pos + 1} / {rows.length}</span>
        <button onClick={() => run(queueNext)} disabled={pos >= rows.length - 1} aria-label="Next (J)"><kbd>J</kbd> ›</button>
        <span className="small muted">{labelled ? `${labelled} labelled here` : `item #${row}`}</span>
      </div>
      <div className="queue-body">
        <ItemView dataset={dataset} row={row} />
        <div className="queue-says">
          <p className="small muted">Model says</p>
          {top.map(({ c, p }) => (
            <div key={c} className={`prob ${c === pred ? 'top' : ''}`}>
              <span className="dot" style={{ background: colourOf(predictions.classes[c]) }} />
              <span className="prob-name">{predictions.classes[c]}</span>
              <span className="prob-bar"><span style={{ width: `${Math.round(p * 100)}%`, background: colourOf(predictions.classes[c]) }} /></span>
              <span className="prob-val">{Math.round(p * 100)}%</span>
            </div>
          ))}
          <p className="small" data-testid="queue-human">
            {human >= 0 ? <>Your label: <strong>{classes[human]}</strong></> : <span className="muted">Not labelled yet</span>}
          </p>
        </div>
      </div>
      <div className="queue-keys" aria-label="Label with">
        {classes.slice(0, 9).map((c, i) => (
          <button key={c} onClick={() => run(labelQueueItem, { classIndex: i })} className={human === i ? 'on' : ''} data-testid={`queue-label-${i + 1}`}>
            <kbd>{i + 1}</kbd> <span className="dot" style={{ background: colourOf(c) }} />{c}
          </button>
        ))}
        <button onClick={() => run(labelQueueItem, { classIndex: -1 })} title="Remove the label"><kbd>0</kbd> unlabel</button>
        <button onClick={() => run(queueNext)} title="Leave it unlabelled and go on (J)" data-testid="queue-skip">skip <kbd>J</kbd></button>
        <button onClick={() => run(labelQueueNone)} title="Label it with a class for items outside all of yours" data-testid="queue-none">none of my classes</button>
      </div>
      <p className="small muted">J/K or arrows to move · 1–{Math.min(9, classes.length)} to label and move on · R to retrain · Esc to close</p>
    </div>
  );
}
