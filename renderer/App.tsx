/** Layout only: top bar, the current screen, the error banner and toasts. Commands live in actions/. */
import { useEffect } from 'react';
import { appStore } from './store/app.ts';
import { installShortcuts } from './actions/registry.ts';
import { registerAppActions } from './actions/app-actions.ts';
import { loadDemos } from './dataset/open.ts';
import { StartScreen } from './start/StartScreen.tsx';
import { DatasetScreen } from './dataset/DatasetScreen.tsx';
import { ErrorBanner } from './start/ErrorBanner.tsx';
import { JobsBar } from './jobs/JobsBar.tsx';

export function App() {
  const dataset = appStore.use((s) => s.dataset);
  const busy = appStore.use((s) => s.busy);
  const toast = appStore.use((s) => s.toast);

  useEffect(() => {
    void loadDemos();
    const unregister = registerAppActions();
    const uninstall = installShortcuts();
    return () => { unregister(); uninstall(); };
  }, []);

  return (
    <div className="app">
      <header className="topbar">
        <button className="brand" onClick={() => appStore.set({ dataset: null })} title="Start screen">◆ Machine Teacher</button>
        {dataset ? <span className="dataset-name" data-testid="dataset-name">{dataset.name}</span> : null}
        <JobsBar />
        {busy ? <span className="busy" role="status"><span className="spinner" />{busy}</span> : null}
      </header>
      <ErrorBanner />
      <main>{dataset ? <DatasetScreen /> : <StartScreen />}</main>
      {toast ? <div className="toast" role="status">{toast}</div> : null}
    </div>
  );
}
