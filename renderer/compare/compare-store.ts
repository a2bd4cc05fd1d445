/**
 * The Compare tab's view state: what the figures are measured against (the label column or
 * the user's labels), the positive class, the model's threshold, and the rows the user picked
 * (an agreement cell or an "adds" group), listed most confident first.
 */
import type { AddsGroup } from '../../ml/metrics/index.ts';
import { createStore } from '../store/create.ts';

export type CompareState = {
  reference: 'label' | 'labels';
  /** null: the rarest class (the usual "positive": fraud, bad, spam). */
  positive: string | null;
  /** The model's threshold on the positive class; null = its argmax. */
  threshold: number | null;
  picked: { rows: Uint32Array; what: string; cell?: { rule: number; model: number }; group?: AddsGroup } | null;
};

export const initialCompare = (): CompareState => ({ reference: 'label', positive: null, threshold: null, picked: null });
export const compareStore = createStore<CompareState>(initialCompare());
