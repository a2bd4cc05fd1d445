/** Helpers for driving the embedding map in e2e tests: wait for a layout, lasso the densest area. */
import type { Page } from 'playwright-core';

type Win = { __mtMap?: { xy(): Float32Array | null; view(): { scale: number; tx: number; ty: number }; canvas(): HTMLCanvasElement | null } };

export async function openMap(page: Page, demo: string): Promise<void> {
  await page.getByRole('button', { name: /Machine Teacher/ }).first().click();
  await page.getByTestId(`demo-${demo}`).click();
  await page.getByTestId('tab-map').click();
  await page.getByTestId('map-screen').waitFor();
}

/** Waits until a finished layout is on screen (not a preview of a running job). */
export async function waitForLayout(page: Page, timeout = 120_000): Promise<void> {
  await page.waitForFunction(() => {
    const m = (window as unknown as Win).__mtMap;
    return !!m?.xy() && !document.querySelector('[data-testid="layout-computing"]') && !document.querySelector('[data-testid="job"]');
  }, undefined, { timeout, polling: 250 });
  await page.waitForTimeout(800); // the switch animation
}

/**
 * A polygon (page coordinates) around the densest part of the map: the screen is cut into
 * cells, the fullest cell wins, and the polygon is a 16-gon of `radius` px around it.
 */
export async function densePolygon(page: Page, radius = 40, avoid: [number, number][] = []): Promise<{ polygon: [number, number][]; centre: [number, number] }> {
  return page.evaluate(({ radius, avoid }) => {
    const m = (window as unknown as Win).__mtMap!;
    const xy = m.xy()!, v = m.view(), rect = m.canvas()!.getBoundingClientRect();
    const cell = radius;
    const cols = Math.ceil(rect.width / cell), rows = Math.ceil(rect.height / cell);
    const counts = new Int32Array(cols * rows);
    for (let i = 0; i < xy.length / 2; i++) {
      const sx = xy[2 * i] * v.scale + v.tx, sy = xy[2 * i + 1] * v.scale + v.ty;
      if (!(sx >= 0 && sy >= 0 && sx < rect.width && sy < rect.height)) continue;
      counts[Math.floor(sy / cell) * cols + Math.floor(sx / cell)]++;
    }
    let best = 0;
    for (let k = 0; k < counts.length; k++) {
      const cx = rect.left + ((k % cols) + 0.5) * cell, cy = rect.top + (Math.floor(k / cols) + 0.5) * cell;
      const far = avoid.every(([ax, ay]) => Math.hypot(ax - cx, ay - cy) > 3 * radius);
      const nearEdge = cx - rect.left < radius * 1.5 || rect.right - cx < radius * 1.5 || cy - rect.top < radius * 1.5 || rect.bottom - cy < radius * 1.5;
      if (far && !nearEdge && counts[k] > counts[best]) best = k;
    }
    const centre: [number, number] = [rect.left + ((best % cols) + 0.5) * cell, rect.top + (Math.floor(best / cols) + 0.5) * cell];
    const polygon: [number, number][] = [];
    for (let a = 0; a < 16; a++) polygon.push([centre[0] + radius * Math.cos((a / 16) * 2 * Math.PI), centre[1] + radius * Math.sin((a / 16) * 2 * Math.PI)]);
    return { polygon, centre };
  }, { radius, avoid });
}

export async function dragPolygon(page: Page, polygon: [number, number][], modifier?: 'Shift' | 'Alt'): Promise<void> {
  if (modifier) await page.keyboard.down(modifier);
  await page.mouse.move(polygon[0][0], polygon[0][1]);
  await page.mouse.down();
  for (const [x, y] of [...polygon.slice(1), polygon[0]]) await page.mouse.move(x, y, { steps: 3 });
  await page.mouse.up();
  if (modifier) await page.keyboard.up(modifier);
}

export const selectionCount = async (page: Page): Promise<number> => Number(((await page.getByTestId('selection-count').textContent()) ?? '0').replace(/[^0-9]/g, ''));

export type Region = { cx: number; cy: number; r: number; row: number };

/** Dense spots of the layout on screen (canvas coordinates): centre, radius holding ~22 points. */
export async function denseRegions(page: Page, count: number, skip: number[]): Promise<Region[]> {
  return page.evaluate(({ count, skip }) => {
    const hooks = (window as unknown as { __mtMap: { xy(): Float32Array; view(): { scale: number; tx: number; ty: number } } }).__mtMap;
    const xy = hooks.xy();
    const v = hooks.view();
    const n = xy.length / 2;
    const sx = new Float32Array(n), sy = new Float32Array(n);
    for (let i = 0; i < n; i++) { sx[i] = xy[2 * i] * v.scale + v.tx; sy[i] = xy[2 * i + 1] * v.scale + v.ty; }
    const K = 22;
    const cands: { row: number; r: number }[] = [];
    for (let i = 0; i < n; i += 7) {
      const d: number[] = [];
      for (let j = 0; j < n; j++) d.push(Math.hypot(sx[i] - sx[j], sy[i] - sy[j]));
      d.sort((a, b) => a - b);
      cands.push({ row: i, r: d[K] });
    }
    cands.sort((a, b) => a.r - b.r);
    const out: { cx: number; cy: number; r: number; row: number }[] = [];
    for (const c of cands) {
      if (skip.includes(c.row)) continue;
      if (out.some((o) => Math.hypot(o.cx - sx[c.row], o.cy - sy[c.row]) < 60)) continue;
      out.push({ cx: sx[c.row], cy: sy[c.row], r: Math.max(6, c.r * 1.02), row: c.row });
      if (out.length >= count) break;
    }
    return out;
  }, { count, skip });
}

async function canvasBox(page: Page) {
  const box = await page.getByTestId('map-overlay').boundingBox();
  if (!box) throw new Error('map canvas not visible');
  return box;
}

/** Drags a lasso (a polygon around a circle) on the map, as a user would. */
export async function lasso(page: Page, region: Region): Promise<void> {
  const box = await canvasBox(page);
  const pts = Array.from({ length: 24 }, (_, i) => [box.x + region.cx + region.r * Math.cos((i / 24) * 2 * Math.PI), box.y + region.cy + region.r * Math.sin((i / 24) * 2 * Math.PI)]);
  await page.mouse.move(pts[0][0], pts[0][1]);
  await page.mouse.down();
  for (const [x, y] of pts.slice(1)) await page.mouse.move(x, y, { steps: 2 });
  await page.mouse.move(pts[0][0], pts[0][1]);
  await page.mouse.up();
}

/** What the hover tooltip says the item's ground truth is. */
export async function truthAt(page: Page, region: Region): Promise<string> {
  const box = await canvasBox(page);
  await page.mouse.move(box.x + region.cx, box.y + region.cy);
  const tip = page.getByTestId('map-tooltip');
  await tip.waitFor();
  return (await tip.locator('dl.map-facts dd').first().textContent())?.trim() ?? '';
}
