/**
 * Opening a project from its bytes: pick each snapshot (the current one, else the previous
 * one), then replay the journal entries after it. Duplicates (an entry already in a
 * snapshot, or seen twice) are skipped; a torn tail is ignored; every damage is reported in
 * a sentence. When something cannot be recovered the project opens read-only, so an empty
 * or partial state never overwrites a damaged one.
 */
import type { JsonObject } from './contract.ts';
import { FILES, MAX_ROWS, MAX_RUNS, SNAPSHOT_KINDS, type SnapshotKind } from './layout.ts';
import { dense, decodeLabelSnapshot, emptyLabels, applyEdit, type LabelState } from './labels.ts';
import { scanJournal, type JournalEntry } from './journal.ts';
import { parseManifest, rowSpaceOf, type ProjectManifest } from './manifest.ts';

export type Candidates = { current: Uint8Array | null; previous: Uint8Array | null };
export type ProjectFiles = { [K in SnapshotKind]: Candidates } & { segments: { start: number; bytes: Uint8Array }[] };

/** Per kind, the seq of its readable current snapshot, and of the previous one when the current is not readable (null: missing, damaged or not read). */
export type SnapshotSeqs = { [K in SnapshotKind]: { current: number | null; previous: number | null } };

export type Recovered = {
  manifest: ProjectManifest;
  document: JsonObject | null;
  labels: LabelState;
  runs: JsonObject[];
  /** Last seq in the journal (the next write is seq + 1). */
  seq: number;
  snapshots: SnapshotSeqs;
  /** Current snapshot files found damaged or missing: a writer moves them aside and writes fresh ones. */
  damaged: SnapshotKind[];
  /** Per segment, where its intact entries end (a writer truncates a torn tail there). */
  tails: { start: number; validEnd: number; tornBytes: number }[];
  messages: string[];
  /** Why this project may only be opened read-only (something could not be recovered), or null. */
  readOnlyBecause: string | null;
};

const text = (b: Uint8Array) => new TextDecoder().decode(b);

/** document.json / runs.json: small JSON snapshots with the seq they are current to. */
export const documentText = (document: JsonObject | null, seq: number) => `${JSON.stringify({ seq, document })}\n`;
export const runsText = (runs: JsonObject[], seq: number) => `${JSON.stringify({ seq, runs })}\n`;

type Parsed<T> = { value: T; seq: number } | { damaged: string };

function parseJsonSnapshot<T>(bytes: Uint8Array, field: string, check: (v: unknown) => boolean): Parsed<T> {
  let v: unknown;
  try { v = JSON.parse(text(bytes)); } catch { return { damaged: bytes.length === 0 ? 'it is empty' : 'it is not valid JSON (cut short?)' }; }
  const o = v as Record<string, unknown> | null;
  if (!o || !Number.isInteger(o.seq) || !check(o[field])) return { damaged: `its "${field}" is missing or malformed` };
  return { value: o[field] as T, seq: o.seq as number };
}

const isObj = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
const PARSERS: { [K in SnapshotKind]: (b: Uint8Array) => Parsed<unknown> } = {
  manifest: (b) => { const p = parseManifest(text(b), FILES.manifest); return 'damaged' in p ? p : { value: p.manifest, seq: p.seq }; },
  document: (b) => parseJsonSnapshot(b, 'document', (d) => d === null || isObj(d)),
  labels: (b) => { const p = decodeLabelSnapshot(b); return 'damaged' in p ? p : { value: p.state, seq: p.seq }; },
  runs: (b) => parseJsonSnapshot(b, 'runs', Array.isArray),
};

type Choice = { value: unknown; seq: number; damaged: boolean } | null;

/** The newest readable snapshot of a kind, with a sentence when the current one was not it. */
function choose(kind: SnapshotKind, c: Candidates, messages: string[], seqs: SnapshotSeqs): Choice {
  const file = FILES[kind];
  const current = c.current ? PARSERS[kind](c.current) : { damaged: 'it is missing' };
  if (!('damaged' in current)) {
    // The previous snapshot is only read when needed (its seq matters only while it is the newest).
    seqs[kind] = { current: current.seq, previous: null };
    return { ...current, damaged: false };
  }
  const previous = c.previous ? PARSERS[kind](c.previous) : null;
  seqs[kind] = { current: null, previous: previous && !('damaged' in previous) ? previous.seq : null };
  if (previous && !('damaged' in previous)) {
    messages.push(`${file} was damaged (${current.damaged}); recovered from the previous snapshot and the journal.`);
    return { ...previous, damaged: true };
  }
  messages.push(`${file} is damaged (${current.damaged}) and there is no readable earlier copy.`);
  return null;
}

function applyEntry(state: { manifest: ProjectManifest | null; document: JsonObject | null; labels: LabelState | null; runs: JsonObject[] }, e: JournalEntry, kindSeq: { [K in SnapshotKind]: number }): void {
  const after = (k: SnapshotKind) => e.seq > kindSeq[k];
  if (e.type === 'labels' && after('labels') && state.labels) {
    let max = 0;
    for (let j = 0; j < e.rows.length; j++) if (e.rows[j] > max) max = e.rows[j];
    if (max < MAX_ROWS) applyEdit(state.labels, e);
  } else if (e.type === 'document' && after('document')) state.document = e.document;
  else if (e.type === 'manifest' && after('manifest')) state.manifest = e.manifest;
  else if (e.type === 'run' && after('runs')) state.runs = [...state.runs, e.run].slice(-MAX_RUNS);
  else if (e.type === 'rebase') {
    if (after('manifest')) state.manifest = e.manifest;
    if (after('labels')) state.labels = { classes: e.classes, values: dense(e.n, e.rows, e.values), keptKeys: e.keptKeys, keptValues: e.keptValues, space: e.space };
  }
}

export function recover(files: ProjectFiles): Recovered {
  const messages: string[] = [];
  const damaged: SnapshotKind[] = [];
  const kindSeq = { manifest: 0, document: 0, labels: 0, runs: 0 };
  const none = { current: null, previous: null };
  const snapshots: SnapshotSeqs = { manifest: none, document: none, labels: none, runs: none };
  const missing: SnapshotKind[] = [];
  const state: { manifest: ProjectManifest | null; document: JsonObject | null; labels: LabelState | null; runs: JsonObject[] } =
    { manifest: null, document: null, labels: null, runs: [] };
  for (const kind of SNAPSHOT_KINDS) {
    const chosen = choose(kind, files[kind], messages, snapshots);
    if (!chosen) { damaged.push(kind); missing.push(kind); continue; }
    if (chosen.damaged) damaged.push(kind);
    kindSeq[kind] = chosen.seq;
    if (kind === 'manifest') state.manifest = chosen.value as ProjectManifest;
    else if (kind === 'document') state.document = chosen.value as JsonObject | null;
    else if (kind === 'labels') state.labels = chosen.value as LabelState;
    else state.runs = chosen.value as JsonObject[];
  }
  const segments = [...files.segments].sort((a, b) => a.start - b.start);
  const firstStart = segments.length > 0 ? segments[0].start : Infinity;
  // A kind with no snapshot starts empty only if the journal reaches back to the very first change.
  const reachesStart = firstStart <= 1;
  if (!state.labels && reachesStart && missing.includes('labels')) { state.labels = emptyLabels(0, null); missing.splice(missing.indexOf('labels'), 1); }
  for (const k of ['manifest', 'document', 'runs'] as const) if (reachesStart && missing.includes(k)) missing.splice(missing.indexOf(k), 1);

  const tails: Recovered['tails'] = [];
  let seq = 0;
  let duplicates = 0;
  for (const segment of segments) {
    const scan = scanJournal(segment.bytes);
    tails.push({ start: segment.start, validEnd: scan.validEnd, tornBytes: scan.tornBytes });
    for (const d of scan.damaged) messages.push(`${d.length} bytes of journal segment ${segment.start} at byte ${d.offset} were damaged and skipped; the changes recorded there are lost.`);
    if (scan.tornBytes > 0) messages.push(`The journal ended in an incomplete entry (${scan.tornBytes} bytes, a write cut short when the app stopped). It was never confirmed as saved; it is ignored and nothing confirmed was lost.`);
    for (const e of scan.entries) {
      if (e.seq <= seq) { duplicates++; continue; }
      seq = e.seq;
      applyEntry(state, e, kindSeq);
    }
  }
  if (segments.length === 0) messages.push('The journal folder is missing: changes made after the last snapshot, if there were any, are lost.');
  if (duplicates > 0) messages.push(`${duplicates} journal entries were already applied (left over from an interrupted compaction) and were skipped.`);
  seq = Math.max(seq, ...Object.values(kindSeq), Number.isFinite(firstStart) ? firstStart - 1 : 0);

  // Snapshots older than the journal's start mean entries in between are gone.
  const gap = SNAPSHOT_KINDS.filter((k) => !missing.includes(k) && Number.isFinite(firstStart) && kindSeq[k] + 1 < firstStart);
  if (gap.length > 0) messages.push(`The journal no longer reaches back to the snapshot of ${gap.map((k) => FILES[k]).join(', ')}; changes made in between may be lost.`);
  if (!state.manifest) throw new Error(`${FILES.manifest} is damaged, there is no earlier copy and the journal does not describe the project. Restore the folder from a backup.`);
  if (!state.labels) state.labels = emptyLabels(0, rowSpaceOf(state.manifest.source));
  if (state.labels.space === null) state.labels.space = rowSpaceOf(state.manifest.source);
  const lost = [...missing.map((k) => FILES[k]), ...gap.map((k) => FILES[k])];
  const readOnlyBecause = lost.length > 0
    ? `Opened read-only: ${lost.join(', ')} could not be fully recovered, and saving would overwrite what is left. Use Save as… to keep what was recovered in a new project.`
    : null;
  return { manifest: state.manifest, document: state.document, labels: state.labels, runs: state.runs, seq, snapshots, damaged, tails, messages, readOnlyBecause };
}
