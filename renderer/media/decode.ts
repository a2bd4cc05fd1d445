/**
 * Decoding image files with the browser's own decoders, off the main thread (workers call
 * these): createImageBitmap reads JPEG, PNG, WebP, GIF (first frame) and BMP, applies EXIF
 * orientation, and decodes straight to a smaller size when asked, so a 12-megapixel photo never
 * sits in memory at full size. Colour stays as the file has it (no inversion, no grey).
 */
import { fitWithin, type RgbaImage } from '../../ml/images/rgba.ts';

/** An ImageBitmap of the file with its longer edge at most `maxEdge` (never upscaled). */
export async function decodeBitmap(bytes: Uint8Array, mime: string, maxEdge: number, size: { width: number; height: number }): Promise<ImageBitmap> {
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mime });
  const known = size.width > 0 && size.height > 0;
  const fit = known ? fitWithin(size.width, size.height, maxEdge) : null;
  const options: ImageBitmapOptions = { imageOrientation: 'from-image', premultiplyAlpha: 'default' };
  if (fit && (fit.width < size.width || fit.height < size.height)) Object.assign(options, { resizeWidth: fit.width, resizeHeight: fit.height, resizeQuality: 'medium' });
  try {
    return await createImageBitmap(blob, options);
  } catch (err) {
    throw new Error(err instanceof Error && err.message ? err.message.replace(/^.*?:\s*/, '') : 'the browser cannot decode it');
  }
}

/** RGBA pixels (straight alpha) of the file, decoded at most `maxEdge` on its longer side. */
export async function decodeRgba(bytes: Uint8Array, mime: string, maxEdge: number, size: { width: number; height: number }): Promise<RgbaImage> {
  const bitmap = await decodeBitmap(bytes, mime, maxEdge, size);
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('no 2D canvas in this worker');
    ctx.drawImage(bitmap, 0, 0);
    const { data, width, height } = ctx.getImageData(0, 0, bitmap.width, bitmap.height);
    return { width, height, data };
  } finally {
    bitmap.close();
  }
}
