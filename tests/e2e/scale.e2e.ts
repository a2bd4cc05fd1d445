/**
 * Scale, in the running app: a 2,000,000-row × 31-column CSV (~610 MB, SYNTHETIC credit-card
 * shape, made at test time and kept in the temp folder for later runs) given as
 * `npm start -- --browser PATH`. The app opens it at start with progress (rows, rows/s) and a
 * Cancel that stops it; opened again it loads whole, and the Rules view draws and scores a
 * rule over all 2 M rows. Playwright cannot carry a file this big through setInputFiles, so it
 * is opened by path (which is also what `npm start -- PATH` is for).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, renameSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { writeCreditCardCsv } from '../../bench/_creditcard-csv.ts';
import { jsErrors, launchBrowser, newPage, screenshot, startApp, type RunningApp } from './harness.ts';

const ROWS = 2_000_000;
const file = join(tmpdir(), `mt-creditcard-${ROWS}.csv`);
let app: RunningApp;
let browser: Browser;
let page: Page;

const peakMB = (pid: number): number => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

beforeAll(async () => {
  if (!existsSync(file)) {
    const t0 = Date.now();
    await writeCreditCardCsv(`${file}.part`, ROWS);
    renameSync(`${file}.part`, file);
    console.log(`[scale] wrote ${file} (${Math.round(statSync(file).size / 2 ** 20)} MB) in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }
  app = await startApp(mkdtempSync(join(tmpdir(), 'mt-e2e-scale-')), [file]);
  browser = await launchBrowser();
  page = await newPage(browser, app.url);
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const jobMessage = () => page.getByTestId('job').locator('.job-msg').textContent();

describe(`a ${ROWS.toLocaleString('en-US')}-row CSV by path`, () => {
  it('opens at start with progress in rows/s, and Cancel stops it', async () => {
    await page.getByTestId('job').waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => /[1-9][\d,]* rows · .* rows\/s/.test(document.querySelector('[data-testid=job] .job-msg')?.textContent ?? ''), undefined, { timeout: 60_000 });
    const during = await jobMessage();
    console.log(`[scale] while opening: ${during}`);
    await screenshot(page, 'scale-progress');
    const t0 = Date.now();
    await page.getByTestId('job-cancel').click();
    await page.getByText(`Stopped opening mt-creditcard-${ROWS}.csv.`).waitFor({ timeout: 15_000 });
    expect(Date.now() - t0).toBeLessThan(15_000);
    expect(await page.getByTestId('job').count()).toBe(0);
    expect(await page.getByTestId('schema').count()).toBe(0);
    expect(await page.getByTestId('error').count()).toBe(0);
    await page.getByTestId('startup-file-0').waitFor();
  }, 120_000);

  it('opens whole when asked again, and the Rules view draws and scores a rule over every row', async () => {
    const t0 = Date.now();
    await page.getByTestId('startup-file-0').click();
    let last = '';
    const watch = setInterval(() => { void jobMessage().then((m) => { if (m) last = m; }, () => {}); }, 500);
    await page.getByTestId('schema').waitFor({ timeout: 480_000 });
    clearInterval(watch);
    const openS = (Date.now() - t0) / 1000;
    expect(await page.getByTestId('row-count').textContent()).toBe(ROWS.toLocaleString('en-US'));
    expect(await page.getByTestId('schema-row').count()).toBe(31);
    const t1 = Date.now();
    await page.getByTestId('tab-rules').click();
    await page.waitForSelector('[data-testid=pc-live][data-settled]', { timeout: 300_000 });
    const rulesS = (Date.now() - t1) / 1000;
    await page.getByTestId('rules-text').click();
    await page.keyboard.type('V14 < -5 => 1');
    await page.waitForSelector('[data-testid=rule-row]', { timeout: 60_000 });
    const covered = Number(((await page.getByTestId('rule-coverage').first().textContent()) ?? '').replace(/[^\d]/g, ''));
    expect(covered).toBeGreaterThan(0);
    expect(covered).toBeLessThan(ROWS);
    await screenshot(page, 'scale-rules');
    console.log(`[scale] opened ${ROWS.toLocaleString('en-US')} rows in ${openS.toFixed(1)} s (last progress: ${last}); Rules view drawn in ${rulesS.toFixed(1)} s; rule covers ${covered.toLocaleString('en-US')}; server peak RSS ${peakMB(app.pid).toFixed(0)} MB`);
    expect(jsErrors(page)).toEqual([]);
  }, 900_000);
});
