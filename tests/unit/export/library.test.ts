/**
 * `import { loadClassifier } from 'machine-teacher'` works as a user's program runs it: plain
 * node, no build step, from another project that installed the package (a node_modules link,
 * as `npm install ../machine-teacher` makes) — and gives the CLI's and the app's answers.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadTable } from '../../../ml/table/index.ts';
import { buildBundle } from '../../../ml/export/bundle.ts';
import { writeBundleDir } from '../../../ml/export/write.node.ts';
import { parseRules } from '../../../ml/rules/text.ts';
import { ruleSetAssign } from '../../../ml/rules/compile.ts';

const project = mkdtempSync(join(tmpdir(), 'mt-user-project-'));
afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('the machine-teacher package', () => {
  it('exports loadClassifier and loadTable to a plain Node program in another project', async () => {
    const loans = await loadTable('lending_club.csv', new Uint8Array(readFileSync('datasets/lending_club.csv')));
    const set = { rules: parseRules('int_rate > 20 => bad\nnot (int_rate > 10) => good').rules, defaultClass: null };
    const { files } = buildBundle({ kind: 'rules', ruleSet: set, table: loans, label: 'Class', data: { name: 'lending_club.csv', sha256: null }, app: { version: 'test' } });
    await writeBundleDir(join(project, 'rules-bundle'), files);
    mkdirSync(join(project, 'node_modules'));
    symlinkSync(resolve('.'), join(project, 'node_modules', 'machine-teacher'), 'dir');
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'user-project', type: 'module', private: true }));
    writeFileSync(join(project, 'score.mjs'), [
      "import { loadClassifier, loadTable } from 'machine-teacher';",
      "const clf = await loadClassifier('rules-bundle');",
      'const table = await loadTable(process.argv[2]);',
      'console.log(JSON.stringify({ classes: clf.classes, labels: clf.predictLabels(table), proba: clf.predictProba(table).length }));',
    ].join('\n'));
    const r = spawnSync(process.execPath, ['score.mjs', resolve('datasets/lending_club.csv')], { cwd: project, encoding: 'utf8', timeout: 120_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { classes: string[]; labels: (string | null)[]; proba: number };
    expect(out.classes).toEqual(['bad', 'good']);
    expect(out.labels).toEqual(Array.from(ruleSetAssign(loans, set), (k) => (k < 0 ? null : set.rules[k].target)));
    expect(out.proba).toBe(loans.n * 2);
  });
});
