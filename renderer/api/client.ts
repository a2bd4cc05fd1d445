/**
 * The renderer's backend: one MachineTeacherApi, from whichever transport this window has.
 * Desktop: the preload's window.machineTeacher (IPC). Browser mode: HTTP to the host that
 * served this page, with the access token from the URL `npm start` printed on every call
 * (electron/browser-host.ts says why a header). Both unwrap the dispatch envelope into values
 * or ApiError.
 */
import { API_METHODS, ApiError, type ApiErrorInfo, type ApiMethod, type MachineTeacherApi, type MenuCommand, type OpenedDataset } from '../../ml/api.ts';
import { decode, encode } from '../../ml/wire.ts';

type Envelope = { ok: true; value: unknown } | { ok: false; error: ApiErrorInfo };
type Bridge = { [M in ApiMethod]: (...args: unknown[]) => Promise<Envelope> } & { onMenu?: (listener: (command: MenuCommand) => void) => void };

declare global {
  interface Window { machineTeacher?: Bridge }
}

function unwrap(env: Envelope): unknown {
  if (!env.ok) throw new ApiError(env.error);
  return env.value;
}

function buildClient(call: (method: ApiMethod, args: unknown[]) => Promise<Envelope>): MachineTeacherApi {
  const client: Record<ApiMethod, (...args: unknown[]) => Promise<unknown>> = Object.fromEntries(
    API_METHODS.map((m) => [m, async (...args: unknown[]) => unwrap(await call(m, args))]),
  ) as Record<ApiMethod, (...args: unknown[]) => Promise<unknown>>;
  // The transport carries each method's declared result (the backend implements the same interface).
  return client as MachineTeacherApi;
}

const TOKEN_KEY = 'machine-teacher-token';

/**
 * The access token: from the URL fragment the page was opened with (`#token=…`, then taken out
 * of the address bar), else from this tab's sessionStorage (a reload keeps working).
 */
export function pageToken(): string {
  if (typeof window === 'undefined') return '';
  const fromUrl = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash)?.[1];
  if (fromUrl) {
    window.sessionStorage.setItem(TOKEN_KEY, fromUrl);
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return fromUrl ?? window.sessionStorage.getItem(TOKEN_KEY) ?? '';
}

const refused = (status: number, statusText: string): Envelope => ({
  ok: false,
  error: { message: status === 401 ? 'This page may not use the backend: open the full URL that `npm start` printed (it ends in #token=…).' : `Backend answered ${status} ${statusText}` },
});
const UNREACHABLE: ApiErrorInfo = { message: 'The Machine Teacher backend is not reachable. Is `npm start` still running?' };

export function httpClient(base = '', token = pageToken()): MachineTeacherApi {
  return buildClient(async (method, args) => {
    let res: Response;
    const body = encode(args);
    try {
      // keepalive lets a save started as the page unloads (reload, close) still arrive; browsers
      // allow it only for bodies up to 64 KiB.
      res = await fetch(`${base}/api/${method}`, { method: 'POST', body: body as BodyInit, keepalive: body.length < 60_000, headers: { 'content-type': 'application/octet-stream', 'x-machine-teacher-token': token } });
    } catch {
      return { ok: false, error: UNREACHABLE };
    }
    if (!res.ok) return refused(res.status, res.statusText);
    return decode<Envelope>(new Uint8Array(await res.arrayBuffer()));
  });
}

/**
 * Browser mode: opens a picked file by streaming it as the request body (the browser reads it
 * from disk as it sends; the backend parses as bytes arrive). `job` names it for openProgress
 * and cancelOpen; aborting `signal` stops the upload.
 */
export async function uploadFile(file: Blob & { name: string }, job: string, signal: AbortSignal, base = '', token = pageToken()): Promise<OpenedDataset> {
  let res: Response;
  try {
    res = await fetch(`${base}/api/openFile`, {
      method: 'POST', body: file, signal,
      headers: { 'content-type': 'application/x-machine-teacher-file', 'x-machine-teacher-file': encodeURIComponent(file.name), 'x-machine-teacher-job': job, 'x-machine-teacher-token': token },
    });
  } catch (err) {
    if (signal.aborted) throw err;
    throw new ApiError(UNREACHABLE);
  }
  return unwrap(res.ok ? decode<Envelope>(new Uint8Array(await res.arrayBuffer())) : refused(res.status, res.statusText)) as OpenedDataset;
}

function ipcClient(bridge: Bridge): MachineTeacherApi {
  return buildClient((method, args) => bridge[method](...args));
}

export const api: MachineTeacherApi = typeof window !== 'undefined' && window.machineTeacher ? ipcClient(window.machineTeacher) : httpClient();
export const isDesktop = typeof window !== 'undefined' && Boolean(window.machineTeacher);
export const onMenu = (listener: (command: MenuCommand) => void) => window.machineTeacher?.onMenu?.(listener);
