/**
 * `npm run bench -- projects`: durable label edits and opening a big project, through the real
 * server (`npm start -- --browser`, spawned as the e2e tests do) and the page's HTTP client.
 *
 * - Label acknowledge latency: 1,000 actions, each labelling a 100-row lasso selection, sent
 *   one after the other (a user clicking; each waits for its own fsync), then the same as a
 *   burst with 8 in flight (group commit shares fsyncs). Target p95 ≤ 20 ms. Baseline in the
 *   same server: saving the whole state per action, as a store without label deltas must —
 *   saveDocument of a second project with the labels inside the document ({ version: 2, doc, ui }
 *   as the renderer saves it, labels as [row, class] pairs), made durable the same way (journal
 *   entry, fsync), over the same actions.
 * - Open: the 100,000 labels the actions made, reopened after SIGKILL (all in the journal)
 *   and after a clean close (one snapshot). Target ≤ 0.5 s. Baseline in this process: the old
 *   format (one JSON with 100,000 [row, class] pairs) read and parsed into the same dense column,
 *   against the new store's open in this process (both without HTTP).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir, loadavg, cpus } from 'node:os';
import { join } from 'node:path';
import type { MachineTeacherApi } from '../ml/api.ts';
import { httpClient } from '../renderer/api/client.ts';
import { startApp, type RunningApp } from '../tests/e2e/harness.ts';
import { ProjectStore } from '../tests/fixtures/legacy-project-store.ts';
import { OpenProject } from '../electron/backend/open-project.ts';
import { p50, p95, median } from './_stats.ts';

const ROWS = 100_000;
const ACTIONS = 1000;
const LASSO = 100;
const SESSION = 'bench-projects-session';

const clientOf = (app: RunningApp): MachineTeacherApi => httpClient(app.url.replace(/\/$/, ''));
const ms = (v: number) => v.toFixed(2);

/** Action i labels rows [i·100, i·100+100) (a lasso) with class i mod 2. */
const action = (i: number) => ({ rows: Uint32Array.from({ length: LASSO }, (_, k) => i * LASSO + k), values: new Int32Array(LASSO).fill(i % 2) });

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const v = await f();
  return [v, performance.now() - t0];
}

async function sequential(n: number, send: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await timed(() => send(i)))[1]);
  return out;
}

async function inFlight(n: number, width: number, send: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < n) { const i = next++; out.push((await timed(() => send(i)))[1]); }
  }));
  return out;
}

export default async function (): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mt-bench-projects-'));
  const file = join(dir, 'rows.csv');
  writeFileSync(file, `x,y\n${Array.from({ length: ROWS }, (_, i) => `${i},${(i * 7919) % 1000}`).join('\n')}\n`);
  const app = await startApp(join(dir, 'data'));
  try {
    let client = clientOf(app);
    const created = await client.createProject(SESSION, { source: { path: file }, name: 'bench' });
    const h = created.project.handle;
    await client.editLabels(SESSION, h, { classes: ['a', 'b'], rows: [], values: [] });
    for (let i = 0; i < 20; i++) await client.editLabels(SESSION, h, action(i)); // warm-up (same rows are written again below)

    const seq = await sequential(ACTIONS, (i) => client.editLabels(SESSION, h, action(i)));
    const burst = await inFlight(ACTIONS, 8, (i) => client.editLabels(SESSION, h, action(i)));

    // Baseline: the whole state per action, on the same server, into a project of its own.
    const baseline = await client.createProject(SESSION, { source: { path: file }, name: 'bench whole state' });
    const assigned: [number, number][] = [];
    const whole = await sequential(ACTIONS, (i) => {
      const a = action(i);
      for (let k = 0; k < LASSO; k++) assigned.push([a.rows[k], a.values[k]]);
      const labels = { classes: ['a', 'b'], assigned };
      return client.saveDocument(SESSION, baseline.project.handle, { version: 2, doc: { rules: { rules: [], defaultClass: null }, labels }, ui: {}, updatedAt: new Date().toISOString() });
    });

    // Open 100,000 labels: after SIGKILL (journal replay), then after clean closes (snapshot).
    await app.crash();
    await app.restart();
    client = clientOf(app);
    const [afterKill, killOpen] = await timed(() => client.openProject(SESSION, created.project.path, 'write'));
    if (afterKill.kind !== 'opened') throw new Error(afterKill.message);
    let labelled = 0;
    afterKill.labels.values.forEach((v) => { if (v >= 0) labelled++; });
    if (labelled !== ROWS) throw new Error(`expected ${ROWS} labels after reopening, found ${labelled}`);
    let handle = afterKill.project.handle;
    const [, dataMs] = await timed(() => client.loadProjectData(SESSION, handle));
    const clean: number[] = [];
    for (let k = 0; k < 5; k++) {
      await client.closeProject(SESSION, handle);
      const [r, t] = await timed(() => client.openProject(SESSION, created.project.path, 'write'));
      if (r.kind !== 'opened') throw new Error(r.message);
      handle = r.project.handle;
      clean.push(t);
    }
    await client.closeProject(SESSION, handle);

    // In this process, without HTTP: the new store's open (recover + replay) against the old format.
    const storeOpen: number[] = [];
    for (let k = 0; k < 5; k++) storeOpen.push((await timed(() => OpenProject.open(created.project.path)))[1]);
    // Old format, same labels, read in this process.
    const old = new ProjectStore(join(dir, 'old'));
    await old.save('file:rows.csv:x', { version: 1, rules: { rules: [], defaultClass: null }, labelColumn: null, labels: { classes: ['a', 'b'], assigned }, updatedAt: '' });
    const oldOpen: number[] = [];
    for (let k = 0; k < 5; k++) {
      oldOpen.push((await timed(async () => {
        const s = await old.load('file:rows.csv:x');
        const dense = new Int32Array(ROWS).fill(-1);
        for (const [r, c] of s!.labels!.assigned) dense[r] = c;
        return dense;
      }))[1]);
    }

    console.log(`  label edit (${LASSO}-row lasso) acknowledged after fsync, one at a time: p50 ${ms(p50(seq))} ms, p95 ${ms(p95(seq))} ms, max ${ms(Math.max(...seq))} ms (${ACTIONS} actions)`);
    console.log(`  the same as a burst, 8 in flight (group commit): p50 ${ms(p50(burst))} ms, p95 ${ms(p95(burst))} ms`);
    console.log(`  baseline, the whole state per action (saveDocument with up to 100k labels inside the document, fsynced): p50 ${ms(p50(whole))} ms, p95 ${ms(p95(whole))} ms — ${(p95(whole) / p95(seq)).toFixed(1)}x the p95`);
    console.log(`  open with 100,000 labels: after SIGKILL (snapshot + ${ACTIONS * 2 + 21} journal entries replayed) ${ms(killOpen)} ms; after a clean close, median of 5 ${ms(median(clean))} ms`);
    console.log(`  in this process, no HTTP: store open (snapshot + checks + replay) median ${ms(median(storeOpen))} ms; baseline, old format (one JSON of 100,000 [row, class] pairs) read + parsed: median ${ms(median(oldOpen))} ms (${(median(oldOpen) / median(storeOpen)).toFixed(1)}x)`);
    console.log(`  then loading the 100,000-row data file (CSV, hash, parse): ${ms(dataMs)} ms`);
    console.log(`  machine load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores (shared with other work)`);
    const openS = Math.max(killOpen, median(clean)) / 1000;
    console.log(`projects: label ack p95 ${ms(p95(seq))} ms, open 100k labels ${openS.toFixed(3)} s`);
  } finally {
    await app.stop();
  }
}
