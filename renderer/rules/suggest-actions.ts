/**
 * Suggested rules: a shallow decision tree fit in the compare worker (progress and Cancel in
 * the top bar) on the table's features — never the label or a not-a-feature column — against
 * the label column, or the brushed selection against the rest. Accepting one makes it an
 * ordinary rule, shown as brushes to edit (one undo step); rejecting drops it from the list.
 */
import { newRuleId, ruleLabel } from './actions.ts';
import { conditionToBrushes } from '../../ml/rules/brushes.ts';
import type { SuggestInput } from '../../ml/rules/suggest.ts';
import { defineAction } from '../actions/types.ts';
import { commit } from '../actions/registry.ts';
import { runJob, trackJob, type JobWorker } from '../jobs/run-job.ts';
import { selectedIndex } from './store.ts';
import { suggestStore } from './suggest-store.ts';

let worker: JobWorker<'suggest'> | null = null;
const compareWorker = () => (worker ??= new Worker(new URL('../workers/compare.worker.ts', import.meta.url), { type: 'module' }));

export const suggestRules = defineAction<{ against: 'label' | 'selection'; depth: number; minLeaf: number }>({
  name: 'rules.suggest', label: 'Suggest rules',
  when: (s) => s.dataset !== null && suggestStore.get().status !== 'running',
  perform: async (s, { against, depth, minLeaf }) => {
    const table = s.dataset!.table;
    const roles = { label: s.doc.label.column, notFeatures: s.doc.notFeatures };
    const rows = selectedIndex();
    if (against === 'label' && !roles.label) { commit({ toast: 'Choose a label column first (or brush a selection and suggest rules for it).' }); return; }
    if (against === 'selection' && (rows.length === 0 || rows.length === table.n)) { commit({ toast: 'Brush a part of the rows first: the rules describe it against the rest.' }); return; }
    const input: SuggestInput = { table, roles, target: against === 'label' ? { kind: 'label' } : { kind: 'selection', rows: rows.slice(), name: 'selected' }, maxDepth: depth, minLeaf };
    suggestStore.set({ status: 'running', message: null, ghost: -1 });
    try {
      const result = await trackJob('Suggesting rules (decision tree)', (signal, progress) => runJob(compareWorker(), 'suggest', input, { signal, onProgress: progress }));
      if (!result) { suggestStore.set({ status: 'idle', message: 'Cancelled' }); return; }
      const note = result.suggestions.length === 0 ? 'The tree found no rule worth suggesting (try a smaller minimum leaf, or more depth).' : null;
      suggestStore.set({ status: 'done', suggestions: result.suggestions, measuredOn: result.measuredOn, fitOn: result.fitOn, message: note });
    } catch (err) {
      suggestStore.set({ status: 'error', message: (err as Error).message });
    }
  },
});

export const showGhost = defineAction<{ index: number }>({ name: 'rules.suggest-ghost', label: 'Show a suggestion on the chart', perform: (_s, { index }) => ({ view: { suggest: { ghost: index } } }) });

export const acceptSuggestion = defineAction<{ index: number }>({
  name: 'rules.suggest-accept', label: 'Accept a suggested rule',
  perform: (s, { index }) => {
    const sug = s.suggest.suggestions[index];
    if (!sug) return;
    const set = s.doc.rules;
    const id = newRuleId(set);
    const rule = { ...sug.rule, id, name: sug.rule.name || `rule ${id.slice(1)}` };
    const brushes = conditionToBrushes(rule.when);
    return {
      change: { doc: { rules: { ...set, rules: [...set.rules, rule] }, ...(brushes ? { brushes } : {}) } },
      label: `accept suggested ${ruleLabel(rule)}`,
      view: { rules: { editingRuleId: brushes ? id : null, highlight: null }, suggest: { suggestions: s.suggest.suggestions.filter((_, k) => k !== index), ghost: -1 } },
      toast: `Added ${ruleLabel(rule)} ⇒ ${rule.target}${brushes ? ': its brushes edit it' : ''}`,
    };
  },
});

export const rejectSuggestion = defineAction<{ index: number }>({
  name: 'rules.suggest-reject', label: 'Reject a suggested rule',
  perform: (s, { index }) => ({ view: { suggest: { suggestions: s.suggest.suggestions.filter((_, k) => k !== index), ghost: -1 } } }),
});

export const SUGGEST_ACTIONS = [suggestRules, showGhost, acceptSuggestion, rejectSuggestion];
