/**
 * A layout computed elsewhere, at a million points (issue 15): open the SYNTHETIC credit-card
 * demo at its 1,000,000-row size, add an n×2 .npy of coordinates the test writes (five blobs,
 * as cuML or umap-learn would hand them over), and see that map drawn — pixels where the file
 * puts points, background where it puts none — within seconds, with no UMAP run, and a hover
 * and a lasso that still answer for single points.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { jsErrors, screenshot, useSession } from './harness.ts';
import { dragPolygon, selectionCount } from './map-helpers.ts';
import { mulberry32, gaussian } from '../../ml/random.ts';

let page: Page;
useSession((s) => ({ page } = s));

const N = 1_000_000;
const BLOBS = [[-3, -2], [3, -2], [0, 0], [-3, 2], [3, 2]];

/** An n×2 float32 .npy as numpy.save writes it, streamed from typed arrays (no row arrays for a million rows). */
function npy2d(n: number): Uint8Array {
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${n}, 2), }`;
  header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n';
  const out = new Uint8Array(10 + header.length + n * 8);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length & 0xff, header.length >> 8]);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  const xy = new Float32Array(out.buffer, 10 + header.length, 2 * n);
  const random = mulberry32(5);
  for (let i = 0; i < n; i++) {
    const [cx, cy] = BLOBS[i % BLOBS.length];
    xy[2 * i] = cx + 0.35 * gaussian(random);
    xy[2 * i + 1] = cy + 0.35 * gaussian(random);
  }
  return out;
}

type Win = { __mtMap?: { xy(): Float32Array | null; view(): { scale: number; tx: number; ty: number }; canvas(): HTMLCanvasElement | null } };

/** Page coordinates of data point (x, y) of the shown layout's space, and the static canvas pixel there. */
async function pixelAtData(x: number, y: number): Promise<{ page: [number, number]; rgba: number[] }> {
  return page.evaluate(([x, y]) => {
    const m = (window as unknown as Win).__mtMap!;
    const v = m.view(), cv = m.canvas()!, r = cv.getBoundingClientRect(), dpr = cv.width / r.width;
    const sx = x * v.scale + v.tx, sy = y * v.scale + v.ty;
    const px = cv.getContext('2d')!.getImageData(Math.round(sx * dpr), Math.round(sy * dpr), 1, 1).data;
    return { page: [r.left + sx, r.top + sy] as [number, number], rgba: Array.from(px) };
  }, [x, y] as [number, number]);
}

describe('a million-point layout from a file', () => {
  it('opens the 1,000,000-row synthetic table and maps an imported n×2 .npy as it is, in seconds', async () => {
    await page.getByTestId('demo-size-creditcard_synthetic').selectOption('creditcard_synthetic_1m');
    expect(await page.getByTestId('demo-creditcard_synthetic').textContent()).toContain('1,000,000 rows (SYNTHETIC)');
    await page.getByTestId('demo-creditcard_synthetic').click();
    await page.getByTestId('schema').waitFor({ timeout: 180_000 });
    expect(await page.getByTestId('schema').textContent()).toContain('synthetic data');
    expect(await page.getByTestId('row-count').textContent()).toBe('1,000,000');
    await page.getByTestId('tab-map').click();
    await page.getByTestId('map-screen').waitFor();

    // Written by the test; opened by path (the picker's file, not bytes carried through playwright).
    const file = join(mkdtempSync(join(tmpdir(), 'mt-layout-')), 'layout-1m.npy');
    writeFileSync(file, npy2d(N));
    const t0 = Date.now();
    await page.getByTestId('import-embeddings-input').setInputFiles(file);
    await page.waitForFunction((n) => {
      const m = (window as unknown as Win).__mtMap;
      const picker = document.querySelector<HTMLSelectElement>('[data-testid=embedding-picker]');
      return picker?.value === 'file:layout-1m.npy' && m?.xy()?.length === 2 * n && !document.querySelector('[data-testid="layout-computing"]');
    }, N, { timeout: 120_000, polling: 200 });
    await page.waitForTimeout(900); // the switch animation (700 ms), then the last frame is the finished layout
    const seconds = (Date.now() - t0) / 1000;
    console.log(`[map-million] ${N.toLocaleString('en-US')} coordinates read, joined and drawn in ${seconds.toFixed(1)} s`);
    expect(seconds).toBeLessThan(30);
    expect(await page.getByTestId('shown-embedding').textContent()).toContain('layout-1m.npy (2-D layout)');
    expect(await page.locator('[data-testid=job]').filter({ hasText: 'layout-1m' }).count()).toBe(0); // no UMAP of it

    // Every row laid out, positions in the file's arrangement (normalised, order kept).
    const shape = await page.evaluate(() => {
      const xy = (window as unknown as Win).__mtMap!.xy()!;
      let laid = 0;
      const mean = [0, 0, 0, 0, 0].map(() => [0, 0]);
      for (let i = 0; i < xy.length / 2; i++) {
        if (!Number.isFinite(xy[2 * i])) continue;
        laid++;
        mean[i % 5][0] += xy[2 * i] / (xy.length / 10);
        mean[i % 5][1] += xy[2 * i + 1] / (xy.length / 10);
      }
      return { laid, mean };
    });
    expect(shape.laid).toBe(N);
    const [left, right, middle] = [shape.mean[0], shape.mean[1], shape.mean[2]];
    expect(left[0]).toBeLessThan(middle[0]);
    expect(right[0]).toBeGreaterThan(middle[0]);
    expect(Math.abs(middle[0])).toBeLessThan(0.05);

    // Pixels: coloured at each blob's centre, background between blobs.
    for (const [x, y] of shape.mean) {
      const { rgba } = await pixelAtData(x, y);
      expect(rgba.slice(0, 3), `pixel at blob (${x.toFixed(2)}, ${y.toFixed(2)})`).not.toEqual([255, 255, 255]);
    }
    const gap = await pixelAtData((left[0] + middle[0]) / 2, (left[1] + shape.mean[3][1]) / 2);
    expect(gap.rgba.slice(0, 3)).toEqual([255, 255, 255]);
    await page.mouse.move(1390, 890);
    await screenshot(page, 'map-million-imported');

    // A lasso around the middle blob selects about a fifth of the rows (exact membership).
    const c = await pixelAtData(middle[0], middle[1]);
    const spread = await page.evaluate(() => (window as unknown as Win).__mtMap!.view().scale);
    const r = 0.25 * spread; // normalised units: the blobs are ~0.6 apart
    const polygon = Array.from({ length: 24 }, (_, k) => [c.page[0] + r * Math.cos((k / 24) * 2 * Math.PI), c.page[1] + r * Math.sin((k / 24) * 2 * Math.PI)] as [number, number]);
    await dragPolygon(page, polygon);
    const selected = await selectionCount(page);
    expect(selected).toBeGreaterThan(0.15 * N);
    expect(selected).toBeLessThan(0.2 * N + 1);
    expect(jsErrors(page)).toEqual([]);
  }, 400_000);
});
