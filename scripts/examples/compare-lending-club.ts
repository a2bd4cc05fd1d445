/**
 * The README's worked example: on lending_club, what does a logistic regression add over a
 * hand-written rule set that flags risky loans? Rules from a person, a model on the table's
 * columns (5-fold cross-validated, so every loan is scored by a model that never saw it), and
 * the Compare view's figures, printed.
 *
 *   npx tsx scripts/examples/compare-lending-club.ts
 */
import { loadTableFromFile } from '../../ml/table/load-file.node.ts';
import { excludedColumns } from '../../ml/table/label.ts';
import { tableFeatures } from '../../ml/train/features.ts';
import { LogisticRegression } from '../../ml/train/logreg.ts';
import { initBackend } from '../../ml/train/backend.node.ts';
import { stratifiedFolds } from '../../ml/train/validation.ts';
import { parseRules } from '../../ml/rules/text.ts';
import { addsRows, compare, prepareModel, referenceFromColumn, rowSetFromMask, rulePredictions } from '../../ml/metrics/index.ts';

export const RULES = `"high rate": int_rate >= 20 => bad
"stretched": int_rate >= 15 and all_util >= 80 => bad
"long and costly": term = "term_60" and int_rate >= 17 => bad
"many inquiries": inq_last_6mths >= 3 and int_rate >= 13 => bad
`;

const pct = (x: number | null) => (x === null ? 'n/a' : `${(100 * x).toFixed(1)}%`);

const table = await loadTableFromFile('datasets/lending_club.csv');
const reference = referenceFromColumn(table, 'Class');
const { rules, errors } = parseRules(RULES);
if (errors.length) throw new Error(JSON.stringify(errors));
const set = { rules, defaultClass: null };

await initBackend('auto');
const x = tableFeatures(table, { exclude: excludedColumns({ label: 'Class' }) });
const K = reference.classes.length, n = table.n;
const proba = new Float32Array(n * K);
for (const { train, val } of stratifiedFolds(reference.truth, K, 5, 1)) {
  const take = (rows: Uint32Array) => { const d = new Float32Array(rows.length * x.dim); rows.forEach((i, j) => d.set(x.data.subarray(i * x.dim, (i + 1) * x.dim), j * x.dim)); return { data: d, dim: x.dim }; };
  const model = new LogisticRegression({ seed: 1 });
  await model.fit(take(train), Int32Array.from(train, (i) => reference.truth[i]), reference.classes);
  const p = model.predictProba(take(val));
  val.forEach((i, j) => proba.set(p.subarray(j * K, (j + 1) * K), i * K));
}
const eligible = rowSetFromMask(new Uint8Array(n).fill(1), 'loans (5-fold cross-validated)');
const m = prepareModel(reference, { classes: reference.classes, proba, eligible }, { positive: 'bad' });
const c = compare(reference, rulePredictions(table, set), { model: m, positiveNoun: 'bad loans', ruleSet: { table, rules } });
const bad = c.classes.indexOf('bad');

console.log(`lending_club: ${n.toLocaleString('en-US')} loans, ${c.rules.report.perClass[bad].support} bad; figures on ${c.rows.description}`);
console.log(RULES.trim().split('\n').map((l, j) => `  ${l}   # alone: precision ${pct(c.rulePoints[j].precision)}, recall ${pct(c.rulePoints[j].recall)}`).join('\n'));
for (const [name, s] of [['rules', c.rules], ['model (argmax)', c.model!], ['hybrid', c.hybrid!]] as const) {
  const k = s.report.perClass[bad];
  console.log(`${name.padEnd(15)} coverage ${pct(s.report.coverage)}  bad: precision ${pct(k.precision)} recall ${pct(k.recall)} F1 ${k.f1?.toFixed(3)}  macro F1 ${s.report.macroF1?.toFixed(3)}`);
}
console.log(`model: average precision ${m.pr!.averagePrecision!.toFixed(3)}, ROC AUC ${m.roc!.auc!.toFixed(3)}`);
console.log(c.headline!.text);
const t = c.headline!.atRulesPrecision?.threshold;
if (t !== undefined) {
  const v = c.at(t)!;
  console.log(`at threshold ${t.toFixed(3)} (the rules' precision): model bad precision ${pct(v.positive.precision)}, recall ${pct(v.positive.recall)} (${v.positive.tp} of ${v.positive.tp + v.positive.fn}); hybrid bad recall ${pct(v.hybrid.perClass[bad].recall)}, precision ${pct(v.hybrid.perClass[bad].precision)}`);
  const at = compare(reference, rulePredictions(table, set), { model: m, threshold: t, positiveNoun: 'bad loans' });
  console.log(`at that threshold: ${at.addsText}`);
  console.log(`  and it clears ${at.adds!.perClass.modelWhereRulesWrong[1 - bad]} good loans the rules flag; its most confident extra catches: rows ${Array.from(addsRows(at.adds!, 'modelWhereRulesAbstain')).filter((i) => reference.truth[i] === bad).slice(0, 5).join(', ')}`);
}
console.log(c.notes.join('\n'));
