/**
 * One open project in this process: its state (recovered from disk), the journal writer
 * when this process holds the lock, and the sessions looking at it. Every change is a
 * journal entry applied to the live state as it is queued and acknowledged once fsynced;
 * the journal is folded into fresh snapshots when it grows and when the project closes.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { JsonObject, LabelEdit, SaveAck } from '../../ml/project/contract.ts';
import { COMPACT_AFTER_BYTES, DIRS, MAX_RUNS } from '../../ml/project/layout.ts';
import { encodeEntry, type JournalEntry } from '../../ml/project/journal.ts';
import { applyEdit, checkEdit, normaliseEdit, sparse, type LabelState } from '../../ml/project/labels.ts';
import type { ProjectManifest } from '../../ml/project/manifest.ts';
import { recover, type Recovered, type SnapshotSeqs } from '../../ml/project/recover.ts';
import { readOptional, writeDurable } from './durable.ts';
import { JournalWriter } from './journal-writer.ts';
import { assertHeld } from './project-lock.ts';
import { moveAside, readProjectFiles, snapshotBytes, writeSnapshots, type ProjectContent, type SnapshotBytes } from './project-folder.ts';

type NewEntry = JournalEntry extends infer E ? (E extends JournalEntry ? Omit<E, 'seq'> : never) : never;

const isArtifactName = (name: string) => /^[A-Za-z0-9_.-]{1,120}$/.test(name) && name !== '.' && name !== '..';

export class OpenProject {
  /** Names this open project in API calls (not stored: a handle lives as long as the process). */
  readonly handle = randomBytes(12).toString('base64url');
  /** The session allowed to write (null: nobody in this process writes). */
  owner: string | null = null;
  /** Sessions that opened it here, and whether each asked to write. */
  readonly sessions = new Map<string, 'write' | 'read-only'>();
  content: ProjectContent;
  seq: number;
  readonly messages: string[];
  readOnlyBecause: string | null;
  private seqs: SnapshotSeqs;
  private writer: JournalWriter | null = null;
  private compacting: Promise<void> | null = null;
  /** Recovery found something to repair: the first writer writes fresh snapshots at once. */
  private needsRepair: boolean;

  private constructor(public folder: string, private recovered: Recovered) {
    const { manifest, document, labels, runs } = recovered;
    this.content = { manifest, document, labels, runs };
    this.seq = recovered.seq;
    this.seqs = recovered.snapshots;
    this.messages = recovered.messages;
    this.readOnlyBecause = recovered.readOnlyBecause;
    this.needsRepair = recovered.messages.length > 0;
  }

  /** Reads and recovers the folder; writes nothing. */
  static async open(folder: string): Promise<OpenProject> {
    return new OpenProject(folder, recover(await readProjectFiles(folder)));
  }

  get manifest(): ProjectManifest { return this.content.manifest; }
  get labels(): LabelState { return this.content.labels; }
  get writing(): boolean { return this.writer !== null && !this.writer.failed; }
  get writeFailure(): Error | null { return this.writer?.failed ?? null; }

  /**
   * Becomes the writer (the caller holds the lock): damaged snapshots are moved aside, a torn
   * journal tail is cut off, and anything repaired is written as fresh snapshots right away.
   */
  async startWriting(): Promise<void> {
    if (this.writer) return;
    if (this.readOnlyBecause) throw new Error(this.readOnlyBecause);
    for (const kind of this.recovered.damaged) {
      await moveAside(this.folder, kind);
      this.seqs[kind] = { current: null, previous: this.seqs[kind].previous };
    }
    const last = [...this.recovered.tails].sort((a, b) => b.start - a.start)[0];
    this.writer = last
      ? await JournalWriter.open(join(this.folder, DIRS.journal), last.start, last)
      : await JournalWriter.open(join(this.folder, DIRS.journal), this.seq + 1, null);
    this.writer.beforeBatch = () => assertHeld(this.folder);
    if (this.needsRepair || this.writer.size > COMPACT_AFTER_BYTES) await this.compact();
  }

  /** Writes what is pending, compacts when the journal has anything, and stops writing. */
  async stopWriting(): Promise<void> {
    const writer = this.writer;
    if (!writer) return;
    await writer.whenIdle();
    if (!writer.failed && writer.size > 0) await this.compact().catch(() => { /* the journal still has everything */ });
    await this.compacting?.catch(() => {});
    // Reopening continues this segment from where it really ends, not from what was read at open.
    this.recovered = { ...this.recovered, tails: [{ start: writer.start, validEnd: writer.size, tornBytes: 0 }] };
    await writer.close();
    this.writer = null;
  }

  editLabels(edit: LabelEdit): Promise<SaveAck> {
    const e = normaliseEdit(edit);
    checkEdit(this.labels, e, this.manifest.source.rows);
    return this.append({ type: 'labels', rows: e.rows, values: e.values, ...(e.classes ? { classes: e.classes } : {}) }, () => applyEdit(this.labels, e));
  }

  saveDocument(document: JsonObject): Promise<SaveAck> {
    return this.append({ type: 'document', document }, () => { this.content.document = document; });
  }

  addRun(run: JsonObject): Promise<SaveAck> {
    return this.append({ type: 'run', run }, () => { this.content.runs = [...this.content.runs, run].slice(-MAX_RUNS); });
  }

  setManifest(manifest: ProjectManifest): Promise<SaveAck> {
    return this.append({ type: 'manifest', manifest }, () => { this.content.manifest = manifest; });
  }

  /** Replaces the labels and the manifest in one entry (the data file changed: labels moved to new rows). */
  rebase(manifest: ProjectManifest, labels: LabelState): Promise<SaveAck> {
    const { rows, values } = sparse(labels.values);
    const entry: NewEntry = { type: 'rebase', manifest, classes: labels.classes, space: labels.space, n: labels.values.length, rows, values, keptKeys: labels.keptKeys, keptValues: labels.keptValues };
    return this.append(entry, () => { this.content.manifest = manifest; this.content.labels = labels; });
  }

  private append(entry: NewEntry, apply: () => void): Promise<SaveAck> {
    const writer = this.writer;
    if (!writer) return Promise.reject(new Error('This project is open read-only here; the change was not saved.'));
    if (writer.failed) return Promise.reject(writer.failed);
    const seq = ++this.seq;
    const bytes = encodeEntry({ ...entry, seq } as JournalEntry);
    apply();
    return writer.append(bytes).then(() => {
      if (writer.size > COMPACT_AFTER_BYTES) void this.compact().catch(() => { /* retried after the next batch */ });
      return { seq };
    });
  }

  /** Folds the journal into fresh snapshots; edits keep being acknowledged meanwhile (into the new segment). */
  compact(): Promise<void> {
    const writer = this.writer;
    if (!writer) return Promise.resolve();
    if (this.compacting) return this.compacting;
    let captured: { bytes: SnapshotBytes; seq: number } | null = null;
    this.compacting = (async () => {
      await writer.rotate(() => {
        captured = { bytes: snapshotBytes(this.content, this.seq), seq: this.seq };
        return this.seq + 1;
      });
      const { bytes, seq } = captured!;
      this.seqs = await writeSnapshots(this.folder, bytes, seq, this.seqs);
      this.recovered = { ...this.recovered, damaged: [] };
      this.needsRepair = false;
    })().finally(() => { this.compacting = null; });
    return this.compacting;
  }

  async loadArtifact(name: string): Promise<Uint8Array | null> {
    if (!isArtifactName(name)) throw new Error(`"${name}" is not an artefact name.`);
    return readOptional(join(this.folder, DIRS.artifacts, name));
  }

  async saveArtifact(name: string, bytes: Uint8Array): Promise<void> {
    if (!isArtifactName(name)) throw new Error(`"${name}" is not an artefact name.`);
    if (!this.writing) throw new Error('This project is open read-only here; the artefact was not saved.');
    await writeDurable(join(this.folder, DIRS.artifacts, name), bytes);
  }
}
