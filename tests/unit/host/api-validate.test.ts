/**
 * validateArgs / argsProblem (ml/api-validate.ts) cover every method of the contract: each
 * has arguments it accepts and arguments it refuses with a located reason; deep where it
 * matters (a document's rules with validateRuleSet, label edits and exported labels value by
 * value, a page's table column by column, bounded plain JSON). The backend implements exactly
 * these methods.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_METHODS, argsProblem, validateArgs, type ApiMethod } from '../../../ml/api.ts';
import { createBackend } from '../../../electron/backend/backend.ts';
import { DATASETS_DIR } from '../../../electron/paths.ts';

const RULES = { defaultClass: 'good', rules: [{ id: 'r1', name: '', target: 'bad', enabled: true, when: { op: 'and', of: [{ op: 'range', column: 'V1', lo: null, hi: 3, loOpen: false, hiOpen: true }, { op: 'in', column: 'g', values: ['A'] }] } }] };
/** A document as the renderer saves it (renderer/project/persist.ts documentOf). */
const documentWith = (rules: unknown, extra: Record<string, unknown> = {}) => ({ version: 2, doc: { rules, label: { column: 'Class', guessed: false }, notFeatures: [] }, ui: {}, updatedAt: '2026-12-01T00:00:00.000Z', ...extra });
const deep = (depth: number): unknown => (depth === 0 ? { op: 'missing', column: 'a' } : { op: 'not', of: deep(depth - 1) });
const ruleWhen = (when: unknown) => ({ rules: [{ id: 'r1', name: '', target: 'x', enabled: true, when }], defaultClass: null });

const S = 'session-1234', H = 'handle-123456';
const pageTable = { n: 2, columns: [{ name: 'path', type: 'text', values: ['a.png', 'b.png'] }, { name: 'label', type: 'categorical', codes: new Int32Array([0, -1]), dictionary: ['cat'] }] };
const page = { kind: 'page-folder', name: 'pets', table: pageTable, media: { kind: 'image-files', column: 'path', source: 'page', fingerprint: 'f1' } };
const net = { kind: 'logistic-regression', classes: ['a', 'b'], dim: 1, mean: [0], std: [1], w: [1, 2], b: [0, 0] };
const model = { kind: 'tabular-model', version: 1, label: 'Class', classes: ['a', 'b'], features: { numeric: [], categorical: [] }, model: net };
const bundle = (patch: Record<string, unknown> = {}) => ({ key: 'demo:x', kind: 'hybrid', name: 'b1', label: 'Class', ruleSet: RULES, model, ...patch });
const labelsReq = (patch: Record<string, unknown> = {}) => ({ key: 'demo:x', format: 'csv', name: 'out', labels: { classes: ['a', 'b'], assigned: [[0, 1]] }, ...patch });

/** Per method: arguments that must pass, and arguments that must fail with a problem matching the pattern. */
const CASES: { [M in ApiMethod]: { ok: unknown[][]; bad: [unknown, RegExp][] } } = {
  hostInfo: { ok: [[]], bad: [[[1], /takes 0 arguments/]] },
  listDemos: { ok: [[]], bad: [['x', /expected an array/]] },
  openDemo: { ok: [['lending_club']], bad: [[[42], /args\[0\]: expected a demo id/], [['../x'], /demo id/], [[], /takes 1 argument/]] },
  openFile: { ok: [[{ name: 'a.csv', bytes: new Uint8Array(3) }], [{ name: 'a.csv', bytes: new Uint8Array(1), path: '/d/a.csv' }]], bad: [[[{ name: 'a.csv', bytes: [1, 2] }], /args\[0\]\.bytes: expected bytes/], [[{ name: 'a\n.csv', bytes: new Uint8Array(1) }], /control characters/], [[{ bytes: new Uint8Array(1) }], /args\[0\]\.name/]] },
  pickFile: { ok: [[]], bad: [[[null], /takes 0/]] },
  startupFiles: { ok: [[]], bad: [[['x'], /takes 0/]] },
  openPath: { ok: [['/data/big.csv', 'job-1']], bad: [[['', 'j'], /args\[0\]: expected a file path/], [['/a\u0000b', 'j'], /file path/], [['/a', 'no spaces'], /args\[1\]: expected a job id/]] },
  openProgress: { ok: [['open-abc_1']], bad: [[[{}], /job id/], [['x'.repeat(65)], /job id/]] },
  cancelOpen: { ok: [['j']], bad: [[[''], /job id/]] },
  listRecentProjects: { ok: [[]], bad: [[[1], /takes 0/]] },
  createProject: {
    ok: [[S, { source: { demo: 'lending_club' } }], [S, { source: { path: '/d/a.csv' }, name: 'n', idColumn: 'id' }], [S, { source: { file: { name: 'a.csv', bytes: new Uint8Array(2) } } }], [S, { source: { page } }]],
    bad: [
      [['short', { source: { demo: 'x' } }], /args\[0\]: expected a session id/],
      [[S, { source: {} }], /args\[1\]\.source: expected \{path\}, \{file\} or \{page\}/],
      [[S, { source: { file: { name: 'a', bytes: 'x' } } }], /args\[1\]\.source\.file\.bytes: expected bytes/],
      [[S, { source: { page: { ...page, media: { ...page.media, column: 'nope' } } } }], /media\.column: the table has no column "nope"/],
      [[S, { source: { page: { ...page, table: { ...pageTable, columns: [{ name: 'label', type: 'categorical', codes: new Int32Array([0, 5]), dictionary: ['cat'] }] } } } }], /columns\[0\]\.codes\[1\]: expected a code from -1 to 0, found 5/],
      [[S, { source: { page: { ...page, table: { ...pageTable, n: 3 } } } }], /columns\[0\]\.values: expected 3 values/],
      [[S, { source: { demo: 'x' }, name: 7 }], /args\[1\]\.name: expected a file path/],
    ],
  },
  openProject: { ok: [[S, '/p/x.mtproj', 'read-only']], bad: [[[S, '/p', 'rw'], /args\[2\]: expected one of "write", "read-only", "take-over"/], [[S, '', 'write'], /args\[1\]: expected a file path/]] },
  openProjectFor: {
    ok: [[S, 'demo:x', 'write'], [S, 'demo:x', 'write', null], [S, 'folder:pets:1', 'write', page]],
    bad: [[[S, 'demo:x'], /takes 3–4 arguments, found 2/], [[S, 'demo:x', 'write', { kind: 'page-folder' }], /args\[3\]\.name/]],
  },
  loadProjectData: { ok: [[S, H]], bad: [[[S, 'h'], /args\[1\]: expected a project handle/]] },
  locateData: { ok: [[S, H, { path: '/d/b.csv' }, {}], [S, H, { path: '/d/b.csv' }, { matchByPosition: true }]], bad: [[[S, H, { path: '/d' }, { matchByPosition: 'yes' }], /args\[3\]\.matchByPosition/], [[S, H, 'x', {}], /args\[2\]/]] },
  closeProject: { ok: [[S, H]], bad: [[[S], /takes 2 arguments/]] },
  saveDocument: {
    ok: [[S, H, documentWith(RULES)], [S, H, { rules: RULES, rev: 3 }]],
    bad: [
      [[S, H, documentWith(ruleWhen({ op: 'range', column: 'V1', lo: 'a', hi: null }))], /args\[2\]\.doc\.rules\.rules\[0\]\.when\.lo: expected a finite number/],
      [[S, H, documentWith(ruleWhen(deep(100)))], /nested too deeply|nested at most 64 levels/],
      [[S, H, documentWith(ruleWhen({ op: 'missing', column: 'two\nlines' }))], /a column name \(one line\)/],
      [[S, H, documentWith(RULES, { extra: new Float32Array(3) })], /args\[2\]\.extra: expected plain JSON data/],
      [[S, H, documentWith(RULES, { n: Infinity })], /args\[2\]\.n: expected a finite number/],
      [[S, H, []], /expected a JSON object/],
      [[S, H, { big: 'x'.repeat(17 * 1024 * 1024) }], /larger than 16,777,216 characters/],
    ],
  },
  editLabels: {
    ok: [[S, H, { rows: [0, 5], values: [1, -1] }], [S, H, { classes: ['a', 'b'], rows: new Uint32Array([1]), values: new Int32Array([1]) }]],
    bad: [
      [[S, H, { rows: [0, 1], values: [1] }], /args\[2\]\.values: expected one value per row \(2\), found 1/],
      [[S, H, { classes: ['a'], rows: [0], values: [1] }], /args\[2\]\.values\[0\]: expected a class index below 1/],
      [[S, H, { rows: [-1], values: [0] }], /args\[2\]\.rows\[0\]: expected an integer ≥ 0/],
      [[S, H, { rows: [0.5], values: [0] }], /rows\[0\]/],
      [[S, H, { rows: [0], values: [-2] }], /args\[2\]\.values\[0\]: expected an integer ≥ -1/],
      [[S, H, { classes: [3], rows: [], values: [] }], /classes\[0\]: expected a string/],
    ],
  },
  addRun: { ok: [[S, H, { kind: 'train', at: 'now' }]], bad: [[[S, H, { f: () => 1 }], /args\[2\]\.f: expected plain JSON data/]] },
  renameProject: { ok: [[S, H, 'new name']], bad: [[[S, H, ''], /args\[2\]: expected a file path/]] },
  saveProjectAs: { ok: [[S, H, '/p/copy.mtproj']], bad: [[[S, H, 5], /args\[2\]/]] },
  updateProjectMeta: { ok: [[S, H, { idColumn: null }], [S, H, { settings: { a: 1 } }]], bad: [[[S, H, { idColumn: 5 }], /args\[2\]\.idColumn: expected a string/], [[S, H, { settings: [1] }], /args\[2\]\.settings: expected a JSON object/]] },
  pickProjectLocation: { ok: [['open'], ['save']], bad: [[['delete'], /args\[0\]: expected one of "open", "save"/]] },
  loadProjectArtifact: { ok: [[S, H, 'layout.bin']], bad: [[[S, H, '../escape'], /args\[2\]: expected a file name/], [[S, H, '..'], /file name/]] },
  saveProjectArtifact: { ok: [[S, H, 'a.bin', new Uint8Array(2)]], bad: [[[S, H, 'a.bin', new Float32Array(2)], /args\[3\]: expected bytes/], [[S, H, 'a/b', new Uint8Array(1)], /file name/]] },
  loadCacheArtifact: { ok: [['images:v1', 'ab12.bin']], bad: [[['..', 'x'], /args\[0\]: expected a cache name/], [['c', '../x'], /args\[1\]: expected a file name/]] },
  saveCacheArtifact: { ok: [['images:v1', 'ab12.bin', new Uint8Array(1)]], bad: [[['images/v1', 'a', new Uint8Array(1)], /cache name/], [['c', 'a', 'bytes'], /args\[2\]: expected bytes/]] },
  openFolder: { ok: [['/data/pets']], bad: [[[''], /file path/]] },
  pickFolder: { ok: [[]], bad: [[[1], /takes 0/]] },
  readImages: { ok: [['folder:pets:1', new Uint32Array([0, 1])]], bad: [[['k', new Uint32Array(0)], /args\[1\]: expected a Uint32Array of 1–512 rows/], [['k', [0, 1]], /Uint32Array/], [['k', new Uint32Array(513)], /1–512/]] },
  backendProgress: { ok: [[]], bad: [[[1], /takes 0/]] },
  exportBundle: {
    ok: [[bundle()], [bundle({ kind: 'rules', model: null, label: null })]],
    bad: [
      [[bundle({ name: '../escape' })], /args\[0\]\.name: expected a file name/],
      [[bundle({ kind: 'everything' })], /args\[0\]\.kind: expected one of/],
      [[bundle({ ruleSet: ruleWhen({ op: 'range', column: 'V1', lo: 'a', hi: null }) })], /args\[0\]\.ruleSet\.rules\[0\]\.when\.lo/],
      [[bundle({ model: { ...model, model: { ...net, w: [1] } } })], /args\[0\]\.model: expected a model whose weight arrays/],
      [[bundle({ measureOn: [1, 0] })], /args\[0\]\.measureOn: expected bytes/],
    ],
  },
  exportLabels: {
    ok: [[labelsReq()], [labelsReq({ labels: null, model: { classes: ['a', 'b'], proba: new Float32Array(4) } })]],
    bad: [
      [[labelsReq({ format: 'xlsx' })], /args\[0\]\.format: expected one of "csv", "jsonl", "parquet"/],
      [[labelsReq({ labels: { classes: ['a'], assigned: [[0, 1]] } })], /args\[0\]\.labels\.assigned\[0\]\[1\]: expected a class index below 1/],
      [[labelsReq({ labels: { classes: ['a'], assigned: [[-1, 0]] } })], /assigned\[0\]\[0\]: expected a row index/],
      [[labelsReq({ model: { classes: ['a', 'b'], proba: new Float32Array(3) } })], /args\[0\]\.model\.proba: expected rows × 2 probabilities, found 3/],
      [[labelsReq({ name: 'a/b' })], /args\[0\]\.name/],
    ],
  },
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
