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
