/**
 * The sentence the Compare view leads with: where on its precision–recall curve the model
 * matches the rules, e.g. "At the rules' precision (71%) the model finds 84% of frauds vs the
 * rules' 73%." — or, honestly, that it never gets that precise. Points qualify by exact
 * integer comparisons on the curve's counts (no rounding decides), and after `curveSearch`
 * (once per model) each sentence is two binary searches, so it costs nothing per rule edit.
 */
import type { PrCurve } from './curves.ts';

export type CurvePoint = { threshold: number; precision: number; recall: number; tp: number; fp: number };

export type Headline = {
  text: string;
  /** The rules on the curve's rows: positives they flag (tp of predicted) and all positives. */
  rules: { tp: number; predicted: number; positives: number; precision: number | null; recall: number | null };
  /** The model's highest-recall point at least as precise as the rules (null: none is). */
  atRulesPrecision: CurvePoint | null;
  /** The model's most precise point finding at least as many positives as the rules (lowest recall among ties). */
  atRulesRecall: CurvePoint | null;
  /** The model's most precise point (highest recall among ties), for the unreachable case. */
  mostPrecise: CurvePoint | null;
};

/** Per curve point d: the most precise point at d or after (earliest among ties), and the overall most precise. */
export type CurveSearch = { suffixBest: Int32Array; mostPrecise: number };

/** a/b > c/d for counts (b, d > 0), exactly. */
const more = (a: number, b: number, c: number, d: number) => a * d > c * b;

export function curveSearch(pr: PrCurve): CurveSearch {
  const L = pr.tp.length, suffixBest = new Int32Array(L);
  const pred = (d: number) => pr.tp[d] + pr.fp[d];
  for (let d = L - 1; d >= 0; d--) {
    const b = d + 1 < L ? suffixBest[d + 1] : -1;
    suffixBest[d] = b < 0 || !more(pr.tp[b], pred(b), pr.tp[d], pred(d)) ? d : b;
  }
  let best = -1;
  for (let d = 0; d < L; d++) if (best < 0 || !more(pr.tp[best], pred(best), pr.tp[d], pred(d))) best = d; // ties: the later, higher recall
  return { suffixBest, mostPrecise: best };
}

/** The first d with tp[d] ≥ x (tp is non-decreasing along the curve); L if none. */
function firstWithTp(tp: Int32Array, x: number): number {
  let lo = 0, hi = tp.length;
  while (lo < hi) { const mid = (lo + hi) >>> 1; if (tp[mid] >= x) hi = mid; else lo = mid + 1; }
  return lo;
}

const pct = (x: number) => (x > 0 && x < 0.005 ? '<1%' : x < 1 && x > 0.995 ? '>99%' : `${Math.round(x * 100)}%`);

function point(pr: PrCurve, d: number): CurvePoint {
  return { threshold: pr.threshold[d], precision: pr.precision[d], recall: pr.recall[d], tp: pr.tp[d], fp: pr.fp[d] };
}

/**
 * `rulesTp` of `rulesPredicted` rows the rules flag as positive are positive, measured on the
 * same rows as `pr`. `noun` names the positives in the sentence ("frauds", '"bad" rows').
 */
export function headline(pr: PrCurve, search: CurveSearch, rulesTp: number, rulesPredicted: number, noun: string): Headline {
  const P = pr.positives, L = pr.tp.length;
  const rules = { tp: rulesTp, predicted: rulesPredicted, positives: P, precision: rulesPredicted ? rulesTp / rulesPredicted : null, recall: P ? rulesTp / P : null };
  const S = search.suffixBest;
  const reaches = (d: number) => !more(rulesTp, rulesPredicted, pr.tp[S[d]], pr.tp[S[d]] + pr.fp[S[d]]); // some point at d.. is as precise as the rules
  // The last point as precise as the rules: the last d whose suffix still reaches their precision.
  let atP = -1;
  if (rulesPredicted && L && reaches(0)) {
    let lo = 0, hi = L - 1;
    while (lo < hi) { const mid = (lo + hi + 1) >>> 1; if (reaches(mid)) lo = mid; else hi = mid - 1; }
    atP = firstWithTp(pr.tp, pr.tp[lo]); // the same recall with fewer false positives, if an earlier point has it
  }
  // The first point finding as many positives as the rules (tp grows along the curve), then the suffix's most precise.
  const first = firstWithTp(pr.tp, rulesTp);
  const atR = first < L ? S[first] : -1;
  const out: Headline = { text: '', rules, atRulesPrecision: atP >= 0 ? point(pr, atP) : null, atRulesRecall: atR >= 0 ? point(pr, atR) : null, mostPrecise: search.mostPrecise >= 0 ? point(pr, search.mostPrecise) : null };
  if (P === 0) out.text = `There are no ${noun} among these rows: nothing to compare.`;
  else if (!rulesPredicted) out.text = `The rules flag no ${noun}, so there is no precision to match; the model's average precision is ${pct(pr.averagePrecision ?? 0)}.`;
  else if (out.atRulesPrecision) out.text = `At the rules' precision (${pct(rules.precision!)}) the model finds ${pct(out.atRulesPrecision.recall)} of ${noun} vs the rules' ${pct(rules.recall!)}.`;
  else if (out.mostPrecise) out.text = `The model never reaches the rules' precision (${pct(rules.precision!)}): at its most precise (${pct(out.mostPrecise.precision)}) it finds ${pct(out.mostPrecise.recall)} of ${noun}; the rules find ${pct(rules.recall!)}.`;
  else out.text = 'The model scores no rows here: nothing to compare.';
  return out;
}
