/**
 * One item's image, for any image dataset (grey pixel demos and image files alike): a canvas
 * that draws the cached thumbnail at once, or when it arrives from the thumbnail worker.
 * The image keeps its aspect ratio inside the square; tiny grey images scale with crisp pixels.
 * A file that cannot be shown draws the placeholder, with the reason as its tooltip.
 */
import { useEffect, useRef, useState } from 'react';
import type { OpenedDataset } from '../../ml/api.ts';
import { thumbnail, thumbnailError } from './thumbnails.ts';
import './media.css';

/** Whether MediaThumb can show this dataset's items. */
export const hasImages = (d: OpenedDataset): boolean => d.media.kind === 'image' || d.media.kind === 'image-files';

/** Draws `bitmap` centred in the canvas, scaled to fit (contain). */
export function drawContained(canvas: HTMLCanvasElement, bitmap: ImageBitmap): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const { width: W, height: H } = canvas;
  const scale = Math.min(W / bitmap.width, H / bitmap.height);
  const w = bitmap.width * scale;
  const h = bitmap.height * scale;
  ctx.clearRect(0, 0, W, H);
  // Upscaled small images (28×28 demos, 64 px emoji in a big view) stay crisp; downscaled ones smooth.
  ctx.imageSmoothingEnabled = scale < 1;
  ctx.drawImage(bitmap, (W - w) / 2, (H - h) / 2, w, h);
}

export function MediaThumb({ dataset, row, size, className }: { dataset: OpenedDataset; row: number; size: number; className?: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [error, setError] = useState<string | undefined>(undefined);
  const dpr = typeof window === 'undefined' ? 1 : Math.min(2, window.devicePixelRatio || 1);
  const px = Math.round(size * dpr);
  useEffect(() => {
    let live = true;
    const t = thumbnail(dataset, row, px);
    const draw = (b: ImageBitmap) => {
      if (!live || !ref.current) return;
      drawContained(ref.current, b);
      setError(thumbnailError(dataset, row));
    };
    if (t instanceof Promise) t.then(draw, (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    else draw(t);
    return () => { live = false; };
  }, [dataset, row, px]);
  if (!hasImages(dataset)) return null;
  return (
    <canvas
      ref={ref}
      className={`media-thumb ${className ?? ''}`}
      width={px}
      height={px}
      style={{ width: size, height: size }}
      title={error}
      data-testid="media-thumb"
      data-state={error ? 'error' : undefined}
    />
  );
}
