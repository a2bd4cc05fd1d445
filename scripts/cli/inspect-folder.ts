/**
 * `machine-teacher inspect FOLDER`: what the app would open from a folder of images — the same
 * listing and table code as the backend — then each file it could not read and each entry it
 * skipped, with why. Exit 0 when at least one image is readable; 1 (one located line on stderr)
 * when none is.
 */
import { basename } from 'node:path';
import { buildImageTable } from '../../ml/images/folder-table.ts';
import { listImageFolder } from '../../ml/images/list-folder.node.ts';
import { inferSchema } from '../../ml/table/index.ts';
import { LoadError } from '../../ml/table/types.ts';
import { labelFromArgs } from './args.ts';
import { formatSchema } from './inspect.ts';

type Values = { json?: boolean; label?: string; 'no-label'?: boolean };

export async function inspectFolder(dir: string, values: Values): Promise<void> {
  const listing = await listImageFolder(dir);
  const { table, problems } = buildImageTable(listing.entries);
  const readable = listing.entries.filter((e) => e.info.problem === null).length;
  if (readable === 0) {
    const first = problems[0] ? ` (first: ${problems[0].path}: ${problems[0].detail})` : listing.skipped[0] ? ` (skipped ${listing.skipped[0].path}: ${listing.skipped[0].reason})` : '';
    const what = listing.entries.length === 0 ? 'no JPEG, PNG, WebP, GIF or BMP files in this folder or its subfolders' : `none of its ${listing.entries.length} image files can be read`;
    throw new LoadError(`${what}${first}`, { file: dir });
  }
  const label = labelFromArgs(table, values, basename(dir));
  const schema = inferSchema(table, label.column);
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ schema, readable, problems, skipped: listing.skipped, ignored: listing.ignored }, null, 2)}\n`);
    return;
  }
  const lines = [formatSchema(`${listing.name}/`, schema, label.guessed), '', `${readable.toLocaleString('en-US')} of ${table.n.toLocaleString('en-US')} images readable`];
  if (problems.length > 0) {
    lines.push('', `could not read ${problems.length.toLocaleString('en-US')} file${problems.length === 1 ? '' : 's'}:`);
    for (const p of problems) lines.push(`  ${p.path}: ${p.problem}: ${p.detail}`);
  }
  if (listing.skipped.length > 0) {
    lines.push('', `skipped ${listing.skipped.length.toLocaleString('en-US')}:`);
    for (const s of listing.skipped) lines.push(`  ${s.path}: ${s.reason}`);
  }
  if (listing.ignored > 0) lines.push('', `ignored ${listing.ignored.toLocaleString('en-US')} files that are not images (by extension) or are hidden`);
  process.stdout.write(`${lines.join('\n')}\n`);
}
