/**
 * The thumbnail worker's job (renderer/workers/thumbs.worker.ts): decode a batch of image files
 * straight to a small size with the browser's decoder. Declared here so the job catalogue types
 * both ends; the implementation needs createImageBitmap and so lives in the renderer.
 */
import type { EncodedImage } from '../embed/models/embed-jobs.ts';

/** Files to decode so their longer edge is at most `edge` pixels. */
export type ThumbnailsInput = { images: EncodedImage[]; edge: number };

/** One bitmap per file (null where `errors[k]` says why it could not be decoded). */
export type ThumbnailsOutput = { bitmaps: (ImageBitmap | null)[]; errors: (string | null)[] };
