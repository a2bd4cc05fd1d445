/** Command-line usage text and the error that makes the CLI print it (exit 2). */

export const USAGE = `usage: machine-teacher <command> [options]

commands:
  inspect FILE [--json] [--label COL | --no-label]
                          row count and inferred schema of a data file
                          (CSV, TSV, JSON, JSON lines, Arrow IPC, Parquet; also .gz);
                          a NumPy .npy file: its shape as embeddings

options:
  --help                  show this help`;

/** Wrong command line (not bad data): print the usage and exit with status 2. */
export class UsageError extends Error {}
