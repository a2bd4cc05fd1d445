/**
 * The app opening a big CSV by path, as a user does with `npm start -- --browser PATH`: the
 * server in its own process (its peak RSS is its own, read from /proc VmHWM), the page in
 * headless Chromium (the peak RSS of its renderer process, which also runs its workers).
 * Times: start → schema on screen, then → the Rules view's first settled drawing.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, startApp } from '../tests/e2e/harness.ts';

export type AppLoad = { openS: number; rulesS: number; lastProgress: string; serverPeakMB: number; pagePeakMB: number; rows: string };

const peakMB = (pid: number): number => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/** Chromium renderer processes below process `root` (found through /proc parent links). */
function renderers(root: number): number[] {
  const parent = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      parent.set(Number(d), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch { /* gone */ }
  }
  const below = (pid: number): boolean => { for (let p = parent.get(pid); p; p = parent.get(p)) if (p === root) return true; return false; };
  return [...parent.keys()].filter((pid) => {
    if (!below(pid)) return false;
    try { return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('--type=renderer'); } catch { return false; }
  });
}

export async function appLoad(csv: string): Promise<AppLoad> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mt-bench-app-'));
  const app = await startApp(dataDir, [csv]);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const t0 = performance.now();
    await page.goto(app.url);
    let lastProgress = '';
    const watch = setInterval(() => {
      void page.locator('[data-testid=job] .job-msg').textContent({ timeout: 200 }).then((m) => { if (m) lastProgress = m; }, () => {});
    }, 500);
    await page.getByTestId('schema').waitFor({ timeout: 30 * 60_000 });
    clearInterval(watch);
    const openS = (performance.now() - t0) / 1000;
    const rows = (await page.getByTestId('row-count').textContent()) ?? '';
    const t1 = performance.now();
    await page.getByTestId('tab-rules').click();
    await page.waitForSelector('[data-testid=pc-live][data-settled]', { timeout: 30 * 60_000 });
    const rulesS = (performance.now() - t1) / 1000;
    // Chromium runs below this process; its renderers are the page (and its workers).
    const pagePeakMB = Math.max(0, ...renderers(process.pid).map(peakMB));
    return { openS, rulesS, lastProgress, serverPeakMB: peakMB(app.pid), pagePeakMB, rows };
  } finally {
    await browser.close();
    await app.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
