/**
 * Which file a static URL path means, or why none. Decoded segment by segment (so an
 * encoded `..` or `/` stays inside its segment and is refused), never a `..`, `.`, NUL,
 * backslash, drive letter or hidden name, and the file's real path (symlinks resolved) must
 * lie inside the real path of its served folder, compared by path segment: a sibling folder
 * whose name starts with the root's (`dist/renderer-old/`) is outside.
 */
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';

export type StaticResult = { file: string } | { status: 400 | 403 | 404; why: string };

/** Whether `child` is `root` or inside it, segment by segment. */
export function isInside(root: string, child: string): boolean {
  const rel = relative(root, child);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** Segments of a URL path, decoded one by one; null when one is not allowed. */
export function safeSegments(urlPath: string): string[] | null {
  const out: string[] = [];
  for (const raw of urlPath.split('/')) {
    if (raw === '') continue;
    let seg: string;
    try {
      seg = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (seg.startsWith('.') || seg.length > 255 || ['/', '\\', ':', '\0'].some((ch) => seg.includes(ch))) return null;
    out.push(seg);
  }
  return out;
}

/**
 * The file for `urlPath` under one of `dirs` (URL prefix → folder; the longest prefix wins).
 * A path ending in / means its index.html.
 */
export async function resolveStatic(dirs: Record<string, string>, urlPath: string): Promise<StaticResult> {
  const prefix = Object.keys(dirs).sort((a, b) => b.length - a.length).find((p) => urlPath.startsWith(p));
  if (prefix === undefined) return { status: 404, why: 'not found' };
  const segments = safeSegments(urlPath.slice(prefix.length));
  if (segments === null) return { status: 400, why: 'bad path' };
  if (segments.length === 0 || urlPath.endsWith('/')) segments.push('index.html');
  let root: string;
  let file: string;
  try {
    root = await realpath(dirs[prefix]);
    file = await realpath(join(root, ...segments));
  } catch {
    return { status: 404, why: 'not found' };
  }
  if (!isInside(root, file)) return { status: 403, why: 'outside the served folder' };
  const info = await stat(file).catch(() => null);
  return info?.isFile() ? { file } : { status: 404, why: 'not found' };
}
