/** "This project is open in another window": open it read-only, take it over, or leave it. */
import { appStore } from '../store/app.ts';
import { run } from '../actions/registry.ts';
import { answerLocked } from './actions.ts';

export function LockedDialog() {
  const locked = appStore.use((s) => s.locked);
  if (!locked) return null;
  return (
    <div className="modal-overlay" role="dialog" aria-label="Project open elsewhere" data-testid="locked-dialog">
      <div className="modal-card">
        <h2>Open in another window</h2>
        <p>{locked.message}</p>
        <div className="modal-actions">
          <button onClick={() => run(answerLocked, { mode: 'read-only' })} data-testid="open-read-only">Open read-only</button>
          <button className="primary" onClick={() => run(answerLocked, { mode: 'take-over' })} data-testid="take-over">Take over</button>
          <button onClick={() => run(answerLocked, { mode: null })}>Cancel</button>
        </div>
      </div>
    </div>
  );
}
