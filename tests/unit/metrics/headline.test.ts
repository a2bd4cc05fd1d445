/** The headline's points against brute force over random curves, and its sentences. */
import { describe, expect, it } from 'vitest';
import { argsortDesc, buildScoreIndex, curveSearch, headline, prCurve, type PrCurve } from '../../../ml/metrics/index.ts';
import { mulberry32 } from '../../../ml/random.ts';

function curve(n: number, seed: number, signal: number): PrCurve {
  const r = mulberry32(seed);
  const truth = Int32Array.from({ length: n }, () => (r() < 0.2 ? 1 : 0));
  const score = Float32Array.from(truth, (t) => Math.round((signal * t + r()) * 15) / 15);
  return prCurve(buildScoreIndex(argsortDesc(score).order, score, truth, new Int32Array(n), 2, 1));
}

describe('headline', () => {
  it('finds the same points as a brute-force scan', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const pr = curve(50 + seed * 7, seed, (seed % 5) / 3);
      const s = curveSearch(pr);
      const L = pr.tp.length, prec = (d: number) => pr.tp[d] / (pr.tp[d] + pr.fp[d]);
      for (const [tp, pred] of [[3, 4], [1, 9], [5, 5], [0, 3], [7, 40], [2, 2]]) {
        const h = headline(pr, s, tp, pred, 'x');
        let atP = -1, atR = -1;
        for (let d = 0; d < L; d++) {
          if (pr.tp[d] * pred >= tp * (pr.tp[d] + pr.fp[d]) && (atP < 0 || pr.tp[d] > pr.tp[atP] || (pr.tp[d] === pr.tp[atP] && pr.fp[d] < pr.fp[atP]))) atP = d;
          if (pr.tp[d] >= tp && (atR < 0 || prec(d) > prec(atR))) atR = d;
        }
        expect(h.atRulesPrecision && [h.atRulesPrecision.tp, h.atRulesPrecision.fp]).toEqual(atP < 0 ? null : [pr.tp[atP], pr.fp[atP]]);
        expect(h.atRulesRecall && [h.atRulesRecall.tp, h.atRulesRecall.fp]).toEqual(atR < 0 ? null : [pr.tp[atR], pr.fp[atR]]);
      }
      let best = 0;
      for (let d = 1; d < L; d++) if (prec(d) >= prec(best)) best = d;
      expect(s.mostPrecise).toBe(best);
    }
  });

  it('says it honestly when the model never gets as precise as the rules, or there is nothing to match', () => {
    // One positive and one negative at every score: precision is ½ at every threshold.
    const truth = Int32Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? 1 : 0));
    const score = Float32Array.from(truth, (_, i) => Math.floor(i / 2) / 100);
    const pr = prCurve(buildScoreIndex(argsortDesc(score).order, score, truth, new Int32Array(200), 2, 1));
    const s = curveSearch(pr);
    const h = headline(pr, s, 30, 31, 'frauds');
    expect(h.atRulesPrecision).toBeNull();
    expect(h.text).toBe("The model never reaches the rules' precision (97%): at its most precise (50%) it finds 100% of frauds; the rules find 30%.");
    expect(headline(pr, s, 0, 0, 'frauds').text).toMatch(/^The rules flag no frauds, so there is no precision to match; the model's average precision is \d+%\.$/);
    const none = prCurve(buildScoreIndex(argsortDesc(score).order, score, new Int32Array(200), new Int32Array(200), 2, 1));
    expect(headline(none, curveSearch(none), 0, 5, 'frauds').text).toBe('There are no frauds among these rows: nothing to compare.');
  });
});
