/**
 * Which model Compare scores, and how to get one: "Train a model on the columns → <label>"
 * (held-out rows only), or the Teach head trained on the user's labels on the map.
 */
import type { Predictions } from '../model/model-store.ts';
import { projectStore } from '../project/store.ts';
import { tableModelStore } from './table-model.ts';

type Props = {
  predictions: Predictions | null;
  /** Rows the model is scored on: they have a reference label and it did not train on them. */
  scored: number;
  canTrain: boolean;
  /** Both models exist for this reference: the user picks. */
  both: boolean;
  usingTable: boolean;
  onChoose: (m: 'table' | 'teach') => void;
  onTrain: () => void;
  onTeach: () => void;
};

export function ModelChoice(p: Props) {
  const label = projectStore.use((s) => s.doc.label.column);
  const { training, error } = tableModelStore.use((s) => s);
  return (
    <span className="cmp-model small">
      {p.both ? (
        <select value={p.usingTable ? 'table' : 'teach'} onChange={(e) => p.onChoose(e.target.value === 'table' ? 'table' : 'teach')} data-testid="cmp-model-choice">
          <option value="table">model on the columns</option>
          <option value="teach">Teach head</option>
        </select>
      ) : null}{' '}
      <span data-testid="cmp-model">
        {p.predictions ? <>model: trained on {p.predictions.source} · {p.scored > 0 ? `scored on ${p.scored.toLocaleString()} labelled row${p.scored === 1 ? '' : 's'} it did not train on` : 'no labelled row it did not train on yet'}</>
          : <>no model yet{p.canTrain ? ' —' : <> — <button className="link" onClick={p.onTeach}>train one in the Teach panel</button></>}</>}
      </span>{' '}
      {p.canTrain && label ? (
        <button onClick={p.onTrain} disabled={training} data-testid="compare-train-model"
          title="A dense head on the table's columns (never the label or a not-a-feature column); a stratified fifth of the labelled rows is held out and only those are scored">
          {training ? 'training…' : p.usingTable ? `Retrain on the columns → ${label}` : `Train a model on the columns → ${label}`}
        </button>
      ) : null}
      {error ? <span className="warn-text" data-testid="compare-train-error"> Training failed: {error}</span> : null}
    </span>
  );
}
