/** The `?` overlay: every keyboard shortcut that works where the user is now, grouped. */
import { actionState } from './state.ts';
import { activeShortcuts, run } from './registry.ts';
import { keyLabel } from './keys.ts';
import { toggleShortcuts } from './app-actions.ts';

export function ShortcutList() {
  // The list describes the view underneath, so it is read with the overlay itself closed.
  const state = { ...actionState, app: { ...actionState.app, help: false } };
  const shortcuts = activeShortcuts(state);
  const groups = [...new Set(shortcuts.map((s) => s.group))];
  return (
    <div className="shortcut-overlay" role="dialog" aria-label="Keyboard shortcuts" data-testid="shortcut-list" onClick={() => run(toggleShortcuts)}>
      <div className="shortcut-card" onClick={(e) => e.stopPropagation()}>
        <header><h2>Keyboard shortcuts <span className="muted small">here: {state.dataset ? `${state.app.view} view` : 'start screen'}</span></h2>
          <button className="icon" onClick={() => run(toggleShortcuts)} aria-label="Close">×</button></header>
        {groups.map((g) => (
          <section key={g}>
            <h3>{g}</h3>
            <dl>
              {shortcuts.filter((s) => s.group === g).map((s) => (
                <div key={s.label} className="shortcut-row" data-testid="shortcut-row">
                  <dt>{s.keys.length > 3 ? <><kbd>{keyLabel(s.keys[0])}</kbd>…<kbd>{keyLabel(s.keys.at(-1)!)}</kbd></> : s.keys.map((k) => <kbd key={k}>{keyLabel(k)}</kbd>)}</dt>
                  <dd>{s.label}</dd>
                </div>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </div>
  );
}
