/**
 * In the top bar: the open project's name (click to rename), Save as…, and whether everything
 * is saved — labels count as saved only once the backend confirmed them on disk.
 */
import { useState } from 'react';
import { projectStore } from './store.ts';
import { run } from '../actions/registry.ts';
import { renameProject, saveProjectAs } from './actions.ts';

function SaveBadge() {
  const saving = projectStore.use((s) => s.saving);
  const labels = projectStore.use((s) => s.labels);
  const access = projectStore.use((s) => s.access);
  if (access === 'read-only') return <span className="save-badge warn" data-testid="project-saved" data-state="read-only">read-only</span>;
  const state = labels.error || saving === 'error' ? 'error' : labels.pending > 0 || saving === 'pending' ? 'pending' : 'saved';
  const text = state === 'error' ? `not saved — retrying${labels.error ? ` (${labels.error})` : ''}` : state === 'pending' ? `saving${labels.pending ? ` ${labels.pending} label change${labels.pending === 1 ? '' : 's'}` : ''}…` : 'all saved';
  return <span className={`save-badge ${state}`} data-testid="project-saved" data-state={state} data-acked={labels.acked} data-pending={labels.pending}>{text}</span>;
}

export function ProjectBar() {
  const project = projectStore.use((s) => s.project);
  const [editing, setEditing] = useState<null | 'rename' | 'save-as'>(null);
  const [draft, setDraft] = useState('');
  if (!project) return null;
  const submit = () => {
    if (editing === 'rename') void run(renameProject, { name: draft });
    if (editing === 'save-as') void run(saveProjectAs, { target: draft });
    setEditing(null);
  };
  return (
    <span className="project-bar">
      {editing ? (
        <form onSubmit={(e) => { e.preventDefault(); submit(); }}>
          <input autoFocus value={draft} onChange={(e) => setDraft(e.target.value)} onBlur={() => setEditing(null)} onKeyDown={(e) => { if (e.key === 'Escape') setEditing(null); }}
            placeholder={editing === 'rename' ? 'project name' : 'new name, or a folder path'} data-testid="project-name-input" />
        </form>
      ) : (
        <button className="project-name" title={`${project.path} — click to rename`} onClick={() => { setDraft(project.name); setEditing('rename'); }} data-testid="project-name">{project.name}</button>
      )}
      <button className="project-save-as" onClick={() => { setDraft(`${project.name} copy`); setEditing('save-as'); }} title="A copy of this project, under a new name" data-testid="save-as">Save as…</button>
      <SaveBadge />
    </span>
  );
}
