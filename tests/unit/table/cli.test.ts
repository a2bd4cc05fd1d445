/** The `machine-teacher` command, run the way a user runs it: plain node on the .mjs. */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeParquet } from '../../../ml/table/parquet-write.ts';
import { generateCreditCard } from '../../../ml/table/generate-creditcard.ts';

const dir = mkdtempSync(join(tmpdir(), 'mt-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['scripts/machine-teacher.mjs', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('machine-teacher CLI', () => {
  it('inspect prints the row count and the schema of the lending_club demo', () => {
    const r = cli('inspect', 'datasets/lending_club.csv');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('lending_club.csv: 9,857 rows × 23 columns, label: Class (guessed)');
    expect(lines[2]).toMatch(/^column\s+type\s+missing\s+distinct\s+min\s+max$/);
    expect(lines).toHaveLength(3 + 23);
    expect(lines.find((l) => l.startsWith('int_rate '))).toMatch(/^int_rate\s+numeric\s+0\s+5\.32\s+28\.99$/);
    expect(lines.find((l) => l.startsWith('addr_state '))).toMatch(/categorical\s+0\s+50$/);
    expect(lines.find((l) => l.startsWith('Class '))).toMatch(/label \(categorical\)\s+0\s+2$/);
  });

  it('inspect --label COL uses that column; --no-label none; an unknown one is one located error line (exit 1)', () => {
    const chosen = cli('inspect', 'datasets/lending_club.csv', '--label', 'term');
    expect(chosen.status).toBe(0);
    expect(chosen.stdout.split('\n')[0]).toBe('lending_club.csv: 9,857 rows × 23 columns, label: term');
    expect(chosen.stdout.split('\n').find((l) => l.startsWith('term '))).toMatch(/label \(categorical\)/);
    expect(chosen.stdout.split('\n').find((l) => l.startsWith('Class '))).toMatch(/^Class\s+categorical\s/);
    expect(cli('inspect', 'datasets/lending_club.csv', '--no-label').stdout.split('\n')[0]).toMatch(/label: \(none\)$/);
    const unknown = cli('inspect', 'datasets/lending_club.csv', '--label', 'Statuz');
    expect(unknown.status).toBe(1);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toMatch(/^machine-teacher: lending_club\.csv, column Statuz: there is no column "Statuz" to use as the label/);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    expect(cli('inspect', 'datasets/lending_club.csv', '--label').status).toBe(2);
    expect(cli('inspect', 'datasets/lending_club.csv', '--bogus').status).toBe(2);
  });

  it('inspect --json prints the schema as JSON; Parquet works too', () => {
    const file = join(dir, 'cc.parquet');
    writeFileSync(file, writeParquet(generateCreditCard({ seed: 1, n: 1000 })));
    const r = cli('inspect', file, '--json');
    expect(r.status).toBe(0);
    const schema = JSON.parse(r.stdout) as { n: number; labelColumn: string; columns: unknown[] };
    expect(schema.n).toBe(1000);
    expect(schema.labelColumn).toBe('Class');
    expect(schema.columns).toHaveLength(31);
  });

  it('bad input: exactly one located error line on stderr, exit 1, no stack trace', () => {
    const bad = join(dir, 'broken.csv');
    writeFileSync(bad, 'a,b,c\n1,2,3\n4,5\n6,7,8\n');
    const garbage = join(dir, 'garbage.csv');
    writeFileSync(garbage, new Uint8Array(512).map((_, i) => (i * 151 + 7) % 256));
    const cut = join(dir, 'cut.parquet');
    writeFileSync(cut, writeParquet(generateCreditCard({ seed: 1, n: 50 })).subarray(0, 900));
    const cases: [string, RegExp][] = [
      [bad, /^machine-teacher: .*broken\.csv: row 2, column c: expected 3 fields, found 2\n$/],
      [garbage, /^machine-teacher: .*garbage\.csv: this is binary data, not delimited text \(byte 0 at offset \d+\)\n$/],
      [cut, /^machine-teacher: .*cut\.parquet: not a complete Parquet file/],
      [join(dir, 'missing.csv'), /^machine-teacher: .*missing\.csv: no such file\n$/],
    ];
    for (const [file, pattern] of cases) {
      const r = cli('inspect', file);
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(pattern);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\bat .*\.(ts|js|mjs):\d+/);
    }
  });

  it('--help prints the usage (exit 0); an unknown command or missing FILE prints it on stderr (exit 2)', () => {
    const help = cli('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: machine-teacher <command>/);
    expect(help.stdout).toContain('inspect FILE');
    const unknown = cli('frobnicate');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^machine-teacher: unknown command "frobnicate"\nusage: /);
    expect(cli().status).toBe(2);
    expect(cli('inspect').status).toBe(2);
  });
});
