/**
 * README.md inside a bundle: what the classifier is, how good it was and on which rows, what
 * input it expects, and the exact commands that run it (CLI, library, SQL, TensorFlow.js).
 */
import type { Manifest } from './manifest.ts';

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '–' : `${(100 * x).toFixed(1)}%`);

function metricsSection(m: Manifest): string[] {
  const parts = (['rules', 'model', 'hybrid'] as const).flatMap((k) => {
    const x = m.metrics[k];
    if (!x) return [];
    const perClass = x.perClass.map((c) => `${c.name}: precision ${pct(c.precision)}, recall ${pct(c.recall)}`).join('; ');
    return [`| ${k} | ${pct(x.accuracy)} | ${pct(x.coverage)} | ${x.macroF1 === null ? '–' : x.macroF1.toFixed(3)} | ${perClass} |`];
  });
  if (parts.length === 0) return ['No metrics: the data it was made on had no label column.'];
  const on = Object.values(m.metrics)[0]?.measuredOn ?? '';
  return [
    `Measured at export against \`${m.label}\` on ${on}.`,
    '',
    '| part | accuracy (covered rows) | coverage | macro F1 | per class |',
    '|---|---|---|---|---|',
    ...parts,
  ];
}

function inputSection(m: Manifest): string[] {
  const lines = m.input.columns.map((c) => `- \`${c.name}\`: ${c.type === 'any' ? 'any type (only tested for missing values)' : c.type} (read by the ${c.usedBy.join(' and the ')})`);
  if (m.input.embedding) lines.push(`- the model reads vectors of the embedding \`${m.input.embedding.id}\` (${m.input.embedding.title}), ${m.input.embedding.dim} numbers per row: a .npy of n×${m.input.embedding.dim} vectors, or a table whose numeric columns are those vectors in order`);
  return [
    'A table (CSV, TSV, JSON, JSON lines, Parquet, Arrow; also .gz) with these columns; other columns are ignored:',
    '',
    ...lines,
    '',
    'Missing values (empty, NA, NaN, null, …) never satisfy a comparison or `in {…}`; only `is missing` and `not (…)` pick them up.',
    'An unknown category gets an all-zero one-hot in the model (`predict` says how many it saw); a missing or wrong-typed column is an error naming the column.',
  ];
}

function tfjsSection(m: Manifest): string[] {
  if (!m.model) return [];
  const f = m.input.features;
  const order = f
    ? [`Its input is ${f.dim} numbers per row, in this order: ${f.names.map((n) => `\`${n}\``).join(', ')}.`,
      'Numeric columns are standardised, `(x − mean) / std`, with the means and standard deviations in `manifest.json` (`input.features.numeric`); a missing value is 0 with its `… missing` indicator 1; a category is one-hot (`input.features.categorical`).']
    : [`Its input is the ${m.input.embedding?.dim}-number embedding vector.`];
  return [
    '## The model in TensorFlow.js',
    '',
    '`model/model.json` is a TensorFlow.js layers model (Dense layers, softmax output over the classes in the order of `manifest.json`):',
    '',
    '```js',
    "const model = await tf.loadLayersModel('https://…/model/model.json');  // or tf.io.fileSystem / file:// with tfjs-node",
    'const proba = model.predict(tf.tensor2d(features, [rows, ' + m.model.inputs + ']));',
    '```',
    '',
    ...order,
    '',
  ];
}

export function bundleReadme(m: Manifest, folder: string): string {
  const what = m.kind === 'rules' ? `${m.rules?.count} rules` : m.kind === 'model' ? `a ${m.model?.kind === 'dense' ? 'dense neural network' : 'logistic regression'}` : `${m.rules?.count} rules first, then ${m.model?.kind === 'dense' ? 'a dense neural network' : 'a logistic regression'} where no rule matches`;
  const probaCols = m.model ? `, \`p_<class>\` (the probability of each class: ${m.classes.map((c) => `\`p_${c}\``).join(', ')})` : '';
  const sourceCol = m.kind === 'hybrid' ? ', `source` (the rule that decided, or `model`)' : '';
  return [
    `# ${m.kind === 'rules' ? 'Rules' : m.kind === 'model' ? 'Model' : 'Rules + model'} for \`${m.label ?? 'a label'}\`, exported by Machine Teacher ${m.app.version}`,
    '',
    `A classifier for the classes ${m.classes.map((c) => `\`${c}\``).join(', ')}: ${what}. Made on ${m.data.name} (${m.data.rows.toLocaleString('en-US')} rows${m.data.sha256 ? `, sha256 ${m.data.sha256}` : ''}) on ${m.createdAt.slice(0, 10)}.`,
    '',
    '## How good it was',
    '',
    ...metricsSection(m),
    '',
    '## Input',
    '',
    ...inputSection(m),
    '',
    '## Run it',
    '',
    'With Node.js ≥ 20.19 and the `machine-teacher` package installed (`npm install` in its folder), from the folder that holds this bundle:',
    '',
    '```sh',
    `npx machine-teacher predict ${folder} data.csv --out predictions.csv   # or --format jsonl, --id COLUMN`,
    ...(m.rules ? [`npx machine-teacher predict --rules ${folder}/rules.txt data.csv   # the rules alone, e.g. after editing rules.txt`,
      `npx machine-teacher sql --rules ${folder}/rules.txt --table data --dialect duckdb   # or sqlite, postgres, spark`] : []),
    '```',
    '',
    `\`predict\` writes one row per input row, in input order: the id column (or \`row\`), \`prediction\` (empty = no rule matched: abstain)${probaCols}${sourceCol}.`,
    '',
    'From JavaScript:',
    '',
    '```js',
    "import { loadClassifier } from 'machine-teacher';",
    `const clf = await loadClassifier('${folder}');`,
    'clf.classes;                 // class names',
    'clf.predictLabels(table);    // a class name (or null) per row of a table read with loadTable',
    'clf.predictProba(table);     // rows × classes probabilities',
    '```',
    '',
    ...(m.rules ? ['`rules.txt` holds the rules in the rule grammar (one per line, first match wins, `#` comments); `rules.json` the same rules as JSON with their measured precision. The SQL above gives the same answers as the app on the same data (numbers compared as doubles).', ''] : []),
    ...tfjsSection(m),
  ].join('\n');
}
