/**
 * The class list: one button per class (colour, name, key, count) that labels the selection;
 * unlabel; add and rename classes; and, for data with a ground-truth column, "use its classes".
 */
import { useMemo, useState } from 'react';
import { appStore } from '../store/app.ts';
import { projectStore } from '../project/store.ts';
import { mapStore } from '../map/map-store.ts';
import { useClassColours } from '../classes/use-class-colours.ts';
import { run } from '../actions/registry.ts';
import { actionState } from '../actions/state.ts';
import { addClass, classCounts, columnClasses, labelRows, renameClass, UNLABELLED, adoptColumnClasses } from './labels.ts';
import './labels.css';

function ClassRow({ index, name, count, canLabel }: { index: number; name: string; count: number; canLabel: boolean }) {
  const colourOf = useClassColours();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(name);
  const finish = (save: boolean) => {
    if (save) run(renameClass, { index, name: draft });
    setEditing(false);
  };
  return (
    <li className="class-row" data-testid="class-row">
      {editing ? (
        <input
          autoFocus
          className="class-rename"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={() => finish(true)}
          onKeyDown={(e) => { if (e.key === 'Enter') finish(true); if (e.key === 'Escape') finish(false); }}
          data-testid="class-rename"
        />
      ) : (
        <button
          className="class-button"
          disabled={!canLabel}
          title={canLabel ? `Label the selection "${name}"${index < 9 ? ` (key ${index + 1})` : ''}` : 'Select items on the map first'}
          onClick={() => run(labelRows, { rows: actionState.map.selection, classIndex: index })}
          data-testid={`label-class-${index}`}
        >
          <span className="cswatch" style={{ background: colourOf(name) }} data-testid={`class-swatch-${index}`} />
          <span className="class-name">{name}</span>
          {index < 9 ? <kbd>{index + 1}</kbd> : null}
        </button>
      )}
      <span className="class-count" data-testid={`class-count-${index}`}>{count.toLocaleString()}</span>
      <button className="map-icon" title="Rename" onClick={() => { setDraft(name); setEditing(true); }} aria-label={`Rename ${name}`}>✎</button>
    </li>
  );
}

export function LabelsPanel() {
  const dataset = appStore.use((s) => s.dataset);
  const labels = projectStore.use((s) => s.doc.labels);
  const selection = mapStore.use((s) => s.selection);
  const truth = projectStore.use((s) => s.doc.label.column);
  const [draft, setDraft] = useState('');
  const n = dataset?.table.n ?? 0;
  const counts = useMemo(() => classCounts(labels, n), [labels, n]);
  if (!dataset) return null;
  const classes = labels?.classes ?? [];
  const truthClasses = truth ? columnClasses({ dataset }, truth) : null;
  const missingTruth = truthClasses ? truthClasses.filter((c) => !classes.includes(c)) : [];
  const canLabel = selection.length > 0;
  const labelled = n - counts.unlabelled;

  const add = () => {
    run(addClass, { name: draft });
    if (projectStore.get().doc.labels?.classes.includes(draft.trim())) setDraft('');
  };

  return (
    <section className="side-panel labels-panel" data-testid="labels-panel">
      <header className="side-panel-head">
        <h3>Classes</h3>
        <span className="muted small" data-testid="labelled-count">{labelled.toLocaleString()} of {n.toLocaleString()} labelled</span>
      </header>
      {classes.length === 0 ? <p className="muted small map-hint-text">Create the classes you want to teach, then lasso items on the map and click a class (or press its number).</p> : null}
      <ul className="class-list">
        {classes.map((c, i) => <ClassRow key={`${i}:${c}`} index={i} name={c} count={counts.perClass[i] ?? 0} canLabel={canLabel} />)}
      </ul>
      {classes.length > 0 ? (
        <button className="unlabel" disabled={!canLabel} onClick={() => run(labelRows, { rows: actionState.map.selection, classIndex: UNLABELLED })} data-testid="unlabel">
          Remove labels <kbd>0</kbd>
        </button>
      ) : null}
      <form className="add-class" onSubmit={(e) => { e.preventDefault(); add(); }}>
        <input value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="New class name" data-testid="new-class" />
        <button type="submit" disabled={!draft.trim()} data-testid="add-class">Add class</button>
      </form>
      {truth && missingTruth.length > 0 ? (
        <button className="use-truth" onClick={() => run(adoptColumnClasses, { column: truth })} data-testid="use-truth-classes">
          Use the classes of column <code>{truth}</code> ({missingTruth.slice(0, 3).join(', ')}{missingTruth.length > 3 ? ', …' : ''})
        </button>
      ) : null}
    </section>
  );
}
