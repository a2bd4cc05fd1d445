/**
 * The corpus on disk for the tests: the committed files where they are, the big ones made
 * once per test file into a temporary folder. Plus the one check every test makes: the
 * outcome a case says, and nothing else (a LoadError naming the file and the place, or a
 * table of the stated size), within a time limit so a hang fails instead of stalling.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { CASES, type Case, type Outcome } from '../../fixtures/bad/corpus.ts';
import { LoadError } from '../../../ml/table/types.ts';

export const FIXTURES = 'tests/fixtures/bad';

export type CorpusDir = { pathOf(c: Case): string; bytesOf(c: Case): Uint8Array; remove(): void };

/** Writes the big cases into a fresh temporary folder; committed ones are read in place. */
export function corpusOnDisk(): CorpusDir {
  const dir = mkdtempSync(join(tmpdir(), 'mt-bad-'));
  for (const c of CASES) if (c.big) writeFileSync(join(dir, c.file), c.make());
  const pathOf = (c: Case) => (c.big ? join(dir, c.file) : join(FIXTURES, c.file));
  return {
    pathOf,
    bytesOf: (c) => new Uint8Array(readFileSync(pathOf(c))),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Loads must end: a case that takes longer than this counts as a hang. */
export const HANG_MS = 30_000;

export async function settle<T>(work: Promise<T>, what: string): Promise<{ value?: T; error?: unknown }> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} did not finish in ${HANG_MS / 1000} s`)), HANG_MS); });
  try {
    return { value: await Promise.race([work, hang]) };
  } catch (error) {
    if (error instanceof Error && error.message.endsWith(`did not finish in ${HANG_MS / 1000} s`)) throw error;
    return { error };
  } finally {
    clearTimeout(timer);
  }
}

/** The outcome `o` and nothing else; `size` gives a loaded result's rows and columns. */
export function expectOutcome<T>(got: { value?: T; error?: unknown }, o: Outcome, file: string, size: (v: T) => [number, number]): void {
  if ('rows' in o) {
    if (got.error) throw new Error(`${file}: expected it to load, got ${String(got.error)}`);
    expect(size(got.value as T), file).toEqual([o.rows, o.columns]);
    return;
  }
  expect(got.error, `${file}: expected a LoadError, it loaded`).toBeInstanceOf(LoadError);
  const e = got.error as LoadError;
  expect(e.message, file).toMatch(o.error);
  expect(e.location.file, file).toBe(file);
  // The message starts with where: "file: row 2, column c: …".
  expect(e.message.startsWith(file), file).toBe(true);
  if (o.row !== undefined) expect(e.location.row, `${file} row`).toBe(o.row);
  if (o.column !== undefined) expect(e.location.column, `${file} column`).toBe(o.column);
  if (o.byte !== undefined) expect(e.location.byte, `${file} byte`).toBe(o.byte);
}
