/**
 * Node only: reads a folder of text files (.txt, .md, .eml) for the app's backend and the CLI,
 * from a walk of the folder (ml/images/list-folder.node.ts walks images and texts alike).
 * Reads at most MAX_TEXT_BYTES of each file, so a stray huge log cannot fill memory.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { fileErrorReason, yieldNow, type WalkedFolder } from '../images/list-folder.node.ts';
import { decodeText, isTextName, MAX_TEXT_BYTES, sortTextEntries, type TextEntry, type TextListing } from './folder-table.ts';

/** Files read between two yields to the event loop. */
const SLICE = 100;

/** The first MAX_TEXT_BYTES (plus 3, to finish a cut UTF-8 sequence) of a file, its size and mtime. */
function readStart(path: string): { head: Uint8Array; bytes: number; mtimeMs: number } {
  const fd = openSync(path, 'r');
  try {
    const st = fstatSync(fd);
    const head = new Uint8Array(Math.min(st.size, MAX_TEXT_BYTES + 3));
    let off = 0;
    while (off < head.length) {
      const got = readSync(fd, head, off, head.length - off, off);
      if (got === 0) break;
      off += got;
    }
    return { head: head.subarray(0, off), bytes: st.size, mtimeMs: st.mtimeMs };
  } finally {
    closeSync(fd);
  }
}

/** Whether a walked folder is a text folder: it has .txt/.md/.eml files and no image the image path would list. */
export const isTextFolder = (walked: WalkedFolder, isImageName: (name: string) => boolean): boolean =>
  walked.files.some((f) => isTextName(f.rel)) && !walked.files.some((f) => isImageName(f.rel));

/** Reads the text files of a walked folder; never throws for a bad file (it becomes a row problem). */
export async function listTextFolder(walked: WalkedFolder, opts: { onProgress?: (done: number, total: number) => void; signal?: AbortSignal } = {}): Promise<TextListing & { realRoot: string }> {
  const files = walked.files.filter((f) => isTextName(f.rel));
  const entries: TextEntry[] = [];
  for (const [k, f] of files.entries()) {
    try {
      const { head, bytes, mtimeMs } = readStart(f.abs);
      entries.push({ path: f.rel, bytes, mtimeMs, info: decodeText(f.rel, head, bytes) });
    } catch (err) {
      entries.push({ path: f.rel, bytes: NaN, mtimeMs: 0, info: { text: '', subject: null, problem: 'unreadable', detail: fileErrorReason(err) } });
    }
    if ((k + 1) % SLICE === 0 || k + 1 === files.length) {
      opts.onProgress?.(k + 1, files.length);
      opts.signal?.throwIfAborted();
      await yieldNow();
    }
  }
  return { name: walked.name, entries: sortTextEntries(entries), skipped: walked.skipped, ignored: walked.hidden + walked.files.length - files.length, realRoot: walked.realRoot };
}
