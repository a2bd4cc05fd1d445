/** Shows the last error with where it happened (file, row, column); dismissible, never blocking. */
import { appStore } from '../store/app.ts';
import { run } from '../actions/registry.ts';
import { dismissError } from '../actions/app-actions.ts';

export function ErrorBanner() {
  const error = appStore.use((s) => s.error);
  if (!error) return null;
  const loc = error.location;
  return (
    <div className="error-banner" role="alert" data-testid="error">
      <div>
        <strong>Could not do that.</strong> {error.message}
        {loc ? (
          <div className="small">
            in <code>{loc.file}</code>
            {loc.row !== undefined ? <> · row {loc.row}</> : null}
            {loc.column !== undefined ? <> · column {String(loc.column)}</> : null}
          </div>
        ) : null}
      </div>
      <button onClick={() => run(dismissError)} aria-label="Dismiss">×</button>
    </div>
  );
}
