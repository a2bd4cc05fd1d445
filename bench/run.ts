/**
 * `npm run bench -- <name> [args]` runs bench/<name>.ts; with no name, runs all of them.
 * Each benchmark prints its absolute figures and its ratio against a baseline measured in the
 * same process (these machines are shared and noisy, so only same-run ratios compare).
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_'))
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();

const [name, ...args] = process.argv.slice(2);
const names = name ? [name] : available;
for (const n of names) {
  if (!available.includes(n)) {
    console.error(`unknown benchmark "${n}"; available: ${available.join(', ')}`);
    process.exit(2);
  }
  console.log(`\n== bench ${n} ==`);
  const mod = (await import(`./${n}.ts`)) as { default: (args: string[]) => Promise<void> };
  await mod.default(args);
}
