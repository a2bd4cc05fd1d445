/** The embedding map in the running app: layout, lasso, look at the items, label, undo, reload. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { jsErrors, newPage, screenshot, startApp, type RunningApp } from './harness.ts';
import { densePolygon, dragPolygon, launchChromium, openMap, selectionCount, waitForLayout } from './map-helpers.ts';

let app: RunningApp;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  app = await startApp();
  browser = await launchChromium();
  page = await newPage(browser, app.url);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('map on a table', () => {
  it('lays out lending_club from its columns, lassoes and labels', async () => {
    await page.getByTestId('demo-lending_club').waitFor();
    await openMap(page, 'lending_club');
    await waitForLayout(page);
    expect(await page.getByTestId('shown-embedding').textContent()).toContain('Table columns');
    const { polygon } = await densePolygon(page, 50);
    await dragPolygon(page, polygon);
    const count = await selectionCount(page);
    expect(count).toBeGreaterThan(10);
    expect(await page.getByTestId('selection-item').count()).toBe(Math.min(48, count));
    await page.getByTestId('use-truth-classes').click();
    await page.keyboard.press('1');
    await expect.poll(async () => Number((await page.getByTestId('class-count-0').textContent())!.replace(/\D/g, ''))).toBe(count);
    await screenshot(page, 'map-lending-club');
    expect(jsErrors(page)).toEqual([]);
  });
});
