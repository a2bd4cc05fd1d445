/**
 * The sentence the Compare view leads with: where on its precision–recall curve the model
 * matches the rules, e.g. "At the rules' precision (71%) the model finds 84% of frauds vs the
 * rules' 73%." — or, honestly, that it never gets that precise. Found by exact integer
 * comparisons on the curve's counts (no rounding decides which point qualifies).
 */
import type { PrCurve } from './curves.ts';

export type CurvePoint = { threshold: number; precision: number; recall: number; tp: number; fp: number };

export type Headline = {
  text: string;
  /** The rules on the curve's rows: positives they flag (tp of predicted) and all positives. */
  rules: { tp: number; predicted: number; positives: number; precision: number | null; recall: number | null };
  /** The model's highest-recall point at least as precise as the rules (null: none is). */
  atRulesPrecision: CurvePoint | null;
  /** The model's most precise point finding at least as many positives as the rules. */
  atRulesRecall: CurvePoint | null;
  /** The model's most precise point (highest recall among ties), for the unreachable case. */
  mostPrecise: CurvePoint | null;
};

const pct = (x: number) => (x > 0 && x < 0.005 ? '<1%' : x < 1 && x > 0.995 ? '>99%' : `${Math.round(x * 100)}%`);

function point(pr: PrCurve, d: number): CurvePoint {
  return { threshold: pr.threshold[d], precision: pr.precision[d], recall: pr.recall[d], tp: pr.tp[d], fp: pr.fp[d] };
}

/**
 * `rulesTp` of `rulesPredicted` rows the rules flag as positive are positive, measured on the
 * same rows as `pr`. `noun` names the positives in the sentence ("frauds", '"bad" rows').
 */
export function headline(pr: PrCurve, rulesTp: number, rulesPredicted: number, noun: string): Headline {
  const P = pr.positives;
  const rules = { tp: rulesTp, predicted: rulesPredicted, positives: P, precision: rulesPredicted ? rulesTp / rulesPredicted : null, recall: P ? rulesTp / P : null };
  let atP = -1, atR = -1, best = -1;
  for (let d = 0; d < pr.tp.length; d++) {
    const tp = pr.tp[d], pred = tp + pr.fp[d];
    // tp/pred ≥ rulesTp/rulesPredicted, in integers.
    if (rulesPredicted && tp * rulesPredicted >= rulesTp * pred && (atP < 0 || tp > pr.tp[atP])) atP = d;
    if (tp >= rulesTp && (atR < 0 || tp * (pr.tp[atR] + pr.fp[atR]) > pr.tp[atR] * pred)) atR = d;
    if (best < 0 || tp * (pr.tp[best] + pr.fp[best]) > pr.tp[best] * pred || (tp * (pr.tp[best] + pr.fp[best]) === pr.tp[best] * pred && tp > pr.tp[best])) best = d;
  }
  const out: Headline = { text: '', rules, atRulesPrecision: atP >= 0 ? point(pr, atP) : null, atRulesRecall: atR >= 0 ? point(pr, atR) : null, mostPrecise: best >= 0 ? point(pr, best) : null };
  if (P === 0) out.text = `There are no ${noun} among these rows: nothing to compare.`;
  else if (!rulesPredicted) out.text = `The rules flag no ${noun}, so there is no precision to match; the model's average precision is ${pct(pr.averagePrecision ?? 0)}.`;
  else if (out.atRulesPrecision) out.text = `At the rules' precision (${pct(rules.precision!)}) the model finds ${pct(out.atRulesPrecision.recall)} of ${noun} vs the rules' ${pct(rules.recall!)}.`;
  else if (out.mostPrecise) out.text = `The model never reaches the rules' precision (${pct(rules.precision!)}): at its most precise (${pct(out.mostPrecise.precision)}) it finds ${pct(out.mostPrecise.recall)} of ${noun}; the rules find ${pct(rules.recall!)}.`;
  else out.text = 'The model scores no rows here: nothing to compare.';
  return out;
}
