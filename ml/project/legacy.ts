/**
 * The pre-project format: one `<key>-<hash12>.json` (a ProjectState) per dataset key plus a
 * `<key>-<hash12>.d/` folder of artefacts, in `<dataDir>/projects/`. Migration
 * (electron/backend/legacy-migration.ts) turns each into a project: labels into its labels,
 * every other field into its document.
 */
import type { ProjectStateV1 as ProjectState } from '../api.ts';
import type { JsonObject } from './contract.ts';

export type LegacyName = { base: string; kind: 'state' | 'artifacts'; safe: string; keyHash: string };

/** `demo_lending_club-0123456789ab.json` → its parts; null for anything else. */
export function parseLegacyName(fileName: string): LegacyName | null {
  const m = /^(.*)-([0-9a-f]{12})(\.json|\.d)$/.exec(fileName);
  if (!m) return null;
  return { base: `${m[1]}-${m[2]}`, kind: m[3] === '.json' ? 'state' : 'artifacts', safe: m[1], keyHash: m[2] };
}

/** What a legacy key says about its data: a demo id, or a file name and the first 16 hex digits of its hash. */
export function describeLegacyKey(safe: string): { kind: 'demo'; id: string } | { kind: 'file'; name: string; hash: string | null } {
  if (safe.startsWith('demo_')) return { kind: 'demo', id: safe.slice(5) };
  const m = /^file_(.*)_([0-9a-f]{16})$/.exec(safe);
  if (m) return { kind: 'file', name: m[1], hash: m[2] };
  return { kind: 'file', name: safe.replace(/^file_/, ''), hash: null };
}

/** A ProjectState split into the document (everything but labels) and labels as sparse rows. */
export function splitLegacyState(state: Partial<ProjectState> & Record<string, unknown>): {
  document: JsonObject; classes: string[]; rows: Uint32Array; values: Int32Array; invalid: number;
} {
  const { labels, version: _version, ...rest } = state;
  const document = JSON.parse(JSON.stringify(rest)) as JsonObject;
  const classes = Array.isArray(labels?.classes) ? labels.classes.map(String) : [];
  const pairs = Array.isArray(labels?.assigned) ? labels.assigned : [];
  const rows: number[] = [];
  const values: number[] = [];
  let invalid = 0;
  for (const p of pairs) {
    const ok = Array.isArray(p) && Number.isInteger(p[0]) && p[0] >= 0 && Number.isInteger(p[1]) && p[1] >= 0 && p[1] < classes.length;
    if (!ok) { invalid++; continue; }
    rows.push(p[0]);
    values.push(p[1]);
  }
  return { document, classes, rows: Uint32Array.from(rows), values: Int32Array.from(values), invalid };
}
