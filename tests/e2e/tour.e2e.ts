/**
 * The tour: on every demo, in one page, Schema → Rules (brush, make a rule) → Map (lasso,
 * label) → Model → Compare (the rule against the label column, or against the labels just
 * made) → Rules → Map, with zero page errors and every view visibly drawn (checked by pixels). Users move between tabs all the time; this is the regression test every new
 * view joins.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { jsErrors, screenshot, useSession } from './harness.ts';
import { paintedShare } from './pixels.ts';
import { densePolygon, dragPolygon, selectionCount, waitForLayout } from './map-helpers.ts';

let page: Page;
useSession((s) => ({ page } = s));

const DEMOS = ['lending_club', 'fashion_mnist', 'spamassassin', 'creditcard_synthetic'];
/** The embedding demos: Compare measures against the labels made on the Map; the tables have a label column. */
const EMBEDDING = new Set(['fashion_mnist', 'spamassassin']);
const count = async (testId: string) => Number(((await page.getByTestId(testId).first().textContent()) ?? '').replace(/\D/g, ''));

async function tab(id: string, testId: string, minShare: number): Promise<number> {
  await page.getByTestId(`tab-${id}`).click();
  const view = page.getByTestId(testId);
  await view.waitFor({ timeout: 120_000 });
  const share = await paintedShare(page, view);
  expect(share, `${id} view drawn`).toBeGreaterThan(minShare);
  return share;
}

/**
 * Compare after the tour's one rule and one labelled class: the rules scored on every labelled
 * row (of the label column, or of the user's labels), no model yet (the tour trains none).
 */
async function checkCompare(demo: string, labelled: number): Promise<void> {
  const ours = EMBEDDING.has(demo);
  await page.getByTestId(ours ? 'cmp-ref-labels' : 'cmp-ref-label').click();
  await page.getByTestId('compare-side-by-side').waitFor();
  const rows = (await page.getByTestId('cmp-rows-rules').textContent()) ?? '';
  if (ours) expect(rows).toBe(`${labelled.toLocaleString('en-US')} labelled rows`);
  else expect(rows).toMatch(/^[\d,]+ labelled rows$/);
  expect(await page.getByTestId('cmp-coverage-rules').textContent()).toMatch(/^\d+\.\d%$/);
  expect(await page.getByTestId('cmp-model').textContent()).toMatch(/^no model yet/);
  await expect.poll(() => page.getByTestId('compare-train-model').count()).toBe(ours ? 0 : 1);
  expect(await paintedShare(page, page.getByTestId('compare-view')), 'compare drawn').toBeGreaterThan(0.01);
  await screenshot(page, `tour-${demo}-compare`);
}

async function waitChart(): Promise<void> {
  await page.waitForSelector('[data-testid=pc-live][data-settled]', { timeout: 120_000 });
}

/** Drags over the middle of the first axis (numeric: a range; categorical: the categories in it). */
async function brushFirstAxis(): Promise<void> {
  const hit = page.locator('[data-testid^="axis-hit-"]').first();
  const box = (await hit.boundingBox())!;
  const x = box.x + box.width / 2;
  await page.mouse.move(x, box.y + box.height * 0.3);
  await page.mouse.down();
  await page.mouse.move(x, box.y + box.height * 0.75, { steps: 6 });
  await page.mouse.up();
  await page.locator('.pc-brush').first().waitFor();
}

describe('tour of every view on every demo, in one page', () => {
  for (const demo of DEMOS) {
    it(`${demo}: Schema → Rules → Map → Model → Compare → Rules → Map`, async () => {
      await page.getByRole('button', { name: /Machine Teacher/ }).first().click();
      await page.getByTestId(`demo-${demo}`).click();
      await page.getByTestId('tab-schema').waitFor({ timeout: 120_000 });
      await tab('schema', 'schema', 0.01);

      await tab('rules', 'rules-view', 0.02);
      await waitChart();
      await brushFirstAxis();
      await page.getByTestId('brushes-to-rule').click();
      await expect.poll(() => page.getByTestId('rule-row').count()).toBe(1);
      const rulesShare = await paintedShare(page, page.getByTestId('parallel-coordinates'));
      expect(rulesShare).toBeGreaterThan(0.01);

      await tab('map', 'map-screen', 0.02);
      await waitForLayout(page, 180_000);
      const { polygon } = await densePolygon(page, 40);
      await dragPolygon(page, polygon);
      const selected = await selectionCount(page);
      expect(selected).toBeGreaterThan(0);
      if ((await page.getByTestId('class-row').count()) === 0) {
        await page.getByTestId('new-class').fill('interesting');
        await page.getByTestId('add-class').click();
      }
      await page.getByTestId('label-class-0').click();
      await expect.poll(() => count('class-count-0')).toBeGreaterThan(0);
      const labelled = await count('class-count-0');
      expect(await paintedShare(page, page.getByTestId('map-canvas'))).toBeGreaterThan(0.02);
      await screenshot(page, `tour-${demo}-map`);

      await tab('model', 'model-view', 0.005);

      const t0 = Date.now();
      await tab('compare', 'compare-view', 0.005);
      await checkCompare(demo, labelled);
      console.log(`[tour] ${demo}: Compare ${Date.now() - t0} ms`);

      await tab('rules', 'rules-view', 0.02);
      await waitChart();
      expect(await page.getByTestId('rule-row').count()).toBe(1);
      expect(await paintedShare(page, page.getByTestId('parallel-coordinates'))).toBeGreaterThan(rulesShare * 0.5);

      await tab('map', 'map-screen', 0.02);
      await waitForLayout(page);
      expect(await count('class-count-0')).toBe(labelled);
      expect(await paintedShare(page, page.getByTestId('map-canvas'))).toBeGreaterThan(0.02);
      await screenshot(page, `tour-${demo}-end`);
      expect(jsErrors(page)).toEqual([]);
    }, 400_000);
  }
});
