/**
 * Undo and redo cover every kind of change, as a user makes them: brush, invert an axis, make
 * a rule, add a class, label items. Undo all five, redo all five; at every step the project on
 * disk (its document and its labels, read as reopening would) matches that step going forward.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { jsErrors, screenshot, useSession, type Session } from './harness.ts';
import { densePolygon, dragPolygon, waitForLayout } from './map-helpers.ts';
import { savedProject } from './project-file.ts';

let s: Session;
let page: Page;
useSession((x) => { s = x; page = x.page; });

const onDisk = () => savedProject(s.app.dataDir, 'lending_club');

/** Waits until the project on disk holds `want` (saves are debounced), or fails saying what it holds. */
async function expectOnDisk(want: string, what: string): Promise<void> {
  await expect.poll(onDisk, { timeout: 10_000, message: what }).toBe(want);
}

async function stepSaved(steps: string[], what: string): Promise<void> {
  await expect.poll(onDisk, { timeout: 10_000, message: what }).not.toBe(steps.at(-1));
  await page.waitForTimeout(500); // let a debounced save settle
  steps.push((await onDisk())!);
}

describe('undo/redo across five kinds of change', () => {
  it('brush, axis, rule, class, labels: undo all, redo all; the project file matches at each step', async () => {
    await page.getByTestId('demo-lending_club').click();
    await page.getByTestId('tab-rules').click();
    await page.waitForSelector('[data-testid=pc-live][data-settled]', { timeout: 60_000 });
    // A first save, so step 0 is on disk too.
    await page.getByTestId('colour-by').selectOption('rules');
    await expect.poll(async () => (await onDisk()) !== null, { timeout: 10_000 }).toBe(true);
    await page.waitForTimeout(500);
    const steps = [(await onDisk())!];

    const hit = (await page.getByTestId('axis-hit-int_rate').boundingBox())!;
    await page.mouse.move(hit.x + hit.width / 2, hit.y + hit.height * 0.2);
    await page.mouse.down();
    await page.mouse.move(hit.x + hit.width / 2, hit.y + hit.height * 0.5, { steps: 8 });
    await page.mouse.up();
    await stepSaved(steps, 'brush');

    await page.getByTestId('axis-title-annual_inc').click();
    await stepSaved(steps, 'invert an axis');

    await page.getByTestId('brushes-to-rule').click();
    await stepSaved(steps, 'brushes → rule');

    await page.getByTestId('tab-map').click();
    await waitForLayout(page, 120_000);
    await page.getByTestId('new-class').fill('risky');
    await page.getByTestId('add-class').click();
    await stepSaved(steps, 'add a class');

    await dragPolygon(page, (await densePolygon(page, 40)).polygon);
    await page.keyboard.press('1');
    await stepSaved(steps, 'label the selection');
    expect(new Set(steps).size).toBe(6);
    await screenshot(page, 'undo-1-five-changes');

    await page.locator('body').click({ position: { x: 5, y: 300 } });
    for (let k = steps.length - 2; k >= 0; k--) {
      await page.keyboard.press('Control+z');
      await expectOnDisk(steps[k], `after undo back to step ${k}`);
    }
    for (let k = 1; k < steps.length; k++) {
      await page.keyboard.press('Control+Shift+z');
      await expectOnDisk(steps[k], `after redo to step ${k}`);
    }
    // The redone document is what the views show.
    expect(await page.getByTestId('class-count-0').textContent()).not.toBe('0');
    await page.getByTestId('tab-rules').click();
    expect(await page.getByTestId('rule-row').count()).toBe(1);
    expect(await page.getByTestId('axis-annual_inc').getAttribute('data-inverted')).toBe('1');
    await screenshot(page, 'undo-2-redone');
    expect(jsErrors(page)).toEqual([]);
  }, 300_000);
});
