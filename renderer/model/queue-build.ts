/**
 * Builds the "what to label next" queues from the current predictions: least confident
 * unlabelled items, labelled items the model disagrees with (possible label errors), and —
 * when the project has rules — items where model and rules disagree.
 */
import { RuleClassifier } from '../../ml/classify/rule-classifier.ts';
import { labelDisagreements, leastConfident, modelRuleDisagreements } from '../../ml/train/queues.ts';
import { appStore, toast } from '../store/app.ts';
import { projectStore } from '../project/store.ts';
import { rowClasses } from '../labels/labels.ts';
import { modelStore } from './model-store.ts';
import { openQueue, queueStore, QUEUE_TITLES, type QueueKind } from './queue-store.ts';
import { focusRow } from './map-link.ts';

export const QUEUE_LENGTH = 200;

export function hasRules(): boolean {
  return projectStore.get().project.rules.rules.some((r) => r.enabled !== false);
}

export function buildQueue(kind: QueueKind): Uint32Array | null {
  const d = appStore.get().dataset;
  const p = modelStore.get().predictions;
  if (!d || !p) return null;
  const human = rowClasses(projectStore.get().project.labels, d.table.n);
  if (kind === 'least-confident') {
    const labelled = new Uint8Array(d.table.n);
    for (let i = 0; i < human.length; i++) if (human[i] >= 0) labelled[i] = 1;
    return leastConfident(p.margin, labelled, QUEUE_LENGTH);
  }
  if (kind === 'label-disagrees') return labelDisagreements(p.predicted, human, p.margin);
  const rules = projectStore.get().project.rules;
  const clf = new RuleClassifier(rules);
  return modelRuleDisagreements(p.predicted, p.classes, clf.predict(d.table), clf.classes, p.margin);
}

export function startQueue(kind: QueueKind): void {
  let rows: Uint32Array | null;
  try {
    rows = buildQueue(kind);
  } catch (err) {
    toast(`Could not build the queue: ${(err as Error).message}`);
    return;
  }
  if (!rows) { toast('Train a model first'); return; }
  if (rows.length === 0) { toast(`${QUEUE_TITLES[kind]}: nothing to show`); }
  openQueue(kind, rows, modelStore.get().predictions?.version ?? 0);
  if (rows.length) focusRow(rows[0]);
}

/** After a retrain the open queue is rebuilt from the new answers, starting at the top. */
export function refreshOpenQueue(): void {
  const { kind } = queueStore.get();
  if (kind) startQueue(kind);
}
