/** Reads what the backend saved for a project, straight from the data folder (as a user's backup would be). */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProjectDoc } from '../../ml/api.ts';

export function savedDoc(dataDir: string, key: string): ProjectDoc | null {
  const safe = key.replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 60);
  const hash = createHash('sha256').update(key).digest('hex').slice(0, 12);
  try {
    return (JSON.parse(readFileSync(join(dataDir, 'projects', `${safe}-${hash}.json`), 'utf8')) as { doc: ProjectDoc }).doc;
  } catch {
    return null;
  }
}
