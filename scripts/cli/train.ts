/**
 * `machine-teacher train DATA --label COL [--model dense|logistic] [--rules RULES.txt]
 *  [--not-feature COL]... [--seed N] [--holdout 0.2] [--epochs N] [--unweighted] --out BUNDLE`:
 * the app's table training (ml/train/tabular.ts) for pipelines and retraining. Prints the
 * held-out metrics and writes a model bundle — a hybrid one with --rules (the rules first, the
 * model where they abstain) — to the BUNDLE folder.
 */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { buildBundle } from '../../ml/export/bundle.ts';
import { writeBundleDir } from '../../ml/export/write.node.ts';
import { rulesClassifier } from '../../ml/export/read.ts';
import type { HeldOutMetrics } from '../../ml/train/tabular.ts';
import { trainTabular } from '../../ml/train/tabular.ts';
import { initBackend } from '../../ml/train/backend.node.ts';
import { loadTableFromFile } from '../../ml/table/load-file.node.ts';
import { checkRuleSet } from '../../ml/rules/compile.ts';
import { LoadError } from '../../ml/table/types.ts';
import { LABEL_OPTIONS, labelFromArgs, parseVerb } from './args.ts';
import { readText } from './predict.ts';
import { UsageError } from './usage.ts';

async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const pct = (x: number | null) => (x === null ? '–' : (100 * x).toFixed(1) + '%');

/** Metrics as a few aligned lines (what the command prints). */
export function formatMetrics(name: string, m: HeldOutMetrics & { coverage?: number | null }): string {
  const width = Math.max(...m.perClass.map((c) => c.name.length));
  const cov = m.coverage === undefined || m.coverage === null || m.coverage === 1 ? '' : `, coverage ${pct(m.coverage)}`;
  return [
    `${name}: accuracy ${pct(m.accuracy)}${cov}, macro F1 ${m.macroF1 === null ? '–' : m.macroF1.toFixed(3)}`,
    ...m.perClass.map((c) => `  ${c.name.padEnd(width)}  precision ${pct(c.precision).padStart(6)}  recall ${pct(c.recall).padStart(6)}  support ${c.support.toLocaleString('en-US')}`),
  ].join('\n');
}

function appVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

export async function run(args: string[]): Promise<void> {
  const { values, positionals } = parseVerb('train', args, {
    ...LABEL_OPTIONS, model: { type: 'string' }, rules: { type: 'string' }, out: { type: 'string' },
    'not-feature': { type: 'string', multiple: true }, seed: { type: 'string' }, holdout: { type: 'string' }, epochs: { type: 'string' },
    unweighted: { type: 'boolean' },
  });
  if (positionals.length !== 1) throw new UsageError('train needs exactly one DATA file');
  if (!values.out) throw new UsageError('train needs --out BUNDLE (the folder to write the bundle to)');
  const model = values.model ?? 'dense';
  if (model !== 'dense' && model !== 'logistic') throw new UsageError(`train: --model is dense or logistic, not "${values.model}"`);
  const num = (flag: string, v: string | undefined, ok: (x: number) => boolean) => {
    if (v === undefined) return undefined;
    const x = Number(v);
    if (!ok(x)) throw new UsageError(`train: --${flag} ${v} is not valid`);
    return x;
  };
  const seed = num('seed', values.seed, Number.isInteger);
  const holdout = num('holdout', values.holdout, (x) => x >= 0 && x < 1);
  const epochs = num('epochs', values.epochs, (x) => Number.isInteger(x) && x > 0);
  const out = values.out;
  if (existsSync(out) && readdirSync(out).length > 0 && !existsSync(`${out}/manifest.json`)) {
    throw new LoadError('this folder exists and is not a bundle: choose a new or empty folder for --out', { file: out });
  }

  const data = positionals[0];
  const table = await loadTableFromFile(data);
  const label = labelFromArgs(table, values, basename(data));
  if (!label.column) throw new UsageError('train needs a label column: --label COL');
  const rules = values.rules ? await readText(values.rules) : null;
  const ruleSet = rules !== null ? rulesClassifier(rules, values.rules!).rules!.ruleSet : null;
  if (ruleSet) {
    const problem = checkRuleSet(table, ruleSet)[0];
    if (problem) throw new LoadError(`rule ${problem.ruleId}: ${problem.message}`, { file: values.rules! });
  }
  await initBackend();
  const notFeatures = (values['not-feature'] ?? []).flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean);
  for (const c of notFeatures) if (!table.columns.some((x) => x.name === c)) throw new LoadError(`there is no column "${c}" (--not-feature)`, { file: basename(data), column: c });
  const tty = process.stderr.isTTY;
  const train = { ...(epochs ? { epochs } : {}), ...(values.unweighted ? { classWeights: null } : {}) };
  const fit = await trainTabular(table, label.column, { model, notFeatures, seed, holdout, train }, {
    onProgress: tty ? (done, total, message) => process.stderr.write(`\r${message} (${done}/${total})\x1b[K`) : undefined,
  });
  if (tty) process.stderr.write('\r\x1b[K');
  const { manifest, files } = buildBundle({
    kind: ruleSet ? 'hybrid' : 'model', ruleSet: ruleSet ?? undefined, rulesText: rules ?? undefined, model: fit.classifier.toJSON(),
    table, label: label.column, measureOn: fit.metrics ? fit.heldOut : null, measuredOn: fit.metrics?.measuredOn,
    data: { name: basename(data), sha256: await sha256(data) }, app: { version: appVersion() }, folder: basename(resolve(out)),
  });
  await writeBundleDir(out, files);
  const features = manifest.input.features;
  const lines = [
    `trained a ${model === 'dense' ? 'dense network' : 'logistic regression'} on ${basename(data)} → ${label.column}${label.guessed ? ' (guessed)' : ''}: ${features?.dim} features from ${new Set([...(features?.numeric ?? []), ...(features?.categorical ?? [])].map((s) => s.name)).size} columns`,
    fit.metrics ? `measured on ${fit.metrics.measuredOn}:` : 'no hold-out (--holdout 0): no metrics',
    ...(['model', 'rules', 'hybrid'] as const).flatMap((k) => (manifest.metrics[k] && fit.metrics ? [formatMetrics(k, manifest.metrics[k]!)] : [])),
    `bundle written to ${out}/ (${Object.keys(files).sort().join(', ')})`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
