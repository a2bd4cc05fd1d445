/**
 * The compare figures against a 12-row example worked by hand (see the table below), the
 * threshold lookup against full recomputation, and the rules the Compare view relies on:
 * the model is scored only on its eligible rows, classes match by name, nothing breaks on
 * classes one side does not know.
 */
import { describe, expect, it } from 'vitest';
import { addsRows, agreementMatrix, modelAdds, compare, prepareModel, cellRows, agreementCount, rowSetFromIndices, heldOutRows, referenceFromLabels, classReport, type Reference } from '../../../ml/metrics/index.ts';

//  row       0    1    2    3    4    5    6    7    8    9    10   11
//  truth     b    b    b    g    g    g    g    g    b    g    -    g
//  rules     b    .    b    b    .    .    .    .    .    .    b    .
//  P(bad)   .9   .8   .3   .6   .2   .1   .4   .7  .55  .05   .9   .3
//  eligible  x    x    x    x    x    -    x    x    x    x    x    -     (5 and 11 trained on)
const T = ['bad', 'good'];
const truth = Int32Array.from([0, 0, 0, 1, 1, 1, 1, 1, 0, 1, -1, 1]);
const reference: Reference = { classes: T, truth, source: 'the label column "Class"', labelled: 11 };
const rules = { classes: ['bad'], pred: Int32Array.from([0, -1, 0, 0, -1, -1, -1, -1, -1, -1, 0, -1]) };
const pBad = [0.9, 0.8, 0.3, 0.6, 0.2, 0.1, 0.4, 0.7, 0.55, 0.05, 0.9, 0.3];
// The model lists its classes in another order than the reference: matched by name.
const proba = (p: number[]) => Float32Array.from(p.flatMap((b) => [1 - b, b]));
const eligible = heldOutRows(12, [5, 11]);
const model = () => prepareModel(reference, { classes: ['good', 'bad'], proba: proba(pBad), eligible });
const counts = (c: { confusion: { counts: Int32Array } }) => Array.from(c.confusion.counts);

describe('compare: rules, model and hybrid side by side (hand-computed)', () => {
  const m = model();
  const c = compare(reference, rules, { model: m });

  it('scores all three on the model\'s eligible rows that have a label, and says so', () => {
    expect(c.rows.count).toBe(9);
    expect(c.rows.description).toBe('9 held-out rows with a reference label');
    expect(c.classes).toEqual(['bad', 'good']);
    // truth rows (bad, good) × prediction (bad, good, abstain)
    expect(counts(c.rules.report)).toEqual([2, 0, 2, 1, 0, 4]);
    expect(counts(c.model!.report)).toEqual([3, 1, 0, 2, 3, 0]);
    expect(counts(c.hybrid!.report)).toEqual([4, 0, 0, 2, 3, 0]);
    expect([c.hybrid!.decidedByRules, c.hybrid!.decidedByModel, c.hybrid!.undecided]).toEqual([3, 6, 0]);
    expect(c.rules.report.coverage).toBeCloseTo(3 / 9);
    expect(c.rules.report.perClass[0]).toMatchObject({ precision: 2 / 3, recall: 0.5, support: 4, predicted: 3 });
    expect(c.rules.report.perClass[1]).toMatchObject({ precision: null, recall: 0, f1: null });
    expect(c.model!.report.perClass[0]).toMatchObject({ precision: 3 / 5, recall: 3 / 4 });
    expect(c.model!.report.perClass[1]).toMatchObject({ precision: 3 / 4, recall: 3 / 5 });
    expect(c.model!.report.macroF1).toBeCloseTo((2 / 3 + 2 / 3) / 2); // both F1 = 2/3
    expect(c.hybrid!.report.perClass[0]).toMatchObject({ precision: 4 / 6, recall: 1 });
    // The rules alone on every labelled row (11: row 10 has none).
    expect(c.rulesAllRows.rows.count).toBe(11);
    expect(counts(c.rulesAllRows.report)).toEqual([2, 0, 2, 1, 0, 6]);
  });

  it('what the model adds and what the rules add, most confident first', () => {
    const a = c.adds!;
    expect(a.counts).toEqual({ modelWhereRulesAbstain: 5, modelWhereRulesWrong: 0, rulesWhereModelWrong: 1, bothRight: 1, neitherRight: 2 });
    expect(Array.from(addsRows(a, 'modelWhereRulesAbstain'))).toEqual([9, 1, 4, 6, 8]); // confidences .95 .8 .8 .6 .55
    expect(Array.from(a.perClass.modelWhereRulesAbstain)).toEqual([2, 3]);
    expect(Array.from(addsRows(a, 'modelWhereRulesWrong'))).toEqual([]);
    expect(Array.from(addsRows(a, 'rulesWhereModelWrong'))).toEqual([2]);
    expect(Array.from(addsRows(a, 'neitherRight'))).toEqual([7, 3]); // the model says bad at .7 and .6
    expect(c.addsText).toBe('The model finds 2 "bad" rows the rules miss (all where they abstain); the rules find 1 the model misses, on 9 held-out rows with a reference label.');
  });

  it('agreement matrix rules × model over every row, cells listed by confidence', () => {
    const g = c.agreement!;
    expect(g.total).toBe(12);
    expect(g.rows.description).toBe('12 rows');
    expect(Array.from(g.counts)).toEqual([3, 1, 0, 0, 0, 0, 3, 5, 0]);
    expect(g.shares[0]).toBeCloseTo(3 / 12);
    expect([g.agree, g.disagree]).toEqual([3, 1]);
    expect(agreementCount(g, -1, 1)).toBe(5);
    expect(Array.from(cellRows(g, 0, 0))).toEqual([0, 10, 3]); // .9 .9 .6
    expect(Array.from(cellRows(g, 0, 1))).toEqual([2]);
    expect(Array.from(cellRows(g, -1, 0))).toEqual([1, 7, 8]);
    expect(Array.from(cellRows(g, -1, 1))).toEqual([9, 5, 4, 11, 6]);
    expect(compare(reference, rules, { model: m, agreementOn: 'scored' }).agreement!.total).toBe(9);
  });

  it('curves, the rule set as a point, and the headline sentence', () => {
    expect(m.positive).toBe(0); // "bad" is the rarer class
    expect(Array.from(m.pr!.tp)).toEqual([1, 2, 2, 2, 3, 3, 4, 4, 4]);
    expect(Array.from(m.pr!.fp)).toEqual([0, 0, 1, 2, 2, 3, 3, 4, 5]);
    expect(m.pr!.averagePrecision).toBeCloseTo(0.25 + 0.25 + 0.25 * 0.6 + 0.25 * (4 / 7));
    expect(c.rulesPoint).toMatchObject({ tp: 2, predicted: 3, positives: 4, precision: 2 / 3, recall: 0.5 });
    expect(c.headline!.atRulesPrecision).toMatchObject({ tp: 2, fp: 0 });
    expect(c.headline!.text).toBe('At the rules\' precision (67%) the model finds 50% of "bad" rows vs the rules\' 50%.');
    expect(compare(reference, rules, { model: m, positiveNoun: 'bad loans' }).headline!.text).toContain('finds 50% of bad loans');
  });

  it('threshold: at(t) equals recomputing everything at t, in both the model and the hybrid', () => {
    const v = c.at(0.35)!;
    expect(counts(v.model)).toEqual([3, 1, 0, 3, 2, 0]);
    expect(counts(v.hybrid)).toEqual([4, 0, 0, 3, 2, 0]);
    expect(v.positive).toMatchObject({ tp: 3, fp: 3, fn: 1, tn: 2, precision: 0.5, recall: 0.75 });
    for (const t of [-1, 0, 0.05, 0.1, 0.2, 0.3, 0.35, 0.5, 0.55, 0.6, 0.9, 0.95, 2]) {
      const full = compare(reference, rules, { model: m, threshold: t });
      expect(counts(c.at(t)!.model)).toEqual(counts(full.model!.report));
      expect(counts(c.at(t)!.hybrid)).toEqual(counts(full.hybrid!.report));
    }
    expect(counts(c.at(0.5)!.model)).toEqual(counts(c.model!.report)); // binary argmax = threshold ½
  });

  it('never scores the model on its training rows: their answers do not change any figure', () => {
    const poisoned = pBad.map((p, i) => (i === 5 || i === 11 ? 1 - p : p));
    const m2 = prepareModel(reference, { classes: ['good', 'bad'], proba: proba(poisoned), eligible });
    const c2 = compare(reference, rules, { model: m2 });
    expect(counts(c2.model!.report)).toEqual(counts(c.model!.report));
    expect(counts(c2.hybrid!.report)).toEqual(counts(c.hybrid!.report));
    expect(Array.from(m2.pr!.tp)).toEqual(Array.from(m.pr!.tp));
    // A model with no eligible rows is not scored at all, with a note, and nothing throws.
    const none = prepareModel(reference, { classes: ['good', 'bad'], proba: proba(pBad), eligible: rowSetFromIndices(12, [], 'held-out rows') });
    const c3 = compare(reference, rules, { model: none });
    expect(c3.model).toBeNull();
    expect(c3.hybrid).toBeNull();
    expect(c3.rows.count).toBe(11);
    expect(c3.notes.join(' ')).toMatch(/no rows it did not train on/);
    expect(c3.agreement!.total).toBe(12);
    expect(c3.at(0.5)).toBeNull();
  });
});

describe('compare: classes matched by name', () => {
  it('a model with a class the rules and the reference lack: a clear note, and its predictions count as wrong', () => {
    const proba3 = Float32Array.from(pBad.flatMap((b, i) => (i === 4 ? [0.1, 0.1, 0.8] : [(1 - b) * 0.9, b * 0.9, 0.1])));
    const m = prepareModel(reference, { classes: ['good', 'bad', 'fraud'], proba: proba3, eligible });
    const c = compare(reference, { classes: ['bad', 'weird'], pred: Int32Array.from([0, -1, 1, 0, -1, -1, -1, -1, -1, -1, 0, -1]) }, { model: m });
    expect(c.classes).toEqual(['bad', 'good', 'fraud', 'weird']);
    expect(c.notes.join(' ')).toMatch(/The model predicts "fraud", which is not a class of the reference/);
    expect(c.notes.join(' ')).toMatch(/A rule predicts "weird", which is not a class of the reference/);
    const w = 5;
    expect(c.model!.report.confusion.counts[1 * w + 2]).toBe(1); // row 4: good predicted fraud
    expect(c.rules.report.confusion.counts[0 * w + 3]).toBe(1); // row 2: bad predicted weird
    expect(c.at(0.5)!.model.confusion.k).toBe(4); // threshold views in the same class list
    expect(Array.from(c.at(0.5)!.hybrid.confusion.counts)).toEqual(Array.from(compare(reference, { classes: ['bad', 'weird'], pred: Int32Array.from([0, -1, 1, 0, -1, -1, -1, -1, -1, -1, 0, -1]) }, { model: m, threshold: 0.5 }).hybrid!.report.confusion.counts));
  });

  it('a positive class the model does not know: no curve, a note, the rest still scored', () => {
    const m = prepareModel(reference, { classes: ['good', 'bad'], proba: proba(pBad), eligible }, { positive: 'fraud' });
    expect(m.pr).toBeNull();
    expect(m.notes.join(' ')).toMatch(/no class "fraud"/);
    const c = compare(reference, rules, { model: m });
    expect(c.model).not.toBeNull();
    expect(c.headline).toBeNull();
    expect(c.at(0.5)).toBeNull();
  });

  it('user labels as the reference (sparse row → class), and rules alone without a model', () => {
    const ref = referenceFromLabels(12, { classes: ['good', 'bad'], assigned: [[0, 1], [3, 0], [4, 0], [8, 1]] });
    expect(ref.labelled).toBe(4);
    const c = compare(ref, rules);
    expect(c.rows.description).toBe('4 labelled rows');
    expect(c.classes).toEqual(['good', 'bad']);
    expect(counts(c.rules.report)).toEqual([0, 1, 1, 0, 1, 1]); // good: 3→bad, 4→abstain; bad: 0→bad, 8→abstain
    expect(c.positive).toBe(1); // the rarest reference class the rules predict: "bad", the only one
    expect(c.rulesPoint).toMatchObject({ tp: 1, predicted: 2 });
    expect(c.model).toBeNull();
    expect(() => referenceFromLabels(3, { classes: ['a'], assigned: [[5, 0]] })).toThrow(/row 5, outside the table/);
  });

  it('bad shapes are located errors', () => {
    expect(() => prepareModel(reference, { classes: ['good', 'bad'], proba: new Float32Array(5), eligible })).toThrow(/12 rows × 2 classes need 24/);
    expect(() => compare(reference, { classes: ['bad'], pred: new Int32Array(3) })).toThrow(/3 rows, the reference has 12/);
    const other: Reference = { ...reference, truth: truth.slice() };
    expect(() => compare(other, rules, { model: model() })).toThrow(/another reference/);
  });

  it('matches classReport on the same rows (no drift between the two paths)', () => {
    const m = model();
    const c = compare(reference, rules, { model: m });
    expect(counts(c.model!.report)).toEqual(counts(classReport(truth, m.pred, m.classes, m.evalRows.mask)));
  });
});

describe('compare: threshold views against full recomputation (random)', () => {
  it('at(t) equals compare(…, { threshold: t }) for model and hybrid: multiclass, unscored rows, rule-only classes, partial labels', async () => {
    const { mulberry32 } = await import('../../../ml/random.ts');
    for (let seed = 1; seed <= 8; seed++) {
      const r = mulberry32(seed), n = 500, K = 2 + (seed % 3);
      const classes = Array.from({ length: K }, (_, c) => `c${c}`);
      const truth = Int32Array.from({ length: n }, () => (r() < 0.1 ? -1 : Math.floor(r() * K)));
      const ref: Reference = { classes, truth, source: 'test', labelled: truth.filter((t) => t >= 0).length };
      const proba = new Float32Array(n * K);
      for (let i = 0; i < n; i++) {
        if (i % 37 === 0) { proba.fill(NaN, i * K, i * K + K); continue; }
        let s = 0;
        for (let c = 0; c < K; c++) { const v = Math.round(r() * 10) / 10 + (truth[i] === c ? 0.5 : 0); proba[i * K + c] = v; s += v; }
        for (let c = 0; c < K; c++) proba[i * K + c] /= s;
      }
      const eligible = rowSetFromIndices(n, Uint32Array.from({ length: n }, (_, i) => i).filter((i) => i % 4 !== 0), 'held-out rows');
      const m = prepareModel(ref, { classes: [...classes].reverse(), proba: (() => { const p = new Float32Array(n * K); for (let i = 0; i < n; i++) for (let c = 0; c < K; c++) p[i * K + c] = proba[i * K + (K - 1 - c)]; return p; })(), eligible }, { positive: 'c1' });
      const ruleClasses = ['c1', 'other', 'c0'];
      const rulePred = Int32Array.from({ length: n }, () => (r() < 0.6 ? -1 : Math.floor(r() * 3)));
      const c = compare(ref, { classes: ruleClasses, pred: rulePred }, { model: m });
      expect(c.classes).toContain('other');
      for (const t of [0, 0.1, 0.25, 0.3, 0.5, 0.7, 1]) {
        const full = compare(ref, { classes: ruleClasses, pred: rulePred }, { model: m, threshold: t });
        expect(counts(c.at(t)!.model)).toEqual(counts(full.model!.report));
        expect(counts(c.at(t)!.hybrid)).toEqual(counts(full.hybrid!.report));
      }
      // compare()'s one fused pass agrees with the stand-alone functions.
      expect(Array.from(c.agreement!.counts)).toEqual(Array.from(agreementMatrix(c.rulePred, c.modelPred!, c.modelConfidence!, c.classes, null).counts));
      const alone = modelAdds(truth, c.rulePred, c.modelPred!, c.modelConfidence!, c.classes.length, c.rows);
      expect(c.adds!.counts).toEqual(alone.counts);
      expect(Array.from(c.adds!.groupOf)).toEqual(Array.from(alone.groupOf));
    }
  });
});
