/**
 * Export…: what leaves the app, said plainly. A classifier bundle (rules, a model, or the
 * hybrid) with its measured figures and the exact command that runs it; or the table with the
 * user's labels and both predictions. After an export: the files written and that command.
 */
import { useState } from 'react';
import { run } from '../actions/registry.ts';
import { projectStore } from '../project/store.ts';
import { tableModelStore } from '../compare/table-model.ts';
import { modelStore } from '../model/model-store.ts';
import { teachStore } from '../model/teach-store.ts';
import type { BundleKind } from '../../ml/export/manifest.ts';
import { closeExport, exportBundle, exportLabels, type ModelSource } from './actions.ts';
import { exportStore } from './export-store.ts';

const KINDS: { kind: BundleKind; title: string; about: string }[] = [
  { kind: 'rules', title: 'Rules', about: 'your rules as a classifier (rules.txt, rules.json, SQL)' },
  { kind: 'model', title: 'Model', about: 'the trained model alone (TensorFlow.js layers format)' },
  { kind: 'hybrid', title: 'Hybrid', about: 'rules first; the model decides the rows no rule covers' },
];

export function ExportDialog() {
  const st = exportStore.use((s) => s);
  const rules = projectStore.use((s) => s.doc.rules.rules.length);
  const labelled = projectStore.use((s) => s.doc.labels?.assigned.length ?? 0);
  const table = tableModelStore.use((s) => s.model);
  const teach = teachStore.use((s) => s.last);
  const predictions = modelStore.use((s) => s.predictions);
  // null = what there is: rules if any, the table model if trained (the dialog stays mounted while closed).
  const [kindChoice, setKind] = useState<BundleKind | null>(null);
  const [sourceChoice, setSource] = useState<ModelSource | null>(null);
  if (!st.open) return null;
  const kind = kindChoice ?? (rules > 0 ? 'rules' : 'model');
  const source = sourceChoice ?? (table || !teach ? 'table' : 'teach');
  const hasModel = source === 'table' ? table !== null : teach !== null;
  const missing = kind !== 'model' && rules === 0 ? 'There are no rules yet: make some on the Rules tab.'
    : kind !== 'rules' && !hasModel ? (source === 'table' ? 'No model on the columns yet: train one on Compare.' : 'No Teach model yet: train one in the Teach panel.') : null;
  return (
    <div className="modal-overlay" role="dialog" aria-label="Export" data-testid="export-dialog" onClick={(e) => { if (e.target === e.currentTarget) void run(closeExport); }}>
      <div className="modal-card export-card">
        <h2>Export</h2>
        <h3>A classifier that runs without the app</h3>
        <div className="export-kinds" role="radiogroup" aria-label="What to export">
          {KINDS.map((k) => (
            <label key={k.kind} className={kind === k.kind ? 'on' : ''}>
              <input type="radio" name="export-kind" checked={kind === k.kind} onChange={() => setKind(k.kind)} data-testid={`export-kind-${k.kind}`} />
              <strong>{k.title}</strong> <span className="muted small">{k.about}</span>
            </label>
          ))}
        </div>
        {kind !== 'rules' ? (
          <label className="small">model{' '}
            <select value={source} onChange={(e) => setSource(e.target.value === 'table' ? 'table' : 'teach')} data-testid="export-model-source">
              <option value="table">on the table's columns{table ? ` → ${table.label}` : ' (not trained yet)'}</option>
              <option value="teach">the Teach head{teach ? ` on ${teach.embeddingTitle}` : ' (not trained yet)'}</option>
            </select>
          </label>
        ) : null}
        {missing ? <p className="warn-text small">{missing}</p> : null}
        <div className="modal-actions">
          <button className="primary" disabled={missing !== null || st.busy !== null} onClick={() => run(exportBundle, { kind, model: source })} data-testid="export-bundle">Export {kind} bundle</button>
        </div>
        <h3>Your labels and the predictions</h3>
        <p className="muted small">Every original column, then your label ({labelled.toLocaleString()} labelled), the rules' prediction and rule, and {predictions || table ? "the model's prediction and confidence" : 'no model yet'}.</p>
        <div className="modal-actions">
          {(['csv', 'jsonl', 'parquet'] as const).map((f) => (
            <button key={f} disabled={st.busy !== null} onClick={() => run(exportLabels, { format: f })} data-testid={`export-labels-${f}`}>{f === 'jsonl' ? 'JSON lines' : f.toUpperCase()}</button>
          ))}
        </div>
        {st.busy ? <p className="muted small" data-testid="export-busy">{st.busy}</p> : null}
        {st.error ? <p className="warn-text small" data-testid="export-error">{st.error}</p> : null}
        {st.bundle ? (
          <div className="export-result" data-testid="export-result">
            <p className="small">{st.bundle.folder ? <>Written to <code>{st.bundle.folder}</code></> : <>Downloaded <code>{st.bundle.fileName}</code></>}: {st.bundle.files.length} files.</p>
            <p className="small">Run it on a data file:</p>
            <code className="export-command" data-testid="export-command">{st.bundle.command}</code>
          </div>
        ) : null}
        {st.labels ? <p className="small" data-testid="export-labels-result">{st.labels.path ? <>Written to <code>{st.labels.path}</code></> : <>Downloaded <code>{st.labels.fileName}</code></>}</p> : null}
        <div className="modal-actions"><button onClick={() => run(closeExport)} data-testid="export-close">Close</button></div>
      </div>
    </div>
  );
}
