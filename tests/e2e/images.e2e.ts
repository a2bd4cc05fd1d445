/**
 * A folder of the user's own images in the running app (issue 12): built here from the shipped
 * emoji demo's files (three classes, plus a text file wearing a .png name), picked with the
 * page's directory picker (browser mode: the files stay in the page), its table with the label
 * from subfolders, MobileNetV2 embeddings computed in the workers with progress in images/s, the
 * map laid out, colour thumbnails decoded off the main thread; reopened → the embeddings come
 * from the cache, and a folder that gained images embeds only the new ones. Then the loop on it:
 * a colour thumbnail in the hover card, a lasso's contact sheet in colour, two clusters labelled
 * as two classes, a head trained in the Teach panel, the map coloured by its predictions.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { jsErrors, reloadPage, screenshot, useSession } from './harness.ts';
import { densePolygon, dragPolygon, selectionCount, waitForLayout } from './map-helpers.ts';
import { colourShare, paintedShare } from './pixels.ts';
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

type MapHooks = { __mtMap: { xy(): Float32Array; view(): { scale: number; tx: number; ty: number }; canvas(): HTMLCanvasElement } };

/** Moves the mouse onto `row`'s point; resolves with the row the hover card shows. */
async function hover(row: number): Promise<number> {
  const [x, y] = await page.evaluate((r) => {
    const m = (window as unknown as MapHooks).__mtMap, xy = m.xy(), v = m.view(), rect = m.canvas().getBoundingClientRect();
    return [rect.left + xy[2 * r] * v.scale + v.tx, rect.top + xy[2 * r + 1] * v.scale + v.ty];
  }, row);
  await page.mouse.move(x, y);
  const hint = await page.getByTestId('map-tooltip').locator('.map-hint').textContent();
  return Number(/#(\d+)/.exec(hint ?? '')?.[1]);
}

/** A thumbnail "in colour": over 2% of its pixels have a clear hue (grey images and the placeholder have none). */
const IN_COLOUR = 0.02;

/** Waits until a thumbnail canvas shows a colour image (not blank, not the grey placeholder). */
async function expectColourThumb(thumb: ReturnType<Page['getByTestId']>, what: string): Promise<void> {
  await expect.poll(() => colourShare(page, thumb), { timeout: 10_000, message: what }).toBeGreaterThan(IN_COLOUR);
  expect(await paintedShare(page, thumb), what).toBeGreaterThan(0.2);
  expect(await thumb.getAttribute('data-state'), what).toBeNull();
}

const classCount = async (k: number) => Number(((await page.getByTestId(`class-count-${k}`).textContent()) ?? '').replace(/\D/g, ''));

async function pickFolder(): Promise<void> {
  await page.getByRole('button', { name: /Machine Teacher/ }).first().click();
  await page.getByTestId('folder-input').setInputFiles(folder);
  await page.getByTestId('tab-map').waitFor();
  await page.getByTestId('tab-schema').click();
  await page.getByTestId('schema').waitFor();
}

/** Reloads; the picked files are gone with the page, so the project (the URL names it) comes back asking for its folder. */
async function reloadAskingForFolder(): Promise<void> {
  await reloadPage(page);
  expect(await page.getByTestId('data-problem-message').textContent()).toMatch(/pick the folder "my-photos" again/);
  await screenshot(page, 'images-folder-reloaded');
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
    await reloadAskingForFolder();
    await pickFolder();
    const again = await computeEmbeddings();
    expect(again.toast).toBe('MobileNetV2 features (1280-d, nsfwjs): loaded from cache');
    await waitForLayout(page);

    mkdirSync(join(folder, 'transport'));
    for (const f of readdirSync(join(SOURCE, 'transport')).sort().slice(0, 5)) cpSync(join(SOURCE, 'transport', f), join(folder, 'transport', f));
    const project = await page.getByTestId('project-name').textContent();
    await reloadAskingForFolder();
    // Picked again on that screen, the grown folder stays this project's data (labels follow their files).
    await page.getByTestId('locate-folder-input').setInputFiles(folder);
    await page.getByTestId('tab-map').waitFor();
    expect(await page.getByTestId('project-name').textContent()).toBe(project);
    await page.getByTestId('tab-schema').click();
    await page.getByTestId('schema').waitFor();
    expect(await page.getByTestId('row-count').textContent()).toBe(String(CLASSES.length * PER_CLASS + 6));
    const grown = await computeEmbeddings();
    expect(grown.toast).toBe('MobileNetV2 features (1280-d, nsfwjs): computed (5 new, 60 from the image cache, 1 unreadable: placed at the mean)');
    await waitForLayout(page);
    await screenshot(page, 'images-folder-grown');
    expect(jsErrors(page)).toEqual([]);
  });

  it('shows colour thumbnails on hover and in a lasso, labels two clusters, trains and colours the map by prediction', async () => {
    const rows = paths();
    // Hover a flag's point: the hover card shows its image in colour.
    const target = rows.findIndex((p) => p.startsWith('flags/flag-'));
    const hovered = await hover(target);
    expect(rows[hovered], `hovered #${hovered}`).not.toBe('flags/broken.png');
    const tip = page.getByTestId('map-tooltip');
    await expectColourThumb(tip.getByTestId('media-thumb'), 'hover card thumbnail');
    expect(await tip.locator('dl.map-facts dd').first().textContent()).toBe(rows[hovered].split('/')[0]);
    await screenshot(page, 'images-folder-hover');

    // Two classes, then a lasso around the densest cluster (66 points spread over the map: 80 px
    // catches one): its contact sheet, in colour; key 1 labels it.
    for (const name of ['first', 'second']) {
      await page.getByTestId('new-class').fill(name);
      await page.getByTestId('add-class').click();
    }
    const one = await densePolygon(page, 80);
    await dragPolygon(page, one.polygon);
    const n1 = await selectionCount(page);
    expect(n1).toBeGreaterThanOrEqual(5);
    await page.getByTestId('contact-sheet').waitFor();
    expect(await page.getByTestId('contact-sheet').textContent()).toContain(`${n1} images`);
    const cells = page.getByTestId('contact-sheet-cell');
    expect(await cells.count()).toBe(n1); // a few dozen: all in view
    // Every cell draws its image (none is blank or the placeholder); most are clearly in colour
    // (a badger or a crow is honestly black and white).
    const thumbs = cells.getByTestId('media-thumb');
    const colourful = async () => (await Promise.all((await thumbs.all()).map((t) => colourShare(page, t)))).filter((c) => c > IN_COLOUR).length;
    await expect.poll(colourful, { timeout: 10_000 }).toBeGreaterThanOrEqual(n1 / 2);
    for (const t of await thumbs.all()) {
      expect(await paintedShare(page, t)).toBeGreaterThan(0.2);
      expect(await t.getAttribute('data-state')).toBeNull();
    }
    await screenshot(page, 'images-folder-lasso');
    await page.keyboard.press('1');
    await expect.poll(() => classCount(0)).toBe(n1);

    // A second cluster, away from the first, labelled with key 2.
    const two = await densePolygon(page, 80, [one.centre]);
    await dragPolygon(page, two.polygon);
    const n2 = await selectionCount(page);
    expect(n2).toBeGreaterThanOrEqual(5);
    await page.keyboard.press('2');
    await expect.poll(() => classCount(1)).toBe(n2);
    expect(await classCount(0)).toBe(n1); // the second lasso took nothing from the first
    await page.keyboard.press('Escape');

    // Train in the Teach panel: predictions for every row, the map coloured by them.
    expect(await page.getByTestId('teach-train').isDisabled()).toBe(false);
    await page.getByTestId('teach-train').click();
    await page.getByTestId('teach-summary').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('teach-features').textContent()).toMatch(/MobileNetV2/);
    const says = await Promise.all([0, 1].map(async (k) => Number(((await page.getByTestId(`model-says-${k}`).locator('.count').textContent()) ?? '').replace(/\D/g, ''))));
    expect(says[0]).toBeGreaterThan(0);
    expect(says[1]).toBeGreaterThan(0);
    expect(says[0] + says[1]).toBe(rows.length);
    expect(await page.getByTestId('colour-by').inputValue()).toBe('prediction');
    const legend = await Promise.all(['first', 'second'].map(async (c) => Number(((await page.getByTestId(`map-legend-${c}`).locator('.legend-count').textContent()) ?? '').replace(/\D/g, ''))));
    expect(legend).toEqual(says);
    // The hover card now says what the model thinks of the item.
    await hover(target);
    await expect.poll(() => tip.locator('dl.map-facts').textContent()).toMatch(/model(first|second) \(\d+%\)/);
    await screenshot(page, 'images-folder-predictions');
    expect(jsErrors(page)).toEqual([]);
  }, 90_000);
});

describe('cancel and resume', () => {
  it('a cancelled run keeps what it computed: the next run embeds only the rest', async () => {
    const other = join(root, 'food-photos');
    mkdirSync(other);
    for (const f of readdirSync(join(SOURCE, 'food')).sort().slice(0, 60)) cpSync(join(SOURCE, 'food', f), join(other, f));
    await page.getByRole('button', { name: /Machine Teacher/ }).first().click();
    await page.getByTestId('folder-input').setInputFiles(other);
    // A folder of images opens on Map (where its embeddings are computed), not on Schema.
    await page.locator('[data-testid="dataset-name"]', { hasText: /^food-photos$/ }).waitFor();
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
