/**
 * The append-only journal: every change to a project is one entry (a frame of records.ts)
 * with a sequence number. Reading tolerates what a crash or a bad disk leaves: a torn last
 * entry (cut short, zero-filled) is ignored and reported; a damaged entry in the middle is
 * skipped and reported, and reading resumes at the next intact entry.
 */
import type { JsonObject } from './contract.ts';
import type { ProjectManifest } from './manifest.ts';
import { HEADER_BYTES, decodeRecord, encodeRecord, frameAt, magic } from './records.ts';

const ENTRY_MAGIC = magic('MTJ1');

export type LabelsEntry = { type: 'labels'; seq: number; classes?: string[]; rows: Uint32Array; values: Int32Array };
export type DocumentEntry = { type: 'document'; seq: number; document: JsonObject };
export type ManifestEntry = { type: 'manifest'; seq: number; manifest: ProjectManifest };
export type RunEntry = { type: 'run'; seq: number; run: JsonObject };
/** All labels replaced at once, in a new row space (the data file changed), with the manifest pointing at it. */
export type RebaseEntry = {
  type: 'rebase'; seq: number; manifest: ProjectManifest;
  classes: string[]; space: string | null; n: number; rows: Uint32Array; values: Int32Array; keptKeys: Float64Array; keptValues: Int32Array;
};
export type JournalEntry = LabelsEntry | DocumentEntry | ManifestEntry | RunEntry | RebaseEntry;

export function encodeEntry(e: JournalEntry): Uint8Array {
  switch (e.type) {
    case 'labels': return encodeRecord(ENTRY_MAGIC, { type: e.type, seq: e.seq, classes: e.classes ?? null }, [e.rows, e.values]);
    case 'document': return encodeRecord(ENTRY_MAGIC, { type: e.type, seq: e.seq, document: e.document });
    case 'manifest': return encodeRecord(ENTRY_MAGIC, { type: e.type, seq: e.seq, manifest: e.manifest });
    case 'run': return encodeRecord(ENTRY_MAGIC, { type: e.type, seq: e.seq, run: e.run });
    case 'rebase':
      return encodeRecord(ENTRY_MAGIC, { type: e.type, seq: e.seq, manifest: e.manifest, classes: e.classes, space: e.space, n: e.n },
        [e.rows, e.values, e.keptKeys, e.keptValues]);
  }
}

function decodeEntry(bytes: Uint8Array, pos: number): JournalEntry | null {
  const { json, arrays } = decodeRecord(bytes, pos);
  const seq = json.seq as number;
  if (!Number.isInteger(seq) || seq < 1) return null;
  switch (json.type) {
    case 'labels': {
      const [rows, values] = arrays as [Uint32Array, Int32Array];
      return { type: 'labels', seq, rows, values, ...(Array.isArray(json.classes) ? { classes: json.classes as string[] } : {}) };
    }
    case 'document': return { type: 'document', seq, document: json.document as JsonObject };
    case 'manifest': return { type: 'manifest', seq, manifest: json.manifest as ProjectManifest };
    case 'run': return { type: 'run', seq, run: json.run as JsonObject };
    case 'rebase': {
      const [rows, values, keptKeys, keptValues] = arrays as [Uint32Array, Int32Array, Float64Array, Int32Array];
      return { type: 'rebase', seq, manifest: json.manifest as ProjectManifest, classes: json.classes as string[], space: (json.space as string | null) ?? null,
        n: json.n as number, rows, values, keptKeys, keptValues };
    }
    default: return null;
  }
}

export type JournalScan = {
  entries: JournalEntry[];
  /** Bytes up to the end of the last intact entry: a writer truncates the file here before appending. */
  validEnd: number;
  /** Bytes after validEnd that are not an entry (a write cut short by a crash). */
  tornBytes: number;
  /** Damaged stretches in the middle, skipped. */
  damaged: { offset: number; length: number }[];
};

/** Next offset (8-aligned, from `from`) where an intact entry starts, or -1. */
function nextFrame(bytes: Uint8Array, from: number): number {
  for (let pos = from; pos + HEADER_BYTES <= bytes.length; pos += 8) if (frameAt(bytes, pos, ENTRY_MAGIC) > 0) return pos;
  return -1;
}

export function scanJournal(bytes: Uint8Array): JournalScan {
  const entries: JournalEntry[] = [];
  const damaged: JournalScan['damaged'] = [];
  let pos = 0;
  while (pos < bytes.length) {
    const length = frameAt(bytes, pos, ENTRY_MAGIC);
    const entry = length > 0 ? decodeEntry(bytes, pos) : null;
    if (entry) {
      entries.push(entry);
      pos += length;
      continue;
    }
    const next = nextFrame(bytes, pos + 8);
    if (next < 0) return { entries, validEnd: pos, tornBytes: bytes.length - pos, damaged };
    damaged.push({ offset: pos, length: next - pos });
    pos = next;
  }
  return { entries, validEnd: pos, tornBytes: 0, damaged };
}

/** Journal segments are named by the first seq they may hold, so sorting names sorts them. */
export const segmentName = (firstSeq: number): string => `${String(firstSeq).padStart(12, '0')}.log`;

export function segmentStart(name: string): number | null {
  const m = /^(\d{12})\.log$/.exec(name);
  return m ? Number(m[1]) : null;
}

/**
 * Segments no snapshot needs any more: all their entries are at or below `keepAfter` (the
 * oldest snapshot kept, so recovery from the previous snapshot still has its journal).
 * A segment's entries end where the next segment starts; the last segment is always kept.
 */
export function obsoleteSegments(starts: readonly number[], keepAfter: number): number[] {
  const sorted = [...starts].sort((a, b) => a - b);
  return sorted.filter((_, i) => i + 1 < sorted.length && sorted[i + 1] - 1 <= keepAfter);
}
