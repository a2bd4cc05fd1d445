/**
 * Runs actions. `run(action, value)` is what buttons and menus call; `dispatchKey` maps a key
 * press to the single action whose keys match and whose `when` holds in the current state;
 * `commit` applies a result (also used by long work finishing later). The list of actions is
 * static data (renderer/actions/all.ts), installed once by the App.
 */
import { applyChange, readOnly } from '../project/history.ts';
import { setUi } from '../project/persist.ts';
import { appStore, toast } from '../store/app.ts';
import { batch } from '../store/create.ts';
import { rulesView } from '../rules/store.ts';
import { mapStore } from '../map/map-store.ts';
import { queueStore } from '../model/queue-store.ts';
import { teachStore } from '../model/teach-store.ts';
import { compareStore } from '../compare/compare-store.ts';
import { suggestStore } from '../rules/suggest-store.ts';
import { actionState, type ActionState } from './state.ts';
import type { Action, ActionResult, AnyAction } from './types.ts';
import { keyMatches, keyOf } from './keys.ts';

type Stored = AnyAction;
let actions: readonly Stored[] = [];

export function installActions(list: readonly AnyAction[]): void {
  actions = list;
}

/** Applies an action's result: the document change through history, then the view patches. */
export function commit(result: ActionResult | void): void {
  if (!result) return;
  if (result.change && readOnly()) {
    toast('This project is open read-only here (another window writes it): take it over to make changes.');
    return;
  }
  // One batch: listeners see the document and the view change together.
  batch(() => {
    const v = result.view;
    if (v?.app) appStore.set(v.app);
    if (v?.rules) rulesView.set(v.rules);
    if (v?.map) mapStore.set(v.map);
    if (v?.queue) queueStore.set(v.queue);
    if (v?.teach) teachStore.set(v.teach);
    if (v?.compare) compareStore.set(v.compare);
    if (v?.suggest) suggestStore.set(v.suggest);
    if (v?.ui) setUi(v.ui);
    if (result.change) applyChange(result.change, result.label ?? null);
  });
  if (result.toast) toast(result.toast);
}

const enabled = (a: Stored, s: ActionState) => a.when?.(s) ?? true;

/**
 * Runs an action with a value, if it is enabled here. Resolves when it is done (at once for
 * most; long work such as opening a file resolves when it finishes) with whether it ran;
 * a failure of long work is shown to the user, not thrown.
 */
export function run<V>(action: Action<V>, value: V): Promise<boolean>;
export function run(action: Action<void>): Promise<boolean>;
export function run<V>(action: Action<V>, value?: V): Promise<boolean> {
  if (!(action.when?.(actionState) ?? true)) return Promise.resolve(false);
  const out = action.perform(actionState, value as V);
  if (!(out instanceof Promise)) {
    commit(out);
    return Promise.resolve(true);
  }
  return out.then(() => true, (err: unknown) => {
    appStore.set({ error: { message: err instanceof Error ? err.message : String(err) } });
    return false;
  });
}

/** Runs a menu command (desktop menu, by name); unknown names are ignored. */
export function runByName(name: string): Promise<boolean> {
  const a = actions.find((x) => x.name === name && !x.keyValue);
  return a ? run(a as Action<void>) : Promise.resolve(false);
}

type KeyEventLike = Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>;

/** The actions a key press could mean here, with the key spec that matched (at most one, by construction; tests check it). */
export function actionsForKey(e: KeyEventLike, s: ActionState = actionState): { action: Stored; spec: string }[] {
  const press = keyOf(e);
  const out: { action: Stored; spec: string }[] = [];
  for (const a of actions) {
    const spec = a.keys?.find((k) => keyMatches(k, press));
    if (spec !== undefined && enabled(a, s) && (a.keyContext?.(s) ?? true)) out.push({ action: a, spec });
  }
  return out;
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

/** Installed once by the App. While typing in a field only Escape reaches the actions. */
export function installShortcuts(): () => void {
  const onKey = (e: KeyboardEvent) => {
    if (isTyping(e.target) && e.key !== 'Escape') return;
    const [hit] = actionsForKey(e);
    if (!hit) return;
    e.preventDefault();
    void run(hit.action, hit.action.keyValue?.(actionState, hit.spec));
  };
  window.addEventListener('keydown', onKey);
  return () => window.removeEventListener('keydown', onKey);
}

/** Every shortcut active in the state (for the `?` list), grouped. */
export function activeShortcuts(s: ActionState = actionState): { group: string; label: string; keys: readonly string[] }[] {
  return actions.filter((a) => a.keys?.length && enabled(a, s) && (a.keyContext?.(s) ?? true)).map((a) => ({ group: a.group ?? 'General', label: a.label, keys: a.keys! }));
}

export const allActions = (): readonly Stored[] => actions;
