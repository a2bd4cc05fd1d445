/**
 * Rule-set evaluation over the generated 284,807 × 31 credit-card table: the columnar mask
 * compiler (ruleSetAssign, repeated as on every rule edit: sorted indexes after the first
 * evaluation) against a human-learn-style baseline measured in the same run — an array of row
 * objects and one JS closure per rule, first match wins per row.
 * `npx tsx bench/run.ts rules-eval [repeats]`
 */
import { generateCreditCard } from '../ml/table/generate-creditcard.ts';
import { parseRules } from '../ml/rules/text.ts';
import { ruleSetAssign } from '../ml/rules/compile.ts';
import { median } from './_stats.ts';
import { ruleStats } from '../ml/rules/stats.ts';
import { RuleClassifier } from '../ml/classify/rule-classifier.ts';
import type { Table } from '../ml/table/types.ts';
import os from 'node:os';

export const RULES = [
  'V14 < -4.2 and V17 in [-9, -2] => 1',
  'V12 < -5 and V10 < -3 => 1',
  'V4 > 4 and V11 > 3 => 1',
  'V3 < -4 => 1',
  'Amount > 2000 and V1 < -3 => 1',
  '-3 <= V14 < -1 and V12 < -2 => 1',
  'V2 in [-2, 2] and V5 > 3 => 0',
  'Time > 100000 and V7 < -5 => 1',
  'V10 < -6 or V16 < -6 => 1',
  'V21 > 2 and V27 in [-1, 1] => 0',
];

type Row = Record<string, number>;
/** The same rules as closures over one row object each (what human-learn asks users to write). */
const CLOSURES: ((r: Row) => boolean)[] = [
  (r) => r.V14 < -4.2 && r.V17 >= -9 && r.V17 <= -2,
  (r) => r.V12 < -5 && r.V10 < -3,
  (r) => r.V4 > 4 && r.V11 > 3,
  (r) => r.V3 < -4,
  (r) => r.Amount > 2000 && r.V1 < -3,
  (r) => r.V14 >= -3 && r.V14 < -1 && r.V12 < -2,
  (r) => r.V2 >= -2 && r.V2 <= 2 && r.V5 > 3,
  (r) => r.Time > 100000 && r.V7 < -5,
  (r) => r.V10 < -6 || r.V16 < -6,
  (r) => r.V21 > 2 && r.V27 >= -1 && r.V27 <= 1,
];


/** Median wall ms over `repeats` runs after a warm-up; `cpu` is this process's CPU ms per run. */
function time(repeats: number, f: () => void): number {
  f(); // warm-up (JIT)
  const ts: number[] = [];
  const c0 = process.cpuUsage();
  for (let k = 0; k < repeats; k++) { const t0 = performance.now(); f(); ts.push(performance.now() - t0); }
  const c = process.cpuUsage(c0);
  lastCpu = (c.user + c.system) / 1000 / repeats;
  return median(ts);
}
let lastCpu = 0;

function rowObjects(table: Table): Row[] {
  const numeric = table.columns.flatMap((c) => (c.type === 'numeric' ? [c] : []));
  return Array.from({ length: table.n }, (_, i) => {
    const row: Row = {};
    for (const c of numeric) row[c.name] = c.values[i];
    return row;
  });
}

export default async function bench(args: string[]): Promise<void> {
  const repeats = Number(args[0] ?? 15);
  const table = generateCreditCard({ seed: 1 });
  const { rules, errors } = parseRules(RULES.join('\n'));
  if (errors.length) throw new Error(`bench rules do not parse: ${JSON.stringify(errors)}`);
  const set = { rules, defaultClass: null };

  let assign: Int32Array = new Int32Array(table.n);
  // The first evaluation scans; later ones (each rule edit in the app) sort a few tested columns
  // each (ml/rules/sorted-index.ts) until every one is indexed, then read the sorted indexes.
  const once = () => { const t0 = performance.now(); assign = ruleSetAssign(table, set, assign); return performance.now() - t0; };
  const first = once();
  const building: number[] = [];
  for (let k = 0; k < 10; k++) building.push(once());
  const ms = time(repeats, () => { assign = ruleSetAssign(table, set, assign); });
  const cpu = lastCpu;

  const rows = rowObjects(table); // built outside the timing: the baseline gets its rows for free
  const base = new Int32Array(table.n);
  const baseMs = time(Math.max(3, Math.floor(repeats / 3)), () => {
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      let hit = -1;
      for (let r = 0; r < CLOSURES.length; r++) if (CLOSURES[r](row)) { hit = r; break; }
      base[i] = hit;
    }
  });
  let diff = 0;
  for (let i = 0; i < table.n; i++) if (assign[i] !== base[i]) diff++;
  if (diff) throw new Error(`columnar and row-object evaluation disagree on ${diff} rows`);

  let covered = 0;
  for (let i = 0; i < table.n; i++) if (assign[i] >= 0) covered++;
  console.log(`rules eval: ${ms.toFixed(2)} ms for ${rules.length} rules over ${table.n} rows (${(baseMs / ms).toFixed(1)}x faster than row-objects)`);
  console.log(`  first evaluation (scans) ${first.toFixed(1)} ms; the next ones, sorting two columns each: ${building.map((x) => x.toFixed(0)).join(', ')} ms; then the median above`);
  console.log(`  row-objects baseline: ${baseMs.toFixed(2)} ms; both agree on all rows; covered ${covered} rows`);
  // The machine is shared: wall time inflates with the load, CPU time much less so.
  console.log(`  columnar CPU time ${cpu.toFixed(2)} ms per evaluation (wall is a median of ${repeats}); load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`);

  const statsMs = time(Math.max(3, Math.floor(repeats / 3)), () => { ruleStats(table, set, 'Class'); });
  const clf = new RuleClassifier(set).fit(table, 'Class');
  const predictMs = time(Math.max(3, Math.floor(repeats / 3)), () => { clf.predict(table); });
  const probaMs = time(Math.max(3, Math.floor(repeats / 3)), () => { clf.predictProba(table); });
  console.log(`  ruleStats with labels: ${statsMs.toFixed(2)} ms; RuleClassifier.predict: ${predictMs.toFixed(2)} ms; predictProba: ${probaMs.toFixed(2)} ms`);
}
