/**
 * `machine-teacher inspect FOLDER`: what the app would open from a folder of images, or of
 * texts (.txt/.md/.eml and no image) — the same walk, listing and table code as the backend —
 * then each file it could not read and each entry it skipped, with why. Exit 0 when at least
 * one image or text is readable; 1 (one located line on stderr) when none is.
 */
import { basename } from 'node:path';
import { buildImageTable } from '../../ml/images/folder-table.ts';
import { listImageFolder, walkFolder, type WalkedFolder } from '../../ml/images/list-folder.node.ts';
import { formatFromName } from '../../ml/images/sniff.ts';
import { buildTextTable } from '../../ml/texts/folder-table.ts';
import { isTextFolder, listTextFolder } from '../../ml/texts/list-folder.node.ts';
import type { RowProblem, SkippedEntry } from '../../ml/images/folder-table.ts';
import type { Table } from '../../ml/table/types.ts';
import { inferSchema } from '../../ml/table/index.ts';
import { LoadError } from '../../ml/table/types.ts';
import { labelFromArgs } from './args.ts';
import { formatSchema } from './inspect.ts';

type Values = { json?: boolean; label?: string; 'no-label'?: boolean };

export async function inspectFolder(dir: string, values: Values): Promise<void> {
  const walked = await walkFolder(dir);
  if (isTextFolder(walked, (name) => formatFromName(name) !== null)) return inspectTextFolder(dir, walked, values);
  const listing = await listImageFolder(dir, {}, walked);
  const { table, problems } = buildImageTable(listing.entries);
  const readable = listing.entries.filter((e) => e.info.problem === null).length;
  if (readable === 0) {
    const first = problems[0] ? ` (first: ${problems[0].path}: ${problems[0].detail})` : listing.skipped[0] ? ` (skipped ${listing.skipped[0].path}: ${listing.skipped[0].reason})` : '';
    const what = listing.entries.length === 0 ? 'no JPEG, PNG, WebP, GIF or BMP files in this folder or its subfolders' : `none of its ${listing.entries.length} image files can be read`;
    throw new LoadError(`${what}${first}`, { file: dir });
  }
  print(dir, { name: listing.name, table, problems, skipped: listing.skipped, ignored: listing.ignored }, { readable, what: 'images', ignoredWhat: 'not images' }, values);
}

/** A folder of texts: the same report, with "texts"; exit 1 when no file has text. */
async function inspectTextFolder(dir: string, walked: WalkedFolder, values: Values): Promise<void> {
  const listing = await listTextFolder(walked);
  const { table, problems } = buildTextTable(listing.entries);
  const readable = listing.entries.filter((e) => e.info.text !== '').length;
  if (readable === 0) {
    throw new LoadError(`none of its ${listing.entries.length} text files has text (first: ${problems[0].path}: ${problems[0].detail})`, { file: dir });
  }
  print(dir, { name: listing.name, table, problems, skipped: listing.skipped, ignored: listing.ignored }, { readable, what: 'texts', ignoredWhat: 'not .txt, .md or .eml' }, values);
}

type Listed = { name: string; table: Table; problems: RowProblem[]; skipped: SkippedEntry[]; ignored: number };

function print(dir: string, l: Listed, o: { readable: number; what: string; ignoredWhat: string }, values: Values): void {
  const { table, problems } = l;
  const label = labelFromArgs(table, values, basename(dir));
  const schema = inferSchema(table, label.column);
  if (values.json) {
    process.stdout.write(`${JSON.stringify({ schema, readable: o.readable, problems, skipped: l.skipped, ignored: l.ignored }, null, 2)}\n`);
    return;
  }
  const lines = [formatSchema(`${l.name}/`, schema, label.guessed), '', `${o.readable.toLocaleString('en-US')} of ${table.n.toLocaleString('en-US')} ${o.what} readable`];
  if (problems.length > 0) {
    lines.push('', `could not read ${problems.length.toLocaleString('en-US')} file${problems.length === 1 ? '' : 's'}:`);
    for (const p of problems) lines.push(`  ${p.path}: ${p.problem}: ${p.detail}`);
  }
  if (l.skipped.length > 0) {
    lines.push('', `skipped ${l.skipped.length.toLocaleString('en-US')}:`);
    for (const s of l.skipped) lines.push(`  ${s.path}: ${s.reason}`);
  }
  if (l.ignored > 0) lines.push('', `ignored ${l.ignored.toLocaleString('en-US')} files that are ${o.ignoredWhat} (by extension) or are hidden`);
  process.stdout.write(`${lines.join('\n')}\n`);
}
