/** `machine-teacher suggest`, run the way a user runs it: its stdout is rule text the app's parser accepts as is. */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRules } from '../../../ml/rules/text.ts';
import { suggestRules } from '../../../ml/rules/suggest.ts';
import { loadTableFromFile } from '../../../ml/table/load-file.node.ts';
import { writeParquet } from '../../../ml/table/parquet-write.ts';
import { generateCreditCard } from '../../../ml/table/generate-creditcard.ts';

const dir = mkdtempSync(join(tmpdir(), 'mt-suggest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['scripts/machine-teacher.mjs', 'suggest', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('machine-teacher suggest', () => {
  it('prints the same rules as the app\'s suggestRules, as text parseRules reads unchanged', async () => {
    const r = cli('datasets/lending_club.csv', '--label', 'Class', '--balanced', '--depth', '2', '--min-leaf', '50');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const parsed = parseRules(r.stdout);
    expect(parsed.errors).toEqual([]);
    const table = await loadTableFromFile('datasets/lending_club.csv');
    const lib = await suggestRules({ table, roles: { label: 'Class' }, target: { kind: 'label' }, classWeight: 'balanced', maxDepth: 2, minLeaf: 50 });
    const noId = ({ id: _id, ...rest }: { id: string }) => rest; // the parser numbers rules r1, r2, …
    expect(parsed.rules.map(noId)).toEqual(lib.suggestions.map((s) => noId(s.rule)));
    expect(r.stdout).toBe(lib.text);
    expect(r.stdout.split('\n').filter((l) => l && !l.startsWith('#')).every((l) => / => (bad|good) {2}# precision /.test(l))).toBe(true);
  });

  it('guessed label said in a comment; --class, --not-feature and --json; Parquet input', () => {
    const file = join(dir, 'cc.parquet');
    writeFileSync(file, writeParquet(generateCreditCard({ seed: 1, n: 20_000 })));
    const r = cli(file, '--class', '1', '--not-feature', 'V14', '--depth', '2', '--min-leaf', '5');
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('# Label: Class (guessed; choose another with --label COL)');
    const { rules, errors } = parseRules(r.stdout);
    expect(errors).toEqual([]);
    expect(rules.length).toBeGreaterThan(0);
    expect(rules.every((x) => x.target === '1' && !JSON.stringify(x.when).includes('"V14"'))).toBe(true);
    const j = JSON.parse(cli(file, '--json', '--depth', '1').stdout) as { label: string; features: string[]; suggestions: unknown[] };
    expect(j.label).toBe('Class');
    expect(j.features).toHaveLength(30);
    expect(j.suggestions.length).toBeGreaterThan(0);
  });

  it('bad command lines exit 2, bad data exits 1 with one located line', () => {
    for (const args of [['--depth', '0'], ['--depth', 'x'], ['--holdout', '2'], ['--no-label'], ['--bogus']]) {
      const r = cli('datasets/lending_club.csv', ...args);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^machine-teacher: /);
    }
    expect(cli().status).toBe(2);
    const label = cli('datasets/lending_club.csv', '--label', 'Statuz');
    expect(label.status).toBe(1);
    expect(label.stderr.trim().split('\n')).toHaveLength(1);
    expect(label.stderr).toMatch(/lending_club\.csv, column Statuz: there is no column "Statuz"/);
    const nf = cli('datasets/lending_club.csv', '--not-feature', 'nope');
    expect(nf.status).toBe(1);
    expect(nf.stderr).toMatch(/column nope: there is no column "nope" to leave out/);
    const one = join(dir, 'one.csv');
    writeFileSync(one, 'a,y\n1,x\n2,x\n3,x\n');
    const r1 = cli(one, '--label', 'y');
    expect(r1.status).toBe(1);
    expect(r1.stderr).toMatch(/one\.csv, column y: column "y" cannot be a label: it has only one class/);
  });
});
