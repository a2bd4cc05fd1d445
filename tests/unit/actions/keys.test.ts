/**
 * Every key means at most one thing wherever the user is: for a grid of contexts (each view,
 * with and without a popover, an item card, a queue, a selection, the shortcut list) no key
 * resolves to two actions. And the shortcut list shows what resolves.
 */
import { describe, expect, it } from 'vitest';
import { ALL_ACTIONS } from '../../../renderer/actions/all.ts';
import { actionsForKey, activeShortcuts, installActions } from '../../../renderer/actions/registry.ts';
import { keyMatches, keyOf } from '../../../renderer/actions/keys.ts';
import { actionState, type ActionState } from '../../../renderer/actions/state.ts';
import { dataset } from './fixture.ts';
import type { View } from '../../../renderer/store/app.ts';

installActions(ALL_ACTIONS);

const press = (spec: string) => {
  const parts = spec.split('+');
  const key = parts.pop()!;
  const has = (m: string) => parts.includes(m);
  const code = /^[a-z]$/i.test(key) ? `Key${key.toUpperCase()}` : /^[0-9]$/.test(key) ? `Digit${key}` : '';
  return { key, code, ctrlKey: has('mod'), metaKey: false, shiftKey: has('shift'), altKey: has('alt') };
};

function contextState(view: View, o: { popover?: boolean; card?: boolean; queue?: boolean; selection?: boolean; editing?: boolean; help?: boolean; viewer?: boolean }): ActionState {
  const base = actionState;
  return {
    ...base,
    dataset: dataset(),
    app: { ...base.app, view, help: !!o.help },
    rules: { ...base.rules, typing: o.popover ? { column: 'x', range: 0 } : null, editingRuleId: o.editing ? 'r1' : null },
    map: { ...base.map, focus: o.card || o.viewer ? 3 : -1, viewer: o.viewer ? 3 : -1, selection: o.selection ? Uint32Array.of(1, 2) : new Uint32Array(0) },
    queue: { ...base.queue, kind: o.queue ? 'least-confident' : null, rows: o.queue ? Uint32Array.of(4, 5) : new Uint32Array(0) },
  };
}

const VIEWS: View[] = ['schema', 'rules', 'map', 'model'];
const FLAGS = ['popover', 'card', 'queue', 'selection', 'editing', 'help', 'viewer'] as const;

describe('keyboard shortcuts', () => {
  const specs = [...new Set(ALL_ACTIONS.flatMap((a) => a.keys ?? []))];

  it('no key resolves to two actions in any context', () => {
    const clashes: string[] = [];
    for (const view of VIEWS) {
      for (let mask = 0; mask < 1 << FLAGS.length; mask++) {
        const o = Object.fromEntries(FLAGS.map((f, i) => [f, !!(mask & (1 << i))]));
        const s = contextState(view, o);
        for (const spec of specs) {
          const hits = actionsForKey(press(spec), s);
          if (hits.length > 1) clashes.push(`${view} ${JSON.stringify(o)} ${spec}: ${hits.map((h) => h.action.name).join(', ')}`);
        }
      }
    }
    expect(clashes).toEqual([]);
  });

  it('digits label the queue item, else the card item, else the selection', () => {
    const who = (o: Parameters<typeof contextState>[1]) => actionsForKey(press('3'), contextState('map', o)).map((h) => h.action.name);
    expect(who({ queue: true, card: true, selection: true })).toEqual(['queue.label']);
    expect(who({ card: true, selection: true })).toEqual(['map.label-item']);
    expect(who({ selection: true })).toEqual(['map.label-selection']);
  });

  it('R makes a rule in the rules view and trains on the map; Escape never clears brushes', () => {
    expect(actionsForKey(press('r'), contextState('rules', {})).map((h) => h.action.name)).toEqual(['rules.brushes-to-rule']);
    expect(actionsForKey(press('r'), contextState('map', {})).map((h) => h.action.name)).toEqual(['teach.train']);
    expect(actionsForKey(press('Escape'), contextState('rules', {})).map((h) => h.action.name)).toEqual(['escape']);
    expect(ALL_ACTIONS.find((a) => a.name === 'rules.clear-brushes')?.keys ?? []).not.toContain('Escape');
  });

  it('keys match with modifiers and shifted characters; the list shows the context’s keys', () => {
    expect(keyMatches('mod+shift+z', keyOf(press('mod+shift+z')))).toBe(true);
    expect(keyMatches('mod+z', keyOf(press('mod+shift+z')))).toBe(false);
    expect(keyMatches('?', keyOf({ key: '?', code: 'Slash', ctrlKey: false, metaKey: false, shiftKey: true, altKey: false }))).toBe(true);
    const onMap = activeShortcuts(contextState('map', { selection: true })).map((s) => s.label);
    expect(onMap).toContain('Lasso select');
    expect(onMap).not.toContain('Brushes → rule');
    const onRules = activeShortcuts(contextState('rules', {})).map((s) => s.label);
    expect(onRules).toContain('Brushes → rule');
    expect(onRules).not.toContain('Lasso select');
  });
});
