/**
 * Compare (issue 10), as a user: rules from the Rules tab, a model, and the three side by side —
 * figures consistent with each other and each said to be on the rows it was measured on; an
 * agreement cell picks exactly its rows (selected on the Map, highlighted in Rules, listed
 * here); a suggested rule is accepted, edited and undone; a reload brings it all back. The same
 * on the 284,807-row credit-card table, and against the user's own labels on Fashion-MNIST with
 * the Teach head (scored only on labels it did not train on).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jsErrors, reloadPage, screenshot, useSession } from './harness.ts';
import { loadClassifier, loadTable } from '../../ml/export/library.ts';
import { denseRegions, lasso, selectionCount, truthAt, waitForLayout } from './map-helpers.ts';

let page: Page;
useSession((s) => ({ page } = s));

const num = (s: string | null) => Number((s ?? '').replace(/[^0-9.]/g, ''));

async function typeRules(text: string): Promise<void> {
  const area = page.getByTestId('rules-text');
  await area.click();
  await area.fill(text);
  await page.waitForFunction((k) => document.querySelectorAll('[data-testid=rule-row]').length === k, text.split('\n').length);
}

describe('compare on lending_club', () => {
  it('scores rules, a model trained on the columns and the hybrid, each on its own rows', async () => {
    await page.getByTestId('demo-lending_club').click();
    await page.getByTestId('tab-rules').click();
    await page.waitForSelector('[data-testid=pc-live][data-settled]', { timeout: 60_000 });
    await typeRules('int_rate >= 20 => bad\nint_rate >= 15 and all_util >= 80 => bad');
    await page.getByTestId('tab-compare').click();
    await page.getByTestId('compare-view').waitFor();
    // No model yet: one click trains one on the table's columns (held-out rows scored).
    await page.getByTestId('compare-train-model').click();
    await page.getByTestId('compare-headline').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('compare-headline').textContent()).toMatch(/At the rules' precision \(\d+%\) the model finds \d+%/);
    expect(await page.getByTestId('cmp-rows-model').textContent()).toMatch(/rows the model did not train on/);
    expect(await page.getByTestId('cmp-rows-rules').textContent()).toMatch(/rows/);
    // The rules' coverage here is what the Rules tab said for the same rule set.
    const coverage = await page.getByTestId('cmp-coverage-rules').textContent();
    expect(coverage).toMatch(/%$/);
    await screenshot(page, 'compare-1-lending-club');
  }, 200_000);

  it('"rules say good, model says bad" picks exactly those rows, in Rules and on the Map too', async () => {
    const cell = page.locator('[data-testid="agree-abstain-bad"]');
    const n = num(await cell.locator('xpath=.').evaluate((b) => b.firstChild?.textContent ?? ''));
    expect(n).toBeGreaterThan(0);
    await cell.click();
    await page.getByTestId('compare-picked').waitFor();
    expect(await page.getByTestId('compare-picked').locator('h4').textContent()).toContain(n.toLocaleString('en-US'));
    // Most confident first.
    const conf = await page.getByTestId('compare-picked-row').locator('td:nth-child(5)').allTextContents();
    const values = conf.slice(0, 8).map(num);
    expect([...values].sort((a, b) => b - a)).toEqual(values);
    await page.getByTestId('tab-rules').click();
    await page.getByTestId('rules-highlight').waitFor();
    expect(num(await page.getByTestId('selected-n').textContent())).toBe(n);
    await page.getByTestId('tab-map').click();
    await waitForLayout(page, 120_000);
    expect(await selectionCount(page)).toBe(n);
    await screenshot(page, 'compare-2-picked-on-map');
    expect(jsErrors(page)).toEqual([]);
  }, 200_000);

  it('a suggested rule is accepted (as brushes), edited and undone', async () => {
    await page.getByTestId('tab-rules').click();
    await page.waitForSelector('[data-testid=pc-live][data-settled]');
    const before = await page.getByTestId('rule-row').count();
    await page.getByTestId('suggest-label').click();
    await page.getByTestId('suggestion').first().waitFor({ timeout: 60_000 });
    await page.getByTestId('suggestion').first().hover();
    await page.locator('[data-testid^="ghost-"]').first().waitFor();
    await page.getByTestId('suggestion-accept').first().click();
    await expect.poll(() => page.getByTestId('rule-row').count()).toBe(before + 1);
    await page.getByTestId('editing-rule').waitFor();
    await page.getByTestId('rule-name').fill('from the tree');
    await page.getByTestId('rule-name').blur();
    await expect.poll(() => page.getByTestId('rule-row').last().locator('.rp-name').textContent()).toBe('from the tree');
    await page.locator('body').click({ position: { x: 5, y: 200 } });
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByTestId('rule-row').last().locator('.rp-name').textContent()).not.toBe('from the tree');
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByTestId('rule-row').count()).toBe(before);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => page.getByTestId('rule-row').count()).toBe(before + 1);
    await screenshot(page, 'compare-3-suggested');
  }, 120_000);

  it('a reload brings back the rules, the model and the comparison', async () => {
    await page.getByTestId('tab-compare').click();
    const headline = await page.getByTestId('compare-headline').textContent();
    await page.waitForTimeout(800);
    await reloadPage(page);
    await page.getByTestId('compare-view').waitFor();
    await page.getByTestId('compare-headline').waitFor({ timeout: 120_000 });
    // The accepted suggestion is a rule now, so the sentence may differ; the model is the same one.
    expect(await page.getByTestId('cmp-model').textContent()).toMatch(/trained on column Class/);
    expect(headline).toBeTruthy();
    expect(jsErrors(page)).toEqual([]);
  }, 200_000);

  it('exports the hybrid as a bundle that predicts, without the app, what the app shows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mt-export-'));
    await page.getByTestId('export-open').click();
    await page.getByTestId('export-dialog').waitFor();
    await page.getByTestId('export-kind-hybrid').check();
    const [bundle] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-bundle').click()]);
    await bundle.saveAs(join(dir, 'bundle.zip'));
    expect(await page.getByTestId('export-command').textContent()).toMatch(/npx machine-teacher predict /);
    const [labels] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-labels-csv').click()]);
    await labels.saveAs(join(dir, 'labels.csv'));
    await screenshot(page, 'compare-4-export');
    await page.keyboard.press('Escape');
    await page.getByTestId('export-dialog').waitFor({ state: 'detached' });

    // The bundle, in Node: rules first, the model where they abstain — row by row what the
    // app's own export says its rules and its model predict.
    const data = await loadTable('datasets/lending_club.csv');
    const predicted = (await loadClassifier(join(dir, 'bundle.zip'))).predictLabels(data);
    const app = await loadTable(join(dir, 'labels.csv'));
    const text = (name: string) => {
      const c = app.columns.find((x) => x.name === name)!;
      return (i: number) => (c.type === 'categorical' && c.codes[i] >= 0 ? c.dictionary[c.codes[i]] : null);
    };
    const rule = text('rule_prediction'), model = text('model_prediction');
    expect(app.n).toBe(data.n);
    let differ = 0, byRules = 0;
    for (let i = 0; i < data.n; i++) {
      const want = rule(i) ?? model(i);
      if (rule(i) !== null) byRules++;
      if (predicted[i] !== want) differ++;
    }
    expect(byRules).toBeGreaterThan(0);
    expect(differ).toBe(0);
    expect(jsErrors(page)).toEqual([]);
  }, 120_000);
});

const pctOf = (s: string | null) => Number((s ?? '').replace(/%$/, ''));
const rowsIn = (s: string | null) => Number(/^([\d,]+) /.exec(s ?? '')?.[1].replace(/,/g, '') ?? NaN);

async function openDemo(id: string): Promise<void> {
  await page.getByRole('button', { name: /Machine Teacher/ }).first().click();
  await page.getByTestId(`demo-${id}`).click();
  await page.getByTestId('tab-schema').waitFor({ timeout: 120_000 });
}

describe('compare on creditcard_synthetic (284,807 rows)', () => {
  it('rules, a model on the columns and the hybrid, on the same held-out rows', async () => {
    await openDemo('creditcard_synthetic');
    await page.getByTestId('tab-rules').click();
    await page.waitForSelector('[data-testid=pc-live][data-settled]', { timeout: 120_000 });
    await typeRules('V14 < -4 and V17 < -2 => 1');
    await page.getByTestId('tab-compare').click();
    await page.getByTestId('compare-view').waitFor();
    // The label is the Class column ("0"/"1"); the rule's class is one of its classes.
    expect(await page.getByTestId('compare-label-picker').inputValue()).toBe('Class');
    const before = await page.getByTestId('cmp-rows-rules').textContent();
    expect(rowsIn(before)).toBe(284_807);
    const t0 = Date.now();
    await page.getByTestId('compare-train-model').click();
    // Training on 284,807 rows in the worker takes a while on this machine; a failure shows at once.
    await page.locator('[data-testid=compare-headline], [data-testid=compare-train-error], [data-testid=compare-model-error]').first().waitFor({ timeout: 360_000 })
      .catch(async (err: Error) => { await screenshot(page, 'compare-5-creditcard-timeout'); throw err; });
    await screenshot(page, 'compare-5-creditcard');
    expect(await page.getByTestId('compare-train-error').count()).toBe(0);
    console.log(`[compare] creditcard: trained on the columns and compared in ${Date.now() - t0} ms`);
    const headline = (await page.getByTestId('compare-headline').textContent()) ?? '';
    console.log(`[compare] creditcard headline: ${headline}`);
    expect(headline).toMatch(/^(At the rules' precision \(\d+%\) the model finds [<>]?\d+% of "1" rows vs the rules' \d+%|The model never reaches the rules' precision)/);
    expect(await page.locator('.cmp-note').allTextContents()).not.toContainEqual(expect.stringMatching(/not a class/));

    // All three are measured on the same rows: the fifth of the table the model did not train on.
    const rows = { rules: '', model: '', hybrid: '' };
    for (const k of ['rules', 'model', 'hybrid'] as const) rows[k] = (await page.getByTestId(`cmp-rows-${k}`).textContent()) ?? '';
    console.log(`[compare] creditcard columns measured on: ${JSON.stringify(rows)}`);
    const n = rowsIn(rows.model);
    expect(rows.model).toMatch(/^[\d,]+ rows the model did not train on/);
    expect(rowsIn(rows.rules)).toBe(n);
    expect(rowsIn(rows.hybrid)).toBe(n);
    expect(n).toBeGreaterThan(284_807 * 0.15);
    expect(n).toBeLessThan(284_807 * 0.25);
    expect(num(await page.getByTestId('cmp-model').textContent())).toBeGreaterThanOrEqual(n);
    // The hybrid: the rules decide what they cover, the model the rest.
    const [byRules, byModel] = (/([\d,]+) by rules · ([\d,]+) by the model/.exec(rows.hybrid) ?? []).slice(1).map((x) => Number(x.replace(/,/g, '')));
    expect(byRules).toBeGreaterThan(0);
    expect(byRules + byModel).toBe(n);

    const figure = async (what: string) => {
      const out: Record<string, string> = {};
      for (const k of ['rules', 'model', 'hybrid']) out[k] = (await page.getByTestId(`cmp-${what}-${k}`).textContent()) ?? '';
      return out;
    };
    const coverage = await figure('coverage'), precision = await figure('precision'), recall = await figure('recall'), f1 = await figure('f1');
    console.log(`[compare] creditcard figures: ${JSON.stringify({ coverage, precision, recall, f1 })}`);
    expect(pctOf(coverage.rules)).toBeCloseTo((100 * byRules) / n, 1);
    expect(pctOf(coverage.rules)).toBeLessThan(5);
    expect(pctOf(coverage.model)).toBe(100);
    expect(pctOf(coverage.hybrid)).toBeGreaterThanOrEqual(pctOf(coverage.rules));
    // A rule that is a subset of the frauds' shift is precise; the hybrid finds at least what the rules find.
    expect(pctOf(precision.rules)).toBeGreaterThan(50);
    expect(pctOf(recall.hybrid)).toBeGreaterThanOrEqual(pctOf(recall.rules));
    for (const v of [...Object.values(precision), ...Object.values(recall)]) expect(v).toMatch(/^\d+\.\d%$/);
    await screenshot(page, 'compare-5-creditcard');
    expect(jsErrors(page)).toEqual([]);
  }, 500_000);
});

describe('compare against your labels on fashion_mnist, with the Teach head', () => {
  const names = () => page.getByTestId('class-row').locator('.class-name').evaluateAll((els) => els.map((e) => e.textContent?.trim() ?? ''));
  const labelled = async () => Number(((await page.getByTestId('labelled-count').textContent()) ?? '0').split(' ')[0].replace(/,/g, ''));
  const tried: number[] = [];

  /** Lassos dense spots until one of `want` classes (by ground truth) gets ≥ 8 more labels; the class. */
  async function labelOne(want: string[], skip: Set<string>): Promise<string> {
    const all = await names();
    while (tried.length < 60) {
      const [region] = await denseRegions(page, 1, tried);
      if (!region) break;
      tried.push(region.row);
      const truth = await truthAt(page, region);
      if (skip.has(truth) || !want.includes(truth)) continue;
      await lasso(page, region);
      if (await selectionCount(page) < 8) continue;
      await page.getByTestId(`label-class-${all.indexOf(truth)}`).click();
      return truth;
    }
    throw new Error(`no dense spot of ${want.join(', ')} left to label`);
  }

  it('scores the head only on labels it did not train on, and says so when there are none', async () => {
    await openDemo('fashion_mnist');
    await page.getByTestId('tab-map').click();
    await page.getByTestId('teach-panel').waitFor();
    await waitForLayout(page, 180_000);
    await page.getByTestId('use-truth-classes').click();
    const all = await names();
    const a = await labelOne(all, new Set());
    const b = await labelOne(all, new Set([a]));
    await page.keyboard.press('Escape');
    const trained = await labelled();
    expect(trained).toBeGreaterThanOrEqual(16);
    await page.getByTestId('teach-train').click();
    await page.getByTestId('teach-summary').waitFor({ timeout: 180_000 });

    // The head trained on every label (its validation split is among them): against your labels
    // none of the rows it did not train on has a label, and Compare says so instead of scoring.
    await page.getByTestId('tab-compare').click();
    await page.getByTestId('compare-view').waitFor();
    await page.getByTestId('cmp-ref-labels').click();
    await page.getByTestId('compare-side-by-side').waitFor();
    expect(await page.getByTestId('cmp-rows-rules').textContent()).toBe(`${trained.toLocaleString('en-US')} labelled rows`);
    await screenshot(page, 'compare-6-labels-none-held-out');
    expect(await page.locator('.cmp-note').allTextContents()).toContainEqual(expect.stringMatching(/^None of the model's [\d,]+ rows the model did not train on has a reference label, so it is not scored\.$/));
    expect(await page.getByTestId('cmp-rows-model').count()).toBe(0);
    expect(await page.getByTestId('cmp-model').textContent()).toMatch(/^model: trained on .* · no labelled row it did not train on yet/);

    // More labels of the same two classes, after training: exactly those are the model's rows.
    await page.getByTestId('tab-map').click();
    await waitForLayout(page);
    await labelOne([a, b], new Set());
    await page.keyboard.press('Escape');
    const added = (await labelled()) - trained;
    expect(added).toBeGreaterThan(0);
    await page.getByTestId('tab-compare').click();
    await page.getByTestId('compare-side-by-side').waitFor();
    const rows = (await page.getByTestId('cmp-rows-model').textContent()) ?? '';
    expect(rows).toMatch(/rows the model did not train on/);
    expect(rowsIn(rows)).toBe(added);
    expect(await page.getByTestId('cmp-model').textContent()).toMatch(new RegExp(`· scored on ${added.toLocaleString('en-US')} labelled rows? it did not train on`));
    expect(rowsIn(await page.getByTestId('cmp-rows-hybrid').textContent())).toBe(added);
    expect(await page.getByTestId('cmp-coverage-model').textContent()).toBe('100.0%');
    expect(await page.getByTestId('compare-headline').count()).toBeLessThanOrEqual(1);
    await screenshot(page, 'compare-7-labels-held-out');
    expect(jsErrors(page)).toEqual([]);
  }, 400_000);
});
