/** Cosine similarity as a job, for embeddings big enough that a query should leave the UI thread. */
import type { JobFn } from '../jobs/job.ts';
import { cosineToRows } from './similarity.ts';

export type SimilarityInput = { data: Float32Array; n: number; dim: number; rows: Uint32Array };

/** Similarity of the rows' centroid direction to every row (see cosineToRows). */
export const runSimilarity: JobFn<SimilarityInput, Float32Array> = async (input) => cosineToRows(input.data, input.n, input.dim, input.rows);
