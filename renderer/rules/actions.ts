/**
 * Rule commands. Each one is an action in the registry (keyboard + buttons go through it)
 * and each change to the rule set is recorded for undo/redo; rules live in the project store
 * (autosaved). Row buttons name their rule through `ruleCommand`.
 */
import { brushesToCondition, conditionToBrushes } from '../../ml/rules/brushes.ts';
import { labelCodes, labelValues } from '../../ml/metrics/index.ts';
import type { Rule, RuleSet } from '../../ml/rules/spec.ts';
import type { Table } from '../../ml/table/types.ts';
import { registerActions, runAction } from '../actions/registry.ts';
import { appStore, toast } from '../store/app.ts';
import { record } from '../store/history.ts';
import { projectStore, setRules } from '../project/store.ts';
import { brushCommitListeners, commitBrushes, rulesView, selectionStore, setBrushes } from './store.ts';
import { exportPng, exportSvg } from './export.ts';

const rules = (): RuleSet => projectStore.get().project.rules;

/** Applies a new rule set and records it for undo. */
export function applyRules(next: RuleSet, label: string): void {
  const prev = rules();
  if (JSON.stringify(prev) === JSON.stringify(next)) return;
  setRules(next);
  record({ label, undo: () => setRules(prev), redo: () => setRules(next) });
}

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

/** Target class chosen in the panel for the next "brushes → rule". */
export const ruleTarget = { value: '' };

let pendingRule: string | null = null;
const targetRule = () => { const id = pendingRule ?? rulesView.get().editingRuleId; pendingRule = null; return id; };

/** Runs a rule action on a given rule (a row's button), through the registry. */
export function ruleCommand(actionId: string, ruleId: string): void {
  pendingRule = ruleId;
  runAction(actionId);
  pendingRule = null;
}

function updateRule(id: string, patch: Partial<Rule>, label: string): void {
  const set = rules();
  applyRules({ ...set, rules: set.rules.map((r) => (r.id === id ? { ...r, ...patch } : r)) }, label);
}

export function editRule(id: string, patch: Partial<Rule>, label = 'edit rule'): void {
  updateRule(id, patch, label);
}

/** Selecting a rule shows its condition as brushes; brush edits then update it. */
export function selectRule(id: string | null): void {
  if (id === null || rulesView.get().editingRuleId === id) {
    rulesView.set({ editingRuleId: null });
    return;
  }
  const rule = rules().rules.find((r) => r.id === id);
  if (!rule) return;
  const brushes = conditionToBrushes(rule.when);
  rulesView.set({ editingRuleId: id, typing: null });
  if (brushes) setBrushes(brushes);
  else toast('This rule uses or / not / missing across columns: edit it as text or in the form.');
}

function brushesToRule(): void {
  const s = rulesView.get();
  if (s.editingRuleId) { toast('Brush edits already go to the selected rule; press Done to make a new one.'); return; }
  if (!selectionStore.get().brushed) { toast('Brush an axis first: drag on it.'); return; }
  const set = rules();
  const target = ruleTarget.value || appStore.get().dataset?.schema.labelColumn || 'positive';
  const id = newRuleId(set);
  const rule: Rule = { id, name: `rule ${id.slice(1)}`, target, when: brushesToCondition(s.brushes), enabled: true };
  applyRules({ ...set, rules: [...set.rules, rule] }, `brushes → rule for ${target}`);
  toast(`Added ${rule.name} ⇒ ${target}`);
}

function move(delta: number): void {
  const id = targetRule();
  const set = rules();
  const i = set.rules.findIndex((r) => r.id === id);
  const j = i + delta;
  if (i < 0 || j < 0 || j >= set.rules.length) return;
  const next = [...set.rules];
  [next[i], next[j]] = [next[j], next[i]];
  applyRules({ ...set, rules: next }, delta < 0 ? 'raise rule priority' : 'lower rule priority');
}

// A finished brush edit on the selected rule becomes that rule's condition (one undo step).
brushCommitListeners.add((brushes) => {
  const id = rulesView.get().editingRuleId;
  const rule = rules().rules.find((r) => r.id === id);
  if (!rule) return;
  updateRule(rule.id, { when: brushesToCondition(brushes) }, `brush ${ruleLabel(rule)}`);
});

// Undo/redo or a text edit can change the selected rule: its brushes follow.
projectStore.subscribe(() => {
  const id = rulesView.get().editingRuleId;
  if (!id) return;
  const rule = rules().rules.find((r) => r.id === id);
  if (!rule) { rulesView.set({ editingRuleId: null }); return; }
  const shown = JSON.stringify(brushesToCondition(rulesView.get().brushes));
  if (shown === JSON.stringify(rule.when)) return;
  const brushes = conditionToBrushes(rule.when);
  if (brushes) setBrushes(brushes);
});

export function registerRulesActions(): () => void {
  return registerActions([
    { id: 'rules.brushes-to-rule', label: 'Brushes → rule', keys: ['r'], perform: brushesToRule },
    { id: 'rules.delete', label: 'Delete rule', keys: ['Delete'], perform: () => {
      const id = targetRule();
      const set = rules();
      const rule = set.rules.find((r) => r.id === id);
      if (!rule) return;
      if (rulesView.get().editingRuleId === id) rulesView.set({ editingRuleId: null });
      applyRules({ ...set, rules: set.rules.filter((r) => r.id !== id) }, `delete ${ruleLabel(rule)}`);
    } },
    { id: 'rules.move-up', label: 'Raise rule priority', keys: ['alt+ArrowUp'], perform: () => move(-1) },
    { id: 'rules.move-down', label: 'Lower rule priority', keys: ['alt+ArrowDown'], perform: () => move(1) },
    { id: 'rules.toggle', label: 'Enable / disable rule', keys: ['e'], perform: () => {
      const id = targetRule();
      const rule = rules().rules.find((r) => r.id === id);
      if (rule) updateRule(rule.id, { enabled: !rule.enabled }, `${rule.enabled ? 'disable' : 'enable'} ${ruleLabel(rule)}`);
    } },
    { id: 'rules.select', label: 'Edit rule as brushes', perform: () => selectRule(targetRule()) },
    { id: 'rules.clear-brushes', label: 'Clear brushes', keys: ['Escape'], perform: () => {
      rulesView.set({ typing: null });
      if (rulesView.get().editingRuleId) { rulesView.set({ editingRuleId: null }); return; }
      commitBrushes([]);
    } },
    { id: 'rules.export-png', label: 'Export chart as PNG', perform: () => exportPng() },
    { id: 'rules.export-svg', label: 'Export chart as SVG', perform: () => exportSvg() },
  ]);
}
