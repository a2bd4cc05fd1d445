/**
 * The project is open but its data is not where it was (or cannot be read): say where it was
 * looked for and let the user locate it — a path, or a file picked in the page. The project's
 * labels, rules and layouts stay as they are meanwhile.
 */
import { useRef, useState } from 'react';
import { appStore } from '../store/app.ts';
import { projectStore } from './store.ts';
import { isDesktop, api } from '../api/client.ts';
import { run } from '../actions/registry.ts';
import { locateData } from './actions.ts';

export function DataProblemScreen() {
  const problem = appStore.use((s) => s.dataProblem);
  const project = projectStore.use((s) => s.project);
  const [path, setPath] = useState('');
  const [byPosition, setByPosition] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  if (!problem || !project) return null;
  const pickDesktop = async () => {
    const picked = await api.pickFile();
    if (picked?.path) void run(locateData, { where: { path: picked.path }, matchByPosition: byPosition });
  };
  return (
    <div className="data-problem" data-testid="data-problem">
      <h2>{project.name}</h2>
      <p className="warn-text" data-testid="data-problem-message">{problem.message}</p>
      <p className="muted">Your labels, rules and layouts are safe in the project. Point it at the data file to carry on.</p>
      <div className="data-problem-actions">
        {isDesktop ? <button className="primary" onClick={() => void pickDesktop()}>Locate…</button> : (
          <>
            <button className="primary" onClick={() => input.current?.click()} data-testid="locate-file">Locate… (pick the file)</button>
            <input ref={input} type="file" hidden data-testid="locate-input" onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void file.arrayBuffer().then((b) => run(locateData, { where: { file: { name: file.name, bytes: new Uint8Array(b) } }, matchByPosition: byPosition }));
            }} />
          </>
        )}
        <form onSubmit={(e) => { e.preventDefault(); if (path.trim()) void run(locateData, { where: { path: path.trim() }, matchByPosition: byPosition }); }}>
          <input value={path} onChange={(e) => setPath(e.target.value)} placeholder="or type its path on this machine" size={48} data-testid="locate-path" />
          <button type="submit" disabled={!path.trim()}>Use this path</button>
        </form>
        {problem.kind === 'unmatchable' ? (
          <label className="small"><input type="checkbox" checked={byPosition} onChange={(e) => setByPosition(e.target.checked)} /> the rows are the same, in the same order: match them by position</label>
        ) : null}
      </div>
    </div>
  );
}
