/**
 * `npm run bench -- load [--rows N] [--no-app | --app-only]`: loading the generated (SYNTHETIC) 284,807×31
 * credit-card-shaped table (or N rows of it) from CSV, Parquet and Arrow IPC with our loaders,
 * against the baseline "papaparse to row objects" (header: true, dynamicTyping: true) in the
 * same run. Every measurement runs in its own child process, so its peak RSS is its own.
 * Then the app opens the CSV by path (`npm start -- --browser PATH`): time to the schema and
 * to the Rules view, and the peak memory of the server and of the page (bench/_app-load.ts).
 * `--big` also writes the CSV rows over and over into a ≥ 1 GB file and streams that.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Vector } from 'apache-arrow';

type Result = { rows: number; ms: number; baseRssMB: number; peakRssMB: number };
type Task = 'ours-csv-stream' | 'ours-csv-bytes' | 'papaparse-objects' | 'ours-parquet' | 'hyparquet-objects' | 'ours-arrow';

const mb = (bytes: number): number => Math.round(bytes / 2 ** 20);

/** Child side: one load, then its wall time and the process's peak RSS. */
async function child(task: Task, file: string): Promise<void> {
  const { loadTableFromFile } = await import('../ml/table/load-file.node.ts');
  const { loadTable } = await import('../ml/table/index.ts');
  const Papa = (await import('papaparse')).default;
  const { parquetReadObjects } = await import('hyparquet');
  const { compressors } = await import('hyparquet-compressors');
  // loadTable imports the Arrow/Parquet readers lazily; import them now so no run times module loading.
  await import('../ml/table/arrow.ts');
  await import('../ml/table/parquet.ts');
  const baseRssMB = mb(process.memoryUsage().rss);
  const t0 = performance.now();
  let rows = 0;
  if (task === 'ours-csv-stream' || task === 'ours-parquet' || task === 'ours-arrow') rows = (await loadTableFromFile(file)).n;
  else if (task === 'ours-csv-bytes') rows = (await loadTable(file, new Uint8Array(readFileSync(file)))).n;
  else if (task === 'papaparse-objects') {
    const out = Papa.parse<Record<string, unknown>>(readFileSync(file, 'utf8'), { header: true, dynamicTyping: true, skipEmptyLines: true });
    rows = out.data.length;
  } else {
    const buf = readFileSync(file);
    rows = (await parquetReadObjects({ file: buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer, compressors })).length;
  }
  const ms = performance.now() - t0;
  const result: Result = { rows, ms, baseRssMB, peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function measure(task: Task, file: string): Result {
  const r = tryMeasure(task, file);
  if (typeof r === 'string') throw new Error(`${task} failed: ${r}`);
  return r;
}

/** The child's result, or the last lines of its error output when it failed. */
function tryMeasure(task: Task, file: string): Result | string {
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, ['--import', 'tsx', self], {
    encoding: 'utf8', env: { ...process.env, MT_BENCH_LOAD_CHILD: `${task}\n${file}` }, maxBuffer: 1 << 20,
  });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !line.startsWith('{')) return r.stderr.trim().split('\n').filter((l) => /Error|error/.test(l)).slice(-1).join('') || `exit ${r.status}`;
  return JSON.parse(line) as Result;
}

export default async function bench(args: string[]): Promise<void> {
  const { generateCreditCard } = await import('../ml/table/generate-creditcard.ts');
  const { csvChunks } = await import('../ml/table/csv-write.ts');
  const { writeParquet } = await import('../ml/table/parquet-write.ts');
  const { Table: ArrowTable, makeVector, tableToIPC, vectorFromArray, Dictionary, Utf8, Int32 } = await import('apache-arrow');
  const rowsArg = args.indexOf('--rows');
  const n = rowsArg >= 0 ? Number(args[rowsArg + 1]) : undefined;

  const t0 = performance.now();
  const table = generateCreditCard({ seed: 1, n });
  console.log(`generated SYNTHETIC credit-card table ${table.n.toLocaleString('en-US')} × ${table.columns.length} in ${(performance.now() - t0).toFixed(0)} ms`);

  const dir = mkdtempSync(join(tmpdir(), 'mt-bench-load-'));
  try {
    const csv = join(dir, 'creditcard.csv');
    const out = createWriteStream(csv);
    for (const chunk of csvChunks(table)) if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    // --app-only: just the app (for sizes where the row-object baselines would not fit in memory).
    if (args.includes('--app-only')) return await measureApp(csv, table);
    const parquet = join(dir, 'creditcard.parquet');
    writeFileSync(parquet, writeParquet(table, { codec: 'SNAPPY' }));
    const arrow = join(dir, 'creditcard.arrow');
    const vectors: Record<string, Vector> = {};
    for (const c of table.columns) {
      if (c.type === 'numeric') vectors[c.name] = makeVector(c.values);
      else if (c.type === 'categorical') vectors[c.name] = vectorFromArray(Array.from(c.codes, (k) => c.dictionary[k]), new Dictionary(new Utf8(), new Int32()));
    }
    writeFileSync(arrow, tableToIPC(new ArrowTable(vectors), 'file'));
    for (const f of [csv, parquet, arrow]) console.log(`  ${f.split('/').pop()}: ${mb(statSync(f).size)} MB`);

    const runs: [string, Task, string][] = [
      ['papaparse → row objects (baseline)', 'papaparse-objects', csv],
      ['ours CSV, streamed from disk', 'ours-csv-stream', csv],
      ['ours CSV, from bytes in memory', 'ours-csv-bytes', csv],
      ['ours Parquet (Snappy-framed)', 'ours-parquet', parquet],
      ['hyparquet → row objects', 'hyparquet-objects', parquet],
      ['ours Arrow IPC', 'ours-arrow', arrow],
    ];
    const results = runs.map(([label, task, file]) => ({ label, ...measure(task, file) }));
    const base = results[0];
    console.log('\nload                                   rows/s     ms   peak RSS  (+ over idle)  speed vs baseline  memory vs baseline');
    for (const r of results) {
      const rate = (r.rows / r.ms) * 1000;
      const extra = r.peakRssMB - r.baseRssMB;
      console.log(`${r.label.padEnd(36)} ${Math.round(rate).toLocaleString('en-US').padStart(10)} ${r.ms.toFixed(0).padStart(6)} ${`${r.peakRssMB} MB`.padStart(10)} ${`(+${extra} MB)`.padStart(14)}  ${`${(base.ms / r.ms).toFixed(2)}×`.padStart(17)}  ${`${(extra / (base.peakRssMB - base.baseRssMB)).toFixed(2)}×`.padStart(18)}`);
      if (r.rows !== table.n) throw new Error(`${r.label} read ${r.rows} rows, expected ${table.n}`);
    }
    if (!args.includes('--no-app')) await measureApp(csv, table);
    if (args.includes('--big')) await big(dir, [...csvChunks(table)]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The app opening `csv` by path: times, and peak RSS of server and page against the size of the columns. */
async function measureApp(csv: string, table: { n: number; columns: unknown[] }): Promise<void> {
  const { appLoad } = await import('./_app-load.ts');
  const a = await appLoad(csv);
  const cells = table.n * table.columns.length;
  const columnsMB = (cells * 4) / 2 ** 20;
  console.log(`\napp, npm start -- --browser ${csv.split('/').pop()} (${mb(statSync(csv).size)} MB): ${a.rows} rows on screen in ${a.openS.toFixed(1)} s (${Math.round(table.n / a.openS).toLocaleString('en-US')} rows/s from start; last progress "${a.lastProgress}"), Rules view drawn ${a.rulesS.toFixed(1)} s later`);
  console.log(`  peak RSS: server ${Math.round(a.serverPeakMB)} MB, page ${Math.round(a.pagePeakMB)} MB; the table's Float32/Int32 columns are ${Math.round(columnsMB)} MB (server ${(a.serverPeakMB / columnsMB).toFixed(1)}×, page ${(a.pagePeakMB / columnsMB).toFixed(1)}× that; ${((a.serverPeakMB * 2 ** 20) / cells).toFixed(1)} + ${((a.pagePeakMB * 2 ** 20) / cells).toFixed(1)} bytes a cell)`);
}

/** A ≥ 1 GB CSV (the same rows repeated), streamed by our loader; the baseline is tried too. */
async function big(dir: string, chunks: string[]): Promise<void> {
  const [header, ...body] = chunks;
  const bodyBytes = body.reduce((a, c) => a + c.length, 0);
  const copies = Math.ceil(2 ** 30 / bodyBytes);
  const file = join(dir, 'creditcard-big.csv');
  const out = createWriteStream(file);
  out.write(header);
  for (let k = 0; k < copies; k++) for (const c of body) if (!out.write(c)) await new Promise<void>((r) => out.once('drain', () => r()));
  await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  console.log(`\nbig file: ${mb(statSync(file).size)} MB (${copies} copies of the rows)`);
  const ours = measure('ours-csv-stream', file);
  console.log(`ours CSV, streamed from disk: ${ours.rows.toLocaleString('en-US')} rows in ${(ours.ms / 1000).toFixed(1)} s = ${Math.round((ours.rows / ours.ms) * 1000).toLocaleString('en-US')} rows/s, peak RSS ${ours.peakRssMB} MB (+${ours.peakRssMB - ours.baseRssMB} MB; the Float32/Int32 columns alone are ${mb(ours.rows * 31 * 4)} MB)`);
  const base = tryMeasure('papaparse-objects', file);
  console.log(typeof base === 'string' ? `papaparse → row objects: cannot load it (${base})` : `papaparse → row objects: ${(base.ms / 1000).toFixed(1)} s, peak RSS ${base.peakRssMB} MB`);
}

const childTask = process.env.MT_BENCH_LOAD_CHILD;
if (childTask) {
  const [task, file] = childTask.split('\n') as [Task, string];
  await child(task, file);
}
