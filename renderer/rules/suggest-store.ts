/** "Suggest rules": the last run's suggestions (accepted and rejected ones leave the list) and the one shown as ghost brushes. */
import type { SuggestedRule } from '../../ml/rules/suggest.ts';
import { createStore } from '../store/create.ts';

export type SuggestState = {
  status: 'idle' | 'running' | 'done' | 'error';
  suggestions: SuggestedRule[];
  /** Where the figures were measured ("2,957 held-out rows (not used to fit)"), and on what it fitted. */
  measuredOn: string;
  fitOn: string;
  message: string | null;
  /** The suggestion drawn as ghost brushes on the chart (index into `suggestions`), -1 none. */
  ghost: number;
};

export const initialSuggest = (): SuggestState => ({ status: 'idle', suggestions: [], measuredOn: '', fitOn: '', message: null, ghost: -1 });
export const suggestStore = createStore<SuggestState>(initialSuggest());
