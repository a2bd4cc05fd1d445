/**
 * A rule set as a scikit-learn-like classifier: `fit`, `predict`, `predictProba`, `classes`,
 * `toJSON`/`fromJSON`. Unlike human-learn it predicts over columns (one masked pass per rule)
 * and rows that no enabled rule covers get ABSTAIN (-1) — or the configured default class —
 * never silently class 0.
 *
 * Probabilities: a covered row gets the firing rule's smoothed precision p on the rule's class
 * and (1 - p) spread evenly over the other classes. p = (correct + 1) / (fired + 2) measured by
 * `fit` on the rows where that rule fires (first match); a rule never measured (no fit, no
 * label column) is trusted, p = 1. Rows that fall to the default class are scored the same way
 * with the default as a last "rule". Abstained rows get the class priors seen by `fit`
 * (Laplace-smoothed), or a uniform distribution when nothing was measured.
 */
import { ABSTAIN, type RuleSet } from '../rules/spec.ts';
import { RuleError, ruleSetAssign } from '../rules/compile.ts';
import { labelCodes, labelValues } from '../metrics/labels.ts';
import type { Table } from '../table/types.ts';

export type AbstainPolicy = 'abstain' | { defaultClass: string };
export type RuleClassifierOptions = { classes?: string[]; abstain?: AbstainPolicy };

export type RuleClassifierJSON = {
  kind: 'RuleClassifier';
  version: 1;
  ruleSet: RuleSet;
  classes: string[];
  /** Whether `classes` was given by the user (fit then keeps it) or learned. */
  fixedClasses: boolean;
  abstain: AbstainPolicy;
  /** Smoothed precision by rule id, for rules fit could measure. */
  precision: Record<string, number>;
  defaultPrecision: number | null;
  priors: number[] | null;
};

export type Coverage = { covered: number; n: number; fraction: number };

export class RuleClassifier {
  readonly ruleSet: RuleSet;
  readonly abstain: AbstainPolicy;
  classes: string[];
  private fixedClasses: boolean;
  private precision = new Map<string, number>();
  private defaultPrecision: number | null = null;
  private priors: Float32Array | null = null;

  constructor(ruleSet: RuleSet, opts: RuleClassifierOptions = {}) {
    this.ruleSet = JSON.parse(JSON.stringify(ruleSet)) as RuleSet; // own copy: later edits to the UI's spec don't leak in
    this.abstain = opts.abstain ?? (ruleSet.defaultClass !== null ? { defaultClass: ruleSet.defaultClass } : 'abstain');
    this.fixedClasses = opts.classes !== undefined;
    this.classes = opts.classes ? [...opts.classes] : this.ruleClasses([]);
    this.checkClasses();
  }

  get defaultClass(): string | null {
    return this.abstain === 'abstain' ? null : this.abstain.defaultClass;
  }

  /** Label values first (their natural order), then rule targets and the default not among them. */
  private ruleClasses(first: string[]): string[] {
    const out = [...first];
    const add = (c: string) => { if (!out.includes(c)) out.push(c); };
    for (const r of this.ruleSet.rules) add(r.target);
    if (this.defaultClass !== null) add(this.defaultClass);
    return out;
  }

  private checkClasses() {
    for (const r of this.ruleSet.rules) {
      if (!this.classes.includes(r.target)) throw new RuleError(`rule "${r.name || r.id}" predicts ${JSON.stringify(r.target)}, which is not one of the classes ${JSON.stringify(this.classes)}`, r.id);
    }
    const d = this.defaultClass;
    if (d !== null && !this.classes.includes(d)) throw new RuleError(`default class ${JSON.stringify(d)} is not one of the classes ${JSON.stringify(this.classes)}`);
  }

  /**
   * Learns `classes` (label values + rule targets, unless given) and, with a label column,
   * each rule's precision on the rows where it fires and the class priors.
   */
  fit(table: Table, labelColumn?: string | null): this {
    this.precision.clear();
    this.defaultPrecision = null;
    this.priors = null;
    if (!labelColumn) return this;
    if (!this.fixedClasses) this.classes = this.ruleClasses(labelValues(table, labelColumn));
    this.checkClasses();
    const K = this.classes.length;
    const truth = labelCodes(table, labelColumn, this.classes);
    const assign = ruleSetAssign(table, this.ruleSet);
    const R = this.ruleSet.rules.length;
    const fired = new Float64Array(R + 1), correct = new Float64Array(R + 1); // slot R: the default class
    const target = this.ruleTargets();
    const classCount = new Float64Array(K);
    let labeled = 0;
    const d = this.defaultClass === null ? -1 : this.classes.indexOf(this.defaultClass);
    for (let i = 0; i < table.n; i++) {
      const t = truth[i];
      if (t < 0) continue;
      labeled++;
      classCount[t]++;
      const r = assign[i];
      if (r >= 0) { fired[r]++; if (target[r] === t) correct[r]++; }
      else if (d >= 0) { fired[R]++; if (t === d) correct[R]++; }
    }
    this.ruleSet.rules.forEach((rule, r) => { if (fired[r] > 0) this.precision.set(rule.id, (correct[r] + 1) / (fired[r] + 2)); });
    if (d >= 0 && fired[R] > 0) this.defaultPrecision = (correct[R] + 1) / (fired[R] + 2);
    if (labeled > 0) this.priors = Float32Array.from(classCount, (c) => (c + 1) / (labeled + K));
    return this;
  }

  private ruleTargets(): Int32Array {
    return Int32Array.from(this.ruleSet.rules, (r) => this.classes.indexOf(r.target));
  }

  /** Per row, an index into `classes`, or ABSTAIN (-1) when no enabled rule covers it and there is no default. */
  predict(table: Table): Int32Array {
    return this.classesOf(ruleSetAssign(table, this.ruleSet));
  }

  /** predict from a rule assignment already made (ruleSetAssign of this rule set): rule index → class. */
  classesOf(assign: Int32Array): Int32Array {
    const target = this.ruleTargets();
    const d = this.defaultClass === null ? ABSTAIN : this.classes.indexOf(this.defaultClass);
    const out = new Int32Array(assign.length);
    for (let i = 0; i < assign.length; i++) { const r = assign[i]; out[i] = r >= 0 ? target[r] : d; }
    return out;
  }

  /** Class names per row; null where the classifier abstains. */
  predictLabels(table: Table): (string | null)[] {
    return Array.from(this.predict(table), (c) => (c < 0 ? null : this.classes[c]));
  }

  /** n × classes.length probabilities, row-major (see the file comment for how they are made). */
  predictProba(table: Table): Float32Array {
    return this.probaOf(ruleSetAssign(table, this.ruleSet));
  }

  /** predictProba from a rule assignment already made (ruleSetAssign of this rule set). */
  probaOf(assign: Int32Array): Float32Array {
    const K = this.classes.length;
    const n = assign.length;
    const target = this.ruleTargets();
    const prec = Float64Array.from(this.ruleSet.rules, (r) => this.precision.get(r.id) ?? 1);
    const d = this.defaultClass === null ? -1 : this.classes.indexOf(this.defaultClass);
    const dp = this.defaultPrecision ?? 1;
    const out = new Float32Array(n * K);
    const abstainRow = this.priors ?? new Float32Array(K).fill(K > 0 ? 1 / K : 0);
    for (let i = 0; i < n; i++) {
      const r = assign[i];
      const c = r >= 0 ? target[r] : d;
      const o = i * K;
      if (c < 0) { out.set(abstainRow, o); continue; }
      const p = K === 1 ? 1 : r >= 0 ? prec[r] : dp;
      const rest = K > 1 ? (1 - p) / (K - 1) : 0;
      for (let k = 0; k < K; k++) out[o + k] = rest;
      out[o + c] = p;
    }
    return out;
  }

  /** Rows covered by some enabled rule (the default class does not count as coverage). */
  coverage(table: Table): Coverage {
    const assign = ruleSetAssign(table, this.ruleSet);
    let covered = 0;
    for (let i = 0; i < assign.length; i++) if (assign[i] >= 0) covered++;
    return { covered, n: table.n, fraction: table.n ? covered / table.n : 0 };
  }

  toJSON(): RuleClassifierJSON {
    return {
      kind: 'RuleClassifier',
      version: 1,
      ruleSet: JSON.parse(JSON.stringify(this.ruleSet)) as RuleSet,
      classes: [...this.classes],
      fixedClasses: this.fixedClasses,
      abstain: this.abstain === 'abstain' ? 'abstain' : { defaultClass: this.abstain.defaultClass },
      precision: Object.fromEntries(this.precision),
      defaultPrecision: this.defaultPrecision,
      priors: this.priors ? Array.from(this.priors) : null,
    };
  }

  static fromJSON(json: RuleClassifierJSON): RuleClassifier {
    if (json?.kind !== 'RuleClassifier' || json.version !== 1) throw new Error('not a RuleClassifier (version 1) JSON object');
    const c = new RuleClassifier(json.ruleSet, { classes: json.classes, abstain: json.abstain });
    c.fixedClasses = json.fixedClasses;
    for (const [id, p] of Object.entries(json.precision)) c.precision.set(id, p);
    c.defaultPrecision = json.defaultPrecision;
    c.priors = json.priors ? Float32Array.from(json.priors) : null;
    return c;
  }
}
