/**
 * App-wide actions: undo/redo, the shortcut list, Escape (closes the innermost thing open and
 * nothing else), dismissing an error. Desktop menu commands arrive by name (renderer/api/client.ts).
 */
import { redo, undo } from '../project/history.ts';
import { defineAction, type ActionResult } from './types.ts';
import type { ActionState } from './state.ts';

const typingInField = () => {
  const el = typeof document !== 'undefined' ? (document.activeElement as HTMLElement | null) : null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.isContentEditable);
};

export const undoAction = defineAction({
  name: 'undo', label: 'Undo', keys: ['mod+z'], group: 'Edit',
  perform: () => {
    // The desktop Edit menu lands here too: inside a text field it undoes typing, as usual.
    if (typingInField()) { document.execCommand('undo'); return; }
    const l = undo();
    return { toast: l ? `Undid: ${l}` : 'Nothing to undo' };
  },
});

export const redoAction = defineAction({
  name: 'redo', label: 'Redo', keys: ['mod+shift+z', 'mod+y'], group: 'Edit',
  perform: () => {
    if (typingInField()) { document.execCommand('redo'); return; }
    const l = redo();
    return { toast: l ? `Redid: ${l}` : 'Nothing to redo' };
  },
});

export const toggleShortcuts = defineAction({
  name: 'shortcuts', label: 'Keyboard shortcuts', keys: ['?'], group: 'Help',
  perform: (s) => ({ view: { app: { help: !s.app.help } } }),
});

const emptyRows = new Uint32Array(0);
const closedQueue = { kind: null, rows: emptyRows, pos: 0, labelled: 0 };

/** What Escape closes, innermost first; each entry says whether it applies and how to close it. */
const INNERMOST: ((s: ActionState) => ActionResult | null)[] = [
  (s) => (s.app.help ? { view: { app: { help: false } } } : null),
  (s) => (s.app.view === 'map' && s.map.viewer >= 0 ? { view: { map: { viewer: -1 } } } : null),
  (s) => (s.app.view === 'rules' && (s.rules.typing || s.rules.menu) ? { view: { rules: { typing: null, menu: null } } } : null),
  (s) => (s.app.view === 'map' && s.map.focus >= 0 && !s.queue.kind ? { view: { map: { focus: -1 } } } : null),
  (s) => (s.app.view === 'map' && s.queue.kind ? { view: { queue: closedQueue, map: { focus: -1 } } } : null),
  (s) => (s.app.view === 'map' && s.map.selection.length > 0 ? { view: { map: { selection: emptyRows } } } : null),
  (s) => (s.app.view === 'rules' && s.rules.editingRuleId ? { view: { rules: { editingRuleId: null } } } : null),
];

export const escape = defineAction({
  name: 'escape', label: 'Close the innermost popover, card, queue or selection', keys: ['Escape'], group: 'General',
  perform: (s) => {
    for (const close of INNERMOST) {
      const r = close(s);
      if (r) return r;
    }
  },
});

export const dismissError = defineAction({ name: 'error.dismiss', label: 'Dismiss the message', perform: () => ({ view: { app: { error: null } } }) });
export const dismissNotice = defineAction({ name: 'notice.dismiss', label: 'Dismiss the notice', perform: () => ({ view: { app: { notice: null } } }) });

export const APP_ACTIONS = [undoAction, redoAction, toggleShortcuts, escape, dismissError, dismissNotice];
