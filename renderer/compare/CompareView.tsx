/**
 * The Compare tab: what does the model add over the rules a person wrote, and where? Rules,
 * model and hybrid side by side (each on the rows it may be scored on), the model's PR curve
 * with the rules as points and a threshold slider, the sentence that sums it up, where they
 * agree and disagree (click a cell for its rows), and what each adds over the other.
 */
import { appStore } from '../store/app.ts';
import { projectStore } from '../project/store.ts';
import { modelStore } from '../model/model-store.ts';
import { run } from '../actions/registry.ts';
import { LabelPicker } from '../dataset/LabelPicker.tsx';
import { showView } from '../dataset/actions.ts';
import { compareStore } from './compare-store.ts';
import { setModel, setPositive, setReference, setThreshold } from './actions.ts';
import { tableModelStore, trainTableModel } from './table-model.ts';
import { ModelChoice } from './ModelChoice.tsx';
import { useComparison, usePreparedModel, useReference } from './use-comparison.ts';
import { SideBySide } from './SideBySide.tsx';
import { PrChart } from './PrChart.tsx';
import { AddsList, AgreementTable } from './Agreement.tsx';
import { PickedRows } from './PickedRows.tsx';
import './compare.css';

export function CompareView() {
  const d = appStore.use((s) => s.dataset);
  const doc = projectStore.use((s) => s.doc);
  const teach = modelStore.use((s) => s.predictions);
  const table = tableModelStore.use((s) => s.model);
  const state = compareStore.use((s) => s);
  // Compare's own model answers the label column it was trained on; the Teach head answers your labels.
  const tableFits = table !== null && state.reference === 'label' && table.label === doc.label.column;
  const useTable = tableFits && (state.model !== 'teach' || !teach);
  const predictions = useTable ? table.predictions : teach;
  const ref = useReference(d, doc, state.reference);
  const reference = 'reference' in ref ? ref.reference : null;
  const { model, error: modelError } = usePreparedModel(reference, predictions, state.positive);
  const c = useComparison(d, reference, model, doc.rules, state.positive, state.threshold);
  if (!d) return null;
  const comparison = 'message' in c ? null : c;
  const positiveName = comparison && comparison.positive !== null ? comparison.classes[comparison.positive] : null;
  return (
    <div className="compare-view" data-testid="compare-view">
      <div className="cmp-controls">
        <div className="seg" role="radiogroup" aria-label="Measured against">
          <span className="muted small">measured against</span>
          <button className={state.reference === 'label' ? 'on' : ''} onClick={() => run(setReference, 'label')} data-testid="cmp-ref-label">a label column</button>
          <button className={state.reference === 'labels' ? 'on' : ''} onClick={() => run(setReference, 'labels')} data-testid="cmp-ref-labels">your labels</button>
        </div>
        {state.reference === 'label' ? <LabelPicker prefix="" testId="compare-label-picker" /> : null}
        {comparison ? (
          <label>positive class{' '}
            <select value={state.positive ?? ''} onChange={(e) => run(setPositive, e.target.value || null)} data-testid="cmp-positive">
              <option value="">{positiveName ? `${positiveName} (rarest)` : 'rarest'}</option>
              {comparison.classes.map((cl) => <option key={cl} value={cl}>{cl}</option>)}
            </select>
          </label>
        ) : null}
        <ModelChoice predictions={predictions} scored={comparison?.model ? comparison.rows.count : 0} canTrain={state.reference === 'label' && doc.label.column !== null}
          both={tableFits && teach !== null} usingTable={useTable} onChoose={(m) => run(setModel, m)} onTrain={() => run(trainTableModel)} onTeach={() => run(showView, 'map')} />
      </div>
      {'message' in ref ? <p className="cmp-empty" data-testid="compare-empty">{ref.message}</p> : null}
      {'message' in c && c.message ? <p className="warn-text">{c.message}</p> : null}
      {modelError ? <p className="warn-text" data-testid="compare-model-error">The model cannot be compared: {modelError}</p> : null}
      {comparison ? (
        <>
          {comparison.notes.map((n) => <p key={n} className="muted small cmp-note">{n}</p>)}
          {comparison.headline ? <p className="cmp-headline" data-testid="compare-headline">{comparison.headline.text}</p> : null}
          <SideBySide c={comparison} />
          <div className="cmp-row">
            {model?.pr ? (
              <section className="cmp-curve">
                <PrChart model={model} c={comparison} />
                <label className="cmp-threshold small">
                  threshold on {positiveName}: <strong data-testid="cmp-threshold-value">{state.threshold === null ? 'argmax' : state.threshold.toFixed(2)}</strong>
                  <input type="range" min={0} max={1} step={0.01} value={state.threshold ?? 0.5} onChange={(e) => run(setThreshold, Number(e.target.value))} data-testid="cmp-threshold" />
                  {state.threshold !== null ? <button className="link" onClick={() => run(setThreshold, null)}>argmax</button> : null}
                </label>
                <p className="muted small">AP {model.pr.averagePrecision?.toFixed(3) ?? '–'} · ROC AUC {model.roc?.auc?.toFixed(3) ?? '–'} · on {model.evalRows.description}</p>
              </section>
            ) : null}
            <section>
              <AgreementTable c={comparison} picked={state.picked?.cell} />
              <AddsList c={comparison} picked={state.picked?.group} />
            </section>
          </div>
          {state.picked && reference ? <PickedRows d={d} c={comparison} reference={reference} rows={state.picked.rows} what={state.picked.what} /> : null}
        </>
      ) : null}
    </div>
  );
}
