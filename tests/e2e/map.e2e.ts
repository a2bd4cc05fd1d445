/**
 * The embedding map in the running app (issue 4's "done when"): open Fashion-MNIST, see the
 * map, lasso a cluster, see its images, label it, label a second cluster with the keyboard,
 * undo once, reload and find the labels; open SpamAssassin, lasso a cluster, read its
 * emails, label it spam. Also a table: lending_club maps its standardised columns.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { jsErrors, reloadPage, screenshot, useSession } from './harness.ts';
import { npyBytes } from '../fixtures/npy.ts';
import { densePolygon, denseRegions, dragPolygon, lasso, openMap, selectionCount, truthAt, waitForLayout, type Region } from './map-helpers.ts';

let page: Page;

useSession((s) => ({ page } = s));

const count = async (testId: string) => Number(((await page.getByTestId(testId).textContent()) ?? '').replace(/\D/g, ''));

describe('map on Fashion-MNIST', () => {
  let first = 0;

  it('shows the map of the images with the active embedding named', async () => {
    await page.getByTestId('demo-fashion_mnist').waitFor();
    await openMap(page, 'fashion_mnist');
    await waitForLayout(page);
    const picker = page.getByTestId('embedding-picker');
    const options = await picker.locator('option').allTextContents();
    expect(options.length).toBeGreaterThanOrEqual(2);
    expect(await page.getByTestId('shown-embedding').textContent()).toBe(options[0].split(' · ')[0]);
    expect(await page.getByTestId('map-legend').textContent()).toContain('Trouser');
    await screenshot(page, 'map-fashion');
  });

  it('lassoes a cluster, shows its images and labels it with a click', async () => {
    const { polygon, centre } = await densePolygon(page, 40);
    await dragPolygon(page, polygon);
    first = await selectionCount(page);
    expect(first).toBeGreaterThan(20);
    // The whole selection as a contact sheet (only the cells in view exist), its thumbnails drawn.
    await page.getByTestId('contact-sheet').waitFor();
    expect(await page.getByTestId('contact-sheet').textContent()).toContain(`${first.toLocaleString('en-US')} images`);
    const cells = await page.getByTestId('contact-sheet-cell').count();
    expect(cells).toBeGreaterThan(0);
    expect(cells).toBeLessThanOrEqual(first);
    await page.getByTestId('use-truth-classes').click();
    expect(await page.getByTestId('class-row').count()).toBe(10);
    await page.getByTestId('label-class-0').click();
    await expect.poll(() => count('class-count-0')).toBe(first);
    await screenshot(page, 'map-fashion-labelled');

    // A second cluster, elsewhere, labelled with the keyboard; then undo once.
    const second = await densePolygon(page, 40, [centre]);
    await dragPolygon(page, second.polygon);
    const n2 = await selectionCount(page);
    expect(n2).toBeGreaterThan(5);
    await page.keyboard.press('2');
    await expect.poll(() => count('class-count-1')).toBeGreaterThan(0);
    await page.keyboard.press('Control+z');
    await expect.poll(() => count('class-count-1')).toBe(0);
    expect(await count('class-count-0')).toBe(first);
    // Shift adds to the selection; Escape clears it.
    await dragPolygon(page, (await densePolygon(page, 30, [centre, second.centre])).polygon, 'Shift');
    expect(await selectionCount(page)).toBeGreaterThan(n2);
    await page.keyboard.press('Escape');
    expect(await selectionCount(page)).toBe(0);
  });

  it('finds the labels after a reload, and the layout comes from the cache', async () => {
    await page.waitForTimeout(800); // autosave is debounced 300 ms
    const t0 = Date.now();
    // The page reopens the project the URL names, on the tab the user left.
    await reloadPage(page);
    await page.getByTestId('map-screen').waitFor();
    await waitForLayout(page);
    expect(Date.now() - t0).toBeLessThan(8000);
    expect(await count('class-count-0')).toBe(first);
    expect(await count('class-count-1')).toBe(0);
    expect(jsErrors(page)).toEqual([]);
  });
});

describe('map on SpamAssassin', () => {
  it('lassoes a cluster of emails, reads them and labels it spam', async () => {
    await openMap(page, 'spamassassin');
    await waitForLayout(page);
    await page.getByTestId('colour-by').selectOption('truth');
    // A dense spot whose centre the hover card says is spam, lassoed as a user would.
    let spam: Region | undefined;
    for (const region of await denseRegions(page, 12, [])) {
      if ((await truthAt(page, region)) === 'spam') { spam = region; break; }
    }
    expect(spam).toBeDefined();
    await lasso(page, spam!);
    const n = await selectionCount(page);
    expect(n).toBeGreaterThan(10);
    const items = page.getByTestId('selection-item');
    expect(await items.count()).toBe(Math.min(48, n));
    expect(((await items.first().textContent()) ?? '').length).toBeGreaterThan(20);
    await page.getByTestId('new-class').fill('spam');
    await page.getByTestId('add-class').click();
    await page.getByTestId('label-class-0').click();
    await expect.poll(() => count('class-count-0')).toBe(n);
    await items.first().click();
    await page.getByTestId('focus-card').waitFor();
    await screenshot(page, 'map-spamassassin');
    expect(jsErrors(page)).toEqual([]);
  });
});

describe('map on a table', () => {
  it('lays out lending_club from its standardised columns', async () => {
    await openMap(page, 'lending_club');
    await waitForLayout(page);
    expect(await page.getByTestId('shown-embedding').textContent()).toContain('Table columns');
    await dragPolygon(page, (await densePolygon(page, 50)).polygon);
    const n = await selectionCount(page);
    expect(await page.getByTestId('selection-item').count()).toBe(Math.min(48, n));
    await screenshot(page, 'map-lending-club');
  });

  it('adds embeddings from a .npy file; a file with the wrong row count is refused with a clear error', async () => {
    const before = await selectionCount(page);
    await page.getByTestId('import-embeddings-input').setInputFiles({ name: 'short.npy', mimeType: 'application/octet-stream', buffer: npy(100, 4, () => 0) });
    const error = page.getByTestId('error');
    await error.waitFor();
    expect(await error.textContent()).toMatch(/short\.npy.*100 vectors.*9857 rows/);
    expect(await selectionCount(page)).toBe(before); // nothing the user had is touched
    await page.getByRole('button', { name: 'Dismiss' }).click();
    // Three well-separated blobs by row, as a model elsewhere might have produced.
    const good = npy(9857, 4, (r, d) => (r % 3 === d ? 5 : 0) + Math.sin(r * 12.9898 + d * 78.233) * 0.5);
    await page.getByTestId('import-embeddings-input').setInputFiles({ name: 'vectors.npy', mimeType: 'application/octet-stream', buffer: good });
    await page.getByText('vectors.npy: 9,857 vectors of 4 dimensions, joined by row order').waitFor();
    await page.waitForFunction(() => (document.querySelector('[data-testid=embedding-picker]') as HTMLSelectElement | null)?.value === 'file:vectors.npy');
    await waitForLayout(page);
    expect(await page.getByTestId('shown-embedding').textContent()).toContain('vectors.npy (4-d)');
    await screenshot(page, 'map-imported-npy');
    expect(jsErrors(page)).toEqual([]);
    // Kept with the project: it was saved before the app said it was added, so a reload finds it.
    await reloadPage(page);
    await openMap(page, 'lending_club');
    await expect.poll(() => page.getByTestId('embedding-picker').locator('option').allTextContents(), { timeout: 20_000 }).toContain('vectors.npy (4-d)');
  });
});

describe('embeddings computed in the app', () => {
  it('computes USE-lite embeddings of a text column in a worker, and the second time takes them from the cache', async () => {
    const pets = ['my cat sleeps on the sofa all day', 'the dog barks at the postman', 'our kitten chased a toy mouse', 'walking the puppy in the park', 'the cat purrs when fed', 'dogs love long walks'];
    const money = ['the bank raised interest rates', 'stocks fell sharply on monday', 'my savings account pays little', 'the loan has a fixed rate', 'investors sold their bonds', 'inflation eats your salary'];
    const rows = Array.from({ length: 60 }, (_, i) => `${i},"${(i % 2 ? pets : money)[i % 6]} (${i})",${i % 2 ? 'pets' : 'money'}`);
    const csv = Buffer.from(`id,text,topic\n${rows.join('\n')}\n`);
    await page.getByRole('button', { name: /Machine Teacher/ }).first().click();
    await page.getByTestId('file-input').setInputFiles({ name: 'notes.csv', mimeType: 'text/csv', buffer: csv });
    await page.getByTestId('schema').waitFor();
    await page.getByTestId('tab-map').click();
    await page.getByTestId('compute-embeddings-use').click();
    await page.waitForFunction(() => (document.querySelector('[data-testid=embedding-picker]') as HTMLSelectElement | null)?.value === 'use_lite', null, { timeout: 120_000 });
    await waitForLayout(page);
    expect(await page.getByTestId('shown-embedding').textContent()).toContain('Universal Sentence Encoder lite');
    await screenshot(page, 'map-computed-use-lite');
    // After a reload the file is opened afresh (its embeddings are not part of the CSV): this time the cache answers.
    await reloadPage(page);
    await page.getByTestId('file-input').setInputFiles({ name: 'notes.csv', mimeType: 'text/csv', buffer: csv });
    await page.getByTestId('tab-map').click();
    await page.getByTestId('compute-embeddings-use').click();
    await page.getByText('loaded from cache').waitFor({ timeout: 20_000 });
    expect(jsErrors(page)).toEqual([]);
  }, 180_000);
});

/** n × dim vectors from `value` as a .npy file (tests/fixtures/npy.ts writes it as numpy does). */
const npy = (n: number, dim: number, value: (row: number, d: number) => number): Buffer =>
  Buffer.from(npyBytes(Array.from({ length: n }, (_, r) => Array.from({ length: dim }, (_, d) => value(r, d)))));
