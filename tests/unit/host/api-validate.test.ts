/**
 * validateArgs / argsProblem (ml/api-validate.ts) cover every method of the contract: each
 * has arguments it accepts and arguments it refuses with a located reason; projects are
 * checked deeply (rules with validateRuleSet, labels pair by pair, added embeddings, bounded
 * extra fields). The backend implements exactly these methods.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_METHODS, argsProblem, validateArgs, type ApiMethod, type ProjectState } from '../../../ml/api.ts';
import { createBackend } from '../../../electron/backend/backend.ts';
import { DATASETS_DIR } from '../../../electron/paths.ts';

const project = (patch: Record<string, unknown> = {}): ProjectState => ({
  version: 1,
  rules: { defaultClass: 'good', rules: [{ id: 'r1', name: '', target: 'bad', enabled: true, when: { op: 'and', of: [{ op: 'range', column: 'V1', lo: null, hi: 3, loOpen: false, hiOpen: true }, { op: 'in', column: 'g', values: ['A'] }] } }] },
  labelColumn: 'Class',
  labels: { classes: ['a', 'b'], assigned: [[0, 1], [7, 0]] },
  importedEmbeddings: [{ id: 'file:x.npy', title: 'x.npy (4-d)', artifact: 'import-x.npy.emb' }],
  updatedAt: '2026-12-01T00:00:00.000Z',
  ...patch,
} as ProjectState);

const deep = (depth: number): unknown => (depth === 0 ? { op: 'missing', column: 'a' } : { op: 'not', of: deep(depth - 1) });

/** Per method: arguments that must pass, and arguments that must fail with a problem matching the pattern. */
const CASES: { [M in ApiMethod]: { ok: unknown[][]; bad: [unknown, RegExp][] } } = {
  hostInfo: { ok: [[]], bad: [[[1], /takes 0 arguments/]] },
  listDemos: { ok: [[]], bad: [['x', /expected an array/]] },
  openDemo: { ok: [['lending_club']], bad: [[[42], /args\[0\]: expected a demo id/], [['../x'], /demo id/], [[], /takes 1 argument/]] },
  openFile: { ok: [[{ name: 'a.csv', bytes: new Uint8Array(3) }]], bad: [[[{ name: 'a.csv', bytes: [1, 2] }], /args\[0\]\.bytes: expected bytes/], [[{ name: 'a\n.csv', bytes: new Uint8Array(1) }], /control characters/], [[{ bytes: new Uint8Array(1) }], /args\[0\]\.name/]] },
  pickFile: { ok: [[]], bad: [[[null], /takes 0/]] },
  startupFiles: { ok: [[]], bad: [[['x'], /takes 0/]] },
  openPath: { ok: [['/data/big.csv', 'job-1']], bad: [[['', 'j'], /args\[0\]: expected a file path/], [['/a\u0000b', 'j'], /file path/], [['/a', 'no spaces'], /args\[1\]: expected a job id/]] },
  openProgress: { ok: [['open-abc_1']], bad: [[[{}], /job id/], [['x'.repeat(65)], /job id/]] },
  cancelOpen: { ok: [['j']], bad: [[[''], /job id/]] },
  loadProject: { ok: [['file:a.csv:0123']], bad: [[[''], /file path/], [[7], /args\[0\]/]] },
  saveProject: {
    ok: [['demo:x', project()], ['demo:x', project({ labels: null, importedEmbeddings: undefined })], ['demo:x', project({ journal: [{ at: 1, row: 2 }] })]],
    bad: [
      [['demo:x', { ...project(), version: 2 }], /args\[1\]\.version: expected 1/],
      [['demo:x', project({ rules: { rules: [{ id: 'r1', name: '', target: 'x', enabled: true, when: { op: 'range', column: 'V1', lo: 'a', hi: null } }], defaultClass: null } })], /args\[1\]\.rules\.rules\[0\]\.when\.lo: expected a finite number/],
      [['demo:x', project({ rules: { rules: [{ id: 'r1', name: '', target: 'x', enabled: true, when: deep(100) }], defaultClass: null } })], /nested at most 64 levels/],
      [['demo:x', project({ rules: { rules: [{ id: 'r1', name: '', target: 'x', enabled: true, when: { op: 'missing', column: 'two\nlines' } }], defaultClass: null } })], /a column name \(one line\)/],
      [['demo:x', project({ labels: { classes: ['a'], assigned: [[0, 1]] } })], /args\[1\]\.labels\.assigned\[0\]\[1\]: expected a class index below 1/],
      [['demo:x', project({ labels: { classes: ['a'], assigned: [[-1, 0]] } })], /assigned\[0\]\[0\]: expected a row index/],
      [['demo:x', project({ labels: { classes: ['a'], assigned: [[0.5, 0]] } })], /row index/],
      [['demo:x', project({ labels: { classes: [3], assigned: [] } })], /labels\.classes\[0\]: expected a string/],
      [['demo:x', project({ importedEmbeddings: [{ id: 'x', title: 't', artifact: '../../etc/passwd' }] })], /importedEmbeddings\[0\]\.artifact/],
      [['demo:x', project({ labelColumn: 5 })], /labelColumn: expected a string/],
      [['demo:x', project({ updatedAt: undefined })], /updatedAt/],
      [['demo:x', project({ extra: new Float32Array(3) })], /args\[1\]\.extra: expected plain JSON data/],
      [['demo:x', project({ extra: deep(40) })], /nested too deeply/],
      [['demo:x', []], /expected a project object/],
    ],
  },
  loadArtifact: { ok: [['demo:x', 'layout.bin']], bad: [[['demo:x', '../escape'], /args\[1\]: expected a file name/], [['demo:x', '..'], /file name/]] },
  saveArtifact: { ok: [['demo:x', 'a.bin', new Uint8Array(2)]], bad: [[['demo:x', 'a.bin', new Float32Array(2)], /args\[2\]: expected bytes/], [['demo:x', 'a/b', new Uint8Array(1)], /file name/]] },
};

describe('validateArgs', () => {
  it('covers exactly the methods the backend implements', () => {
    const backend = createBackend({ mode: 'browser', version: 't', datasetsDir: DATASETS_DIR, dataDir: mkdtempSync(join(tmpdir(), 'mt-val-')) });
    const implemented = Object.keys(backend).filter((k) => k !== 'openStream').sort();
    expect([...API_METHODS].sort()).toEqual(implemented);
    expect(Object.keys(CASES).sort()).toEqual([...API_METHODS].sort());
  });

  for (const method of API_METHODS) {
    it(method, () => {
      for (const args of CASES[method].ok) {
        expect(argsProblem(method, args), `${method} ${JSON.stringify(args)?.slice(0, 80)}`).toBeNull();
        expect(validateArgs(method, args)).toBe(true);
      }
      for (const [args, why] of CASES[method].bad) {
        expect(argsProblem(method, args), `${method} ${String(why)}`).toMatch(why);
        expect(validateArgs(method, args)).toBe(false);
      }
    });
  }
});
