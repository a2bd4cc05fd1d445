/** Journal codec and replay: torn tails, damaged middles, duplicates, snapshots + journal, retention. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { crc32 } from '../../../ml/project/crc32.ts';
import { encodeEntry, obsoleteSegments, scanJournal, segmentName, segmentStart, type JournalEntry } from '../../../ml/project/journal.ts';
import { encodeLabelSnapshot, decodeLabelSnapshot, emptyLabels, UNLABELLED } from '../../../ml/project/labels.ts';
import { recover, documentText, runsText, type ProjectFiles } from '../../../ml/project/recover.ts';
import { manifestText, type ProjectManifest } from '../../../ml/project/manifest.ts';

const concat = (parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
};
const labelsEntry = (seq: number, rows: number[], values: number[], classes?: string[]): JournalEntry =>
  ({ type: 'labels', seq, rows: Uint32Array.from(rows), values: Int32Array.from(values), ...(classes ? { classes } : {}) });
const enc = new TextEncoder();

const manifest: ProjectManifest = {
  format: 'machine-teacher-project', version: 1, id: 'p1', createdAt: '2026-01-01T00:00:00.000Z', settings: {},
  source: { kind: 'demo', id: 'lending_club', name: 'Lending Club loans', rows: 10, idColumn: null },
};

/** A freshly created project's files, then the given journal. */
function files(journal: Uint8Array[], overrides: Partial<ProjectFiles> = {}): ProjectFiles {
  return {
    manifest: { current: enc.encode(manifestText(manifest, 0)), previous: null },
    document: { current: enc.encode(documentText(null, 0)), previous: null },
    labels: { current: encodeLabelSnapshot(emptyLabels(10, 'demo-lending_club-10'), 0), previous: null },
    runs: { current: enc.encode(runsText([], 0)), previous: null },
    segments: [{ start: 1, bytes: concat(journal) }],
    ...overrides,
  };
}

describe('crc32', () => {
  it('matches zlib on the check string', () => {
    expect(crc32(enc.encode('123456789'))).toBe(3421780262);
  });
});

describe('journal entries', () => {
  it('round-trips every entry type through scanJournal', () => {
    const entries: JournalEntry[] = [
      labelsEntry(1, [3, 4], [0, 1], ['a', 'b']),
      { type: 'document', seq: 2, document: { rules: { rules: [], defaultClass: null }, tab: 'map' } },
      { type: 'manifest', seq: 3, manifest },
      { type: 'run', seq: 4, run: { acc: 0.9 } },
      { type: 'rebase', seq: 5, manifest, classes: ['a'], space: 'h', n: 4, rows: Uint32Array.of(1), values: Int32Array.of(0), keptKeys: Float64Array.of(2 ** 52 + 1), keptValues: Int32Array.of(0) },
    ];
    const scan = scanJournal(concat(entries.map(encodeEntry)));
    expect(scan).toMatchObject({ tornBytes: 0, damaged: [] });
    expect(scan.entries).toEqual(entries);
  });

  it('ignores a torn last entry at every cut point, keeping all entries before it', () => {
    const a = encodeEntry(labelsEntry(1, [0], [0], ['x']));
    const b = encodeEntry(labelsEntry(2, [1, 2, 3], [0, 0, 0]));
    for (let cut = 1; cut < b.length; cut++) {
      const scan = scanJournal(concat([a, b.subarray(0, cut)]));
      expect(scan.entries.map((e) => e.seq)).toEqual([1]);
      expect(scan.validEnd).toBe(a.length);
      expect(scan.tornBytes).toBe(cut);
    }
  });

  it('ignores a zero-filled tail (a crash after the size grew, before the data)', () => {
    const a = encodeEntry(labelsEntry(1, [0], [0], ['x']));
    const scan = scanJournal(concat([a, new Uint8Array(4096)]));
    expect(scan.entries).toHaveLength(1);
    expect(scan.tornBytes).toBe(4096);
  });

  it('skips a damaged entry in the middle and reads on (any single flipped byte)', () => {
    const parts = [1, 2, 3].map((s) => encodeEntry(labelsEntry(s, [s], [0], s === 1 ? ['x'] : undefined)));
    const whole = concat(parts);
    fc.assert(fc.property(fc.integer({ min: parts[0].length, max: parts[0].length + parts[1].length - 1 }), fc.integer({ min: 1, max: 255 }), (at, flip) => {
      const bytes = whole.slice();
      bytes[at] ^= flip;
      const scan = scanJournal(bytes);
      expect(scan.entries.map((e) => e.seq)).toEqual([1, 3]);
      expect(scan.damaged).toEqual([{ offset: parts[0].length, length: parts[1].length }]);
    }), { numRuns: 200 });
  });

  it('names segments so they sort, and keeps the ones the previous snapshot needs', () => {
    expect(segmentName(51)).toBe('000000000051.log');
    expect(segmentStart('000000000051.log')).toBe(51);
    expect(segmentStart('notes.txt')).toBeNull();
    // Segments [1..50] [51..80] [81..]: previous snapshot at 50 needs 51 onwards.
    expect(obsoleteSegments([81, 1, 51], 50)).toEqual([1]);
    expect(obsoleteSegments([81, 1, 51], 49)).toEqual([]);
    expect(obsoleteSegments([81, 1, 51], 90)).toEqual([1, 51]);
  });
});

describe('recover', () => {
  it('replays the journal over the snapshots', () => {
    const r = recover(files([encodeEntry(labelsEntry(1, [2, 5], [0, 1], ['bad', 'good'])), encodeEntry(labelsEntry(2, [2], [UNLABELLED]))]));
    expect(r.labels.classes).toEqual(['bad', 'good']);
    expect(Array.from(r.labels.values)).toEqual([-1, -1, -1, -1, -1, 1, -1, -1, -1, -1]);
    expect(r.seq).toBe(2);
    expect(r.messages).toEqual([]);
    expect(r.readOnlyBecause).toBeNull();
  });

  it('skips duplicated entries and entries already in the snapshot', () => {
    const state = emptyLabels(10, 'demo-lending_club-10');
    state.classes = ['a', 'b'];
    state.values[1] = 1;
    const e1 = encodeEntry(labelsEntry(1, [1], [0], ['a', 'b']));
    const e2 = encodeEntry(labelsEntry(2, [1], [1]));
    const e3 = encodeEntry(labelsEntry(3, [4], [0]));
    // Snapshot at 2 (compaction wrote it, then stopped before the journal was cut): 1 and 2 are old; 3 is new, twice.
    const r = recover(files([e1, e2, e3, e3], { labels: { current: encodeLabelSnapshot(state, 2), previous: null } }));
    expect(r.labels.values[1]).toBe(1);
    expect(r.labels.values[4]).toBe(0);
    expect(r.seq).toBe(3);
    expect(r.messages.join(' ')).toMatch(/1 journal entries were already applied/);
  });

  it('recovers from the previous snapshot when labels.bin is cut short, with a message', () => {
    const prev = emptyLabels(10, 'demo-lending_club-10');
    const e1 = encodeEntry(labelsEntry(1, [0, 9], [0, 0], ['x']));
    const current = encodeLabelSnapshot({ ...prev, classes: ['x'], values: Int32Array.from([0, -1, -1, -1, -1, -1, -1, -1, -1, 0]) }, 1);
    const r = recover(files([e1], { labels: { current: current.subarray(0, current.length - 5), previous: encodeLabelSnapshot(prev, 0) } }));
    expect(r.labels.values[0]).toBe(0);
    expect(r.labels.values[9]).toBe(0);
    expect(r.damaged).toEqual(['labels']);
    expect(r.messages[0]).toMatch(/^labels\.bin was damaged \(its checksum does not match.*recovered from the previous snapshot and the journal/);
    expect(r.readOnlyBecause).toBeNull();
  });

  it('recovers a damaged project.json from the journal and the previous copy, and refuses a newer format', () => {
    const r = recover(files([], { manifest: { current: enc.encode('{"format": "machine-teacher-pro'), previous: enc.encode(manifestText(manifest, 0)) } }));
    expect(r.manifest.id).toBe('p1');
    expect(r.messages[0]).toMatch(/project\.json was damaged \(it is not valid JSON/);
    const newer = enc.encode(JSON.stringify({ ...manifest, version: 2 }));
    expect(() => recover(files([], { manifest: { current: newer, previous: null } }))).toThrow(/newer Machine Teacher \(project format 2\)/);
    expect(() => recover(files([], { manifest: { current: enc.encode(''), previous: null } }))).toThrow(/project\.json is damaged, there is no earlier copy/);
  });

  it('opens read-only, never empty, when labels cannot be recovered', () => {
    const e5 = encodeEntry(labelsEntry(5, [0], [0], ['x']));
    const r = recover(files([], { labels: { current: new Uint8Array([1, 2, 3]), previous: null }, segments: [{ start: 5, bytes: e5 }] }));
    expect(r.readOnlyBecause).toMatch(/^Opened read-only: labels\.bin, .*could not be fully recovered/);
    expect(r.messages.join(' ')).toMatch(/labels\.bin is damaged .* no readable earlier copy/);
  });

  it('rebuilds from the journal alone when every snapshot is missing but the journal starts at 1', () => {
    const r = recover({
      manifest: { current: null, previous: null }, document: { current: null, previous: null },
      labels: { current: null, previous: null }, runs: { current: null, previous: null },
      segments: [{ start: 1, bytes: concat([encodeEntry({ type: 'manifest', seq: 1, manifest }), encodeEntry(labelsEntry(2, [3], [0], ['x'])), encodeEntry({ type: 'document', seq: 3, document: { a: 1 } })]) }],
    });
    expect(r.labels.values[3]).toBe(0);
    expect(r.document).toEqual({ a: 1 });
    expect(r.readOnlyBecause).toBeNull();
    expect(r.damaged.sort()).toEqual(['document', 'labels', 'manifest', 'runs']);
  });

  it('label snapshots round-trip, including kept labels', () => {
    const s = emptyLabels(5, 'abc');
    s.classes = ['a'];
    s.values[4] = 0;
    s.keptKeys = Float64Array.of(12345678901234);
    s.keptValues = Int32Array.of(0);
    const d = decodeLabelSnapshot(encodeLabelSnapshot(s, 7));
    expect(d).toEqual({ seq: 7, state: s });
  });
});
