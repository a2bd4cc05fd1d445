/**
 * A user's own table, first time (issue 9): a generated CSV whose label is `Status` in the
 * middle and whose last column also looks like classes. The app shows its guess, the user
 * changes it and back, marks an id column "not a feature", makes rules and reads metrics
 * (with base rate and lift); the map's "Table columns" leave the label and the id out
 * (their width is asserted); a class looks the same in Rules and on the Map (pixels of the
 * legend swatches); Escape in a brush popover closes it and keeps the brushes; the views are
 * looked at in 1,400×900 and 1,000×700.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { jsErrors, screenshot, useSession } from './harness.ts';
import { waitForLayout } from './map-helpers.ts';
import { centreColour } from './pixels.ts';
import { mulberry32 } from '../../ml/random.ts';

let page: Page;
useSession((s) => ({ page } = s));

/** 600 customers: id, age, income, tenure (whole years), plan (3 levels), Status (good/bad) and segment (3 classes) last. */
function customersCsv(): string {
  const rnd = mulberry32(7);
  const lines = ['customer_id,age,income,tenure,plan,Status,segment'];
  for (let i = 0; i < 600; i++) {
    const age = 20 + Math.floor(rnd() * 50);
    const tenure = Math.floor(rnd() * 12);
    const income = Math.round(20000 + rnd() * 80000);
    const plan = ['basic', 'plus', 'pro'][Math.floor(rnd() * 3)];
    const bad = tenure <= 2 && rnd() < 0.7;
    lines.push(`${1000 + i},${age},${income},${tenure},${plan},${bad ? 'bad' : 'good'},${['north', 'south', 'west'][i % 3]}`);
  }
  return `${lines.join('\n')}\n`;
}

const featureWidth = async () => {
  const text = (await page.getByTestId('embedding-picker').locator('option').allTextContents()).find((t) => t.startsWith('Table columns')) ?? '';
  return Number(/(\d+)-d/.exec(text)?.[1] ?? NaN);
};

describe('a table the app has never seen', () => {
  it('shows the guessed label, lets the user change it, and keeps ids and the label out of features', async () => {
    await page.getByTestId('file-input').setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(customersCsv()) });
    await page.getByTestId('schema').waitFor();
    expect(await page.getByTestId('label-picker').inputValue()).toBe('Status');
    await page.getByTestId('label-picker-guessed').waitFor();
    expect(await page.locator('.schema-summary').textContent()).toContain('named "Status"');
    expect(await page.getByTestId('schema-row').filter({ hasText: 'plan' }).textContent()).toMatch(/basic \d+/);
    // Change the label and back: now it is the user's choice, no longer a guess.
    await page.getByTestId('label-picker').selectOption('segment');
    await page.getByTestId('label-picker').selectOption('Status');
    expect(await page.getByTestId('label-picker-guessed').count()).toBe(0);
    await page.getByTestId('feature-customer_id').uncheck();
    await screenshot(page, 'own-table-1-schema');
  });

  it('makes rules and reads precision, recall, base rate and lift against Status', async () => {
    await page.getByTestId('tab-rules').click();
    await page.waitForSelector('[data-testid=pc-live][data-settled]', { timeout: 60_000 });
    expect(await page.getByTestId('rule-example').textContent()).not.toContain('int_rate');
    const text = page.getByTestId('rules-text');
    await text.click();
    await text.fill('tenure <= 2 => bad');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=rule-row]').length === 1);
    const row = page.getByTestId('class-row').filter({ has: page.locator('th', { hasText: /^bad$/ }) });
    const cells = await row.locator('td').allTextContents();
    expect(cells[0]).toMatch(/%$/); // precision
    expect(Number(cells[5].replace('×', ''))).toBeGreaterThan(1.5); // lift: tenure ≤ 2 is where bad is
    // A whole-number column: the typed rule reads as typed, and the rules legend colours "bad".
    expect(await page.getByTestId('rules-legend-bad').count()).toBe(1);
    await screenshot(page, 'own-table-2-rules');
  });

  it('Escape in a brush popover closes it and keeps the brushes', async () => {
    const hit = (await page.getByTestId('axis-hit-income').boundingBox())!;
    await page.mouse.move(hit.x + hit.width / 2, hit.y + hit.height * 0.3);
    await page.mouse.down();
    await page.mouse.move(hit.x + hit.width / 2, hit.y + hit.height * 0.6, { steps: 6 });
    await page.mouse.up();
    await page.getByTestId('brush-income-0').click();
    await page.getByTestId('brush-bounds').waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('brush-bounds').count()).toBe(0);
    expect(await page.getByTestId('brush-income-0').count()).toBe(1);
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('brush-income-0').count()).toBe(1);
  });

  it('the map lays out the columns without Status and the id, and colours a class as Rules does', async () => {
    await page.getByTestId('tab-map').click();
    await waitForLayout(page, 120_000);
    // age, income, tenure (standardised) + plan (3 one-hot) + segment (3 one-hot) = 9; no Status, no id.
    expect(await featureWidth()).toBe(9);
    await page.getByTestId('map-legend-bad').waitFor();
    const onMap = await centreColour(page, page.locator('[data-testid="map-legend-bad"] .cswatch'));
    await page.getByTestId('tab-rules').click();
    await page.waitForSelector('[data-testid=pc-live][data-settled]');
    const inRules = await centreColour(page, page.locator('[data-testid="rules-legend-bad"] i'));
    expect(inRules).toBe(onMap);
    await page.getByTestId('tab-map').click();
    await waitForLayout(page);
    await screenshot(page, 'own-table-3-map');
    expect(jsErrors(page)).toEqual([]);
  });

  it('fits 1,000×700: the views scroll or collapse, nothing important out of reach', async () => {
    await page.setViewportSize({ width: 1000, height: 700 });
    await page.waitForTimeout(500);
    await screenshot(page, 'own-table-4-map-1000x700');
    for (const id of ['teach-panel', 'labels-panel']) {
      const el = page.getByTestId(id);
      await el.scrollIntoViewIfNeeded();
      expect(await el.isVisible()).toBe(true);
    }
    await page.getByTestId('tab-rules').click();
    await page.waitForSelector('[data-testid=pc-live][data-settled]');
    await screenshot(page, 'own-table-5-rules-1000x700');
    await page.getByTestId('metrics').scrollIntoViewIfNeeded();
    expect(await page.getByTestId('metrics').isVisible()).toBe(true);
    await page.setViewportSize({ width: 1400, height: 900 });
    expect(jsErrors(page)).toEqual([]);
  });
});

/** 1,000 rows × 150 columns: x_0..x_147 noise except x_97, which decides the label; then `grade` (A/B/C) and `Outcome`. */
function wideCsv(): string {
  const rnd = mulberry32(3);
  const cols = Array.from({ length: 148 }, (_, j) => `x_${j}`);
  const lines = [[...cols, 'grade', 'Outcome'].join(',')];
  for (let i = 0; i < 1000; i++) {
    const v = cols.map(() => (rnd() * 10).toFixed(2));
    const positive = rnd() < 0.3;
    v[97] = (positive ? 6 + rnd() * 4 : rnd() * 5).toFixed(2);
    lines.push([...v, ['A', 'B', 'C'][i % 3], positive ? 'yes' : 'no'].join(','));
  }
  return `${lines.join('\n')}\n`;
}

describe('a table of 150 columns', () => {
  it('opens on the label and the 10 columns that separate it best; the picker ranks them and searches', async () => {
    await page.getByRole('button', { name: /Machine Teacher/ }).first().click();
    await page.getByTestId('file-input').setInputFiles({ name: 'wide.csv', mimeType: 'text/csv', buffer: Buffer.from(wideCsv()) });
    await page.getByTestId('schema').waitFor();
    expect(await page.getByTestId('label-picker').inputValue()).toBe('Outcome');
    await page.getByTestId('tab-rules').click();
    await page.waitForSelector('[data-testid=pc-live][data-settled]', { timeout: 60_000 });
    await expect.poll(() => page.locator('[data-testid^="axis-hit-"]').count()).toBe(11);
    expect(await page.locator('[data-testid="axis-hit-x_97"]').count()).toBe(1);
    await page.getByTestId('axes-picker').click();
    const rows = page.getByTestId('axes-picker-row');
    expect(await rows.first().getAttribute('data-column')).toBe('x_97');
    await page.getByTestId('axes-search').fill('x_9');
    expect(await rows.count()).toBe(11); // x_9, x_90..x_99
    await page.getByTestId('axes-search').fill('');
    await page.getByText('Show all').click();
    await expect.poll(() => page.locator('[data-testid^="axis-hit-"]').count()).toBe(150);
    await page.getByTestId('axes-top-10').click();
    await expect.poll(() => page.locator('[data-testid^="axis-hit-"]').count()).toBe(11);
    await screenshot(page, 'own-table-6-wide');
    expect(jsErrors(page)).toEqual([]);
  });
});
