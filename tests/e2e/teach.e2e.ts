/**
 * The machine-teaching loop in the running app, driven like a user: open Fashion-MNIST, lasso
 * ~20 items in each of 3 clusters and label them, train (live curve, progress + Cancel in the
 * top bar), see predictions and confidence on the map, re-project on the head's hidden layer,
 * step through the uncertain items (smallest margin) with the keyboard labelling three, retrain with R.
 * Logs the label → retrain → predictions-on-screen time.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBundleFiles } from '../../ml/export/library.ts';
import type { Page } from 'playwright-core';
import { jsErrors, reloadPage, screenshot, useSession } from './harness.ts';
import { denseRegions, lasso, truthAt } from './map-helpers.ts';

// The image demo by default; TEACH_E2E_DEMO=lending_club runs the same path on a table.
const DEMO = process.env.TEACH_E2E_DEMO ?? 'fashion_mnist';

let page: Page;

useSession((s) => ({ page } = s));

async function classNames(): Promise<string[]> {
  return page.getByTestId('class-row').locator('.class-name').evaluateAll((els) => els.map((e) => e.textContent?.trim() ?? ''));
}

const labelledCount = async () => Number(((await page.getByTestId('labelled-count').textContent()) ?? '0').split(' ')[0].replace(/,/g, ''));

async function waitForLayout(): Promise<void> {
  await page.waitForFunction(() => {
    const h = (window as unknown as { __mtMap?: { xy(): Float32Array | null } }).__mtMap;
    const xy = h?.xy();
    return !!xy && Number.isFinite(xy[0]) && document.querySelectorAll('[data-testid=job]').length === 0;
  }, null, { timeout: 180_000, polling: 500 });
}

describe(`teach a model on ${DEMO}`, () => {
  it('opens the demo on the map and says what is missing to train', async () => {
    await page.getByTestId(`demo-${DEMO}`).click();
    await page.getByTestId('tab-map').click();
    await page.getByTestId('teach-panel').waitFor();
    await waitForLayout();
    await page.getByTestId('use-truth-classes').click();
    expect(await page.getByTestId('teach-missing').textContent()).toContain('Label at least 5 items in 2 classes');
    expect(await page.getByTestId('teach-train').isDisabled()).toBe(true);
    expect(await page.getByTestId('teach-features').textContent()).toMatch(/Trains on/);
  }, 200_000);

  it('labels ~20 items in each of 3 clusters with the lasso', async () => {
    const names = await classNames();
    const want = Math.min(3, names.length);
    const used = new Set<string>();
    const tried: number[] = [];
    while (used.size < want && tried.length < 40) {
      const [region] = await denseRegions(page, 1, tried);
      if (!region) break;
      tried.push(region.row);
      const truth = await truthAt(page, region);
      if (used.has(truth) || !names.includes(truth)) continue;
      await lasso(page, region);
      const selected = Number((await page.getByTestId('selection-count').textContent())?.split(' ')[0]);
      if (selected < 8) continue;
      await page.getByTestId(`label-class-${names.indexOf(truth)}`).click();
      used.add(truth);
    }
    expect(used.size).toBe(want);
    expect(await labelledCount()).toBeGreaterThanOrEqual(15 * want);
    await page.keyboard.press('Escape');
    await page.getByTestId('teach-plan').waitFor();
    await screenshot(page, 'teach-1-labelled');
  }, 120_000);

  it('trains with a live curve, then colours the map by prediction', async () => {
    const t0 = Date.now();
    await page.keyboard.press('r');
    await page.getByTestId('job').first().waitFor();
    // The curve grows epoch by epoch (on wasm a run can be over in a second, so "at least 2").
    await page.waitForFunction(() => Number(document.querySelector('[data-testid=train-curves]')?.getAttribute('data-epochs') ?? 0) >= 2, null, { timeout: 60_000 });
    await screenshot(page, 'teach-2-training-curve');
    await page.getByTestId('teach-summary').waitFor({ timeout: 120_000 });
    console.log(`[teach] first training (3 classes, ~${await labelledCount()} labels, 5,000 × embedding): ${Date.now() - t0} ms to predictions on screen`);
    // Chromium runs WebAssembly with SIMD: falling back to plain JS here would be a bug.
    expect(await page.getByTestId('teach-backend').textContent()).toContain('wasm');
    expect(await page.getByTestId('colour-by').inputValue()).toBe('prediction');
    expect(await page.getByTestId('teach-acc').textContent()).toMatch(/%/);
    const legend = (await page.getByTestId('map-legend').textContent()) ?? '';
    expect(legend.length).toBeGreaterThan(0);
    await screenshot(page, 'teach-3-predictions');
    await page.getByTestId('colour-by').selectOption('confidence');
    await page.waitForTimeout(300);
    await screenshot(page, 'teach-4-confidence');
    await page.getByTestId('colour-by').selectOption('prediction');
  }, 200_000);

  it('re-projects the map on the head\'s hidden layer; labels carry over', async () => {
    const before = await labelledCount();
    await page.getByTestId('teach-reproject').click();
    await page.waitForFunction(() => (document.querySelector('[data-testid=embedding-picker]') as HTMLSelectElement | null)?.value === 'head_hidden');
    await page.waitForTimeout(1500);
    await screenshot(page, 'teach-5-reprojecting');
    await waitForLayout();
    expect(await labelledCount()).toBe(before);
    expect(await page.getByTestId('embedding-picker').locator('option:checked').textContent()).toContain('Trained head — hidden layer (64-d)');
    // Training goes on using the embedding it was trained on, not its own hidden layer.
    expect(await page.getByTestId('teach-features').textContent()).toMatch(/^Trains on Raw pixels|^Trains on MobileNetV2/);
    await screenshot(page, 'teach-6-reprojected');
  }, 200_000);

  it('steps through the uncertain items with the keyboard, labelling three', async () => {
    const names = await classNames();
    const before = await labelledCount();
    await page.getByTestId('queue-uncertain').click();
    await page.getByTestId('queue-item').waitFor();
    expect(await page.getByTestId('queue-pos').textContent()).toMatch(/^1 \//);
    await page.keyboard.press('j');
    expect(await page.getByTestId('queue-pos').textContent()).toMatch(/^2 \//);
    await page.keyboard.press('k');
    expect(await page.getByTestId('queue-pos').textContent()).toMatch(/^1 \//);
    await screenshot(page, 'teach-7-queue');
    for (let i = 0; i < 3; i++) {
      const row = Number(await page.getByTestId('queue-item').getAttribute('data-row'));
      expect(await page.getByTestId('focus-card').textContent()).toContain(`#${row}`);
      const truth = (await page.getByTestId('focus-card').locator('dl.map-facts dd').first().textContent())?.trim() ?? '';
      let k = names.indexOf(truth);
      if (k < 0 || k > 8) k = 0;
      await page.keyboard.press(String(k + 1));
      await page.waitForFunction((r) => document.querySelector('[data-testid=queue-item]')?.getAttribute('data-row') !== String(r), row);
    }
    expect(await labelledCount()).toBe(before + 3);
    expect(await page.getByTestId('queue-pos').textContent()).toMatch(/^4 \//);
    // Undo reaches queue labels like any other.
    await page.keyboard.press('Control+z');
    await page.waitForFunction((n) => document.querySelector('[data-testid=labelled-count]')?.textContent?.startsWith(String(n)), before + 2);
    await page.keyboard.press('Control+Shift+z');
    await page.waitForFunction((n) => document.querySelector('[data-testid=labelled-count]')?.textContent?.startsWith(String(n)), before + 3);
  }, 60_000);

  it('retrains with one key press: label → retrain → predictions on screen', async () => {
    const t0 = Date.now();
    await page.keyboard.press('r');
    await page.waitForFunction(() => document.querySelector('[data-testid=teach-timing]')?.textContent?.startsWith('Run 2'), null, { timeout: 120_000 });
    const wall = Date.now() - t0;
    const timing = (await page.getByTestId('teach-timing').textContent()) ?? '';
    console.log(`[teach] retrain (R → predictions on screen, 5,000 items): ${wall} ms wall in the test; panel says: ${timing}`);
    await page.getByTestId('queue-item').waitFor();
    expect(await page.getByTestId('queue-pos').textContent()).toMatch(/^1 \//);
    await waitForLayout();
    await screenshot(page, 'teach-8-retrained');
    await page.getByTestId('tab-model').click();
    await page.getByTestId('model-confusion').waitFor();
    expect(await page.getByTestId('model-backend').textContent()).toContain('wasm');
    await screenshot(page, 'teach-9-model-tab');
    expect(jsErrors(page)).toEqual([]);
  }, 200_000);

  it('a reload brings back the model, its predictions and the map as they were', async () => {
    await page.getByTestId('tab-map').click();
    await waitForLayout();
    const before = {
      embedding: await page.getByTestId('embedding-picker').inputValue(),
      colour: await page.getByTestId('colour-by').inputValue(),
      legend: await page.getByTestId('map-legend').textContent(),
      acc: await page.getByTestId('teach-acc').textContent(),
      labelled: await labelledCount(),
    };
    expect(before.colour).toBe('prediction');
    await reloadPage(page);
    // The page reopens the project it showed, on the tab the user left.
    await page.getByTestId('map-screen').waitFor({ timeout: 60_000 });
    await page.getByTestId('teach-provenance').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('teach-provenance').textContent()).toMatch(/^Model from .+, trained on \d+ labels/);
    expect(await page.getByTestId('teach-provenance').getAttribute('data-stale')).toBe('0');
    await waitForLayout();
    expect(await page.getByTestId('embedding-picker').inputValue()).toBe(before.embedding);
    expect(await page.getByTestId('colour-by').inputValue()).toBe('prediction');
    // Predictions are back: the legend counts what the model says, as before the reload.
    await expect.poll(() => page.getByTestId('map-legend').textContent()).toBe(before.legend);
    expect(await page.getByTestId('teach-acc').textContent()).toBe(before.acc);
    expect(await labelledCount()).toBe(before.labelled);
    await page.getByTestId('queue-uncertain').click();
    await page.getByTestId('queue-item').waitFor();
    await screenshot(page, 'teach-10-after-reload');
    // A new label makes the restored model stale until retrained.
    await page.keyboard.press('1');
    await expect.poll(() => page.getByTestId('teach-provenance').getAttribute('data-stale')).toBe('1');
    expect(jsErrors(page)).toEqual([]);
  }, 200_000);

  it('exports the Teach head as a model bundle that says which embedding it reads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mt-export-head-'));
    await page.getByTestId('export-open').click();
    await page.getByTestId('export-kind-model').check();
    await page.getByTestId('export-model-source').selectOption('teach');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-bundle').click()]);
    await download.saveAs(join(dir, 'head.zip'));
    const embedding = await page.getByTestId('embedding-picker').inputValue();
    expect(await page.getByTestId('export-command').textContent()).toMatch(/npx machine-teacher predict \S+ DATA\.csv --vectors \S+\.npy/);
    await page.keyboard.press('Escape');
    // In Node, without the app: the bundle reads the embedding the head was trained on.
    const files = await readBundleFiles(join(dir, 'head.zip'));
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as { kind: string; input: { embedding: { id: string; dim: number } | null }; classes: string[] };
    expect(manifest.kind).toBe('model');
    expect(manifest.input.embedding?.id).toBeTruthy();
    expect(manifest.input.embedding!.id === embedding || manifest.input.embedding!.id === 'pixels').toBe(true);
    expect(manifest.classes.length).toBeGreaterThanOrEqual(2);
    expect(jsErrors(page)).toEqual([]);
  }, 60_000);
});
