/** App-level state: which screen, which dataset is open, what is loading, the last error. */
import type { ApiErrorInfo, DemoInfo, OpenMode, OpenedDataset, DataProblem } from '../../ml/api.ts';
import { createStore } from './create.ts';

export type View = 'schema' | 'rules' | 'map' | 'model' | 'compare';
export const VIEW_IDS: readonly View[] = ['schema', 'rules', 'map', 'model', 'compare'];

export type AppState = {
  demos: DemoInfo[];
  dataset: OpenedDataset | null;
  view: View;
  /** What is being loaded right now (shown with a spinner), or null. */
  busy: string | null;
  error: ApiErrorInfo | null;
  /** A short confirmation shown at the bottom ("Undid: label 20 items"). */
  toast: string | null;
  /** The keyboard shortcut list (`?`) is open. */
  help: boolean;
  /** A project another window writes, waiting for the user's choice (read-only, take over, or not). */
  locked: { message: string; choose: (mode: OpenMode | null) => void } | null;
  /** The open project's data could not be found or read: shown instead of the views, with Locate…. */
  dataProblem: DataProblem | null;
  /** One-off news about the open project (recovered from damage, labels matched to changed data). */
  notice: string | null;
};

export const appStore = createStore<AppState>({ demos: [], dataset: null, view: 'schema', busy: null, error: null, toast: null, help: false, locked: null, dataProblem: null, notice: null });

let toastTimer: ReturnType<typeof setTimeout> | undefined;
export function toast(message: string): void {
  appStore.set({ toast: message });
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => appStore.set({ toast: null }), 2500);
}
