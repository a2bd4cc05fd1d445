/**
 * The package's public surface: `import { loadClassifier, loadTable } from 'machine-teacher'`
 * (package.json "exports" → scripts/library.mjs, which loads this file through tsx, so a clean
 * clone needs no build step). Everything here runs in Node without the app or a browser.
 */
import { loadTableFromFile } from '../table/load-file.node.ts';
import type { Table } from '../table/types.ts';

export { loadClassifier, readBundleFiles, writeBundleDir } from './write.node.ts';
export { BundleClassifier } from './classifier.ts';
export { BundleError, BUNDLE_FORMAT_VERSION, type Manifest } from './manifest.ts';
export { LoadError, type Table, type Column } from '../table/types.ts';
export { rulesClassifier } from './read.ts';

/** A data file as the app reads it (CSV, TSV, JSON, JSON lines, Parquet, Arrow; also .gz). */
export function loadTable(path: string): Promise<Table> {
  return loadTableFromFile(path);
}
