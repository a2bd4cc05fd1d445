#!/usr/bin/env node
/**
 * `machine-teacher <command>`: the app's data layer on the command line. Plain node from a
 * clean install: tsx is registered here, then the TypeScript modules are imported (the same
 * way electron/launch.mjs starts the browser-mode host). Bad input prints one located line
 * on stderr and exits 1; a wrong command line prints the usage and exits 2; never a stack.
 */
const COMMANDS = {
  inspect: () => import('./cli/inspect.ts'),
  predict: () => import('./cli/predict.ts'),
  train: () => import('./cli/train.ts'),
  sql: () => import('./cli/sql.ts'),
  suggest: () => import('./cli/suggest.ts'),
};

const [command, ...args] = process.argv.slice(2);
const oneLine = (err) => String(err instanceof Error ? err.message : err).replace(/\s*\n\s*/g, ' ');

let usage = 'usage: machine-teacher <command> (try --help)';
try {
  const { register } = await import('tsx/esm/api');
  register();
  const cli = await import('./cli/usage.ts');
  usage = cli.USAGE;
  if (command === '--help' || command === '-h' || command === 'help' || (command && args.includes('--help'))) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  const load = Object.hasOwn(COMMANDS, command ?? '') ? COMMANDS[command] : undefined;
  if (!load) throw new cli.UsageError(command ? `unknown command "${command}"` : 'no command given');
  await (await load()).run(args);
} catch (err) {
  if (err?.constructor?.name === 'UsageError') {
    process.stderr.write(`machine-teacher: ${oneLine(err)}\n${usage}\n`);
    process.exit(2);
  }
  process.stderr.write(`machine-teacher: ${oneLine(err)}\n`);
  process.exit(1);
}
