/** The start screen's recent projects: name, dataset, labels, when last opened; Open project… by dialog or path. */
import { useEffect, useState } from 'react';
import type { RecentProject } from '../../ml/api.ts';
import { api, isDesktop } from '../api/client.ts';
import { run } from '../actions/registry.ts';
import { openProjectAt, openProjectDialog } from '../project/actions.ts';

const ago = (iso: string) => {
  const s = (Date.now() - Date.parse(iso)) / 1000;
  if (!(s >= 0)) return '';
  if (s < 90) return 'just now';
  if (s < 5400) return `${Math.round(s / 60)} min ago`;
  if (s < 129600) return `${Math.round(s / 3600)} h ago`;
  return new Date(iso).toLocaleDateString();
};

export function RecentProjects() {
  const [recents, setRecents] = useState<{ projects: RecentProject[]; defaultFolder: string } | null>(null);
  const [path, setPath] = useState('');
  useEffect(() => { void api.listRecentProjects().then(setRecents, () => setRecents({ projects: [], defaultFolder: '' })); }, []);
  return (
    <section className="recents" data-testid="recent-projects">
      <h2>Recent projects</h2>
      {recents && recents.projects.length === 0 ? <p className="muted small">None yet: open a file or a demo — your work on it is saved as a project as you go.</p> : null}
      <ul>
        {recents?.projects.slice(0, 12).map((p) => (
          <li key={p.path}>
            <button className="recent" disabled={p.missing} onClick={() => run(openProjectAt, { path: p.path })} title={p.path} data-testid="recent-project">
              <strong>{p.name}</strong>
              <span className="muted small">{p.dataset}{p.rows ? ` · ${p.rows.toLocaleString()} rows` : ''} · {p.labelled.toLocaleString()} labelled · {p.missing ? 'moved or deleted' : ago(p.lastOpened)}</span>
            </button>
          </li>
        ))}
      </ul>
      <div className="recents-open">
        {isDesktop ? <button onClick={() => run(openProjectDialog)}>Open project…</button> : (
          <form onSubmit={(e) => { e.preventDefault(); if (path.trim()) void run(openProjectAt, { path: path.trim() }); }}>
            <input value={path} onChange={(e) => setPath(e.target.value)} placeholder={`Open project: path to a .mtproj folder${recents?.defaultFolder ? ` (e.g. in ${recents.defaultFolder})` : ''}`} size={60} data-testid="open-project-path" />
            <button type="submit" disabled={!path.trim()}>Open project</button>
          </form>
        )}
      </div>
    </section>
  );
}
