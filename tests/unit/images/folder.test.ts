/**
 * A folder of images as the app opens it: listing (subfolders, symlinks in and out of the
 * folder, loops), header facts as columns, the ImageFolder label, bad files kept as rows with
 * their problem, and 50,000 files in one folder listed with progress and without blocking.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listImageFolder, readInside } from '../../../ml/images/list-folder.node.ts';
import { buildImageTable, folderFingerprint, folderKey } from '../../../ml/images/folder-table.ts';
import { featureColumnNames, guessLabelColumn, inferSchema } from '../../../ml/table/index.ts';
import { fixture, hugePng, makeFolder } from './fixtures.ts';

const col = (table: ReturnType<typeof buildImageTable>['table'], name: string) => table.columns.find((c) => c.name === name);

describe('listing a folder of images', () => {
  it('builds one row per image, sorted by path, with the subfolder as label and header facts as columns', async () => {
    const root = makeFolder({
      'cats/b.png': fixture('red.png'),
      'cats/a.jpg': fixture('blue.jpg'),
      'dogs/c.webp': fixture('green.webp'),
      'dogs/deep/d.gif': fixture('yellow.gif'),
      'e.bmp': fixture('purple.bmp'),
      'README.md': '# not an image',
      '.DS_Store': 'junk',
    });
    const listing = await listImageFolder(root);
    expect(listing.entries.map((e) => e.path)).toEqual(['cats/a.jpg', 'cats/b.png', 'dogs/c.webp', 'dogs/deep/d.gif', 'e.bmp']);
    expect(listing.ignored).toBe(2);
    const { table, problems } = buildImageTable(listing.entries);
    expect(problems).toEqual([]);
    expect(table.columns.map((c) => c.name)).toEqual(['path', 'file', 'label', 'format', 'width', 'height', 'bytes']);
    const label = col(table, 'label');
    expect(label?.type === 'categorical' && Array.from(label.codes, (c) => (c < 0 ? null : label.dictionary[c]))).toEqual(['cats', 'cats', 'dogs', 'dogs', null]);
    const width = col(table, 'width');
    expect(width?.type === 'numeric' && Array.from(width.values)).toEqual([40, 48, 36, 20, 24]);
    const bytes = col(table, 'bytes');
    expect(bytes?.type === 'numeric' && bytes.values[1]).toBe(fixture('red.png').length);
    // The label is guessed by name, the path is an image column, and neither is a feature.
    expect(guessLabelColumn(table).column).toBe('label');
    const schema = inferSchema(table);
    expect(schema.columns.find((c) => c.name === 'path')?.kind).toBe('image');
    expect(featureColumnNames(table, { label: schema.labelColumn })).toEqual(['format', 'width', 'height', 'bytes']);
  });

  it('keeps bad files as rows with their problem, and the rest of the folder opens', async () => {
    const jpg = fixture('blue.jpg');
    const root = makeFolder({
      'ok.png': fixture('red.png'),
      'empty.jpg': new Uint8Array(0),
      'notes.png': 'I am a text file with a .png name',
      'cut.jpg': jpg.subarray(0, Math.floor(jpg.length / 2)),
      'huge.png': hugePng(20_000, 20_000),
    });
    const { entries } = await listImageFolder(root);
    const { table, problems } = buildImageTable(entries);
    expect(table.n).toBe(5);
    expect(Object.fromEntries(problems.map((p) => [p.path, p.problem]))).toEqual({
      'cut.jpg': 'truncated', 'empty.jpg': 'empty', 'huge.png': 'too large', 'notes.png': 'not an image',
    });
    expect(problems.find((p) => p.path === 'huge.png')?.detail).toMatch(/more than 100 megapixels; refused/);
    const problem = col(table, 'problem');
    expect(problem?.type === 'categorical' && problem.dictionary).toEqual(['empty', 'not an image', 'ok', 'too large', 'truncated']);
    expect(col(table, 'label')).toBeUndefined(); // no subfolders, no label column
  });

  it('follows links inside the folder, refuses links out of it, and stops at loops', async () => {
    const outside = makeFolder({ 'secret.png': fixture('red.png') });
    const root = makeFolder({ 'a/one.png': fixture('red.png') });
    symlinkSync(join(root, 'a'), join(root, 'b'));                 // a second name for a/ (inside)
    symlinkSync(root, join(root, 'a', 'loop'));                    // a/loop → the root: a loop
    symlinkSync(join(outside, 'secret.png'), join(root, 'leak.png')); // out of the folder
    symlinkSync(outside, join(root, 'out'));
    symlinkSync(join(root, 'nothing.png'), join(root, 'broken.png'));
    const listing = await listImageFolder(root);
    expect(listing.entries.map((e) => e.path)).toEqual(['a/one.png']);
    const reasons = Object.fromEntries(listing.skipped.map((s) => [s.path, s.reason]));
    expect(reasons['leak.png']).toBe('links outside the opened folder (not followed)');
    expect(reasons.out).toBe('links outside the opened folder (not followed)');
    expect(reasons.b).toMatch(/symlink loop|already listed/);
    expect(reasons['a/loop']).toMatch(/symlink loop/);
    expect(reasons['broken.png']).toMatch(/broken link: no such file/);
    await expect(readInside(listing.realRoot, 'leak.png')).rejects.toThrow(/refused: the file is outside the opened folder/);
    await expect(readInside(listing.realRoot, 'a/one.png')).resolves.toEqual(fixture('red.png'));
  });

  it('says clearly when the path is not a folder or does not exist', async () => {
    const root = makeFolder({ 'x.png': fixture('red.png') });
    await expect(listImageFolder(join(root, 'x.png'))).rejects.toThrow(/this is a file, not a folder/);
    await expect(listImageFolder(join(root, 'nope'))).rejects.toThrow(/cannot open the folder: no such file/);
  });

  it('keys a folder by its paths, and fingerprints it by content facts', async () => {
    const root = makeFolder({ 'a.png': fixture('red.png'), 'b.png': fixture('red.png') });
    const before = await listImageFolder(root);
    writeFileSync(join(root, 'b.png'), fixture('rgb.png'));
    const edited = await listImageFolder(root);
    expect(folderKey(edited.name, edited.entries)).toBe(folderKey(before.name, before.entries));
    expect(folderFingerprint(edited.entries)).not.toBe(folderFingerprint(before.entries));
    writeFileSync(join(root, 'c.png'), fixture('red.png'));
    const added = await listImageFolder(root);
    expect(folderKey(added.name, added.entries)).not.toBe(folderKey(before.name, before.entries));
  });

  it('lists 50,000 files in one folder with progress, letting the event loop run', async () => {
    const root = makeFolder({});
    const dir = join(root, 'flat');
    mkdirSync(dir);
    const png = fixture('red.png');
    for (let i = 0; i < 50_000; i++) writeFileSync(join(dir, `${String(i).padStart(5, '0')}.png`), png);
    const seen: number[] = [];
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const listing = await listImageFolder(root, { onProgress: (done, total) => { if (done % 5000 === 0) seen.push(done); expect(total).toBe(50_000); } });
    clearInterval(timer);
    expect(listing.entries.length).toBe(50_000);
    expect(seen).toEqual([5000, 10000, 15000, 20000, 25000, 30000, 35000, 40000, 45000, 50000]);
    expect(ticks).toBeGreaterThan(0); // timers ran while it listed: the process never froze
    const { table } = buildImageTable(listing.entries);
    expect(table.n).toBe(50_000);
  }, 120_000);
});
