/**
 * The embedding-map worker: UMAP layouts and "similar to this" off the UI thread.
 *   new Worker(new URL('../workers/umap.worker.ts', import.meta.url), { type: 'module' })
 *   runJob(worker, 'umap', input, { onPreview, signal })   (types: ml/jobs/catalog.ts)
 */
import { serveJobs } from '../jobs/worker-host.ts';
import { runUmap } from '../../ml/embed/umap.ts';
import { runSimilarity } from '../../ml/embed/similarity-job.ts';

serveJobs({ umap: runUmap, similarity: runSimilarity });
