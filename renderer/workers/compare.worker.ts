/**
 * The Compare tab's worker: "Suggest rules" (a decision tree on the table's columns) off the
 * UI thread, with progress and cancel.
 *   const worker = new Worker(new URL('../workers/compare.worker.ts', import.meta.url), { type: 'module' })
 *   runJob(worker, 'suggest', { table, roles, target: { kind: 'label' } }, { onProgress, signal })
 * (types: ml/jobs/catalog.ts, ml/rules/suggest.ts)
 */
import { serveJobs } from '../jobs/worker-host.ts';
import { runSuggest } from '../../ml/rules/suggest.ts';

serveJobs({ suggest: runSuggest });
