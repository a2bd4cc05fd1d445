/**
 * A minimal external store (what zustand does, in 30 lines): React reads slices with
 * useSyncExternalStore, actions write patches. Feature folders make their own stores.
 */
import { useSyncExternalStore } from 'react';

export type Store<T> = {
  get(): T;
  set(patch: Partial<T> | ((s: T) => Partial<T>)): void;
  subscribe(listener: () => void): () => void;
  use<U>(selector: (s: T) => U): U;
};

export function createStore<T extends object>(initial: T): Store<T> {
  let state = initial;
  const listeners = new Set<() => void>();
  const store: Store<T> = {
    get: () => state,
    set(patch) {
      const next = typeof patch === 'function' ? patch(state) : patch;
      state = { ...state, ...next };
      listeners.forEach((l) => l());
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    use: <U,>(selector: (s: T) => U) => useSyncExternalStore(store.subscribe, () => selector(state)),
  };
  return store;
}
