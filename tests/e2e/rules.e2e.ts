/**
 * The rules loop in the running app, driven like a user, on lending_club (9,857 rows) and the
 * synthetic credit-card table (284,807 rows): open the demo, go to Rules, brush two axes with
 * real mouse drags, turn the brushes into a rule for the rare class, type a second rule in the
 * text editor, check that coverage and the confusion matrix / precision / recall follow, then
 * reload the page (lending_club) or restart the app on the same data folder (credit card) and
 * find both rules intact. Last, how brush moves reach the chart: as they arrive, one per frame
 * (pointerrawupdate), or from pointermove where a browser lacks it.
 */
import { describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { jsErrors, newPage, reloadPage, screenshot, type RunningApp, useSession, withoutRawUpdate } from './harness.ts';

let app: RunningApp;
let browser: Browser;
let page: Page;

useSession((s) => ({ app, browser, page } = s));

type Case = {
  demo: string;
  target: string;
  /** Two brushes, in data units: drawn by dragging from `from` to `to` on the axis. */
  brushes: { axis: string; from: number | 'min' | 'max'; to: number }[];
  /** The brushed rule's condition as the list shows it: bounds rounded to the pixel, open at the axis end. */
  brushedText: string;
  /** The second rule, typed in the text editor. */
  typed: string;
  /** Make the rule with the R key instead of the button. */
  key?: boolean;
};

const CASES: Case[] = [
  {
    demo: 'lending_club', target: 'bad',
    brushes: [{ axis: 'int_rate', from: 'max', to: 18 }, { axis: 'inq_last_6mths', from: 'max', to: 0.5 }],
    // inq_last_6mths counts enquiries: a whole-number column brushes to whole numbers.
    brushedText: 'int_rate >= 18 and inq_last_6mths >= 1',
    typed: 'inq_last_12m >= 10 => bad',
  },
  {
    demo: 'creditcard_synthetic', target: '1',
    brushes: [{ axis: 'V14', from: 'min', to: -4 }, { axis: 'V17', from: 'min', to: -3.5 }],
    brushedText: 'V14 <= -4 and V17 <= -3.5',
    key: true,
    typed: 'V12 < -5 => 1',
  },
];

const num = (s: string | null) => Number((s ?? '').replace(/[,%\s]/g, ''));

async function openRules(demo: string): Promise<void> {
  await page.getByRole('button', { name: /Machine Teacher/ }).first().click();
  await page.getByTestId(`demo-${demo}`).click();
  // A project reopens on the tab the user left; a new one on Schema.
  await page.getByTestId('tab-rules').waitFor({ timeout: 60_000 });
  await page.getByTestId('tab-rules').click();
  await page.getByTestId('rules-view').waitFor();
  // The chart has painted once everything is drawn (the live layer says which selection it shows).
  await page.waitForSelector('[data-testid=pc-live][data-settled]', { timeout: 60_000 });
}

/** Drags on an axis from one data value to another, as a user would (page coordinates from the axis's own scale). */
async function brush(axis: string, from: number | 'min' | 'max', to: number): Promise<void> {
  const hit = page.getByTestId(`axis-hit-${axis}`);
  await hit.scrollIntoViewIfNeeded();
  const g = page.getByTestId(`axis-${axis}`);
  expect(await g.getAttribute('data-scale')).toBe('linear');
  expect(await g.getAttribute('data-inverted')).toBe('0');
  const min = Number(await g.getAttribute('data-min'));
  const max = Number(await g.getAttribute('data-max'));
  const box = (await hit.boundingBox())!;
  // The hit area reaches 4 px past both ends of the axis.
  const top = box.y + 4, bottom = box.y + box.height - 4;
  const yOf = (v: number | 'min' | 'max') => (v === 'min' ? bottom + 2 : v === 'max' ? top - 2 : bottom - ((v - min) / (max - min)) * (bottom - top));
  const x = box.x + box.width / 2;
  await page.mouse.move(x, yOf(from));
  await page.mouse.down();
  await page.mouse.move(x, yOf(to), { steps: 8 });
  await page.mouse.up();
  await page.getByTestId(`brush-${axis}-0`).waitFor();
}

type Metrics = { covered: number; coverage: string; classes: string[]; confusion: number[][]; precision: string; recall: string; ruleCoverage: number[] };

async function metrics(target: string): Promise<Metrics> {
  const headline = (await page.locator('.rp-headline').textContent()) ?? '';
  const covered = num(/\(([\d,]+) of/.exec(headline)?.[1] ?? 'NaN');
  const classes = (await page.getByTestId('confusion').locator('thead th').allTextContents()).slice(1, -1);
  const confusion = await page.getByTestId('confusion').locator('tbody tr').evaluateAll((rows) =>
    rows.map((r) => [...r.querySelectorAll('td')].map((td) => Number(td.textContent!.replace(/,/g, '')))));
  const row = page.getByTestId('class-row').filter({ has: page.locator('th', { hasText: new RegExp(`^${target}$`) }) });
  const cells = await row.locator('td').allTextContents();
  const ruleCoverage = (await page.getByTestId('rule-coverage').allTextContents()).map(num);
  return { covered, coverage: (await page.getByTestId('metrics-coverage').textContent()) ?? '', classes, confusion, precision: cells[0], recall: cells[1], ruleCoverage };
}

/** The shown precision / recall of the target agree with the shown confusion matrix (columns: classes…, abstain). */
function expectConsistent(m: Metrics, target: string, n: number): void {
  const t = m.classes.indexOf(target);
  expect(t).toBeGreaterThanOrEqual(0);
  expect(m.confusion.flat().reduce((a, b) => a + b, 0)).toBe(n);
  const abstained = m.confusion.reduce((a, row) => a + row[row.length - 1], 0);
  expect(n - abstained).toBe(m.covered);
  const tp = m.confusion[t][t];
  const predicted = m.confusion.reduce((a, row) => a + row[t], 0);
  const support = m.confusion[t].reduce((a, b) => a + b, 0);
  expect(m.precision).toBe(`${((100 * tp) / predicted).toFixed(1)}%`);
  expect(m.recall).toBe(`${((100 * tp) / support).toFixed(1)}%`);
}

/** Rule rows as "class | condition" strings. */
async function ruleRows(): Promise<string[]> {
  return page.getByTestId('rule-row').evaluateAll((rows) =>
    rows.map((r) => `${r.querySelector('[data-testid=rule-class]')?.textContent?.replace('⇒', '').trim()} | ${r.querySelector('.rp-cond')?.textContent}`));
}

const saved: Record<string, { rows: string[]; covered: number }> = {};

/** Moves the pointer off the chart (no hover card in the screenshots). */
const pointerAway = () => page.mouse.move(1390, 890);

/** Waits until the autosave has written the current rules. */
const waitSaved = () => page.waitForSelector('[data-testid=save-state][data-state=saved]', { timeout: 10_000 });

for (const c of CASES) {
  describe(`rules on ${c.demo}`, () => {
    let first: Metrics;
    let n = 0;

    it('brushes two axes and turns them into a rule', async () => {
      const t0 = Date.now();
      await openRules(c.demo);
      console.log(`[rules] ${c.demo}: open + first paint ${Date.now() - t0} ms`);
      n = num(await page.getByTestId('selected-total').textContent());
      expect(await page.getByTestId('rule-row').count()).toBe(0);
      for (const b of c.brushes) await brush(b.axis, b.from, b.to);
      const selected = num(await page.getByTestId('selected-n').textContent());
      expect(selected).toBeGreaterThan(0);
      expect(selected).toBeLessThan(n / 10);
      await page.getByTestId('rule-target').selectOption(c.target);
      await pointerAway();
      await screenshot(page, `rules-${c.demo}-1-brushed`);
      // The same action two ways: the button, or its key (R) with the focus off any field.
      if (c.key) {
        await page.locator('body').focus();
        await page.keyboard.press('r');
      } else {
        await page.getByTestId('brushes-to-rule').click();
      }
      await page.getByTestId('rule-row').first().waitFor();
      const rows = await ruleRows();
      expect(rows).toEqual([`${c.target} | ${c.brushedText}`]);
      first = await metrics(c.target);
      // The rule covers exactly what the brushes selected, and the scores add up.
      expect(first.ruleCoverage).toEqual([selected]);
      expect(first.covered).toBe(selected);
      expectConsistent(first, c.target, n);
    }, 90_000);

    it('adds a second rule by typing it; coverage and metrics follow', async () => {
      const text = page.getByTestId('rules-text');
      expect(await text.inputValue()).toContain(`${c.brushedText} => ${c.target}`);
      await text.click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type(`\n${c.typed}`);
      await page.waitForFunction(() => document.querySelectorAll('[data-testid=rule-row]').length === 2);
      const rows = await ruleRows();
      expect(rows[1]).toBe(`${c.target} | ${c.typed.split(' => ')[0]}`);
      expect(await page.getByTestId('rule-row').nth(1).locator('.rp-name').textContent()).toBe('rule 2');
      const second = await metrics(c.target);
      expect(second.ruleCoverage[0]).toBe(first.ruleCoverage[0]);
      expect(second.ruleCoverage[1]).toBeGreaterThan(0);
      expect(second.covered).toBeGreaterThan(first.covered);
      expect(second.coverage).not.toBe(first.coverage);
      expect(second.confusion).not.toEqual(first.confusion);
      expect(second.recall).not.toBe(first.recall);
      expectConsistent(second, c.target, n);
      console.log(`[rules] ${c.demo}: covered ${first.covered} → ${second.covered}; ${c.target} precision ${first.precision} → ${second.precision}, recall ${first.recall} → ${second.recall}`);
      saved[c.demo] = { rows, covered: second.covered };
      await pointerAway();
      await waitSaved();
      await screenshot(page, `rules-${c.demo}-2-two-rules`);
      expect(jsErrors(page)).toEqual([]);
    }, 60_000);
  });
}

describe('rules survive', () => {
  it('a page reload (lending_club)', async () => {
    await reloadPage(page);
    await openRules('lending_club');
    expect(await ruleRows()).toEqual(saved.lending_club.rows);
    expect((await metrics('bad')).covered).toBe(saved.lending_club.covered);
    expect(jsErrors(page)).toEqual([]);
  }, 90_000);

  it('an app restart on the same data folder (credit card)', async () => {
    await page.close();
    app = await app.restart();
    page = await newPage(browser, app.url);
    await openRules('creditcard_synthetic');
    expect(await ruleRows()).toEqual(saved.creditcard_synthetic.rows);
    expect((await metrics('1')).covered).toBe(saved.creditcard_synthetic.covered);
    await pointerAway();
    await screenshot(page, 'rules-creditcard_synthetic-3-after-restart');
    expect(jsErrors(page)).toEqual([]);
  }, 90_000);
});

describe('brush moves (renderer/rules/early-moves.ts)', () => {
  const handled = () => page.evaluate(() => window.__mtPerf!.rules.brush.length + window.__mtPerf!.rules.deferred);

  it('are handled as they arrive, at most one per frame; the latest of the others at the next frame', async () => {
    expect(await page.evaluate(() => 'onpointerrawupdate' in window)).toBe(true);
    const box = (await page.getByTestId('axis-hit-V12').boundingBox())!;
    const x = box.x + box.width / 2, y0 = box.y + box.height * 0.3;
    // A press puts away the hovered row's card (it would stand still over the drag).
    await page.mouse.move(x, box.y + box.height / 2);
    await page.getByTestId('pc-tooltip').waitFor();
    await page.mouse.down();
    await expect.poll(() => page.getByTestId('pc-tooltip').count()).toBe(0);
    await page.mouse.up();
    await page.mouse.move(x, y0);
    await page.mouse.down();
    const before = await handled();
    const r = await page.evaluate(async ([x, y0]) => {
      const count = () => window.__mtPerf!.rules.brush.length + window.__mtPerf!.rules.deferred;
      const fire = (y: number) => window.dispatchEvent(new PointerEvent('pointerrawupdate', { clientX: x, clientY: y, buttons: 1 }));
      await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0))); // just after a frame's start
      const n0 = count();
      fire(y0 + 20);
      const first = count() - n0;
      fire(y0 + 40);
      fire(y0 + 60);
      const meanwhile = count() - n0;
      await new Promise((done) => requestAnimationFrame(done));
      return { first, meanwhile, atFrame: count() - n0 };
    }, [x, y0]);
    expect(r).toEqual({ first: 1, meanwhile: 1, atFrame: 2 });
    // The move handled at the frame was the latest (+60 px), not the one before it.
    await expect.poll(async () => { const b = (await page.getByTestId('brush-V12-0').boundingBox())!; return Math.round(b.y + b.height - y0); }).toBeGreaterThanOrEqual(59);
    const b = (await page.getByTestId('brush-V12-0').boundingBox())!;
    expect(b.y + b.height - y0).toBeLessThanOrEqual(61);
    await page.mouse.move(x, y0 + 60);
    await page.mouse.up();
    expect(await handled()).toBeGreaterThan(before + 2);
    // Each drawn move knows when the frame that shows it started (not before it was drawn).
    const brushes = await page.evaluate(async () => { await new Promise((done) => requestAnimationFrame(done)); return window.__mtPerf!.rules.brush; });
    expect(brushes.length).toBeGreaterThan(0);
    for (const m of brushes) expect(m.frame).toBeGreaterThanOrEqual(m.ms);
    await page.keyboard.press('Escape');
    expect(jsErrors(page)).toEqual([]);
  }, 60_000);

  it('come from pointermove where the browser has no pointerrawupdate', async () => {
    const own = page;
    page = await newPage(browser, app.url, withoutRawUpdate);
    try {
      expect(await page.evaluate(() => 'onpointerrawupdate' in window)).toBe(false);
      await openRules('lending_club');
      await page.evaluate(() => { window.__mtPerf!.rules.brush = []; });
      await brush('int_rate', 'max', 15);
      const moves = await page.evaluate(() => window.__mtPerf!.rules.brush);
      expect(moves.length).toBeGreaterThan(2);
      expect(jsErrors(page)).toEqual([]);
    } finally {
      await page.close();
      page = own;
    }
  }, 90_000);
});
