/**
 * `machine-teacher predict`, `train` and `sql`, run as a user runs them (plain node on the
 * .mjs): predictions identical to the app's code on the same data, through CSV, gzip, Parquet
 * and DuckDB; bad input is one located line and exit 1; a usage mistake exit 2.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTable } from '../../../ml/table/index.ts';
import { writeParquet } from '../../../ml/table/parquet-write.ts';
import { parseRules } from '../../../ml/rules/text.ts';
import { ruleSetAssign } from '../../../ml/rules/compile.ts';
import { loadClassifier } from '../../../ml/export/write.node.ts';
import { sqlString } from '../../../ml/rules/sql.ts';
import type { Table } from '../../../ml/table/types.ts';
import { duckdb } from './engines.ts';

const dir = mkdtempSync(join(tmpdir(), 'mt-export-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['scripts/machine-teacher.mjs', ...args], { encoding: 'utf8', timeout: 180_000, maxBuffer: 1 << 28 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
const csvRows = (text: string) => text.trim().split('\n').map((l) => l.split(','));

const LOANS = 'datasets/lending_club.csv';
const RULES = join(dir, 'rules.txt');
const RULE_TEXT = [
  '# bad loans, by hand',
  '"high rate": int_rate > 20 and term in {"term_60"} => bad   # the obvious one',
  'annual_inc < 20000 or `revol_util` > 90 => bad',
  'not (int_rate >= 7.5) => good',
  '',
].join('\n');
writeFileSync(RULES, RULE_TEXT);
let loans: Table;
const bundle = join(dir, 'loans-bundle');

beforeAll(async () => {
  loans = await loadTable('lending_club.csv', new Uint8Array(readFileSync(LOANS)));
  const r = cli('train', LOANS, '--label', 'Class', '--model', 'logistic', '--epochs', '3', '--rules', RULES, '--out', bundle);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
}, 240_000);

const appRules = () => {
  const set = { rules: parseRules(RULE_TEXT).rules, defaultClass: null };
  return Array.from(ruleSetAssign(loans, set), (k) => (k < 0 ? '' : set.rules[k].target));
};

describe('machine-teacher predict / train / sql', () => {
  it('train prints the held-out metrics and writes a hybrid bundle whose rules.txt keeps the comments', () => {
    expect(existsSync(join(bundle, 'model/model.json'))).toBe(true);
    expect(readFileSync(join(bundle, 'rules.txt'), 'utf8')).toBe(RULE_TEXT);
    const manifest = JSON.parse(readFileSync(join(bundle, 'manifest.json'), 'utf8'));
    expect(manifest.kind).toBe('hybrid');
    expect(manifest.data.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.input.columns.map((c: { name: string }) => c.name)).not.toContain('Class');
  });

  it('predict --rules scores a CSV exactly as the app\'s masks do, one row per input row, in order', () => {
    const r = cli('predict', '--rules', RULES, LOANS, '--id', 'addr_state');
    expect(r.status).toBe(0);
    const rows = csvRows(r.stdout);
    expect(rows[0]).toEqual(['addr_state', 'prediction']);
    expect(rows.slice(1).map((x) => x[1])).toEqual(appRules());
    const states = loans.columns.find((c) => c.name === 'addr_state')!;
    if (states.type !== 'categorical') throw new Error('addr_state should be categorical');
    expect(rows.slice(1).map((x) => x[0])).toEqual(Array.from(states.codes, (k) => states.dictionary[k]));
  });

  it('predict BUNDLE gives what loadClassifier gives: prediction, p_<class> and source; gzip and Parquet read the same', async () => {
    const clf = await loadClassifier(bundle);
    const a = clf.answer(loans);
    const r = cli('predict', bundle, LOANS);
    expect(r.status).toBe(0);
    const rows = csvRows(r.stdout);
    expect(rows[0]).toEqual(['row', 'prediction', 'p_bad', 'p_good', 'source']);
    expect(rows).toHaveLength(loans.n + 1);
    rows.slice(1).forEach((row, i) => {
      expect(row[0]).toBe(String(i));
      expect(row[1]).toBe(clf.classes[a.pred[i]]);
      expect(Number(row[2])).toBeCloseTo(a.proba![i * 2], 6);
      expect(row[4]).toBe(a.source[i] === 2 ? 'model' : clf.rules!.ruleSet.rules[a.rule![i]].name || `rule ${a.rule![i] + 1}`);
    });
    expect(new Set(rows.slice(1).map((x) => x[4]))).toEqual(new Set(['high rate', 'rule 2', 'rule 3', 'model']));
    const gz = join(dir, 'loans.csv.gz');
    writeFileSync(gz, gzipSync(readFileSync(LOANS)));
    expect(cli('predict', bundle, gz).stdout).toBe(r.stdout);
    const pq = join(dir, 'loans.parquet');
    writeFileSync(pq, writeParquet(loans, { doubles: true }));
    expect(cli('predict', bundle, pq).stdout).toBe(r.stdout);
    const jsonl = cli('predict', bundle, LOANS, '--format', 'jsonl').stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(jsonl[0]).toEqual({ row: 0, prediction: rows[1][1], p_bad: Number(rows[1][2]), p_good: Number(rows[1][3]), source: rows[1][4] });
  });

  it('sql prints one SELECT whose predictions in DuckDB, on the CSV, equal predict --rules', async () => {
    const r = cli('sql', '--rules', RULES, '--table', 'loans', '--dialect', 'duckdb');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^SELECT \*,\nCASE\n {2}WHEN /);
    expect(r.stdout).toMatch(/END AS "prediction"\nFROM "loans";\n$/);
    const sql = r.stdout.replace('FROM "loans";', `FROM read_csv(${sqlString(LOANS)}, header = true)`);
    const got = await duckdb(`SELECT prediction FROM (${sql.replace(/^SELECT \*,/, 'SELECT *, row_number() OVER () AS rn,')}) ORDER BY rn`);
    expect(got.map((x) => x[0] ?? '')).toEqual(appRules());
    for (const dialect of ['sqlite', 'postgres', 'spark']) expect(cli('sql', '--rules', RULES, '--dialect', dialect).status).toBe(0);
    expect(cli('sql', '--rules', RULES, '--dialect', 'oracle').status).toBe(2);
  });

  it('values next to a bound: predict --rules agrees with the app\'s masks and with DuckDB', async () => {
    const csv = join(dir, 'edge.csv');
    const xs = [0.1, 0.1000000001, 0.10000000009999999, 0.10000000010000001, 0.1000000002, NaN, 0.0999999999];
    writeFileSync(csv, `id,x\n${xs.map((x, i) => `${i},${Number.isNaN(x) ? '' : x}`).join('\n')}\n`);
    const rules = join(dir, 'edge.txt');
    writeFileSync(rules, 'x >= 0.1000000001 => above\nx is missing => none\n');
    const app = await loadTable('edge.csv', new Uint8Array(readFileSync(csv)));
    const set = { rules: parseRules(readFileSync(rules, 'utf8')).rules, defaultClass: null };
    const want = Array.from(ruleSetAssign(app, set), (k) => (k < 0 ? '' : set.rules[k].target));
    expect(want).toEqual(['', 'above', '', 'above', 'above', 'none', '']);
    expect(csvRows(cli('predict', '--rules', rules, csv).stdout).slice(1).map((r) => r[1] ?? '')).toEqual(want);
    const sql = cli('sql', '--rules', rules, '--table', 'edge').stdout.replace('FROM "edge";', `FROM read_csv(${sqlString(csv)}, header = true)`);
    expect((await duckdb(`SELECT prediction FROM (${sql}) ORDER BY id`)).map((x) => x[0] ?? '')).toEqual(want);
  });

  it('bad input: one located line naming the column and what the bundle expects, exit 1, no output file left', () => {
    const noIncome = join(dir, 'no-income.csv');
    writeFileSync(noIncome, readFileSync(LOANS, 'utf8').replace(/^(.*?)annual_inc/, '$1income'));
    const out = join(dir, 'out.csv');
    const r = cli('predict', bundle, noIncome, '--out', out);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^machine-teacher: .*no-income\.csv, column annual_inc: there is no column "annual_inc": the bundle expects a numeric column "annual_inc" \(read by the rules and the model\)\n$/);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(`${out}.partial`)).toBe(false);
    const text = join(dir, 'text-rate.csv');
    const lines = readFileSync(LOANS, 'utf8').split('\n');
    const col = lines[0].split(',').indexOf('"int_rate"');
    lines[5] = lines[5].split(',').map((v, j) => (j === col ? '12%' : v)).join(',');
    writeFileSync(text, lines.join('\n'));
    const t = cli('predict', bundle, text);
    expect(t.status).toBe(1);
    expect(t.stderr).toBe(`machine-teacher: ${text}: row 5, column int_rate: expected a number (the classifier reads "int_rate" as numbers), found "12%"\n`);
  });

  it('an unknown category is scored as an all-zero one-hot and counted on stderr (exit 0)', () => {
    const other = join(dir, 'other-term.csv');
    writeFileSync(other, readFileSync(LOANS, 'utf8').replace(/term_36/g, 'term_48'));
    const r = cli('predict', bundle, other);
    expect(r.status).toBe(0);
    const n = (readFileSync(LOANS, 'utf8').match(/term_36/g) ?? []).length;
    expect(r.stderr).toBe(`machine-teacher: note: ${n.toLocaleString('en-US')} values of "term" in other-term.csv are categories the model never saw (e.g. "term_48"): they were scored as all-zero one-hots\n`);
  });

  it('a newer bundle format, broken rule text and usage mistakes say so', () => {
    const newer = join(dir, 'newer');
    cli('train', LOANS, '--label', 'Class', '--model', 'logistic', '--epochs', '1', '--out', newer);
    const m = JSON.parse(readFileSync(join(newer, 'manifest.json'), 'utf8'));
    writeFileSync(join(newer, 'manifest.json'), JSON.stringify({ ...m, formatVersion: 7 }));
    const r = cli('predict', newer, LOANS);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/manifest\.json: this bundle is format 7 \(made by machine-teacher [^)]+\), newer than this machine-teacher reads \(format 1\): update machine-teacher to use it\n$/);
    const broken = join(dir, 'broken.txt');
    writeFileSync(broken, 'int_rate > 20 => bad\nint_rate >> 3 => good\n');
    const b = cli('predict', '--rules', broken, LOANS);
    expect(b.status).toBe(1);
    expect(b.stderr).toMatch(/^machine-teacher: .*broken\.txt: line 2, col \d+: .+\n$/);
    expect(cli('predict', bundle).status).toBe(2);
    expect(cli('predict', bundle, LOANS, '--format', 'xml').status).toBe(2);
    expect(cli('train', LOANS, '--label', 'Class').status).toBe(2);
    expect(cli('train', LOANS, '--label', 'Nope', '--out', join(dir, 'x')).stderr).toMatch(/column Nope: there is no column "Nope" to use as the label/);
    // --not-feature takes the same form as suggest's (repeatable); an unknown column is named.
    const nf = cli('train', LOANS, '--label', 'Class', '--not-feature', 'nope', '--out', join(dir, 'y'));
    expect(nf.status).toBe(1);
    expect(nf.stderr).toMatch(/there is no column "nope" \(--not-feature\)/);
    expect(cli('--help').stdout).toMatch(/predict BUNDLE DATA[\s\S]*train DATA --label COL[\s\S]*sql --rules RULES\.txt/);
  });
});
