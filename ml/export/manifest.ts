/**
 * manifest.json of an exported bundle: what the classifier is, what input it expects, how good
 * it was and on which rows, where it came from. Written by bundle.ts, read back (and checked,
 * with the path of the first problem) by read.ts. A reader refuses a bundle whose
 * `formatVersion` is newer than BUNDLE_FORMAT_VERSION with a message saying so.
 */
import type { FeatureSpec } from '../train/features.ts';
import type { HeldOutMetrics } from '../train/tabular.ts';

export const BUNDLE_FORMAT = 'machine-teacher-bundle';
export const BUNDLE_FORMAT_VERSION = 1;

export type BundleKind = 'rules' | 'model' | 'hybrid';

/** A column the bundle reads: its type, and who reads it (the rules, the model or both). */
export type InputColumn = {
  name: string;
  /** 'any' = only tested with `is missing`, any type will do. */
  type: 'numeric' | 'categorical' | 'any';
  usedBy: ('rules' | 'model')[];
};

/** The input: columns of a table, or (for a model on embeddings) vectors of one embedding. */
export type BundleInput = {
  columns: InputColumn[];
  /**
   * The model's feature vector, in order: standardised numeric columns (+ "<name> missing"
   * indicators) then one-hot categoricals (an unseen category is all zeros).
   */
  features: (FeatureSpec & { names: string[]; dim: number }) | null;
  /** Set when the model reads an embedding instead of table features. */
  embedding: { id: string; title: string; dim: number } | null;
};

export type BundleMetrics = Partial<Record<'rules' | 'model' | 'hybrid', HeldOutMetrics & { coverage?: number | null }>>;

export type Manifest = {
  format: typeof BUNDLE_FORMAT;
  formatVersion: number;
  kind: BundleKind;
  /** Class names; predictions index into this list (probabilities `p_<class>` in this order). */
  classes: string[];
  /** The label column the classifier was trained / scored against, if any. */
  label: string | null;
  input: BundleInput;
  rules: { text: 'rules.txt'; spec: 'rules.json'; count: number; defaultClass: string | null } | null;
  /** The model's own classes, in the order of its outputs (a hybrid's `classes` may add rule targets). */
  model: { kind: 'dense' | 'logistic'; format: 'tfjs-layers'; path: 'model/model.json'; classes: string[]; inputs: number; hidden: number | null } | null;
  metrics: BundleMetrics;
  data: { name: string; sha256: string | null; rows: number };
  app: { name: 'machine-teacher'; version: string };
  createdAt: string;
};

/** A bundle that cannot be read: where (file and JSON path) and what was expected. */
export class BundleError extends Error {
  constructor(message: string, readonly file: string) {
    super(`${file}: ${message}`);
    this.name = 'BundleError';
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/** Checks the parts of a manifest a reader relies on; the first problem throws with its path. */
export function checkManifest(v: unknown, file = 'manifest.json'): Manifest {
  const fail = (path: string, what: string): never => { throw new BundleError(`${path}: expected ${what}`, file); };
  if (!isObj(v)) return fail('(top)', 'a JSON object');
  if (v.format !== BUNDLE_FORMAT) fail('format', `"${BUNDLE_FORMAT}" (is this a Machine Teacher bundle?)`);
  const version = v.formatVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) fail('formatVersion', 'a positive integer');
  if ((version as number) > BUNDLE_FORMAT_VERSION) {
    const by = isObj(v.app) && typeof v.app.version === 'string' ? ` (made by machine-teacher ${v.app.version})` : '';
    throw new BundleError(`this bundle is format ${version}${by}, newer than this machine-teacher reads (format ${BUNDLE_FORMAT_VERSION}): update machine-teacher to use it`, file);
  }
  if (v.kind !== 'rules' && v.kind !== 'model' && v.kind !== 'hybrid') fail('kind', '"rules", "model" or "hybrid"');
  if (!strings(v.classes) || v.classes.length === 0) fail('classes', 'a non-empty list of class names');
  if (!isObj(v.input) || !Array.isArray(v.input.columns)) fail('input.columns', 'a list of columns');
  const input = v.input as Record<string, unknown>;
  (input.columns as unknown[]).forEach((c, k) => {
    if (!isObj(c) || typeof c.name !== 'string' || !['numeric', 'categorical', 'any'].includes(String(c.type))) fail(`input.columns[${k}]`, '{ name, type: "numeric" | "categorical" | "any" }');
  });
  const needsRules = v.kind !== 'model', needsModel = v.kind !== 'rules';
  if (needsRules && !isObj(v.rules)) fail('rules', 'the rules section of a rules or hybrid bundle');
  if (needsModel) {
    if (!isObj(v.model) || v.model.format !== 'tfjs-layers') fail('model', 'the model section of a model or hybrid bundle (format "tfjs-layers")');
    if (!strings((v.model as Record<string, unknown>).classes)) fail('model.classes', "the model's classes in output order");
    if (input.features === null && input.embedding === null) fail('input', 'features or embedding for the model');
    if (isObj(input.features) && (!strings(input.features.names) || input.features.names.length !== input.features.dim)) fail('input.features.names', 'one name per feature');
  }
  if (!isObj(v.data) || typeof v.data.name !== 'string' || typeof v.data.rows !== 'number') fail('data', '{ name, sha256, rows }');
  return v as Manifest;
}
