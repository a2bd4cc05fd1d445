/// <reference types="vite/client" />
/**
 * The thumbnail worker: decodes batches of image files straight to thumbnail size
 *   runJob(worker, 'decode-thumbnails', { images: [{ bytes, mime }], edge: 128 })
 * All files of a batch decode at once (createImageBitmap runs on the browser's decoder
 * threads); bad files are errors in their slots. Headers are checked first, so an image too
 * big to decode is refused before any decode starts.
 */
import { serveJobs } from '../jobs/worker-host.ts';
import type { JobFn } from '../../ml/jobs/job.ts';
import type { ThumbnailsInput, ThumbnailsOutput } from '../../ml/images/thumbnail-job.ts';
import { decodable, inspectImage, TAIL_BYTES } from '../../ml/images/sniff.ts';
import { decodeBitmap } from '../media/decode.ts';

const decodeThumbnails: JobFn<ThumbnailsInput, ThumbnailsOutput> = async ({ images, edge }) => {
  const settled = await Promise.allSettled(images.map(async ({ bytes, mime }) => {
    const info = inspectImage(bytes, bytes.subarray(Math.max(0, bytes.length - TAIL_BYTES)), bytes.length);
    if (!decodable(info.problem)) throw new Error(info.detail ?? 'not an image');
    return decodeBitmap(bytes, mime, edge, { width: info.width, height: info.height });
  }));
  return {
    bitmaps: settled.map((s) => (s.status === 'fulfilled' ? s.value : null)),
    errors: settled.map((s) => (s.status === 'fulfilled' ? null : s.reason instanceof Error ? s.reason.message : String(s.reason))),
  };
};

serveJobs({ 'decode-thumbnails': decodeThumbnails });
