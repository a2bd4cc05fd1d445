/**
 * A minimal external store (what zustand does, in 40 lines): React reads slices with
 * useSyncExternalStore, actions write patches. Feature folders make their own stores.
 * `batch` defers listeners until a group of writes is done, so an action that changes several
 * stores is seen by everyone as one change (a brush drag frame redraws once, in the right mode).
 */
import { useSyncExternalStore } from 'react';

export type Store<T> = {
  get(): T;
  set(patch: Partial<T> | ((s: T) => Partial<T>)): void;
  subscribe(listener: () => void): () => void;
  use<U>(selector: (s: T) => U): U;
};

let depth = 0;
const pending = new Set<() => void>();

/** Runs `fn`; stores written inside notify their listeners once, after it returns. */
export function batch<T>(fn: () => T): T {
  depth++;
  try {
    return fn();
  } finally {
    if (--depth === 0) {
      const notify = [...pending];
      pending.clear();
      notify.forEach((n) => n());
    }
  }
}

export function createStore<T extends object>(initial: T): Store<T> {
  let state = initial;
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((l) => l());
  const store: Store<T> = {
    get: () => state,
    set(patch) {
      const next = typeof patch === 'function' ? patch(state) : patch;
      state = { ...state, ...next };
      if (depth > 0) pending.add(notify);
      else notify();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    use: <U,>(selector: (s: T) => U) => useSyncExternalStore(store.subscribe, () => selector(state)),
  };
  return store;
}
