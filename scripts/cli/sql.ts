/**
 * `machine-teacher sql --rules RULES.txt [--table NAME] [--dialect duckdb|sqlite|postgres|spark]`:
 * prints one `SELECT *, CASE … END AS prediction FROM <table>` that gives the same answers as
 * the app on the same data (numbers compared as doubles, missing = NULL; ml/rules/sql.ts).
 */
import { rulesClassifier } from '../../ml/export/read.ts';
import { ruleSetToSql, SQL_DIALECTS, type SqlDialect } from '../../ml/rules/sql.ts';
import { parseVerb } from './args.ts';
import { readText } from './predict.ts';
import { UsageError } from './usage.ts';

export async function run(args: string[]): Promise<void> {
  const { values, positionals } = parseVerb('sql', args, { rules: { type: 'string' }, table: { type: 'string' }, dialect: { type: 'string' } });
  if (!values.rules) throw new UsageError('sql needs --rules RULES.txt');
  if (positionals.length) throw new UsageError(`sql takes no positional arguments (got ${positionals.join(' ')})`);
  const dialect = (values.dialect ?? 'duckdb') as SqlDialect;
  if (!SQL_DIALECTS.includes(dialect)) throw new UsageError(`sql: --dialect is one of ${SQL_DIALECTS.join(', ')}, not "${values.dialect}"`);
  const clf = rulesClassifier(await readText(values.rules), values.rules);
  process.stdout.write(`${ruleSetToSql(clf.rules!.ruleSet, values.table ?? 'data', 'prediction', dialect)};\n`);
}
