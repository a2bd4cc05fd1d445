/**
 * Image paths as tables and listings hold them: '/'-separated, relative to a root the user
 * opened. Pure string checks (no file system): a path that could climb out of its root
 * (`..`, an absolute path, a drive letter, a NUL) is refused here before anything is read;
 * the Node side then checks the real path (symlinks) again at read time.
 */

/** A safe relative path ('a/b.jpg'), or the reason it is not one. */
export function safeRelative(path: string): { ok: true; path: string } | { ok: false; reason: string } {
  if (path.length === 0) return { ok: false, reason: 'the path is empty' };
  if (path.includes('\0')) return { ok: false, reason: 'the path contains a NUL character' };
  const p = path.replace(/\\/g, '/');
  if (p.startsWith('/') || /^[A-Za-z]:/.test(p)) return { ok: false, reason: 'the path is absolute' };
  const parts: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') return { ok: false, reason: 'the path climbs out of its folder with ".."' };
    parts.push(part);
  }
  if (parts.length === 0) return { ok: false, reason: 'the path names the folder itself, not a file' };
  return { ok: true, path: parts.join('/') };
}

/** Whether a path as typed in a table is absolute (POSIX or a Windows drive/UNC path). */
export const isAbsolutePath = (path: string): boolean => path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');

/**
 * The subfolder an image sits in, as its ImageFolder label (`cats/001.jpg` → `cats`); files at
 * the top of the folder have none. Only the first level counts, like torchvision's ImageFolder.
 */
export function folderLabel(relative: string): string | null {
  const slash = relative.indexOf('/');
  return slash > 0 ? relative.slice(0, slash) : null;
}

/** The last part of a path: its file name. */
export const fileName = (relative: string): string => relative.slice(relative.lastIndexOf('/') + 1);

/** Code-unit order, the same in Node and every browser (localeCompare is not). */
export const comparePaths = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
