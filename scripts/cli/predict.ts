/**
 * `machine-teacher predict BUNDLE DATA [--out FILE] [--format csv|jsonl] [--id COL] [--vectors FILE]`
 * and `machine-teacher predict --rules RULES.txt DATA …`: scores DATA (any format the app
 * loads; CSV/TSV streamed in bounded memory) with an exported bundle or with rule text, one
 * output row per input row in input order. --out is written to FILE.partial and renamed at
 * the end, so a failed run never leaves a half-written FILE.
 */
import { createWriteStream } from 'node:fs';
import { readFile, rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { basename } from 'node:path';
import { loadClassifier } from '../../ml/export/write.node.ts';
import { rulesClassifier } from '../../ml/export/read.ts';
import { predictFile, type PredictFormat } from '../../ml/export/predict-file.node.ts';
import { LoadError } from '../../ml/table/types.ts';
import { parseVerb } from './args.ts';
import { UsageError } from './usage.ts';

export async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new LoadError(code === 'ENOENT' ? 'no such file' : `cannot read the file (${code ?? String(err)})`, { file: path });
  }
}

export async function run(args: string[]): Promise<void> {
  const { values, positionals } = parseVerb('predict', args, {
    rules: { type: 'string' }, out: { type: 'string' }, format: { type: 'string' }, id: { type: 'string' }, vectors: { type: 'string' },
  });
  const format = (values.format ?? 'csv') as PredictFormat;
  if (format !== 'csv' && format !== 'jsonl') throw new UsageError(`predict: --format is csv or jsonl, not "${values.format}"`);
  const want = values.rules ? 1 : 2;
  if (positionals.length !== want) throw new UsageError(values.rules ? 'predict --rules RULES.txt needs exactly one DATA file' : 'predict needs a BUNDLE and a DATA file (or --rules RULES.txt DATA)');
  const data = positionals[want - 1];
  const clf = values.rules ? rulesClassifier(await readText(values.rules), values.rules) : await loadClassifier(positionals[0]);

  const partial = values.out ? `${values.out}.partial` : null;
  const out = partial ? createWriteStream(partial) : process.stdout;
  // `predict … | head`: a reader that stops reading is not an error.
  if (!partial) process.stdout.on('error', (err: NodeJS.ErrnoException) => { if (err.code === 'EPIPE') process.exit(0); throw err; });
  const sink = async (text: string) => { if (!out.write(text)) await once(out, 'drain'); };
  try {
    const summary = await predictFile(clf, data, sink, { format, id: values.id ?? null, vectors: values.vectors });
    if (partial && values.out) {
      out.end();
      await once(out, 'finish');
      await rename(partial, values.out);
    }
    for (const [column, u] of summary.unknown) {
      const e = [...u.examples].map((x) => JSON.stringify(x)).join(', ');
      process.stderr.write(`machine-teacher: note: ${u.count.toLocaleString('en-US')} values of "${column}" in ${basename(data)} are categories the model never saw${e ? ` (e.g. ${e})` : ''}: they were scored as all-zero one-hots\n`);
    }
  } catch (err) {
    if (partial) { out.destroy(); await rm(partial, { force: true }); }
    throw err;
  }
}
