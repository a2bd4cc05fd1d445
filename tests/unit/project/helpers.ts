/**
 * The real backend behind the real browser-mode host, driven with the page's own HTTP client
 * (ml/wire.ts + renderer/api/client.ts), on a data folder of the test's choosing.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import type { MachineTeacherApi, OpenProjectResult, OpenedProject } from '../../../ml/api.ts';
import { createBackend } from '../../../electron/backend/backend.ts';
import { startBrowserHost } from '../../../electron/browser-host.ts';
import { DATASETS_DIR } from '../../../electron/paths.ts';
import { httpClient } from '../../../renderer/api/client.ts';

export type TestServer = { client: MachineTeacherApi; backend: MachineTeacherApi; dataDir: string; close(): Promise<void> };

export async function startServer(dataDir = mkdtempSync(join(tmpdir(), 'mt-proj-'))): Promise<TestServer> {
  const backend = createBackend({ mode: 'browser', version: 'test', datasetsDir: DATASETS_DIR, dataDir });
  const { server, url, token } = await startBrowserHost({ api: backend, staticDirs: {} });
  return { client: httpClient(new URL(url).origin, token), backend, dataDir, close: () => closeServer(server) };
}

const closeServer = (server: Server) => new Promise<void>((r) => server.close(() => r()));

export const tmp = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));

/** A session id as a page makes one. */
export const session = (name: string) => `${name}-${Math.random().toString(36).slice(2, 10)}`;

export function opened(r: OpenProjectResult): OpenedProject {
  if (r.kind !== 'opened') throw new Error(`expected the project to open, got: ${r.message}`);
  return r;
}

/** Rows of each class in a dense label column. */
export function labelledRows(values: Int32Array): Map<number, number> {
  const out = new Map<number, number>();
  values.forEach((v, r) => { if (v >= 0) out.set(r, v); });
  return out;
}

/** A small CSV with an id column: id, x, y (rows are distinct). */
export function csv(ids: number[]): string {
  return `id,x,y\n${ids.map((i) => `${i},${(i * 0.5).toFixed(1)},${i % 7}`).join('\n')}\n`;
}
