/**
 * `machine-teacher inspect` on every corpus file, run as a user runs it (plain node on the
 * .mjs): a bad file gives exactly one located line on stderr and exit 1, nothing on stdout and
 * no stack trace; a fine one gives its size on stdout and exit 0. A .npy is inspected as
 * embeddings, so its outcome is the embedding one (without the join, which needs a table).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { CASES, type Case, type Outcome } from '../../fixtures/bad/corpus.ts';
import { corpusOnDisk } from './corpus-files.ts';

const corpus = corpusOnDisk();
afterAll(() => corpus.remove());

type Run = { status: number | null; stdout: string; stderr: string };

function inspect(path: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/machine-teacher.mjs', 'inspect', path], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const cliOutcome = (c: Case): Outcome => c.cli ?? (c.file.endsWith('.npy') ? (c.embedding as Outcome) : (c.table as Outcome));

/** Runs `work` over `items`, `k` at a time (the machine has two cores). */
async function pool<T, R>(items: T[], k: number, work: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: k }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]);
    }
  }));
  return out;
}

describe('inspect on every corpus file', () => {
  const cases = CASES.filter((c) => c.table || c.cli);
  it(`${cases.length} files: one located stderr line and exit 1, or the size and exit 0`, async () => {
    const runs = await pool(cases, 2, (c) => inspect(corpus.pathOf(c)));
    cases.forEach((c, i) => {
      const o = cliOutcome(c);
      const r = runs[i];
      const path = corpus.pathOf(c);
      if ('rows' in o) {
        expect(r.stderr, c.file).toBe('');
        expect(r.status, c.file).toBe(0);
        const unit = c.file.endsWith('.npy') ? 'vectors' : 'rows';
        const size = new RegExp(`^${c.file.replace(/\./g, '\\.')}: ${o.rows.toLocaleString('en-US')} ${unit} × ${o.columns.toLocaleString('en-US')} (columns|dimensions)`);
        expect(r.stdout, c.file).toMatch(size);
        return;
      }
      expect(r.status, `${c.file}: ${r.stderr}`).toBe(1);
      expect(r.stdout, c.file).toBe('');
      expect(r.stderr.endsWith('\n') && r.stderr.trim().split('\n').length, `${c.file}: ${r.stderr}`).toBe(1);
      expect(r.stderr, c.file).toMatch(o.error);
      expect(r.stderr.startsWith(`machine-teacher: ${path}`), `${c.file}: ${r.stderr}`).toBe(true);
      if (o.row !== undefined) expect(r.stderr, c.file).toContain(`row ${o.row}`);
      if (o.column !== undefined) expect(r.stderr, c.file).toContain(`column ${o.column}`);
      expect(r.stderr, c.file).not.toMatch(/\bat .*\.(ts|js|mjs):\d+/);
    });
  }, 300_000);
});
