/**
 * Argument checks for every method of the contract, run by both hosts (Electron IPC and the
 * browser-mode HTTP host) before a handler sees anything. Deep: a project document's rules go
 * through validateRuleSet, a label edit is checked value by value, a table the page built column
 * by column (ml/project/validate.ts), export requests by ml/export/requests.ts; every problem
 * names its path ("args[2].values[3]: …") so a bad caller can be fixed. Sizes are bounded so a
 * hostile message cannot make the backend build something huge.
 */
import { IMAGE_BATCH_ROWS, type ApiMethod, type MachineTeacherApi } from './api.ts';
import { isExportBundleRequest } from './export/requests.ts';
import { projectSignatures } from './project/validate.ts';
import { validateRuleSet } from './rules/validate.ts';
import { anyText, arrayOf, bytes, fields, fileName, filePath, found, isObj, nullable, oneOf, optional, predicate, text, type Check } from './checks.ts';

const jobId: Check = (v, path) => (typeof v === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(v) ? null : `${path}: expected a job id of letters, digits, _ - (1–64), found ${found(v)}`);
const demoId: Check = (v, path) => (typeof v === 'string' && /^[a-z0-9_-]{1,64}$/.test(v) ? null : `${path}: expected a demo id, found ${found(v)}`);
/** App-wide cache names may hold a colon (`images:v1`). */
const cacheName: Check = (v, path) => (typeof v === 'string' && /^[A-Za-z0-9_.:-]{1,120}$/.test(v) && !/^[.:]+$/.test(v) ? null : `${path}: expected a cache name of letters, digits, _ . : - (1–120), found ${found(v)}`);
const filePayload = fields({ name: text(1024), bytes, path: optional(filePath) });
const imageRows: Check = (v, path) => (v instanceof Uint32Array && v.length > 0 && v.length <= IMAGE_BATCH_ROWS ? null : `${path}: expected a Uint32Array of 1–${IMAGE_BATCH_ROWS} rows, found ${found(v)}`);

const MAX_CLASSES = 10_000;
const MAX_LABELS = 50_000_000;

const ruleSet: Check = (v, at) => { const r = validateRuleSet(v, at); return r.ok ? null : r.error; };

/** Labels as sparse [row, class] pairs: rows are indices, classes index the class list. */
const labels: Check = (v, at) => {
  const p = fields({ classes: arrayOf(anyText(256), MAX_CLASSES) })(v, at);
  if (p || !isObj(v)) return p;
  const k = (v.classes as string[]).length;
  const { assigned } = v;
  if (!Array.isArray(assigned) || assigned.length > MAX_LABELS) return `${at}.assigned: expected an array of at most ${MAX_LABELS.toLocaleString('en-US')} [row, class] pairs`;
  for (let i = 0; i < assigned.length; i++) {
    const pair: unknown = assigned[i];
    if (!Array.isArray(pair) || pair.length !== 2) return `${at}.assigned[${i}]: expected a [row, class] pair, found ${found(pair)}`;
    const [row, cls] = pair as unknown[];
    if (!Number.isSafeInteger(row) || (row as number) < 0) return `${at}.assigned[${i}][0]: expected a row index (an integer ≥ 0), found ${found(row)}`;
    if (!Number.isInteger(cls) || (cls as number) < 0 || (cls as number) >= k) return `${at}.assigned[${i}][1]: expected a class index below ${k}, found ${found(cls)}`;
  }
  return null;
};

const probabilities: Check = (v, at) => {
  const p = fields({ classes: arrayOf(anyText(256), MAX_CLASSES), proba: predicate((x) => x instanceof Float32Array, 'a Float32Array') })(v, at);
  if (p || !isObj(v)) return p;
  const k = (v.classes as string[]).length, n = (v.proba as Float32Array).length;
  return k > 0 && n % k === 0 ? null : `${at}.proba: expected rows × ${k} probabilities, found ${n}`;
};

const exportLabels = fields({
  key: filePath, format: oneOf('csv', 'jsonl', 'parquet'), name: fileName,
  labels: nullable(labels), ruleSet: optional(nullable(ruleSet)), model: optional(nullable(probabilities)),
});

/** The fields are located here; the model's shape (sizes of its weight arrays) by ml/export/requests.ts. */
const exportBundle: Check = (v, at) => fields({
  key: filePath, kind: oneOf('rules', 'model', 'hybrid'), name: fileName, label: nullable(text()),
  ruleSet: optional(nullable(ruleSet)),
  measureOn: optional(nullable(bytes)), measuredOn: optional(text()),
  vectors: optional(nullable(predicate((x) => x instanceof Float32Array, 'a Float32Array'))),
})(v, at) ?? predicate(isExportBundleRequest, 'a model whose weight arrays have the sizes its shape says')(v, `${at}.model`);

/** Dataset keys are made by the backend (`demo:…`, `file:<name>:<hash>`); only their size and NUL are checked. */
const datasetKey = filePath;

/** Each method's arguments, by position (an absent last argument, `optionalLast`, may be undefined or null). */
const SIGNATURES: { [M in ApiMethod]: { checks: Check[]; optionalLast?: boolean } } = {
  hostInfo: { checks: [] },
  listDemos: { checks: [] },
  openDemo: { checks: [demoId] },
  openFile: { checks: [filePayload] },
  pickFile: { checks: [] },
  startupFiles: { checks: [] },
  openPath: { checks: [filePath, jobId] },
  openProgress: { checks: [jobId] },
  cancelOpen: { checks: [jobId] },
  ...projectSignatures,
  loadCacheArtifact: { checks: [cacheName, fileName] },
  saveCacheArtifact: { checks: [cacheName, fileName, bytes] },
  openFolder: { checks: [filePath] },
  pickFolder: { checks: [] },
  readImages: { checks: [datasetKey, imageRows] },
  backendProgress: { checks: [] },
  exportBundle: { checks: [exportBundle] },
  exportLabels: { checks: [exportLabels] },
};

export const API_METHODS = Object.keys(SIGNATURES) as ApiMethod[];

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(SIGNATURES, name);
}

/** What is wrong with `args` for `method`, or null when they are fine. */
export function argsProblem(method: ApiMethod, args: unknown): string | null {
  if (!Array.isArray(args)) return `args: expected an array, found ${found(args)}`;
  const { checks, optionalLast } = SIGNATURES[method];
  const fewest = optionalLast ? checks.length - 1 : checks.length;
  if (args.length < fewest || args.length > checks.length) {
    const takes = fewest === checks.length ? `${checks.length}` : `${fewest}–${checks.length}`;
    return `args: ${method} takes ${takes} argument${checks.length === 1 ? '' : 's'}, found ${args.length}`;
  }
  for (let i = 0; i < args.length; i++) {
    const p = checks[i](args[i], `args[${i}]`);
    if (p) return p;
  }
  return null;
}

export function validateArgs<M extends ApiMethod>(method: M, args: unknown): args is Parameters<MachineTeacherApi[M]> {
  return argsProblem(method, args) === null;
}
