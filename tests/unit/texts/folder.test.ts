/**
 * A folder of .txt/.md/.eml files opened by path: the walk, the reads, the table (labels from
 * subfolders, e-mail bodies and subjects) and every bad file as a problem that keeps its row —
 * through the real backend's openFolder, on real files in a temp folder.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Column } from '../../../ml/table/types.ts';
import { createBackend } from '../../../electron/backend/backend.ts';
import { DATASETS_DIR } from '../../../electron/paths.ts';
import { decodeText, MAX_TEXT_BYTES, splitEmail } from '../../../ml/texts/folder-table.ts';
import { textColumnOf } from '../../../renderer/embed/compute.ts';
import { fixture, makeFolder } from '../images/fixtures.ts';
import { textFolder } from './fixtures.ts';

const backend = createBackend({ mode: 'browser', version: 'test', datasetsDir: DATASETS_DIR, dataDir: mkdtempSync(join(tmpdir(), 'mt-txt-host-')) });
const enc = (s: string) => new TextEncoder().encode(s);

function values(c: Column | undefined): (string | number | null)[] {
  if (!c) throw new Error('no such column');
  if (c.type === 'text') return c.values;
  if (c.type === 'numeric') return [...c.values];
  return [...c.codes].map((k) => (k < 0 ? null : c.dictionary[k]));
}

describe('openFolder on a folder of texts', () => {
  it('opens one row per text file, sorted by path, with the subfolder as label and the text as media', async () => {
    const ds = await backend.openFolder(textFolder());
    const col = (name: string) => values(ds.table.columns.find((c) => c.name === name));
    expect(ds.table.columns.map((c) => c.name)).toEqual(['path', 'file', 'label', 'text', 'subject', 'bytes', 'problem']);
    expect(col('path')).toEqual(['ham/binary.txt', 'ham/note.md', 'ham/reply.eml', 'spam/empty.txt', 'spam/latin1.txt', 'spam/offer.eml', 'top.txt']);
    expect(col('file')).toEqual(['binary.txt', 'note.md', 'reply.eml', 'empty.txt', 'latin1.txt', 'offer.eml', 'top.txt']);
    expect(col('label')).toEqual(['ham', 'ham', 'ham', 'spam', 'spam', 'spam', null]);
    expect(col('text')).toEqual(['', '# Notes\nLunch at noon?\n', 'Yes, see you then.\r\n', '', '', 'Click here to claim your prize.\n', 'a text at the top, no label\n']);
    expect(col('subject')).toEqual([null, null, 'Re: lunch', null, null, 'Gewinn für Sie', null]);
    expect(col('bytes')[1]).toBe(enc('# Notes\nLunch at noon?\n').length);
    expect(col('problem')).toEqual(['not text', 'ok', 'ok', 'empty', 'not UTF-8', 'ok', 'ok']);
    expect(ds.media).toEqual({ kind: 'text', column: 'text' });
    expect(ds.key).toMatch(/^folder:mt-images-\w+:[0-9a-f]{16}$/);
    expect(ds.problems?.map((p) => [p.row, p.path, p.problem])).toEqual([[0, 'ham/binary.txt', 'not text'], [3, 'spam/empty.txt', 'empty'], [4, 'spam/latin1.txt', 'not UTF-8']]);
    expect(ds.problems?.[0].detail).toMatch(/NUL bytes/);
    // The Map's "Compute embeddings" reads this column, and the label is not a feature of it.
    expect(textColumnOf(ds)?.name).toBe('text');
    expect(ds.schema.labelColumn).toBe('label');
  });

  it('keeps a folder with any image an image folder (texts beside images are ignored)', async () => {
    const ds = await backend.openFolder(makeFolder({ 'a/x.png': fixture('red.png'), 'b/notes.txt': 'hello' }));
    expect(ds.media.kind).toBe('image-files');
    expect(ds.table.n).toBe(1);
  });

  it('has no label or subject column when there are no subfolders or e-mails', async () => {
    const ds = await backend.openFolder(makeFolder({ 'a.txt': 'one', 'b.md': 'two', 'c.csv': 'x,y' }));
    expect(ds.table.columns.map((c) => c.name)).toEqual(['path', 'file', 'text', 'bytes']);
    expect(ds.problems).toBeUndefined();
  });
});

describe('decodeText', () => {
  it(`cuts a long text at ${MAX_TEXT_BYTES} bytes without splitting a character, and says so`, () => {
    const long = enc('é'.repeat(MAX_TEXT_BYTES)); // 2 bytes each: the cut falls inside one at an odd offset
    const info = decodeText('long.txt', long.subarray(0, MAX_TEXT_BYTES + 3), long.length);
    expect(info.problem).toBe('cut');
    expect(info.text).toBe('é'.repeat(MAX_TEXT_BYTES / 2));
    expect(info.detail).toBe('200,000 bytes: only the first 100 kB are kept');
    const odd = decodeText('odd.txt', enc(`x${'é'.repeat(MAX_TEXT_BYTES)}`).subarray(0, MAX_TEXT_BYTES + 3), 2 * MAX_TEXT_BYTES + 1);
    expect(odd.text).toBe(`x${'é'.repeat(MAX_TEXT_BYTES / 2 - 1)}`);
  });

  it('reads e-mail headers: folded and encoded subjects, a missing header block, an empty body', () => {
    expect(splitEmail('From: a@b\r\nSubject: long\r\n  folded line\r\n\r\nbody')).toEqual({ subject: 'long folded line', body: 'body' });
    expect(splitEmail('Subject: =?ISO-8859-1?Q?caf=E9_cr=E8me?=\n\nx')?.subject).toBe('café crème');
    expect(decodeText('x.eml', enc('just a body, no headers'), 23).problem).toBe('not an e-mail');
    const noBody = decodeText('y.eml', enc('Subject: hi\n\n'), 13);
    expect([noBody.problem, noBody.subject, noBody.text]).toEqual(['empty', 'hi', '']);
    expect(decodeText('z.txt', enc(' \n\t'), 3).problem).toBe('empty');
  });
});
