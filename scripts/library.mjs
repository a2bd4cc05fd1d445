/**
 * `import { loadClassifier, loadTable } from 'machine-teacher'` (package.json "exports"). The
 * library is TypeScript run as it is: tsx's scoped tsImport loads ml/export/library.ts without
 * registering a loader for the importing program, so nothing needs building after npm install.
 */
import { tsImport } from 'tsx/esm/api';

const lib = await tsImport('../ml/export/library.ts', import.meta.url);

export const { loadClassifier, loadTable, readBundleFiles, writeBundleDir, rulesClassifier, BundleClassifier, BundleError, LoadError, BUNDLE_FORMAT_VERSION } = lib;
