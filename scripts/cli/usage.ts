/** Command-line usage text and the error that makes the CLI print it (exit 2). */

export const USAGE = `usage: machine-teacher <command> [options]

commands:
  inspect FILE [--json] [--label COL | --no-label]
                          row count and inferred schema of a data file
                          (CSV, TSV, JSON, JSON lines, Arrow IPC, Parquet; also .gz);
                          a NumPy .npy file: its shape as embeddings
                          FILE may be a folder of images (JPEG, PNG, WebP, GIF, BMP),
                          or of texts (.txt, .md, .eml; no image): its table and
                          every file that cannot be read, with why
  suggest FILE [--label COL] [--depth 3] [--min-leaf 20] [--holdout 0.3] [--balanced]
               [--class C]... [--not-feature COL]... [--seed 0] [--json]
                          rules a shallow decision tree finds for the label, one per line
                          in the rule grammar, with precision/recall/coverage on held-out rows
  predict BUNDLE DATA [--out FILE] [--format csv|jsonl] [--id COL] [--vectors FILE]
  predict --rules RULES.txt DATA [--out FILE] [--format csv|jsonl] [--id COL]
                          one row per DATA row, in order: id (or row), prediction
                          (empty = abstain), p_<class> for a model, source for a hybrid;
                          CSV/TSV are streamed, any size in bounded memory
  train DATA --label COL --out BUNDLE [--model dense|logistic] [--rules RULES.txt]
        [--not-feature COL]... [--seed N] [--holdout 0.2] [--epochs N] [--unweighted]
                          train a model on the table's columns (a hybrid with --rules),
                          print its held-out metrics, write the bundle folder
  sql --rules RULES.txt [--table NAME] [--dialect duckdb|sqlite|postgres|spark]
                          the rules as one SELECT *, CASE … END AS prediction FROM NAME

options:
  --help                  show this help`;

/** Wrong command line (not bad data): print the usage and exit with status 2. */
export class UsageError extends Error {}
