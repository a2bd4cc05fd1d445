/** App-level state: which screen, which dataset is open, what is loading, the last error. */
import type { ApiErrorInfo, DemoInfo, OpenedDataset } from '../../ml/api.ts';
import { createStore } from './create.ts';

export type View = 'schema' | 'rules' | 'map' | 'model';
export const VIEW_IDS: readonly View[] = ['schema', 'rules', 'map', 'model'];

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
};

export const appStore = createStore<AppState>({ demos: [], dataset: null, view: 'schema', busy: null, error: null, toast: null, help: false });

let toastTimer: ReturnType<typeof setTimeout> | undefined;
export function toast(message: string): void {
  appStore.set({ toast: message });
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => appStore.set({ toast: null }), 2500);
}
