/**
 * Command-line parsing shared by every verb: Node's parseArgs, with a wrong command line
 * turned into a UsageError (exit 2) and the label choice every verb takes the same way
 * (`--label COL`, `--no-label`, or neither = the guess).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Table } from '../../ml/table/types.ts';
import { resolveLabel } from '../../ml/table/label.ts';
import { UsageError } from './usage.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses `args` for `verb`; unknown options and missing values are usage errors. */
export function parseVerb<O extends Options>(verb: string, args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(`${verb}: ${(err as Error).message.replace(/\. To specify.*$/, '')}`);
  }
}

/** The options every verb that needs a label accepts. */
export const LABEL_OPTIONS = { label: { type: 'string' }, 'no-label': { type: 'boolean' } } as const;

/** The label column the user chose on the command line (checked against the table), or the guess. */
export function labelFromArgs(table: Table, values: { label?: string; 'no-label'?: boolean }, file: string): { column: string | null; guessed: boolean } {
  if (values.label !== undefined && values['no-label']) throw new UsageError('--label and --no-label cannot both be given');
  return resolveLabel(table, values['no-label'] ? null : values.label, file);
}
