/** Command-line usage text and the error that makes the CLI print it (exit 2). */

export const USAGE = `usage: machine-teacher <command> [options]

commands:
  inspect FILE [--json] [--label COL | --no-label]
                          row count and inferred schema of a data file
                          (CSV, TSV, JSON, JSON lines, Arrow IPC, Parquet; also .gz);
                          FILE may be a folder of images (JPEG, PNG, WebP, GIF, BMP):
                          its table and every file that cannot be read, with why
  suggest FILE [--label COL] [--depth 3] [--min-leaf 20] [--holdout 0.3] [--balanced]
               [--class C]... [--not-feature COL]... [--seed 0] [--json]
                          rules a shallow decision tree finds for the label, one per line
                          in the rule grammar, with precision/recall/coverage on held-out rows

options:
  --help                  show this help`;

/** Wrong command line (not bad data): print the usage and exit with status 2. */
export class UsageError extends Error {}
