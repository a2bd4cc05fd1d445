/** `machine-teacher inspect FOLDER` on a folder of texts, run the way a user runs it: plain node on the .mjs. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { makeFolder } from '../images/fixtures.ts';
import { textFolder } from './fixtures.ts';

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['scripts/machine-teacher.mjs', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('machine-teacher inspect FOLDER of texts', () => {
  it('prints the table with the subfolder label and the text column, and each bad file with why (exit 0)', () => {
    const r = cli('inspect', textFolder());
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^mt-images-\w+\/: 7 rows × 7 columns, label: label \(guessed\)$/);
    expect(lines.find((l) => l.startsWith('label '))).toMatch(/label \(categorical\)\s+1\s+2$/);
    expect(lines.find((l) => l.startsWith('text '))).toMatch(/^text\s+text\s/);
    expect(lines).toContain('4 of 7 texts readable');
    expect(lines).toContain('could not read 3 files:');
    expect(lines).toContain('  ham/binary.txt: not text: not text: it contains NUL bytes (a binary file)');
    expect(lines).toContain('  spam/empty.txt: empty: the file is empty (0 bytes)');
    expect(lines).toContain('  spam/latin1.txt: not UTF-8: not UTF-8: its bytes are not valid UTF-8 text (save it as UTF-8)');
    expect(lines).toContain('ignored 2 files that are not .txt, .md or .eml (by extension) or are hidden');
  });

  it('--json gives the schema and the problems', () => {
    const r = cli('inspect', textFolder(), '--json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { schema: { n: number; columns: { name: string; kind: string }[] }; readable: number; problems: { row: number; problem: string }[] };
    expect(out.schema.n).toBe(7);
    expect(out.schema.columns.find((c) => c.name === 'subject')).toBeDefined();
    expect(out.readable).toBe(4);
    expect(out.problems.map((p) => [p.row, p.problem])).toEqual([[0, 'not text'], [3, 'empty'], [4, 'not UTF-8']]);
  });

  it('exits 1 with one located line when no text file has text', () => {
    const r = cli('inspect', makeFolder({ 'a.txt': '', 'b.md': Uint8Array.from([0xff, 0xfe, 0x00]) }));
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^machine-teacher: .*mt-images-\w+: none of its 2 text files has text \(first: a\.txt: the file is empty \(0 bytes\)\)\n$/);
  });
});
