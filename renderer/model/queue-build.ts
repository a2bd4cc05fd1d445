/**
 * Builds the "what to label next" queues from the current predictions: least confident
 * unlabelled items, labelled items the model disagrees with (possible label errors), and —
 * when the project has rules — items where model and rules disagree. A queue is a snapshot
 * taken when opened; a retrain rebuilds an open one.
 */
import { RuleClassifier } from '../../ml/classify/rule-classifier.ts';
import { labelDisagreements, labelNext, modelRuleDisagreements } from '../../ml/train/queues.ts';
import { rowClasses } from '../../ml/project/label-delta.ts';
import type { ActionState } from '../actions/state.ts';
import type { ActionResult } from '../actions/types.ts';
import { QUEUE_TITLES, type QueueKind } from './queue-store.ts';
import { featuresById } from './features.ts';

export const QUEUE_LENGTH = 200;

export const hasRules = (s: Pick<ActionState, 'doc'>): boolean => s.doc.rules.rules.some((r) => r.enabled !== false);

export function buildQueue(s: ActionState, kind: QueueKind): Uint32Array | null {
  const d = s.dataset;
  const p = s.model.predictions;
  if (!d || !p) return null;
  const human = rowClasses(s.doc.labels, d.table.n);
  if (kind === 'label-disagrees') return labelDisagreements(p.predicted, human, p.margin);
  if (kind === 'picked') return s.queue.rows;
  if (kind !== 'rules-disagree') {
    const labelled = new Uint8Array(d.table.n);
    for (let i = 0; i < human.length; i++) if (human[i] >= 0) labelled[i] = 1;
    // Diversity clusters the candidates in the space the model learned from.
    const features = kind === 'margin-diversity' ? featuresById(d, p.embeddingId) : null;
    return labelNext(kind, { proba: p.proba, margin: p.margin, labelled, seed: s.doc.teach.seed, ...(features ? { embedding: { x: features.data, dim: features.dim } } : {}) }, QUEUE_LENGTH);
  }
  const clf = new RuleClassifier(s.doc.rules);
  return modelRuleDisagreements(p.predicted, p.classes, clf.predict(d.table), clf.classes, p.margin);
}

/** Opens a queue (as a view change): its rows, the cursor at the top, the map on the first item. */
export function buildQueueResult(s: ActionState, kind: QueueKind): ActionResult {
  let rows: Uint32Array | null;
  try {
    rows = buildQueue(s, kind);
  } catch (err) {
    return { toast: `Could not build the queue: ${(err as Error).message}` };
  }
  if (!rows) return { toast: 'Train a model first' };
  return {
    view: { queue: { kind, rows, pos: 0, version: s.model.predictions?.version ?? 0, labelled: 0 }, ...(rows.length ? { map: { focus: rows[0] } } : {}) },
    toast: rows.length === 0 ? `${QUEUE_TITLES[kind]}: nothing to show` : undefined,
  };
}
