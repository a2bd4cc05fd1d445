/**
 * Every user command is an action (the pattern Excalidraw uses): a name, a label, keys with
 * the context they work in (`when`), and `perform(state, value)`, which returns what changes
 * instead of changing it. The registry applies the result: document changes go through the
 * undo history automatically, view changes to their stores. Buttons, menus and keys all run
 * actions, so they can never disagree and no click handler writes a store itself.
 */
import type { DocChange } from '../project/history.ts';
import type { ActionState, ViewPatch } from './state.ts';

export type ActionResult = {
  /** What the user made (rules, brushes, axes, labels…): applied through history. */
  change?: DocChange;
  /** The undo step's name ("label 20 items good"); without one the change is folded into the next step. */
  label?: string;
  /** How the user is looking (tab, popovers, tool, selection…): never undone. */
  view?: ViewPatch;
  toast?: string;
};

export type Action<V = void> = {
  name: string;
  /** What menus, tooltips and the shortcut list call it. */
  label: string;
  /** e.g. "mod+z", "shift+r", "1", "Escape", "?" (mod = Ctrl or Cmd). */
  keys?: readonly string[];
  /** Whether it can run at all (default: always); buttons and menus are disabled otherwise. */
  when?: (s: ActionState) => boolean;
  /**
   * Where its keys work (default: wherever it can run). A key press resolves to the one action
   * whose keys match and whose context holds: the view shown, the popover or card open.
   */
  keyContext?: (s: ActionState) => boolean;
  /** The value a key press supplies (e.g. the class of the digit pressed). */
  keyValue?: (s: ActionState, key: string) => V;
  /** Heading in the shortcut list. */
  group?: string;
  /**
   * The command. Long work (training, opening a file) starts here and commits its results
   * later through `commit` (registry.ts); it never writes stores directly.
   */
  perform(s: ActionState, value: V): ActionResult | void | Promise<void>;
};

/** Typed constructor: `defineAction<{ ruleId: string }>({ … })`. */
export const defineAction = <V = void>(a: Action<V>): Action<V> => a;

/**
 * Any action, as the static list holds them: every Action<V> is one (its value type is
 * checked where it is defined and where it is run; the key dispatcher passes keyValue's own).
 */
export type AnyAction = Omit<Action<never>, 'keyValue'> & { keyValue?: (s: ActionState, key: string) => unknown };
