/**
 * The project document's defaults and migrations. `upgradeProject` reads whatever an earlier
 * version saved and returns today's shape, losing nothing the user made; missing fields get
 * defaults. Pure: the renderer calls it on load, tests call it on old files.
 */
import type { LabelChoice, ProjectDoc, ProjectState, ProjectStateV1, ProjectUi } from '../api.ts';
import { DEFAULT_SETTINGS } from '../train/teach-options.ts';

export function emptyDoc(label: LabelChoice = { column: null, guessed: true }): ProjectDoc {
  return {
    rules: { rules: [], defaultClass: null },
    label,
    notFeatures: [],
    labels: null,
    importedEmbeddings: [],
    axes: { order: [], prefs: {} },
    brushes: [],
    teach: { ...DEFAULT_SETTINGS },
  };
}

export const emptyProject = (label?: LabelChoice): ProjectState => ({ version: 2, doc: emptyDoc(label), ui: {}, updatedAt: new Date(0).toISOString() });

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Today's project from a saved one (v1 or v2), or a fresh one for `label` when nothing was
 * saved. Unknown or missing fields take their defaults; a v1 label column becomes a choice.
 */
export function upgradeProject(saved: ProjectState | ProjectStateV1 | null, label: LabelChoice): ProjectState {
  if (!saved) return emptyProject(label);
  if (saved.version === 1) {
    const doc = emptyDoc(saved.labelColumn === undefined ? label : { column: saved.labelColumn, guessed: saved.labelColumn === label.column && label.guessed });
    return {
      version: 2,
      doc: { ...doc, rules: saved.rules ?? doc.rules, labels: saved.labels ?? null, importedEmbeddings: saved.importedEmbeddings ?? [] },
      ui: {},
      updatedAt: saved.updatedAt ?? new Date(0).toISOString(),
    };
  }
  const base = emptyDoc(label);
  const doc = isRecord(saved.doc) ? saved.doc : base;
  const ui: ProjectUi = isRecord(saved.ui) ? saved.ui : {};
  return {
    version: 2,
    doc: { ...base, ...doc, teach: { ...base.teach, ...doc.teach }, axes: { ...base.axes, ...doc.axes } },
    ui,
    updatedAt: saved.updatedAt,
  };
}
