/**
 * What the app's Export… asks the backend for (ml/api.ts `exportBundle`, `exportLabels`), and
 * the deep check of a bundle's model that ml/api-validate.ts runs after its located field
 * checks. The backend measures and writes the bundle on the dataset it has open under `key`,
 * so only rules, model weights and masks travel, never the table.
 */
import { validateRuleSet } from '../rules/validate.ts';
import type { RuleSet } from '../rules/spec.ts';
import type { TabularModelJSON } from '../train/tabular.ts';
import type { EmbeddingModel } from './bundle.ts';
import type { LabelsFormat } from './labels.ts';
import type { BundleKind, Manifest } from './manifest.ts';

export type ExportBundleRequest = {
  /** The open dataset (OpenedDataset.key). */
  key: string;
  kind: BundleKind;
  /** The bundle folder's name (and the .zip's, in browser mode): letters, digits, `_ . -`. */
  name: string;
  ruleSet?: RuleSet | null;
  /** A table model (the train-tabular job's `model`) or the Teach head on an embedding. */
  model?: TabularModelJSON | EmbeddingModel | null;
  /** The label column the metrics are measured against; null = no metrics. */
  label: string | null;
  /** Rows to measure on (1 = measure), e.g. the train-tabular job's `heldOut`. */
  measureOn?: Uint8Array | null;
  measuredOn?: string;
  /** An embedding model's n × dim vectors, when the backend does not have that embedding. */
  vectors?: Float32Array | null;
};

export type ExportBundleResult = {
  /** Desktop: the folder the bundle was written to. Browser mode: null (the bytes are in `zip`). */
  folder: string | null;
  /** Browser mode: the bundle as one .zip to download. */
  zip: Uint8Array | null;
  /** "<name>.zip" in browser mode, the folder's name on the desktop. */
  fileName: string;
  files: string[];
  manifest: Manifest;
  /** The exact line that scores a data file with it (DATA.csv stands for the user's file). */
  command: string;
};

export type ExportLabelsRequest = {
  key: string;
  format: LabelsFormat;
  /** The file's name without extension: letters, digits, `_ . -`. */
  name: string;
  labels: { classes: string[]; assigned: [number, number][] } | null;
  ruleSet?: RuleSet | null;
  /** The model's latest n × classes probabilities, as the app shows them. */
  model?: { classes: string[]; proba: Float32Array } | null;
};

export type ExportFileResult = {
  /** Desktop: where the file was written. Browser mode: null (the bytes are in `bytes`). */
  path: string | null;
  bytes: Uint8Array | null;
  fileName: string;
};

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isKey = (v: unknown) => typeof v === 'string' && v.length > 0 && v.length < 4096;
const isName = (v: unknown) => typeof v === 'string' && /^[A-Za-z0-9_.-]{1,120}$/.test(v) && !/^\.+$/.test(v);
const strings = (v: unknown) => Array.isArray(v) && v.every((s) => typeof s === 'string');
const numbers = (v: unknown, n: number) => Array.isArray(v) && v.length === n && v.every((x) => typeof x === 'number');
const optional = (v: unknown, ok: (x: unknown) => boolean) => v === undefined || v === null || ok(v);
const ruleSetOk = (v: unknown) => validateRuleSet(v).ok;

/** A HeadJSON / LogRegJSON whose arrays have the sizes its shape says. */
function netOk(m: unknown): boolean {
  if (!isObj(m) || !strings(m.classes) || typeof m.dim !== 'number') return false;
  const k = (m.classes as string[]).length, d = m.dim as number;
  if (!numbers(m.mean, d) || !numbers(m.std, d)) return false;
  if (m.kind === 'logistic-regression') return numbers(m.w, d * k) && numbers(m.b, k);
  if (m.kind !== 'dense-head' || typeof m.hidden !== 'number') return false;
  const h = m.hidden as number;
  return numbers(m.w1, d * h) && numbers(m.b1, h) && numbers(m.w2, h * k) && numbers(m.b2, k);
}

function modelOk(v: unknown): boolean {
  if (!isObj(v)) return false;
  if (v.kind === 'tabular-model') {
    const f = v.features;
    return v.version === 1 && typeof v.label === 'string' && strings(v.classes) && isObj(f) && Array.isArray(f.numeric) && Array.isArray(f.categorical) && netOk(v.model);
  }
  if (v.kind === 'embedding-model') {
    const e = v.embedding;
    return isObj(e) && typeof e.id === 'string' && typeof e.title === 'string' && typeof e.dim === 'number' && netOk(v.head);
  }
  return false;
}

export function isExportBundleRequest(v: unknown): v is ExportBundleRequest {
  return isObj(v) && isKey(v.key) && isName(v.name) && (v.kind === 'rules' || v.kind === 'model' || v.kind === 'hybrid')
    && (v.label === null || typeof v.label === 'string') && optional(v.ruleSet, ruleSetOk) && optional(v.model, modelOk)
    && optional(v.measureOn, (x) => x instanceof Uint8Array) && optional(v.measuredOn, (x) => typeof x === 'string')
    && optional(v.vectors, (x) => x instanceof Float32Array);
}
