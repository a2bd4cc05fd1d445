/** Jobs running right now (UMAP, training, embedding), shown in the top bar with Cancel. */
import type { JobProgress } from '../../ml/jobs/job.ts';
import { createStore } from '../store/create.ts';

export type RunningJob = { id: number; title: string; progress: JobProgress | null; cancel(): void };

export const jobsStore = createStore<{ jobs: RunningJob[] }>({ jobs: [] });
