/** Path checks done before anything is read: nothing a table or listing says can climb out of its folder. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fileName, folderLabel, isAbsolutePath, safeRelative } from '../../../ml/images/paths.ts';

describe('safeRelative', () => {
  it.each([
    ['cats/001.jpg', 'cats/001.jpg'], ['./cats//001.jpg', 'cats/001.jpg'], ['cats\\001.jpg', 'cats/001.jpg'],
  ])('normalises %s to %s', (input, output) => {
    expect(safeRelative(input)).toEqual({ ok: true, path: output });
  });

  it.each([
    ['../secret.png', 'the path climbs out of its folder with ".."'],
    ['cats/../../secret.png', 'the path climbs out of its folder with ".."'],
    ['/etc/passwd', 'the path is absolute'],
    ['C:/Windows/x.png', 'the path is absolute'],
    ['a\0b.png', 'the path contains a NUL character'],
    ['./', 'the path names the folder itself, not a file'],
    ['', 'the path is empty'],
  ])('refuses %j: %s', (input, reason) => {
    expect(safeRelative(input)).toEqual({ ok: false, reason });
  });

  it('never lets a path out: whatever it accepts has no "..", no leading slash and no empty part', () => {
    const part = fc.oneof(fc.constantFrom('..', '.', '', 'a', 'b.png', '...', '..a'), fc.string({ maxLength: 4 }));
    fc.assert(fc.property(fc.array(part, { maxLength: 6 }), fc.constantFrom('/', '\\'), (parts, sep) => {
      const r = safeRelative(parts.join(sep));
      if (!r.ok) return;
      expect(r.path.startsWith('/')).toBe(false);
      expect(r.path.split('/')).not.toContain('..');
      expect(r.path.split('/')).not.toContain('');
    }));
  });

  it('knows absolute paths, the ImageFolder label and the file name', () => {
    expect([isAbsolutePath('/a'), isAbsolutePath('C:\\a'), isAbsolutePath('\\\\server\\a'), isAbsolutePath('a/b')]).toEqual([true, true, true, false]);
    expect([folderLabel('cats/001.jpg'), folderLabel('cats/kittens/1.jpg'), folderLabel('top.jpg')]).toEqual(['cats', 'cats', null]);
    expect(fileName('cats/kittens/1.jpg')).toBe('1.jpg');
  });
});
