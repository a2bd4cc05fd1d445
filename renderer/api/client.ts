/**
 * The renderer's backend: one MachineTeacherApi, from whichever transport this window has.
 * Desktop: the preload's window.machineTeacher (IPC). Browser mode: HTTP to the host that
 * served this page. Both unwrap the dispatch envelope into values or ApiError.
 */
import { API_METHODS, ApiError, type ApiErrorInfo, type ApiMethod, type MachineTeacherApi, type MenuCommand } from '../../ml/api.ts';
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

export function httpClient(base = ''): MachineTeacherApi {
  return buildClient(async (method, args) => {
    let res: Response;
    const body = encode(args);
    try {
      // keepalive lets a save started as the page unloads (reload, close) still arrive; browsers
      // allow it only for bodies up to 64 KiB.
      res = await fetch(`${base}/api/${method}`, { method: 'POST', body: body as BodyInit, keepalive: body.length < 60_000, headers: { 'content-type': 'application/octet-stream' } });
    } catch {
      return { ok: false, error: { message: 'The Machine Teacher backend is not reachable. Is `npm start` still running?' } };
    }
    if (!res.ok) return { ok: false, error: { message: `Backend answered ${res.status} ${res.statusText}` } };
    return decode<Envelope>(new Uint8Array(await res.arrayBuffer()));
  });
}

function ipcClient(bridge: Bridge): MachineTeacherApi {
  return buildClient((method, args) => bridge[method](...args));
}

export const api: MachineTeacherApi = typeof window !== 'undefined' && window.machineTeacher ? ipcClient(window.machineTeacher) : httpClient();
export const isDesktop = typeof window !== 'undefined' && Boolean(window.machineTeacher);
export const onMenu = (listener: (command: MenuCommand) => void) => window.machineTeacher?.onMenu?.(listener);
