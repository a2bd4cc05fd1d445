/**
 * What is on disk for a project, read with the project's own recovery (snapshot + journal), as
 * reopening it would find it — the test's view of "the project file".
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OpenProject } from '../../electron/backend/open-project.ts';

/** The newest .mtproj folder under the data dir whose data is the demo `id`. */
export function demoProjectFolder(dataDir: string, id: string): string | null {
  const root = join(dataDir, 'projects');
  let names: string[];
  try { names = readdirSync(root).filter((n) => n.endsWith('.mtproj')); } catch { return null; }
  const mine = names.filter((n) => {
    try { const m = JSON.parse(readFileSync(join(root, n, 'project.json'), 'utf8')) as { source?: { kind?: string; id?: string } }; return m.source?.kind === 'demo' && m.source.id === id; } catch { return false; }
  });
  return mine.length ? join(root, mine.sort().at(-1)!) : null;
}

/** The saved document (without timestamps) and labels, as one comparable string; null when there is no project yet. */
export async function savedProject(dataDir: string, demo: string): Promise<string | null> {
  const folder = demoProjectFolder(dataDir, demo);
  if (!folder) return null;
  const p = await OpenProject.open(folder);
  const doc = p.content.document as { updatedAt?: string } | null;
  const { updatedAt: _t, ...rest } = doc ?? {};
  const labels = [...p.labels.values].map((v, r) => [r, v]).filter(([, v]) => v >= 0);
  return JSON.stringify({ document: rest, classes: p.labels.classes, labels });
}
