/**
 * window.__mtMedia: what e2e tests and the thumbnail benchmark need to drive the thumbnail
 * module in the running app before any panel shows thumbnails. Tiny on purpose; nothing in
 * the app reads it.
 */
import { appStore } from '../store/app.ts';
import { thumbnail, thumbnailError, clearThumbnails } from './thumbnails.ts';
import { openFolderPath } from './open-folder.ts';

export type MediaTestHooks = {
  /** Decodes the thumbnails of `rows` of the open dataset; how long it took and how many failed. */
  thumbnails(rows: number[], size: number): Promise<{ ms: number; failed: number }>;
  /** One thumbnail's size and mean colour (to check it is colour and not inverted), or its error. */
  thumbnailStats(row: number, size: number): Promise<{ width: number; height: number; mean: [number, number, number]; error: string | null }>;
  /** Draws the rows' thumbnails in a strip over the page, for a screenshot to look at; [] removes it. */
  showStrip(rows: number[], size: number): Promise<void>;
  /** Opens a folder by path through the backend, as the desktop dialog does; resolves when it is open. */
  openFolderPath(path: string): Promise<{ ms: number; rows: number }>;
  clear(): void;
};

const open = () => {
  const d = appStore.get().dataset;
  if (!d) throw new Error('no dataset is open');
  return d;
};

export function exposeMediaHooks(): void {
  if (typeof window === 'undefined') return;
  const hooks: MediaTestHooks = {
    async thumbnails(rows, size) {
      const d = open();
      const t0 = performance.now();
      await Promise.all(rows.map((r) => thumbnail(d, r, size)));
      return { ms: performance.now() - t0, failed: rows.filter((r) => thumbnailError(d, r) !== undefined).length };
    },
    async thumbnailStats(row, size) {
      const d = open();
      const bitmap = await thumbnail(d, row, size);
      const c = new OffscreenCanvas(bitmap.width, bitmap.height);
      const ctx = c.getContext('2d')!;
      ctx.drawImage(bitmap, 0, 0);
      const px = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
      const mean: [number, number, number] = [0, 0, 0];
      let n = 0;
      for (let i = 0; i < px.length; i += 4) if (px[i + 3] > 128) { mean[0] += px[i]; mean[1] += px[i + 1]; mean[2] += px[i + 2]; n++; }
      return { width: bitmap.width, height: bitmap.height, mean: mean.map((v) => Math.round(v / Math.max(1, n))) as [number, number, number], error: thumbnailError(d, row) ?? null };
    },
    async showStrip(rows, size) {
      document.getElementById('mt-thumb-strip')?.remove();
      if (rows.length === 0) return;
      const d = open();
      const c = document.createElement('canvas');
      c.id = 'mt-thumb-strip';
      c.width = Math.min(rows.length, 15) * (size + 4);
      c.height = Math.ceil(rows.length / 15) * (size + 4);
      c.style.cssText = 'position:fixed;left:20px;top:180px;z-index:99;background:#fff;border:1px solid #888';
      document.body.appendChild(c);
      const ctx = c.getContext('2d')!;
      const bitmaps = await Promise.all(rows.map((r) => thumbnail(d, r, size)));
      bitmaps.forEach((b, i) => ctx.drawImage(b, (i % 15) * (size + 4) + 2, Math.floor(i / 15) * (size + 4) + 2, size, size));
    },
    async openFolderPath(path) {
      const t0 = performance.now();
      await openFolderPath(path);
      const { dataset, error } = appStore.get();
      if (error) throw new Error(error.message);
      return { ms: performance.now() - t0, rows: dataset?.table.n ?? 0 };
    },
    clear: clearThumbnails,
  };
  (window as unknown as { __mtMedia?: MediaTestHooks }).__mtMedia = hooks;
}
