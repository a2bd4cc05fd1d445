/**
 * Prints the numbers datasets/README.md quotes for the shipped embedding demos: load time,
 * and nearest-centroid test accuracy with 20 labels per class (mean of 10 seeded draws),
 * on each embedding as shipped and z-scored. Run: npx tsx scripts/precompute/evaluate.ts [fashion_mnist|spamassassin]
 */
import { join, resolve } from 'node:path';
import { openFashionMnist, openSpamAssassin, type DemoContent } from '../../ml/embed/models/demos.node.ts';
import { meanAccuracy, zScore } from './nearest-centroid.ts';

const dir = join(resolve(import.meta.dirname, '../..'), 'datasets');
const which = process.argv[2];
const demos: [string, (d: string) => Promise<DemoContent>][] = [['fashion_mnist', openFashionMnist], ['spamassassin', openSpamAssassin]];

for (const [name, open] of demos) {
  if (which && which !== name) continue;
  const t0 = performance.now();
  const { table, embeddings } = await open(dir);
  const ms = performance.now() - t0;
  const label = table.columns.find((c) => c.name === 'label');
  if (label?.type !== 'categorical') throw new Error(`${name}: no categorical label column`);
  console.log(`${name}: ${table.n} items, opened in ${ms.toFixed(0)} ms`);
  const results: number[] = [];
  for (const e of embeddings) {
    const raw = meanAccuracy(e.data, e.dim, label.codes, label.dictionary.length);
    const z = meanAccuracy(zScore(e.data, table.n, e.dim), e.dim, label.codes, label.dictionary.length);
    results.push(raw);
    console.log(`  ${e.id.padEnd(14)} nearest-centroid@20/class: ${raw.toFixed(4)} as shipped, ${z.toFixed(4)} z-scored`);
  }
  if (results.length === 2) console.log(`  ratio ${embeddings[1].id}/${embeddings[0].id} (as shipped): ${(results[1] / results[0]).toFixed(3)}`);
}
