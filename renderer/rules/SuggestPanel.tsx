/**
 * "Suggest rules" in the rules panel: run a shallow tree against the label (or the brushed
 * selection), list what it found with figures on held-out rows; hovering one draws it as ghost
 * brushes on the chart; accept → an ordinary rule (undoable), reject → gone.
 */
import { useState } from 'react';
import { run } from '../actions/registry.ts';
import { selectionStore } from './store.ts';
import { suggestStore } from './suggest-store.ts';
import { acceptSuggestion, rejectSuggestion, showGhost, suggestRules } from './suggest-actions.ts';

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '–' : `${(100 * x).toFixed(x < 0.1 ? 1 : 0)}%`);

export function SuggestPanel({ label }: { label: string | null }) {
  const st = suggestStore.use((s) => s);
  const brushed = selectionStore.use((s) => s.brushed);
  const [depth, setDepth] = useState(3);
  const [minLeaf, setMinLeaf] = useState(20);
  const start = (against: 'label' | 'selection') => void run(suggestRules, { against, depth, minLeaf });
  return (
    <section className="rp-suggest" data-testid="suggest-panel">
      <h3>Suggest rules <span className="muted small">a shallow decision tree, measured on rows it did not fit</span></h3>
      <div className="rp-suggest-controls small">
        <button onClick={() => start('label')} disabled={!label || st.status === 'running'} data-testid="suggest-label">for {label ?? 'the label'}</button>
        <button onClick={() => start('selection')} disabled={!brushed || st.status === 'running'} data-testid="suggest-selection" title="Rules that describe the brushed rows against the rest">for the brushed rows</button>
        <label>depth <input type="number" min={1} max={6} value={depth} onChange={(e) => setDepth(Math.max(1, Math.min(6, Number(e.target.value) || 3)))} /></label>
        <label>min leaf <input type="number" min={1} max={100000} value={minLeaf} onChange={(e) => setMinLeaf(Math.max(1, Number(e.target.value) || 20))} /></label>
      </div>
      {st.status === 'running' ? <p className="muted small">Fitting…</p> : null}
      {st.message ? <p className={`small ${st.status === 'error' ? 'warn-text' : 'muted'}`}>{st.message}</p> : null}
      {st.suggestions.length ? <p className="muted small">fit on {st.fitOn}; figures on {st.measuredOn}</p> : null}
      <ol className="rp-suggestions" onMouseLeave={() => run(showGhost, { index: -1 })}>
        {st.suggestions.map((sug, k) => (
          <li key={`${sug.leaf}:${k}`} className={st.ghost === k ? 'ghosted' : ''} onMouseEnter={() => run(showGhost, { index: k })} data-testid="suggestion">
            <code>{sug.text.split('#')[0].trim()}</code>
            <span className="small muted">{sug.stats ? `precision ${pct(sug.stats.precision)} · recall ${pct(sug.stats.recall)} · covers ${pct(sug.stats.coverage)}` : 'not measured'}{sug.notShown.length ? ` · not drawn: ${sug.notShown.join(', ')}` : ''}</span>
            <span className="rp-suggest-buttons">
              <button className="primary" onClick={() => run(acceptSuggestion, { index: k })} data-testid="suggestion-accept">Accept</button>
              <button onClick={() => run(rejectSuggestion, { index: k })} data-testid="suggestion-reject">Reject</button>
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
