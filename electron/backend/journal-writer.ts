/**
 * Appends journal entries with group commit: entries that arrive while a write + fdatasync is
 * in flight go out together in the next one, so each append resolves within about one fsync
 * of arriving (well under 20 ms) and a burst costs one fsync per batch, not per entry. An
 * append resolves only after its bytes are fsynced: that is what "saved" means.
 *
 * Rotation (for compaction) happens between batches with nothing in flight, so everything
 * before the new segment is durable and everything after it goes to the new segment.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { segmentName } from '../../ml/project/journal.ts';
import { fsyncDir } from './durable.ts';

type Pending = { bytes: Uint8Array; resolve: () => void; reject: (err: Error) => void };
type Rotation = { capture: () => number; resolve: () => void; reject: (err: Error) => void };

export class JournalWriter {
  private queue: Pending[] = [];
  private rotations: Rotation[] = [];
  private running = false;
  private idle: (() => void)[] = [];
  private failure: Error | null = null;
  private closed = false;
  /** Runs before each batch is written (the lock check); throwing refuses the batch. */
  beforeBatch: (() => Promise<void>) | null = null;

  private constructor(private readonly dir: string, private handle: FileHandle, public start: number, public size: number) {}

  /**
   * Opens segment `start` for appending after its last intact entry. `tail` is what reading
   * found: a torn tail is cut off — unless the file changed since it was read (someone else
   * wrote it), which refuses to start rather than cut their entries.
   */
  static async open(dir: string, start: number, tail: { validEnd: number; tornBytes: number } | null): Promise<JournalWriter> {
    const path = join(dir, segmentName(start));
    const handle = await open(path, tail === null ? 'w' : 'r+');
    if (tail === null) {
      await fsyncDir(dir);
      return new JournalWriter(dir, handle, start, 0);
    }
    const size = (await handle.stat()).size;
    if (size !== tail.validEnd + tail.tornBytes) {
      await handle.close();
      throw new Error('The project changed on disk while it was being opened (another Machine Teacher is writing it). Open it again.');
    }
    if (tail.tornBytes > 0) {
      await handle.truncate(tail.validEnd);
      await handle.sync();
    }
    return new JournalWriter(dir, handle, start, tail.validEnd);
  }

  /** Resolves once `bytes` are written and fsynced. */
  append(bytes: Uint8Array): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.closed) return Promise.reject(new Error('The project was closed; the change was not saved.'));
    return new Promise((resolve, reject) => {
      this.queue.push({ bytes, resolve, reject });
      this.kick();
    });
  }

  /**
   * Starts a new segment at the seq `capture` returns. `capture` runs synchronously with
   * nothing queued or in flight, so the state it snapshots is exactly what is on disk.
   */
  rotate(capture: () => number): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.rotations.push({ capture, resolve, reject });
      this.kick();
    });
  }

  /** Resolves when nothing is queued or in flight. */
  whenIdle(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  get failed(): Error | null {
    return this.failure;
  }

  async close(): Promise<void> {
    await this.whenIdle();
    this.closed = true;
    await this.handle.close();
  }

  private kick(): void {
    if (this.running) return;
    this.running = true;
    void this.drain();
  }

  private async drain(): Promise<void> {
    while (!this.failure) {
      if (this.queue.length > 0) {
        const batch = this.queue.splice(0);
        try {
          await this.writeBatch(batch.map((p) => p.bytes));
          for (const p of batch) p.resolve();
        } catch (err) {
          this.fail(err as Error, batch);
        }
      } else if (this.rotations.length > 0) {
        const r = this.rotations.shift()!;
        try {
          await this.switchTo(r.capture());
          r.resolve();
        } catch (err) {
          this.fail(err as Error, []);
          r.reject(this.failure!);
        }
      } else break;
    }
    this.running = false;
    for (const resolve of this.idle.splice(0)) resolve();
  }

  private async writeBatch(buffers: Uint8Array[]): Promise<void> {
    if (this.beforeBatch) await this.beforeBatch();
    const total = buffers.reduce((s, b) => s + b.length, 0);
    const { bytesWritten } = await this.handle.writev(buffers, this.size);
    if (bytesWritten !== total) throw new Error(`only ${bytesWritten} of ${total} bytes were written (disk full?)`);
    await this.handle.datasync();
    this.size += total;
  }

  private async switchTo(start: number): Promise<void> {
    if (start === this.start && this.size === 0) return;
    const handle = await open(join(this.dir, segmentName(start)), 'w');
    await fsyncDir(this.dir);
    await this.handle.close();
    this.handle = handle;
    this.start = start;
    this.size = 0;
  }

  /** After a failed write the file's tail is unknown: refuse everything until the project is reopened (which replays from disk). */
  private fail(err: Error, batch: Pending[]): void {
    this.failure = new Error(`Saving stopped: ${err.message}. The last changes were not saved; reopen the project to continue.`);
    for (const p of [...batch, ...this.queue.splice(0)]) p.reject(this.failure);
    for (const r of this.rotations.splice(0)) r.reject(this.failure);
  }
}
