/**
 * Undo/redo for every user command that changes what the user made (labels, rules). An
 * action records how to undo and redo itself; Ctrl+Z / Ctrl+Shift+Z walk the stack.
 */
import { createStore } from './create.ts';

export type Change = { label: string; undo(): void; redo(): void };

const LIMIT = 200;
export const history = createStore({ past: [] as Change[], future: [] as Change[] });

/** Record a change that has already been applied. */
export function record(change: Change): void {
  history.set((h) => ({ past: [...h.past.slice(-(LIMIT - 1)), change], future: [] }));
}

export function undo(): string | null {
  const { past, future } = history.get();
  const change = past.at(-1);
  if (!change) return null;
  change.undo();
  history.set({ past: past.slice(0, -1), future: [...future, change] });
  return change.label;
}

export function redo(): string | null {
  const { past, future } = history.get();
  const change = future.at(-1);
  if (!change) return null;
  change.redo();
  history.set({ past: [...past, change], future: future.slice(0, -1) });
  return change.label;
}

export function clearHistory(): void {
  history.set({ past: [], future: [] });
}
