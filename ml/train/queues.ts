/**
 * "What to label next": row-index queues over the model's answers, most useful first.
 * - least confident: unlabelled rows with the smallest margin (top-1 − top-2 probability)
 *   — uncertainty sampling, the classic active-learning queue;
 * - label disagreements: labelled rows the model predicts differently — possible label
 *   errors, most confident model first when a confidence is given;
 * - model–rule disagreements: rows a rule claims for one class while the model says another.
 * Ties break by row index so queues are deterministic.
 */

function order(rows: number[], key: Float32Array | null, ascending: boolean): Uint32Array {
  const out = Uint32Array.from(rows);
  if (!key) return out;
  const sign = ascending ? 1 : -1;
  // NaN keys (no answer) go last whatever the direction.
  return out.sort((a, b) => {
    const ka = key[a];
    const kb = key[b];
    if (Number.isNaN(ka) || Number.isNaN(kb)) return Number.isNaN(ka) === Number.isNaN(kb) ? a - b : Number.isNaN(ka) ? 1 : -1;
    return ka === kb ? a - b : sign * (ka - kb);
  });
}

/** The k unlabelled rows (labelledMask[i] = 0) with the smallest margin, smallest first. */
export function leastConfident(margin: Float32Array, labelledMask: Uint8Array | null, k: number): Uint32Array {
  if (labelledMask && labelledMask.length !== margin.length) throw new Error(`leastConfident: ${margin.length} margins but a mask of ${labelledMask.length}`);
  const rows: number[] = [];
  for (let i = 0; i < margin.length; i++) if (!labelledMask || !labelledMask[i]) rows.push(i);
  return order(rows, margin, true).slice(0, Math.max(0, k));
}

/**
 * Labelled rows (humanLabels[i] ≥ 0; -1 = none) whose prediction differs from the label.
 * With `confidence` (e.g. margin), the model's most confident disagreements come first:
 * those are the likeliest label errors.
 */
export function labelDisagreements(predicted: Int32Array, humanLabels: Int32Array, confidence: Float32Array | null = null): Uint32Array {
  if (predicted.length !== humanLabels.length) throw new Error(`labelDisagreements: ${predicted.length} predictions but ${humanLabels.length} labels`);
  const rows: number[] = [];
  for (let i = 0; i < predicted.length; i++) if (humanLabels[i] >= 0 && predicted[i] >= 0 && predicted[i] !== humanLabels[i]) rows.push(i);
  return order(rows, confidence, false);
}

/**
 * Rows where a rule fires (rulePred[i] ≥ 0, an index into ruleClasses; -1 = abstain) for a
 * class other than the model's prediction (an index into classes). Classes are matched by
 * name, so the two lists need not share an order; a rule class the model does not know
 * always disagrees. With `confidence`, the model's most confident disagreements come first.
 */
export function modelRuleDisagreements(predicted: Int32Array, classes: string[], rulePred: Int32Array, ruleClasses: string[], confidence: Float32Array | null = null): Uint32Array {
  if (predicted.length !== rulePred.length) throw new Error(`modelRuleDisagreements: ${predicted.length} predictions but ${rulePred.length} rule answers`);
  const toModel = Int32Array.from(ruleClasses, (name) => classes.indexOf(name));
  const rows: number[] = [];
  for (let i = 0; i < predicted.length; i++) {
    const r = rulePred[i];
    if (r < 0 || predicted[i] < 0) continue;
    if (r >= toModel.length) throw new Error(`modelRuleDisagreements: row ${i} has rule class ${r}, but there are ${ruleClasses.length} rule classes`);
    if (toModel[r] !== predicted[i]) rows.push(i);
  }
  return order(rows, confidence, false);
}
