/** `machine-teacher inspect FOLDER`, run the way a user runs it: plain node on the .mjs. */
import { spawnSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, hugePng, makeFolder } from './fixtures.ts';

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['scripts/machine-teacher.mjs', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('machine-teacher inspect FOLDER', () => {
  it('prints the rows, the columns with the subfolder label, and each file it could not read with why (exit 0)', () => {
    const root = makeFolder({
      'cats/a.png': fixture('red.png'), 'cats/b.jpg': fixture('blue.jpg'), 'dogs/c.webp': fixture('green.webp'),
      'dogs/empty.png': new Uint8Array(0), 'dogs/huge.png': hugePng(20_000, 20_000), 'notes.jpg': 'just text',
    });
    symlinkSync('/etc', join(root, 'etc'));
    const r = cli('inspect', root);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^mt-images-\w+\/: 6 rows × 8 columns, label: label \(guessed\)$/);
    expect(lines.find((l) => l.startsWith('label '))).toMatch(/label \(categorical\)\s+1\s+2$/);
    expect(lines.find((l) => l.startsWith('width '))).toMatch(/numeric\s+2\s+36\s+20000$/);
    expect(lines.find((l) => l.startsWith('problem '))).toMatch(/categorical\s+0\s+4$/);
    expect(lines).toContain('3 of 6 images readable');
    expect(lines).toContain('could not read 3 files:');
    expect(lines).toContain('  dogs/empty.png: empty: the file is empty (0 bytes)');
    expect(lines).toContain('  dogs/huge.png: too large: 20,000×20,000 is more than 100 megapixels; refused so decoding it cannot run out of memory');
    expect(lines).toContain('  notes.jpg: not an image: not an image: a text file');
    expect(lines).toContain('  etc: links outside the opened folder (not followed)');
  });

  it('--json gives the schema, the problems and what was skipped', () => {
    const root = makeFolder({ 'a.png': fixture('red.png'), 'b.gif': fixture('yellow.gif').subarray(0, 40) });
    const r = cli('inspect', root, '--json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { schema: { n: number }; readable: number; problems: { path: string; problem: string }[] };
    expect(out.schema.n).toBe(2);
    expect(out.readable).toBe(1);
    expect(out.problems.map((p) => [p.path, p.problem])).toEqual([['b.gif', 'truncated']]);
  });

  it('exits 1 with one located line when no image can be read', () => {
    const none = cli('inspect', makeFolder({ 'a.png': new Uint8Array(0), 'b.jpg': 'text' }));
    expect(none.status).toBe(1);
    expect(none.stdout).toBe('');
    expect(none.stderr).toMatch(/^machine-teacher: .*mt-images-\w+: none of its 2 image files can be read \(first: a\.png: the file is empty \(0 bytes\)\)\n$/);
    const empty = cli('inspect', makeFolder({ 'readme.pdf': 'hi' }));
    expect(empty.status).toBe(1);
    expect(empty.stderr).toMatch(/no JPEG, PNG, WebP, GIF or BMP files in this folder or its subfolders\n$/);
  });
});
