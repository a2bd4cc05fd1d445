/**
 * Suggest rules end to end on lending_club and generated tables: the text parses with the
 * ordinary rule parser unchanged, the figures are what the rules give on the held-out rows,
 * the label and "not a feature" columns never appear, and bad input gets a clear message.
 */
import { describe, expect, it } from 'vitest';
import { suggestRules, runSuggest, type SuggestInput } from '../../../ml/rules/suggest.ts';
import { parseRules } from '../../../ml/rules/text.ts';
import { ruleMask } from '../../../ml/rules/compile.ts';
import { loadTableFromFile } from '../../../ml/table/load-file.node.ts';
import { labelCodes, labelValues } from '../../../ml/metrics/labels.ts';
import { directContext } from '../../../ml/jobs/job.ts';
import type { Condition } from '../../../ml/rules/spec.ts';
import type { Table } from '../../../ml/table/types.ts';

const lending = await loadTableFromFile('datasets/lending_club.csv');

function columnsOf(c: Condition, out = new Set<string>()): Set<string> {
  if ('column' in c) out.add(c.column);
  if (c.op === 'and' || c.op === 'or') c.of.forEach((k) => columnsOf(k, out));
  if (c.op === 'not') columnsOf(c.of, out);
  return out;
}

describe('suggest rules against a label column (lending_club)', () => {
  it('prints rule-grammar text the parser reads unchanged, one rule per line, figures on held-out rows', async () => {
    const r = await suggestRules({ table: lending, roles: { label: 'Class' }, target: { kind: 'label' }, classWeight: 'balanced' });
    const parsed = parseRules(r.text, lending.columns.map((c) => ({ name: c.name, type: c.type })));
    expect(parsed.errors).toEqual([]);
    expect(parsed.rules.map((x) => x.when)).toEqual(r.suggestions.map((s) => s.rule.when));
    expect(r.text.split('\n').filter((l) => l && !l.startsWith('#'))).toHaveLength(r.suggestions.length);
    expect(r.text).toMatch(/^# Suggested by a depth-3 decision tree .* fit on 6,900 rows \(70%\) against the label column "Class"\.\n# Figures on 2,957 held-out rows \(not used to fit\)\./);
    expect(r.measuredRows.length).toBe(2957);
    expect(r.suggestions.some((s) => s.rule.target === 'bad')).toBe(true);
    // Each rule's figures, recomputed by compiling the rule and counting on the held-out rows.
    const classes = labelValues(lending, 'Class'), truth = labelCodes(lending, 'Class', classes);
    const support = (k: number) => r.measuredRows.filter((i) => truth[i] === k).length;
    for (const s of r.suggestions) {
      const mask = ruleMask(lending, s.rule), k = classes.indexOf(s.rule.target);
      let covered = 0, correct = 0;
      for (const i of r.measuredRows) if (mask[i]) { covered++; if (truth[i] === k) correct++; }
      expect(s.stats).toMatchObject({ covered, correct, rows: '2,957 held-out rows' });
      expect(s.stats!.recall).toBeCloseTo(correct / support(k), 12);
      expect(s.stats!.coverage).toBeCloseTo(covered / 2957, 12);
      expect(s.text).toContain(`(${correct.toLocaleString('en-US')} of ${covered.toLocaleString('en-US')})`);
    }
    expect(r.accuracy).toBeGreaterThan(0.5);
  });

  it('never uses the label or a "not a feature" column — and would, if it were not excluded', async () => {
    // A leak: the label as a number. Excluded, it cannot appear; included, the tree uses it at once.
    const leak = { name: 'leak', type: 'numeric' as const, values: Float32Array.from(labelCodes(lending, 'Class', ['bad', 'good'])) };
    const table: Table = { n: lending.n, columns: [...lending.columns, leak] };
    const used = async (input: Partial<SuggestInput>) => {
      const r = await suggestRules({ table, roles: { label: 'Class' }, target: { kind: 'label' }, maxDepth: 2, ...input });
      const cols = new Set<string>();
      r.suggestions.forEach((s) => columnsOf(s.rule.when, cols));
      return { cols, features: r.features };
    };
    const off = await used({ roles: { label: 'Class', notFeatures: ['leak', 'int_rate'] } });
    expect(off.features).not.toContain('Class');
    expect(off.features).not.toContain('leak');
    expect(off.features).not.toContain('int_rate');
    expect(off.cols.has('leak') || off.cols.has('int_rate') || off.cols.has('Class')).toBe(false);
    const on = await used({});
    expect(on.cols.has('leak')).toBe(true);
    // Against a selection or the user's labels, the project's label column is still no feature.
    const sel = await suggestRules({ table, roles: { label: 'Class', notFeatures: ['leak'] }, target: { kind: 'selection', rows: Uint32Array.from({ length: 300 }, (_, i) => i * 3) } });
    expect(sel.features).not.toContain('Class');
  });
});

describe('suggest rules against a selection or the user\'s labels', () => {
  const n = 2000;
  const x = Float32Array.from({ length: n }, (_, i) => (i * 37) % 101);
  const g = Int32Array.from({ length: n }, (_, i) => (i * 13) % 4);
  const table: Table = { n, columns: [{ name: 'x', type: 'numeric', values: x }, { name: 'grade', type: 'categorical', codes: g, dictionary: ['A', 'B', 'C', 'D'] }] };
  const selected = Uint32Array.from({ length: n }, (_, i) => i).filter((i) => x[i] > 60 && g[i] !== 2);

  it('recovers the condition that made the selection, as a rule for the selection\'s class', async () => {
    const r = await suggestRules({ table, roles: { label: null }, target: { kind: 'selection', rows: selected, name: 'fraud' }, minLeaf: 5 });
    expect(r.classes).toEqual(['fraud', 'rest']);
    expect(r.suggestions.map((s) => s.text.split('  #')[0])).toEqual(['x > 60 and grade in {"A", "B", "D"} => fraud']);
    expect(r.suggestions[0].stats).toMatchObject({ precision: 1, recall: 1 });
    expect(r.suggestions[0].brushes).toEqual([{ column: 'x', kind: 'numeric', ranges: [[60, Infinity]], open: [[true, false]] }, { column: 'grade', kind: 'categorical', values: ['A', 'B', 'D'] }]);
    expect(r.suggestions[0].notShown).toEqual([]);
  });

  it('a small selection still gets a rule: class weights are balanced by default against a selection', async () => {
    const few = Uint32Array.from({ length: n }, (_, i) => i).filter((i) => x[i] > 92 && g[i] === 0); // ~2% of the rows
    const r = await suggestRules({ table, roles: { label: null }, target: { kind: 'selection', rows: few }, minLeaf: 5 });
    expect(r.suggestions.map((s) => s.text.split('  #')[0])).toEqual(['x > 92 and grade in {"A"} => selected']);
    const plain = await suggestRules({ table, roles: { label: null }, target: { kind: 'selection', rows: few }, minLeaf: 5, classWeight: null, maxDepth: 1 });
    expect(plain.suggestions).toEqual([]);
    expect(plain.text).toContain('# No leaf predicts "selected" (too rare to win a leaf): try balanced class weights, a deeper tree or smaller leaves.');
  });

  it('learns from sparse user labels only (unlabelled rows are neither fit nor measured)', async () => {
    const assigned = Array.from({ length: 400 }, (_, j) => [j * 5, x[j * 5] > 50 ? 1 : 0] as const);
    const r = await suggestRules({ table, roles: { label: null }, target: { kind: 'labels', labels: { classes: ['low', 'high'], assigned } }, holdout: 0.25, minLeaf: 5 });
    // Stratified: a quarter of each class held out (rounded per class).
    const fitCount = Number(r.fitOn.split(' ')[0]);
    expect(fitCount + r.measuredRows.length).toBe(400);
    expect(r.fitOn).toMatch(/^(299|300|301) rows \(75%\)$/);
    expect(r.measuredOn).toBe(`${r.measuredRows.length} held-out rows (not used to fit)`);
    expect([...r.measuredRows].every((i) => i % 5 === 0)).toBe(true); // labelled rows only
    expect(r.suggestions.map((s) => s.text.split('  #')[0])).toEqual(['x <= 50 => low', 'x > 50 => high']);
    const none = await suggestRules({ table, roles: { label: null }, target: { kind: 'labels', labels: { classes: ['low', 'high'], assigned } }, holdout: 0, minLeaf: 5 });
    expect(none.measuredOn).toBe('400 fit rows (the rows it was fit on: optimistic, nothing was held out)');
  });

  it('bad input: clear messages', async () => {
    const base = { table, roles: { label: null } };
    await expect(suggestRules({ ...base, target: { kind: 'selection', rows: new Uint32Array(0) } })).rejects.toThrow('the selection is empty: select the rows the rules should describe');
    await expect(suggestRules({ ...base, target: { kind: 'selection', rows: Uint32Array.from({ length: n }, (_, i) => i) } })).rejects.toThrow('the selection holds every row: there is nothing to tell it apart from');
    await expect(suggestRules({ ...base, target: { kind: 'labels', labels: { classes: ['a'], assigned: [] } } })).rejects.toThrow('there are no labels yet');
    await expect(suggestRules({ ...base, target: { kind: 'labels', labels: { classes: ['a', 'b'], assigned: [[1, 1], [2, 1]] } } })).rejects.toThrow('every labelled row is "b": label rows of a second class first');
    await expect(suggestRules({ ...base, target: { kind: 'label' } })).rejects.toThrow(/there is no label column/);
    const one: Table = { n: 3, columns: [{ name: 'v', type: 'numeric', values: Float32Array.of(1, 2, 3) }, { name: 'y', type: 'categorical', codes: Int32Array.of(0, 0, 0), dictionary: ['ok'] }] };
    await expect(suggestRules({ table: one, roles: { label: 'y' }, target: { kind: 'label' } })).rejects.toThrow('the label column "y" has only one class ("ok"): rules need at least two classes to tell apart');
    const empty: Table = { n: 4, columns: [{ name: 'v', type: 'numeric', values: new Float32Array(4).fill(NaN) }, { name: 'y', type: 'categorical', codes: Int32Array.of(0, 1, 0, 1), dictionary: ['a', 'b'] }] };
    await expect(suggestRules({ table: empty, roles: { label: 'y' }, target: { kind: 'label' }, minLeaf: 1 })).rejects.toThrow('no column can be split: "v" (it has no values on these rows)');
    const textOnly: Table = { n: 2, columns: [{ name: 't', type: 'text', values: ['a', 'b'] }, empty.columns[1]] };
    await expect(suggestRules({ table: { ...textOnly, n: 4, columns: [{ name: 't', type: 'text', values: ['a', 'b', 'c', 'd'] }, empty.columns[1]] }, roles: { label: 'y' }, target: { kind: 'label' } })).rejects.toThrow(/there are no feature columns/);
  });

  it('as a job: progress while it works, and cancel', async () => {
    const seen: number[] = [];
    const r = await runSuggest({ table: lending, roles: { label: 'Class' }, target: { kind: 'label' } }, directContext({ onProgress: (p) => seen.push(p.done / p.total) }));
    expect(r.suggestions.length).toBeGreaterThan(0);
    expect(structuredClone(r)).toEqual(r); // it crosses postMessage whole
    expect(seen.length).toBeGreaterThan(5);
    expect(seen.at(-1)).toBe(1);
    const ac = new AbortController();
    const job = runSuggest({ table: lending, roles: { label: 'Class' }, target: { kind: 'label' } }, directContext({ signal: ac.signal, onProgress: (p) => { if (p.done === 3) ac.abort(); } }));
    await expect(job).rejects.toThrow(/Cancelled/);
  });
});
