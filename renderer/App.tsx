/** Layout only: top bar, the current screen, the error banner, toasts and the shortcut list. Commands live in actions/. */
import { useEffect } from 'react';
import { appStore } from './store/app.ts';
import { installActions, installShortcuts, run, runByName } from './actions/registry.ts';
import { ALL_ACTIONS } from './actions/all.ts';
import { onMenu } from './api/client.ts';
import { installSaveOnUnload } from './project/persist.ts';
import { loadDemos } from './dataset/open.ts';
import { goHome } from './dataset/actions.ts';
import { StartScreen } from './start/StartScreen.tsx';
import { DatasetScreen } from './dataset/DatasetScreen.tsx';
import { ErrorBanner } from './start/ErrorBanner.tsx';
import { JobsBar } from './jobs/JobsBar.tsx';
import { ShortcutList } from './actions/ShortcutList.tsx';
import { ProjectBar } from './project/ProjectBar.tsx';
import { DataProblemScreen } from './project/DataProblemScreen.tsx';
import { LockedDialog } from './project/LockedDialog.tsx';
import { dismissNotice } from './actions/app-actions.ts';
import { exposeMediaHooks } from './media/test-hooks.ts';

export function App() {
  const dataset = appStore.use((s) => s.dataset);
  const busy = appStore.use((s) => s.busy);
  const toast = appStore.use((s) => s.toast);
  const help = appStore.use((s) => s.help);
  const dataProblem = appStore.use((s) => s.dataProblem);
  const notice = appStore.use((s) => s.notice);

  useEffect(() => {
    installActions(ALL_ACTIONS);
    exposeMediaHooks();
    void loadDemos();
    const offKeys = installShortcuts();
    const offSave = installSaveOnUnload();
    onMenu((command) => void runByName(command));
    return () => { offKeys(); offSave(); };
  }, []);

  return (
    <div className="app">
      <header className="topbar">
        <button className="brand" onClick={() => run(goHome)} title="Start screen">◆ Machine Teacher</button>
        {dataset || dataProblem ? <ProjectBar /> : null}
        {dataset ? <span className="dataset-name" data-testid="dataset-name">{dataset.name}</span> : null}
        <JobsBar />
        {busy ? <span className="busy" role="status"><span className="spinner" />{busy}</span> : null}
        <button className="help-button" onClick={() => runByName('shortcuts')} title="Keyboard shortcuts (?)" data-testid="shortcuts-button">?</button>
      </header>
      <ErrorBanner />
      {notice ? <div className="notice-banner" role="status" data-testid="project-notice"><span>{notice}</span><button onClick={() => run(dismissNotice)} aria-label="Dismiss">×</button></div> : null}
      <main>{dataset ? <DatasetScreen /> : dataProblem ? <DataProblemScreen /> : <StartScreen />}</main>
      <LockedDialog />
      {help ? <ShortcutList /> : null}
      {toast ? <div className="toast" role="status">{toast}</div> : null}
    </div>
  );
}
