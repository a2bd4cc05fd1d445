/**
 * Every user command is an action: a name, optional shortcut keys and `perform`. Toolbars,
 * menus and the keyboard all go through here, so a shortcut and its button never disagree.
 */
export type Action = {
  id: string;
  label: string;
  /** e.g. "mod+z", "mod+shift+z", "1", "shift+r"; mod = Ctrl or Cmd. */
  keys?: string[];
  /** Only active when this returns true (e.g. a dataset is open). */
  enabled?: () => boolean;
  perform: () => void | Promise<void>;
};

const actions = new Map<string, Action>();

export function registerActions(list: Action[]): () => void {
  list.forEach((a) => actions.set(a.id, a));
  return () => list.forEach((a) => actions.delete(a.id));
}

export function runAction(id: string): void {
  const a = actions.get(id);
  if (a && (a.enabled?.() ?? true)) void a.perform();
}

function keyOf(e: KeyboardEvent): string {
  const parts: string[] = [];
  if (e.ctrlKey || e.metaKey) parts.push('mod');
  if (e.shiftKey) parts.push('shift');
  if (e.altKey) parts.push('alt');
  parts.push(e.key.length === 1 ? e.key.toLowerCase() : e.key);
  return parts.join('+');
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable);
}

/** Installed once by the App: dispatches key presses to actions. */
export function installShortcuts(): () => void {
  const onKey = (e: KeyboardEvent) => {
    if (isTyping(e.target)) return;
    // With shift held, e.key is the shifted character; also try the unshifted digit/letter.
    const key = keyOf(e);
    const codeKey = e.code.startsWith('Digit') || e.code.startsWith('Key') ? key.replace(/[^+]+$/, e.code.slice(-1).toLowerCase()) : key;
    for (const a of actions.values()) {
      if ((a.keys?.includes(key) || a.keys?.includes(codeKey)) && (a.enabled?.() ?? true)) {
        e.preventDefault();
        void a.perform();
        return;
      }
    }
  };
  window.addEventListener('keydown', onKey);
  return () => window.removeEventListener('keydown', onKey);
}
