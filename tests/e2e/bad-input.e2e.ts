/**
 * The bad-input corpus in the running app: every file marked e2e in tests/fixtures/bad/corpus.ts
 * is opened from the start screen's file input (streamed to the backend like any picked file).
 * A bad one shows a clear error naming the file and the row / column; a fine one opens (and
 * its Rules view draws). Meanwhile the open project (lending_club with a typed rule) keeps
 * every one of its files byte for byte, and afterwards it opens again with its rule.
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { CASES } from '../fixtures/bad/corpus.ts';
import { jsErrors, screenshot, useSession, type RunningApp } from './harness.ts';

let app: RunningApp;
let page: Page;
useSession((s) => ({ app, page } = s));

/** Every file under the data folder's projects/, with a hash of its bytes. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    if (!existsSync(d)) return;
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(p, createHash('sha256').update(readFileSync(p)).digest('hex'));
    }
  };
  walk(join(dir, 'projects'));
  return out;
}

const bytesOf = (c: (typeof CASES)[number]) => Buffer.from(c.duckdb ? readFileSync(join('tests/fixtures/bad', c.file)) : c.make());
const sample = CASES.filter((c) => c.e2e);
let before: Map<string, string>;

async function home(): Promise<void> {
  await page.getByRole('button', { name: /Machine Teacher/ }).first().click();
  await page.getByTestId('file-input').waitFor({ state: 'attached' });
}

describe(`bad files in the app (${sample.length} of the corpus)`, () => {
  it('has a project open with work in it: lending_club and a typed rule, saved', async () => {
    expect(sample.length).toBeGreaterThanOrEqual(10);
    await page.getByTestId('demo-lending_club').click();
    await page.getByTestId('tab-rules').click();
    await page.getByTestId('rules-view').waitFor();
    await page.getByTestId('rules-text').click();
    await page.keyboard.type('int_rate >= 20 => bad');
    await page.waitForSelector('[data-testid=rule-row]');
    await page.waitForSelector('[data-testid=save-state][data-state=saved]');
    before = snapshot(app.dataDir);
    expect(before.size).toBeGreaterThan(0);
  }, 90_000);

  for (const c of sample) {
    it(c.file, async () => {
      await home();
      await page.getByTestId('file-input').setInputFiles({ name: c.file, mimeType: 'application/octet-stream', buffer: bytesOf(c) });
      const o = c.table!;
      if ('rows' in o) {
        await page.getByTestId('schema').waitFor({ timeout: 60_000 });
        expect(await page.getByTestId('row-count').textContent()).toBe(o.rows.toLocaleString('en-US'));
        expect(await page.getByTestId('schema-row').count()).toBe(o.columns);
        if (await page.getByTestId('tab-rules').count()) {
          await page.getByTestId('tab-rules').click();
          await page.waitForSelector('[data-testid=pc-live][data-settled]', { timeout: 60_000 });
        }
      } else {
        const error = page.getByTestId('error');
        await error.waitFor({ timeout: 60_000 });
        const text = (await error.textContent()) ?? '';
        expect(text).toContain(c.file);
        expect(text).toMatch(o.error);
        if (o.row !== undefined) expect(text).toContain(`row ${o.row}`);
        if (o.column !== undefined) expect(text).toContain(`column ${o.column}`);
        expect(await page.getByTestId('schema').count()).toBe(0);
        await screenshot(page, `bad-input-${c.file}`);
        await page.getByRole('button', { name: 'Dismiss' }).click();
      }
      // The open project's files are untouched, byte for byte.
      const now = snapshot(app.dataDir);
      for (const [file, hash] of before) expect(now.get(file), file).toBe(hash);
      expect(jsErrors(page)).toEqual([]);
    }, 90_000);
  }

  it('still works afterwards: the project opens again with its rule', async () => {
    await home();
    await page.getByTestId('demo-lending_club').click();
    await page.getByTestId('tab-rules').click();
    await page.waitForSelector('[data-testid=rule-row]');
    expect(await page.getByTestId('rule-row').count()).toBe(1);
    expect(await page.getByTestId('rules-text').inputValue()).toContain('int_rate >= 20 => bad');
    expect(jsErrors(page)).toEqual([]);
  }, 90_000);
});
