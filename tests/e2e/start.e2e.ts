/** Foundation path: start screen, open a demo and see its schema, a malformed CSV shows a located error and the app still works. */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { jsErrors, screenshot, useSession } from './harness.ts';

let page: Page;

useSession((s) => ({ page } = s));

describe('start screen', () => {
  it('lists the demo datasets', async () => {
    await page.getByRole('heading', { name: 'Machine Teacher' }).waitFor();
    await page.getByTestId('demo-lending_club').waitFor();
    expect(await page.getByTestId('demo-creditcard_synthetic').textContent()).toContain('synthetic');
    await screenshot(page, 'start-screen');
  });

  it('opens lending_club and shows its schema', async () => {
    await page.getByTestId('demo-lending_club').click();
    await page.getByTestId('schema').waitFor();
    expect(await page.getByTestId('row-count').textContent()).toBe('9,857');
    expect(await page.getByTestId('schema-row').count()).toBe(23);
    const classRow = page.getByTestId('schema-row').filter({ hasText: 'Class' });
    expect(await classRow.textContent()).toContain('label');
    const rate = page.getByTestId('schema-row').filter({ hasText: 'int_rate' });
    expect(await rate.textContent()).toContain('numeric');
    await screenshot(page, 'schema-lending-club');
  });

  it('shows a located error for a malformed CSV and keeps working', async () => {
    await page.getByRole('button', { name: /Machine Teacher/ }).click();
    const bad = 'a,b,c\n1,2,3\n4,5\n6,7,8\n';
    await page.getByTestId('file-input').setInputFiles({ name: 'broken.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    const error = page.getByTestId('error');
    await error.waitFor();
    const text = (await error.textContent()) ?? '';
    expect(text).toContain('broken.csv');
    expect(text).toMatch(/row 2/);
    await screenshot(page, 'malformed-csv-error');
    // Still usable: a good file opens after the bad one.
    const good = 'x,y,label\n1,2,a\n3,4,b\n5,6,a\n';
    await page.getByTestId('file-input').setInputFiles({ name: 'good.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
    await page.getByTestId('schema').waitFor();
    expect(await page.getByTestId('row-count').textContent()).toBe('3');
    expect(jsErrors(page)).toEqual([]);
  });
});
