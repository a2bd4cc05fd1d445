/**
 * The static-file resolver both hosts use (browser mode over HTTP, the desktop app:// scheme),
 * on a real folder tree with a look-alike sibling folder, dotfiles and symlinks pointing in
 * and out. The end-to-end security test sends the same paths to the running server.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isInside, resolveStatic, safeSegments } from '../../../electron/http/static-files.ts';

const base = mkdtempSync(join(tmpdir(), 'mt-static-'));
const root = join(base, 'renderer');
mkdirSync(join(root, 'assets'), { recursive: true });
mkdirSync(join(base, 'renderer-old'));
writeFileSync(join(root, 'index.html'), 'index');
writeFileSync(join(root, 'assets', 'app.js'), 'app');
writeFileSync(join(root, '.env'), 'SECRET');
writeFileSync(join(base, 'renderer-old', 'secret.txt'), 'SECRET');
writeFileSync(join(base, 'outside.txt'), 'SECRET');
symlinkSync(join(base, 'outside.txt'), join(root, 'link-out.txt'));
symlinkSync(join(base, 'renderer-old'), join(root, 'dir-out'));
symlinkSync(join(root, 'assets', 'app.js'), join(root, 'link-in.js'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const dirs = { '/': root };

describe('static files', () => {
  it('serves the bundle: index for / and for a folder, files by path, links that stay inside', async () => {
    expect(await resolveStatic(dirs, '/')).toEqual({ file: join(root, 'index.html') });
    expect(await resolveStatic(dirs, '/assets/app.js')).toEqual({ file: join(root, 'assets', 'app.js') });
    expect(await resolveStatic(dirs, '/assets%2Fapp.js')).toMatchObject({ status: 400 });
    expect(await resolveStatic(dirs, '/link-in.js')).toEqual({ file: join(root, 'assets', 'app.js') });
    expect(await resolveStatic(dirs, '/missing.js')).toMatchObject({ status: 404 });
  });

  it('refuses encoded .., NUL, backslashes, absolute paths, dotfiles, a look-alike sibling and links out', async () => {
    const refused = [
      '/../renderer-old/secret.txt', '/..%2frenderer-old%2fsecret.txt', '/%2e%2e/renderer-old/secret.txt', '/%2E%2E%2Foutside.txt',
      '/assets/..%5c..%5coutside.txt', '/..\\outside.txt', '/index.html%00.js', '/%00', `/${encodeURIComponent(join(base, 'outside.txt'))}`,
      '/C:%5Cwindows', '/.env', '/%2eenv', '/%', '/link-out.txt', '/dir-out/secret.txt',
    ];
    for (const path of refused) {
      const r = await resolveStatic(dirs, path);
      expect('status' in r, path).toBe(true);
    }
    expect(await resolveStatic(dirs, '/link-out.txt')).toMatchObject({ status: 403 });
  });

  it('compares folders by path segment, not by prefix', () => {
    expect(isInside(root, join(root, 'a', 'b'))).toBe(true);
    expect(isInside(root, root)).toBe(true);
    expect(isInside(root, `${root}-old/secret.txt`)).toBe(false);
    expect(isInside(root, base)).toBe(false);
    expect(safeSegments('/a/%2e%2e/b')).toBeNull();
    expect(safeSegments('/a//b/')).toEqual(['a', 'b']);
  });
});
