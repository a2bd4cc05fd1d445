/**
 * Rule and brush commands, as actions. Each returns the document change it makes (history
 * records it with its undo) and any view change. Brushes, the rule being edited and its
 * condition stay in step inside one change: editing a rule's brushes changes the rule in the
 * same undo step, and a text edit of the rule being edited moves its brushes with it.
 */
import { brushesToCondition, conditionToBrushes } from '../../ml/rules/brushes.ts';
import { labelCodes, labelValues } from '../../ml/metrics/index.ts';
import type { Rule, RuleSet } from '../../ml/rules/spec.ts';
import type { Table } from '../../ml/table/types.ts';
import type { ProjectDoc } from '../../ml/api.ts';
import { defineAction, type ActionResult } from '../actions/types.ts';
import type { ActionState } from '../actions/state.ts';
import type { Brush } from './mask.ts';
import { exportPng, exportSvg } from './export.ts';

/** What the UI calls a rule: its name, else "rule n" for an id r<n> (typed rules have no name), else the id. */
export const ruleLabel = (r: { id: string; name: string }): string => r.name || (/^r\d+$/.test(r.id) ? `rule ${r.id.slice(1)}` : r.id);

export function newRuleId(set: RuleSet): string {
  let k = set.rules.length + 1;
  while (set.rules.some((r) => r.id === `r${k}`)) k++;
  return `r${k}`;
}

/** Label classes, smallest first: the default target is the minority (the "positive" class). */
export function classesByRarity(table: Table, label: string | null): string[] {
  if (!label) return [];
  const classes = labelValues(table, label);
  const codes = labelCodes(table, label, classes);
  const count = new Float64Array(classes.length);
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) count[codes[i]]++;
  return classes.map((c, k) => ({ c, n: count[k] })).sort((a, b) => a.n - b.n).map((x) => x.c);
}

const inRules = (s: ActionState) => s.dataset !== null && s.app.view === 'rules';

/**
 * A new rule set as a change. If the rule being edited as brushes changed its condition (a
 * text edit, undo), the brushes follow it in the same change; if it is gone, editing stops.
 */
function rulesChange(s: ActionState, rules: RuleSet, label: string): ActionResult | void {
  if (JSON.stringify(rules) === JSON.stringify(s.doc.rules)) return;
  const change: Partial<ProjectDoc> = { rules };
  const editing = rules.rules.find((r) => r.id === s.rules.editingRuleId);
  if (editing && JSON.stringify(brushesToCondition(s.doc.brushes)) !== JSON.stringify(editing.when)) {
    const brushes = conditionToBrushes(editing.when);
    if (brushes) change.brushes = brushes;
  }
  return { change: { doc: change }, label, view: s.rules.editingRuleId && !editing ? { rules: { editingRuleId: null } } : undefined };
}

function updateRule(s: ActionState, id: string, patch: Partial<Rule>, label: string) {
  const set = s.doc.rules;
  return rulesChange(s, { ...set, rules: set.rules.map((r) => (r.id === id ? { ...r, ...patch } : r)) }, label);
}

const ruleOf = (s: ActionState, id: string | null) => s.doc.rules.rules.find((r) => r.id === id);
const editingId = (s: ActionState) => ({ ruleId: s.rules.editingRuleId ?? '' });

export const setRuleSet = defineAction<{ rules: RuleSet; label?: string }>({
  name: 'rules.set', label: 'Edit rules as text',
  perform: (s, v) => rulesChange(s, v.rules, v.label ?? 'edit rules as text'),
});

export const editRule = defineAction<{ ruleId: string; patch: Partial<Rule>; label: string }>({
  name: 'rules.edit', label: 'Edit a rule',
  perform: (s, v) => updateRule(s, v.ruleId, v.patch, v.label),
});

/** `else => class`: the class for rows no rule covers, or null to abstain there. */
export const setDefaultClass = defineAction<{ cls: string | null }>({
  name: 'rules.default', label: 'What rows no rule covers get',
  perform: (s, { cls }) => rulesChange(s, { ...s.doc.rules, defaultClass: cls }, cls === null ? 'rows no rule covers: abstain' : `rows no rule covers → ${cls}`),
});

export const setRuleTarget = defineAction<string>({
  name: 'rules.target', label: 'Class for the next rule',
  perform: (_s, target) => ({ view: { rules: { target } } }),
});

export const brushesToRule = defineAction({
  name: 'rules.brushes-to-rule', label: 'Brushes → rule', keys: ['r'], group: 'Rules',
  keyContext: (s) => inRules(s) && !s.rules.editingRuleId,
  perform: (s) => {
    if (!s.doc.brushes.some((b) => (b.kind === 'numeric' ? b.ranges.length > 0 : b.values.length > 0))) return { toast: 'Brush an axis first: drag on it.' };
    const set = s.doc.rules;
    const target = s.rules.target || s.doc.label.column || 'positive';
    const id = newRuleId(set);
    const rule: Rule = { id, name: `rule ${id.slice(1)}`, target, when: brushesToCondition(s.doc.brushes), enabled: true };
    return { change: { doc: { rules: { ...set, rules: [...set.rules, rule] } } }, label: `brushes → rule for ${target}`, toast: `Added ${rule.name} ⇒ ${target}` };
  },
});

export const deleteRule = defineAction<{ ruleId: string }>({
  name: 'rules.delete', label: 'Delete the rule being edited', keys: ['Delete'], group: 'Rules',
  keyContext: (s) => inRules(s) && s.rules.editingRuleId !== null, keyValue: editingId,
  perform: (s, { ruleId }) => {
    const rule = ruleOf(s, ruleId);
    if (!rule) return;
    const set = s.doc.rules;
    const out = rulesChange(s, { ...set, rules: set.rules.filter((r) => r.id !== ruleId) }, `delete ${ruleLabel(rule)}`);
    return out ? { ...out, view: { rules: s.rules.editingRuleId === ruleId ? { editingRuleId: null } : {} } } : undefined;
  },
});

export const moveRule = defineAction<{ ruleId: string; delta: -1 | 1 }>({
  name: 'rules.move', label: 'Raise / lower the rule being edited', keys: ['alt+ArrowUp', 'alt+ArrowDown'], group: 'Rules',
  keyContext: (s) => inRules(s) && s.rules.editingRuleId !== null,
  keyValue: (s, key) => ({ ruleId: s.rules.editingRuleId ?? '', delta: key.endsWith('Up') ? -1 : 1 }),
  perform: (s, { ruleId, delta }) => {
    const set = s.doc.rules;
    const i = set.rules.findIndex((r) => r.id === ruleId);
    const j = i + delta;
    if (i < 0 || j < 0 || j >= set.rules.length) return;
    const next = [...set.rules];
    [next[i], next[j]] = [next[j], next[i]];
    return rulesChange(s, { ...set, rules: next }, delta < 0 ? 'raise rule priority' : 'lower rule priority');
  },
});

export const toggleRule = defineAction<{ ruleId: string }>({
  name: 'rules.toggle', label: 'Enable / disable the rule being edited', keys: ['e'], group: 'Rules',
  keyContext: (s) => inRules(s) && s.rules.editingRuleId !== null, keyValue: editingId,
  perform: (s, { ruleId }) => {
    const rule = ruleOf(s, ruleId);
    return rule ? updateRule(s, ruleId, { enabled: !rule.enabled }, `${rule.enabled ? 'disable' : 'enable'} ${ruleLabel(rule)}`) : undefined;
  },
});

/** Shows a rule's condition as brushes (brush edits then change it), or stops editing (null / same rule). */
export const selectRule = defineAction<{ ruleId: string | null }>({
  name: 'rules.select', label: 'Edit a rule as brushes',
  perform: (s, { ruleId }) => {
    if (ruleId === null || s.rules.editingRuleId === ruleId) return { view: { rules: { editingRuleId: null } } };
    const rule = ruleOf(s, ruleId);
    if (!rule) return;
    const brushes = conditionToBrushes(rule.when);
    if (!brushes) return { view: { rules: { editingRuleId: ruleId, typing: null } }, toast: 'This rule uses or / not / missing across columns: edit it as text or in the form.' };
    // Showing a rule replaces the brushes; that is folded into the next undo step (no label).
    return { change: { doc: { brushes } }, view: { rules: { editingRuleId: ruleId, typing: null } } };
  },
});

/** A brush moving under the pointer: shown at once, one undo step when released (commitBrushes). */
export const dragBrushes = defineAction<Brush[]>({
  name: 'brush.drag', label: 'Drag a brush',
  perform: (_s, brushes) => ({ change: { doc: { brushes } }, view: { rules: { dragging: true, highlight: null } } }),
});

/** A finished brush edit (release, typed bounds): one undo step; the rule being edited follows. */
export const commitBrushes = defineAction<{ brushes: Brush[]; label?: string }>({
  name: 'brush.commit', label: 'Change the brushes',
  perform: (s, { brushes, label }) => {
    const change: Partial<ProjectDoc> = { brushes };
    const rule = ruleOf(s, s.rules.editingRuleId);
    let what = label ?? (brushes.length ? 'brush' : 'clear brushes');
    if (rule) {
      change.rules = { ...s.doc.rules, rules: s.doc.rules.rules.map((r) => (r.id === rule.id ? { ...r, when: brushesToCondition(brushes) } : r)) };
      what = `brush ${ruleLabel(rule)}`;
    }
    return { change: { doc: change }, label: what, view: { rules: { dragging: false, highlight: null } } };
  },
});

export const clearBrushes = defineAction({
  name: 'rules.clear-brushes', label: 'Clear brushes', group: 'Rules',
  when: (s) => s.doc.brushes.length > 0,
  perform: (s) => ({ ...commitBrushes.perform(s, { brushes: [], label: 'clear brushes' }) as ActionResult, view: { rules: { dragging: false, typing: null } } }),
});

export const openBoundsEditor = defineAction<{ column: string; range: number } | null>({
  name: 'brush.bounds', label: 'Type a brush’s bounds',
  perform: (_s, typing) => ({ view: { rules: { typing, menu: null, dragging: false } } }),
});

export const openAxisMenu = defineAction<string | null>({
  name: 'axis.menu', label: 'Axis menu',
  perform: (_s, menu) => ({ view: { rules: { menu, typing: null } } }),
});

export const setRulesColour = defineAction<NonNullable<ActionState['ui']['rulesColour']>>({
  name: 'rules.colour', label: 'Colour the lines by',
  perform: (_s, colourBy) => ({ view: { rules: { colourBy }, ui: { rulesColour: colourBy } } }),
});

export const exportChartPng = defineAction({ name: 'rules.export-png', label: 'Export chart as PNG', perform: () => exportPng() });
export const exportChartSvg = defineAction({ name: 'rules.export-svg', label: 'Export chart as SVG', perform: () => exportSvg() });

/** Back from rows picked in Compare to the brushes' own selection. */
export const clearHighlight = defineAction({ name: 'rules.clear-highlight', label: 'Show the brushes’ selection again', perform: () => ({ view: { rules: { highlight: null } } }) });

export const RULES_ACTIONS = [clearHighlight, setRuleSet, editRule, setDefaultClass, setRuleTarget, brushesToRule, deleteRule, moveRule, toggleRule, selectRule, dragBrushes,
  commitBrushes, clearBrushes, openBoundsEditor, openAxisMenu, setRulesColour, exportChartPng, exportChartSvg];
