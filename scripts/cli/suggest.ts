/**
 * `machine-teacher suggest DATA [--label COL] [--depth 3] [--min-leaf N] [--holdout 0.3]
 *  [--balanced] [--class C]... [--not-feature COL]... [--seed S] [--json]`: fits the app's
 * shallow decision tree on DATA's feature columns against the label and prints one rule per
 * line in the rule grammar, each with a `# precision …, recall …, coverage …` comment measured
 * on held-out rows. The output is what the app's rule editor and `--rules` files accept, as is.
 */
import { basename } from 'node:path';
import { loadTableFromFile } from '../../ml/table/load-file.node.ts';
import { suggestRules } from '../../ml/rules/suggest.ts';
import { LABEL_OPTIONS, labelFromArgs, parseVerb } from './args.ts';
import { UsageError } from './usage.ts';

function integer(name: string, v: string | undefined, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  const x = Number(v);
  if (!Number.isInteger(x) || x < min || x > max) throw new UsageError(`suggest: --${name} takes a whole number from ${min} to ${max}, got "${v}"`);
  return x;
}

export async function run(args: string[]): Promise<void> {
  const { values, positionals } = parseVerb('suggest', args, {
    depth: { type: 'string' }, 'min-leaf': { type: 'string' }, holdout: { type: 'string' }, seed: { type: 'string' },
    balanced: { type: 'boolean' }, class: { type: 'string', multiple: true }, 'not-feature': { type: 'string', multiple: true },
    json: { type: 'boolean' }, ...LABEL_OPTIONS,
  });
  if (positionals.length !== 1) throw new UsageError('suggest needs exactly one DATA file');
  if (values['no-label']) throw new UsageError('suggest: rules are learned from a label; --no-label leaves nothing to learn');
  const maxDepth = integer('depth', values.depth, 1, 12);
  const minLeaf = integer('min-leaf', values['min-leaf'], 1, 1e9);
  const seed = integer('seed', values.seed, 0, 2 ** 31);
  const holdout = values.holdout === undefined ? undefined : Number(values.holdout);
  if (holdout !== undefined && !(holdout >= 0 && holdout <= 0.9)) throw new UsageError(`suggest: --holdout takes a share from 0 to 0.9, got "${values.holdout}"`);
  const file = basename(positionals[0]);
  const table = await loadTableFromFile(positionals[0]);
  const label = labelFromArgs(table, values, file);
  if (!label.column) throw new Error(`${file}: no column looks like a label; name one with --label COL`);
  const notFeatures = (values['not-feature'] ?? []).flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean);
  for (const c of notFeatures) if (!table.columns.some((col) => col.name === c)) throw new Error(`${file}, column ${c}: there is no column "${c}" to leave out`);
  const r = await suggestRules({
    table, roles: { label: label.column, notFeatures }, target: { kind: 'label' },
    maxDepth, minLeaf, holdout, seed, classWeight: values.balanced ? 'balanced' : null, classes: values.class,
  });
  if (values.json) {
    const out = { ...r, measuredRows: undefined, label: label.column, labelGuessed: label.guessed };
    process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
    return;
  }
  const guessed = label.guessed ? `# Label: ${label.column} (guessed; choose another with --label COL)\n` : '';
  process.stdout.write(guessed + r.text);
}
