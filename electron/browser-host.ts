/**
 * Browser mode: the same renderer and the same backend as the desktop app, over loopback
 * HTTP. POST /api/<method> carries wire-encoded arguments (ml/wire.ts) and returns a
 * wire-encoded DispatchResult; POST /api/openFile with a raw file body streams it into the
 * loader as it arrives.
 *
 * Who may call the API: only a page opened from the URL `npm start` printed. That URL carries
 * a random per-start token in its fragment (never sent to a server, never in a Referer); the
 * page keeps it in sessionStorage and sends it as the X-Machine-Teacher-Token header on every
 * API call. A header, not a cookie: cookies ignore ports, so any other local server on
 * 127.0.0.1 the browser visits would receive it, and a page on another local port counts as
 * "same site" for SameSite. Requests without the token get 401. Host must be this loopback
 * host and port (DNS rebinding) and a cross-origin Origin is refused. Static files (the app's
 * own bundle) need no token and are served only from inside their folders.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { AddressInfo } from 'node:net';
import { argsProblem, isApiMethod } from '../ml/api.ts';
import { decode, encode } from '../ml/wire.ts';
import type { Backend } from './backend/backend.ts';
import { dispatch, toErrorInfo } from './backend/dispatch.ts';
import { BodyError, bodyChunks, DEFAULT_BODY_BYTES, limitFor, readBody, SMALL_BODY_MS, UPLOAD_LIMIT } from './http/bodies.ts';
import { resolveStatic } from './http/static-files.ts';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.wasm': 'application/wasm', '.png': 'image/png', '.svg': 'image/svg+xml', '.ico': 'image/x-icon', '.bin': 'application/octet-stream',
};

/** The renderer's CSP; the same policy the desktop window sets. */
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The header every API call carries, and the body type of a streamed file upload. */
export const TOKEN_HEADER = 'x-machine-teacher-token';
export const UPLOAD_TYPE = 'application/x-machine-teacher-file';
export const UPLOAD_NAME_HEADER = 'x-machine-teacher-file';
export const UPLOAD_JOB_HEADER = 'x-machine-teacher-job';

export type HostOptions = { api: Backend; staticDirs: Record<string, string>; port?: number; token?: string };
export type RunningHost = { server: Server; url: string; token: string };

const SECURITY_HEADERS = { 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'cross-origin-resource-policy': 'same-origin' };

function sameToken(given: string | string[] | undefined, token: Buffer): boolean {
  if (typeof given !== 'string') return false;
  const g = Buffer.from(given);
  return g.length === token.length && timingSafeEqual(g, token);
}

function send(res: ServerResponse, status: number, body: string | Uint8Array, type = 'text/plain; charset=utf-8'): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type, 'cache-control': 'no-store' }).end(body);
}

/** One API call: a wire-encoded call, or (openFile with a raw body) a file streamed into the loader. */
async function api(req: IncomingMessage, res: ServerResponse, backend: Backend, method: string): Promise<void> {
  let result: unknown;
  try {
    if (method === 'openFile' && req.headers['content-type'] === UPLOAD_TYPE) {
      const name = decodeURIComponent(String(req.headers[UPLOAD_NAME_HEADER] ?? ''));
      const job = String(req.headers[UPLOAD_JOB_HEADER] ?? '');
      const size = Number(req.headers['content-length'] ?? NaN);
      // Checked like any call's arguments (the bytes are the stream itself).
      const problem = argsProblem('openFile', [{ name, bytes: new Uint8Array(0) }]) ?? argsProblem('cancelOpen', [job]);
      result = problem
        ? { ok: false, error: { message: `Invalid arguments for openFile: ${problem}` } }
        : await backend.openStream(name, bodyChunks(req, UPLOAD_LIMIT), { size: Number.isFinite(size) ? size : null, job }).then((value) => ({ ok: true, value }));
    } else {
      const limit = isApiMethod(method) ? limitFor(method) : DEFAULT_BODY_BYTES;
      const body = await readBody(req, limit, limit <= DEFAULT_BODY_BYTES ? SMALL_BODY_MS : undefined);
      result = await dispatch(backend, method, decode<unknown>(body));
    }
  } catch (err) {
    if (err instanceof BodyError) {
      // Answer, then drop the connection: the rest of that body is not wanted.
      res.once('finish', () => req.destroy());
      res.setHeader('connection', 'close');
      return send(res, err.status, err.message);
    }
    result = { ok: false, error: toErrorInfo(err) };
  }
  send(res, 200, encode(result), 'application/octet-stream');
}

async function serveStatic(res: ServerResponse, dirs: Record<string, string>, urlPath: string, head: boolean): Promise<void> {
  const found = await resolveStatic(dirs, urlPath);
  if (!('file' in found)) return send(res, found.status, found.why);
  const body = await readFile(found.file).catch(() => null);
  if (!body) return send(res, 404, 'not found');
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': MIME[extname(found.file)] ?? 'application/octet-stream',
    'content-security-policy': CSP,
    'cache-control': 'no-cache',
  });
  res.end(head ? undefined : body);
}

export function startBrowserHost(opts: HostOptions): Promise<RunningHost> {
  const token = opts.token ?? randomBytes(32).toString('base64url');
  const tokenBytes = Buffer.from(token);
  const server = createServer((req, res) => {
    const { port } = server.address() as AddressInfo;
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return send(res, 421, 'misdirected');
    const origin = req.headers.origin;
    if (origin && origin !== `http://${host}`) return send(res, 403, 'cross-origin requests are refused');
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://${host}`);
    } catch {
      return send(res, 400, 'bad URL');
    }
    if (url.pathname.startsWith('/api/')) {
      if (!sameToken(req.headers[TOKEN_HEADER], tokenBytes)) {
        req.resume();
        return send(res, 401, 'missing or wrong access token: open the URL that npm start printed');
      }
      if (req.method !== 'POST') return send(res, 405, 'POST only');
      void api(req, res, opts.api, url.pathname.slice(5));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'GET only');
    void serveStatic(res, opts.staticDirs, url.pathname, req.method === 'HEAD');
  });
  // Our own clocks cut off slow bodies (bodies.ts); a long upload must not hit Node's total timeout.
  server.requestTimeout = 0;
  server.headersTimeout = 10_000;
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolvePromise({ server, token, url: `http://127.0.0.1:${port}/#token=${token}` });
    });
  });
}
