/** Shows the last error with where it happened (file, row, column); dismissible, never blocking. */
import { appStore } from '../store/app.ts';

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
      <button onClick={() => appStore.set({ error: null })} aria-label="Dismiss">×</button>
    </div>
  );
}
