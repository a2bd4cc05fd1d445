/** Undo/redo is automatic for every document change, and a drag is one step however many frames it had. */
import { beforeEach, describe, expect, it } from 'vitest';
import { projectStore } from '../../../renderer/project/store.ts';
import { history, redo, undo } from '../../../renderer/project/history.ts';
import { run } from '../../../renderer/actions/registry.ts';
import { brushesToRule, commitBrushes, deleteRule, dragBrushes, selectRule, setRuleSet } from '../../../renderer/rules/actions.ts';
import { moveAxis, setAxisPref, showAxes } from '../../../renderer/rules/axis-actions.ts';
import { changeSettings } from '../../../renderer/model/actions.ts';
import { selectionStore, syncSelection } from '../../../renderer/rules/store.ts';
import { appStore } from '../../../renderer/store/app.ts';
import type { Brush } from '../../../ml/rules/brushes.ts';
import { parseRules } from '../../../ml/rules/text.ts';
import { openFresh } from './fixture.ts';

const doc = () => projectStore.get().doc;
const range = (lo: number, hi: number): Brush[] => [{ column: 'x', kind: 'numeric', ranges: [[lo, hi]] }];
const snapshot = () => JSON.stringify({ ...doc(), labels: null });

beforeEach(() => openFresh('rules'));

describe('history of document changes', () => {
  it('a brush drag of many frames is one undo step back to before the drag', async () => {
    await run(commitBrushes, { brushes: range(0, 1) });
    for (let k = 1; k <= 20; k++) await run(dragBrushes, range(0, 1 + k / 10));
    expect(history.get().past).toHaveLength(1); // frames are not steps
    await run(commitBrushes, { brushes: range(0, 3) });
    expect(history.get().past).toHaveLength(2);
    undo();
    expect(doc().brushes).toEqual(range(0, 1));
    redo();
    expect(doc().brushes).toEqual(range(0, 3));
  });

  it('five kinds of change undo all the way back and redo all the way forward, matching each step', async () => {
    const steps = [snapshot()];
    await run(commitBrushes, { brushes: range(1, 2) }); steps.push(snapshot());
    await run(setAxisPref, { column: 'x', pref: { inverted: true } }); steps.push(snapshot());
    await run(moveAxis, { column: 'x', to: 1 }); steps.push(snapshot());
    await run(brushesToRule); steps.push(snapshot());
    await run(changeSettings, { epochs: 12 }); steps.push(snapshot());
    await run(showAxes, { visible: ['truth'], label: 'hide all axes' }); steps.push(snapshot());
    expect(doc().rules.rules).toHaveLength(1);
    for (let k = steps.length - 2; k >= 0; k--) { undo(); expect(snapshot()).toBe(steps[k]); }
    expect(undo()).toBeNull();
    for (let k = 1; k < steps.length; k++) { redo(); expect(snapshot()).toBe(steps[k]); }
  });

  it('editing a rule as brushes changes the rule in the same step; a text edit moves its brushes', async () => {
    await run(commitBrushes, { brushes: range(1, 2) });
    await run(brushesToRule);
    const id = doc().rules.rules[0].id;
    await run(selectRule, { ruleId: id });
    await run(commitBrushes, { brushes: range(1, 4) });
    expect(JSON.stringify(doc().rules.rules[0].when)).toContain('4');
    undo();
    expect(doc().brushes).toEqual(range(1, 2));
    expect(JSON.stringify(doc().rules.rules[0].when)).not.toContain('4');
    const typed = parseRules(`x in [0, 3] => cat`);
    expect(typed.errors).toEqual([]);
    await run(setRuleSet, { rules: { rules: typed.rules.map((r) => ({ ...r, id })), defaultClass: null } });
    expect(doc().brushes).toEqual(range(0, 3));
    await run(deleteRule, { ruleId: id });
    expect(doc().rules.rules).toHaveLength(0);
    undo();
    expect(doc().rules.rules).toHaveLength(1);
  });

  it('the brush selection follows undo', async () => {
    const table = appStore.get().dataset!.table;
    await run(commitBrushes, { brushes: range(0, 1) });
    syncSelection(table, doc().brushes, false);
    expect(selectionStore.get().count).toBe(3); // x = 0, 0.5, 1
    await run(commitBrushes, { brushes: range(0, 4.5) });
    syncSelection(table, doc().brushes, false);
    expect(selectionStore.get().count).toBe(10);
    undo();
    syncSelection(table, doc().brushes, false);
    expect(selectionStore.get().count).toBe(3);
  });
});
