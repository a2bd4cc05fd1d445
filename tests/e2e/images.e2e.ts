/**
 * A folder of the user's own images in the running app (issue 12): built here from the shipped
 * emoji demo's files (three classes, plus a text file wearing a .png name), picked with the
 * page's directory picker (browser mode: the files stay in the page), its table with the label
 * from subfolders, MobileNetV2 embeddings computed in the workers with progress in images/s, the
 * map laid out, colour thumbnails decoded off the main thread; reopened → the embeddings come
 * from the cache, and a folder that gained images embeds only the new ones.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { jsErrors, screenshot, useSession } from './harness.ts';
import { waitForLayout } from './map-helpers.ts';
import { DATASETS_DIR } from '../../electron/paths.ts';
import { comparePaths } from '../../ml/images/paths.ts';

let page: Page;
useSession((s) => ({ page } = s));

const SOURCE = join(DATASETS_DIR, 'emoji', 'images');
const CLASSES = ['animals', 'flags', 'smileys'];
const PER_CLASS = 20;
const root = mkdtempSync(join(tmpdir(), 'mt-e2e-images-'));
const folder = join(root, 'my-photos');
for (const cls of CLASSES) {
  mkdirSync(join(folder, cls), { recursive: true });
  for (const f of readdirSync(join(SOURCE, cls)).sort().slice(0, PER_CLASS)) cpSync(join(SOURCE, cls, f), join(folder, cls, f));
}
writeFileSync(join(folder, 'flags', 'broken.png'), 'this is a text file, not a PNG\n');
const paths = () => readdirSync(folder, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => `${e.parentPath.slice(folder.length + 1)}/${e.name}`).sort(comparePaths);

type Hooks = { __mtMedia: { thumbnailStats(row: number, size: number): Promise<{ width: number; height: number; mean: number[]; error: string | null }>; thumbnails(rows: number[], size: number): Promise<{ ms: number; failed: number }>; showStrip(rows: number[], size: number): Promise<void> } };

async function pickFolder(): Promise<void> {
  await page.getByRole('button', { name: /Machine Teacher/ }).first().click();
  await page.getByTestId('folder-input').setInputFiles(folder);
  await page.getByTestId('tab-map').waitFor();
  await page.getByTestId('tab-schema').click();
  await page.getByTestId('schema').waitFor();
}

/** Clicks Compute (MobileNetV2) on the map; resolves with the toast that says how it went. */
async function computeEmbeddings(): Promise<{ toast: string; progress: string[] }> {
  await page.getByTestId('tab-map').click();
  await page.getByTestId('map-screen').waitFor();
  const progress: string[] = [];
  await page.getByTestId('compute-embeddings-mobilenet').click();
  const toast = page.locator('.toast').filter({ hasText: 'MobileNetV2' });
  const deadline = Date.now() + 180_000;
  while (!(await toast.count()) && Date.now() < deadline) {
    const msg = await page.locator('[data-testid="job"] .job-msg').first().textContent({ timeout: 200 }).catch(() => null);
    if (msg && progress.at(-1) !== msg) progress.push(msg);
    await page.waitForTimeout(150);
  }
  return { toast: (await toast.textContent()) ?? '', progress };
}

describe('a folder of images, picked in the page', () => {
  it('opens with one row per file, the subfolder as label, and the bad file kept as a row', async () => {
    await page.getByTestId('demo-emoji').waitFor();
    await pickFolder();
    expect(await page.getByTestId('dataset-name').textContent()).toBe('my-photos');
    expect(await page.getByTestId('row-count').textContent()).toBe(String(CLASSES.length * PER_CLASS + 1));
    const row = (name: string) => page.getByTestId('schema-row').filter({ has: page.locator('code', { hasText: new RegExp(`^${name}$`) }) });
    expect(await row('label').locator('.kind').textContent()).toBe('label');
    expect(await row('path').locator('.kind').textContent()).toBe('image');
    expect(await row('width').locator('.kind').textContent()).toBe('numeric');
    expect(await row('problem').count()).toBe(1);
    await screenshot(page, 'images-folder-schema');
  });

  it('computes MobileNetV2 embeddings in the workers with progress in images/s, and lays out the map', async () => {
    const { toast, progress } = await computeEmbeddings();
    expect(progress.some((m) => /Embedding images \(MobileNetV2\): \d+ \/ 61 · [\d.]+ images\/s/.test(m))).toBe(true);
    expect(toast).toBe('MobileNetV2 features (1280-d, nsfwjs): computed (60 new, 1 unreadable: placed at the mean)');
    await waitForLayout(page);
    expect(await page.getByTestId('shown-embedding').textContent()).toMatch(/MobileNetV2/);
    expect(await page.getByTestId('compute-embeddings-use').count()).toBe(0); // file paths are not texts to embed
    await screenshot(page, 'images-folder-map');
  });

  it('decodes colour thumbnails off the main thread, with a placeholder and a reason for the bad file', async () => {
    const rows = paths();
    const flag = rows.findIndex((p) => p.startsWith('flags/flag-'));
    const broken = rows.indexOf('flags/broken.png');
    const stats = await page.evaluate(([a, b]) => Promise.all([(window as unknown as Hooks).__mtMedia.thumbnailStats(a, 64), (window as unknown as Hooks).__mtMedia.thumbnailStats(b, 64)]), [flag, broken] as const);
    expect(stats[0]).toMatchObject({ width: 64, height: 64, error: null });
    const [r, g, b] = stats[0].mean;
    expect(Math.max(r, g, b) - Math.min(r, g, b)).toBeGreaterThan(15); // colour, not grey
    expect(stats[1].error).toMatch(/not an image/);
    const all = await page.evaluate((n) => (window as unknown as Hooks).__mtMedia.thumbnails(Array.from({ length: n }, (_, i) => i), 128), rows.length);
    expect(all.failed).toBe(1);
    // Look at them: a strip of the first 30 thumbnails drawn over the page (screenshot, then removed).
    await page.evaluate(() => (window as unknown as Hooks).__mtMedia.showStrip(Array.from({ length: 30 }, (_, i) => 15 + i), 64));
    await screenshot(page, 'images-folder-thumbnails');
    await page.evaluate(() => (window as unknown as Hooks).__mtMedia.showStrip([], 64));
    expect(jsErrors(page)).toEqual([]);
  });

  it('reopened, the embeddings come from the cache; a folder that gained images embeds only those', async () => {
    await page.reload();
    await page.getByTestId('demo-emoji').waitFor();
    await pickFolder();
    const again = await computeEmbeddings();
    expect(again.toast).toBe('MobileNetV2 features (1280-d, nsfwjs): loaded from cache');
    await waitForLayout(page);

    mkdirSync(join(folder, 'transport'));
    for (const f of readdirSync(join(SOURCE, 'transport')).sort().slice(0, 5)) cpSync(join(SOURCE, 'transport', f), join(folder, 'transport', f));
    await page.reload();
    await page.getByTestId('demo-emoji').waitFor();
    await pickFolder();
    expect(await page.getByTestId('row-count').textContent()).toBe(String(CLASSES.length * PER_CLASS + 6));
    const grown = await computeEmbeddings();
    expect(grown.toast).toBe('MobileNetV2 features (1280-d, nsfwjs): computed (5 new, 60 from the image cache, 1 unreadable: placed at the mean)');
    await waitForLayout(page);
    await screenshot(page, 'images-folder-grown');
    expect(jsErrors(page)).toEqual([]);
  });
});

describe('cancel and resume', () => {
  it('a cancelled run keeps what it computed: the next run embeds only the rest', async () => {
    const other = join(root, 'food-photos');
    mkdirSync(other);
    for (const f of readdirSync(join(SOURCE, 'food')).sort().slice(0, 60)) cpSync(join(SOURCE, 'food', f), join(other, f));
    await page.getByRole('button', { name: /Machine Teacher/ }).first().click();
    await page.getByTestId('folder-input').setInputFiles(other);
    await page.getByTestId('schema').waitFor();
    await page.getByTestId('tab-map').click();
    await page.getByTestId('compute-embeddings-mobilenet').click();
    // Cancel once some images are done (the workers already hold the model: this is fast).
    await page.waitForFunction(() => /: (1[6-9]|[2-5]\d) \/ 60/.test(document.querySelector('[data-testid="job"] .job-msg')?.textContent ?? ''), undefined, { timeout: 120_000, polling: 50 });
    await page.getByTestId('job-cancel').click();
    await page.getByTestId('job').waitFor({ state: 'detached' });
    const resumed = await computeEmbeddings();
    const m = /computed \((\d+) new, (\d+) from the image cache\)/.exec(resumed.toast);
    expect(m, resumed.toast).not.toBeNull();
    expect(Number(m![1]) + Number(m![2])).toBe(60);
    expect(Number(m![2])).toBeGreaterThanOrEqual(16);
    await waitForLayout(page);
    expect(jsErrors(page)).toEqual([]);
  });
});

describe('the emoji demo', () => {
  it('opens as colour images with ready MobileNetV2 features and lays out its map', async () => {
    await page.getByRole('button', { name: /Machine Teacher/ }).first().click();
    await page.getByTestId('demo-emoji').click();
    await page.getByTestId('tab-map').click();
    await waitForLayout(page);
    expect(await page.getByTestId('map-legend').textContent()).toContain('smileys');
    const stats = await page.evaluate(() => (window as unknown as Hooks).__mtMedia.thumbnailStats(0, 64));
    expect(stats.error).toBeNull();
    await screenshot(page, 'images-emoji-map');
  });
});
