/**
 * What is where inside a `name.mtproj/` folder. Each kind of state has a file of its own:
 *
 *   project.json        manifest: format version, data source (path, hash, rows, id column), settings
 *   document.json       the renderer's document (rules, brushes, axes, label column, view state)
 *   labels.bin          label snapshot (binary, checksummed; sparse rows + classes, kept labels)
 *   runs.json           run history
 *   journal/*.log       append-only journal of every change since the snapshots (binary, checksummed)
 *   previous/           the snapshots before the current ones (recovery if a current one is damaged)
 *   artifacts/          map layouts, embeddings, trained models (binary / JSON, as the app writes them)
 *   rowkeys/            per data version, a fingerprint of every row (to follow a changed data file)
 *   data/               a data file uploaded from the browser, copied in so the project can reopen it
 *   damaged/            damaged files moved aside during recovery (never deleted)
 *   set-aside/          artefacts made on an earlier version of the data file (kept, not used)
 *   lock.json           who has the project open for writing (pid, session, host)
 */
export const FILES = { manifest: 'project.json', document: 'document.json', labels: 'labels.bin', runs: 'runs.json' } as const;
export type SnapshotKind = keyof typeof FILES;
export const SNAPSHOT_KINDS = Object.keys(FILES) as SnapshotKind[];

export const DIRS = {
  journal: 'journal', previous: 'previous', artifacts: 'artifacts', rowkeys: 'rowkeys', data: 'data', damaged: 'damaged', setAside: 'set-aside',
} as const;

export const LOCK_FILE = 'lock.json';

/** Journal size after which it is folded into new snapshots. */
export const COMPACT_AFTER_BYTES = 4 * 1024 * 1024;

/** Runs kept in the history (the oldest go first). */
export const MAX_RUNS = 200;

/** No table has more rows than this; a row index beyond it is damage, not data. */
export const MAX_ROWS = 100_000_000;
