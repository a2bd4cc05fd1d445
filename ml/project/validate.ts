/**
 * Boundary checks for the project calls, by argument position (ml/api-validate.ts spreads them
 * into its signatures): every host runs them before a handler sees the arguments, and every
 * problem names its path. Deep: a document's rules go through validateRuleSet, a label edit is
 * checked pair by pair against its class list, a folder table the page built column by column.
 */
import type { ProjectsApi } from './contract.ts';
import { validateRuleSet } from '../rules/validate.ts';
import {
  anyText, arrayOf, bytes, either, fields, filePath, fileName, found, isObj, jsonObject, nullable, oneOf, optional, text, type Check,
} from '../checks.ts';

const MAX_JSON_CHARS = 16 * 1024 * 1024;
const MAX_CLASSES = 10_000;
/** Most rows one label edit may change (a whole big table relabelled at once). */
const MAX_EDIT_ROWS = 50_000_000;
/** Most rows a page-read folder table may have (a folder of a million images is far beyond what the page lists). */
const MAX_PAGE_ROWS = 2_000_000;
const MAX_COLUMNS = 64;

/** The random id a page keeps for itself, and the handle the backend gives an open project. */
const session: Check = (v, at) => (typeof v === 'string' && /^[A-Za-z0-9_-]{8,80}$/.test(v) ? null : `${at}: expected a session id (8–80 letters, digits, _ -), found ${found(v)}`);
const handle: Check = (v, at) => (typeof v === 'string' && /^[A-Za-z0-9_-]{8,80}$/.test(v) ? null : `${at}: expected a project handle, found ${found(v)}`);
const mode = oneOf('write', 'read-only', 'take-over');

const filePayload = fields({ name: text(1024), bytes, path: optional(filePath) });

/** A column of a table the page built, `n` rows long. */
const column = (n: number): Check => (c, at) => {
  const shape = fields({ name: text(1024), type: oneOf('numeric', 'categorical', 'text') })(c, at);
  if (shape || !isObj(c)) return shape;
  if (c.type === 'numeric') return c.values instanceof Float32Array && c.values.length === n ? null : `${at}.values: expected a Float32Array of ${n} values, found ${found(c.values)}`;
  if (c.type === 'text') {
    if (!Array.isArray(c.values) || c.values.length !== n) return `${at}.values: expected ${n} values, found ${found(c.values)}`;
    return arrayOf(nullable(anyText()), n)(c.values, `${at}.values`);
  }
  const dict = arrayOf(anyText(), n + 1)(c.dictionary, `${at}.dictionary`);
  if (dict) return dict;
  if (!(c.codes instanceof Int32Array) || c.codes.length !== n) return `${at}.codes: expected an Int32Array of ${n} codes, found ${found(c.codes)}`;
  const size = (c.dictionary as string[]).length;
  for (let i = 0; i < n; i++) if (c.codes[i] < -1 || c.codes[i] >= size) return `${at}.codes[${i}]: expected a code from -1 to ${size - 1}, found ${c.codes[i]}`;
  return null;
};

const table: Check = (t, at) => {
  if (!isObj(t)) return `${at}: expected a table, found ${found(t)}`;
  const n = t.n;
  if (!Number.isInteger(n) || (n as number) < 0 || (n as number) > MAX_PAGE_ROWS) return `${at}.n: expected a row count from 0 to ${MAX_PAGE_ROWS.toLocaleString('en-US')}, found ${found(n)}`;
  return arrayOf(column(n as number), MAX_COLUMNS)(t.columns, `${at}.columns`);
};

/** The media of a page-read folder: image files from the page, or a folder of texts' text column. */
const pageMedia: Check = (v, at) => {
  if (!isObj(v) || v.kind !== 'text') return fields({ kind: oneOf('image-files', 'text'), source: oneOf('page'), fingerprint: anyText(), column: text(1024) })(v, at);
  return fields({ kind: oneOf('text'), column: text(1024) })(v, at);
};

/** A folder table the page built: its media reads a text column the table has. */
const pageDataset: Check = (v, at) => {
  const p = fields({ kind: oneOf('page-folder'), name: filePath, table, media: pageMedia })(v, at);
  if (p || !isObj(v)) return p;
  const { columns } = v.table as { columns: { name: string; type: string }[] };
  const wanted = (v.media as { column: string }).column;
  const col = columns.find((c) => c.name === wanted);
  if (!col) return `${at}.media.column: the table has no column ${JSON.stringify(wanted)}`;
  return col.type === 'text' ? null : `${at}.media.column: column ${JSON.stringify(wanted)} is ${col.type}, not text`;
};

const location: Check = (v, at) => {
  if (!isObj(v)) return `${at}: expected {path}, {file} or {page}, found ${found(v)}`;
  if ('path' in v) return fields({ path: filePath })(v, at);
  if ('file' in v) return fields({ file: filePayload })(v, at);
  if ('page' in v) return fields({ page: pageDataset })(v, at);
  return `${at}: expected {path}, {file} or {page}, found ${found(v)}`;
};

const spec = fields({
  source: either(fields({ demo: filePath }), location),
  name: optional(filePath), folder: optional(filePath), idColumn: optional(filePath),
});

const ints = (min: number, max: number): Check => (v, at) => {
  if (v instanceof (min < 0 ? Int32Array : Uint32Array)) return v.length <= max ? null : `${at}: more than ${max.toLocaleString('en-US')} values`;
  if (!Array.isArray(v) || v.length > max) return `${at}: expected ${min < 0 ? 'an Int32Array' : 'a Uint32Array'} or an array of at most ${max.toLocaleString('en-US')} integers, found ${found(v)}`;
  for (let i = 0; i < v.length; i++) if (!Number.isInteger(v[i]) || v[i] < min || v[i] >= 2 ** 31) return `${at}[${i}]: expected an integer ≥ ${min}, found ${found(v[i])}`;
  return null;
};

/** A label delta: rows and values pair up; with a class list, every value indexes it. */
const labelEdit: Check = (v, at) => {
  const p = fields({ classes: optional(arrayOf(anyText(256), MAX_CLASSES)), rows: ints(0, MAX_EDIT_ROWS), values: ints(-1, MAX_EDIT_ROWS) })(v, at);
  if (p || !isObj(v)) return p;
  const rows = v.rows as ArrayLike<number>, values = v.values as ArrayLike<number>;
  if (rows.length !== values.length) return `${at}.values: expected one value per row (${rows.length}), found ${values.length}`;
  if (Array.isArray(v.classes)) {
    const k = v.classes.length;
    for (let i = 0; i < values.length; i++) if (values[i] >= k) return `${at}.values[${i}]: expected a class index below ${k} (or -1), found ${values[i]}`;
  }
  return null;
};

/** The renderer's document: plain JSON; its rules (when it has them) must be a rule set. */
const document: Check = (v, at) => {
  const p = jsonObject(MAX_JSON_CHARS)(v, at);
  if (p || !isObj(v) || !isObj(v.doc) || v.doc.rules === undefined) return p;
  const rules = validateRuleSet(v.doc.rules, `${at}.doc.rules`);
  return rules.ok ? null : rules.error;
};

const metaPatch = fields({ idColumn: optional(nullable(text())), settings: optional(jsonObject(MAX_JSON_CHARS)) });

/** Each project method's arguments, by position; an absent last argument may be undefined (or null over HTTP). */
export const projectSignatures: { [M in keyof ProjectsApi]: { checks: Check[]; optionalLast?: boolean } } = {
  listRecentProjects: { checks: [] },
  createProject: { checks: [session, spec] },
  openProject: { checks: [session, filePath, mode] },
  // An absent `page` arrives as null over HTTP (JSON has no undefined).
  openProjectFor: { checks: [session, filePath, mode, nullable(optional(pageDataset))], optionalLast: true },
  loadProjectData: { checks: [session, handle] },
  locateData: { checks: [session, handle, location, fields({ matchByPosition: optional(oneOf(true, false)) })] },
  closeProject: { checks: [session, handle] },
  saveDocument: { checks: [session, handle, document] },
  editLabels: { checks: [session, handle, labelEdit] },
  addRun: { checks: [session, handle, jsonObject(MAX_JSON_CHARS)] },
  renameProject: { checks: [session, handle, filePath] },
  saveProjectAs: { checks: [session, handle, filePath] },
  updateProjectMeta: { checks: [session, handle, metaPatch] },
  pickProjectLocation: { checks: [oneOf('open', 'save')] },
  loadProjectArtifact: { checks: [session, handle, fileName] },
  saveProjectArtifact: { checks: [session, handle, fileName, bytes] },
};
