/**
 * Browser mode: the same renderer and the same backend as the desktop app, over loopback
 * HTTP. POST /api/<method> carries wire-encoded arguments (ml/wire.ts) and returns a
 * wire-encoded DispatchResult. Only requests addressed to this loopback host and port are
 * served (a DNS-rebinding page elsewhere cannot reach the API).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { MachineTeacherApi } from '../ml/api.ts';
import { decode, encode } from '../ml/wire.ts';
import { dispatch } from './backend/dispatch.ts';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.wasm': 'application/wasm', '.png': 'image/png', '.svg': 'image/svg+xml', '.ico': 'image/x-icon', '.bin': 'application/octet-stream',
};

/** The renderer's CSP; the same policy the desktop window sets. */
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; worker-src 'self' blob:; connect-src 'self'";

export type HostOptions = { api: MachineTeacherApi; staticDirs: Record<string, string>; port?: number; maxUploadBytes?: number };

async function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error(`Request larger than ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

async function serveStatic(res: ServerResponse, dirs: Record<string, string>, urlPath: string): Promise<void> {
  const prefix = Object.keys(dirs).sort((a, b) => b.length - a.length).find((p) => urlPath.startsWith(p));
  if (prefix === undefined) return void res.writeHead(404).end('not found');
  const root = resolve(dirs[prefix]);
  let rel = decodeURIComponent(urlPath.slice(prefix.length)) || 'index.html';
  if (rel.endsWith('/')) rel += 'index.html';
  const file = normalize(join(root, rel));
  if (!file.startsWith(root)) return void res.writeHead(403).end('forbidden');
  try {
    if (!(await stat(file)).isFile()) throw new Error('not a file');
    res.writeHead(200, {
      'content-type': MIME[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
    });
    res.end(await readFile(file));
  } catch {
    res.writeHead(404).end('not found');
  }
}

export function startBrowserHost(opts: HostOptions): Promise<{ server: Server; url: string }> {
  const limit = opts.maxUploadBytes ?? 2 ** 31 - 1;
  const server = createServer((req, res) => {
    const { port } = server.address() as AddressInfo;
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return void res.writeHead(421).end('misdirected');
    const origin = req.headers.origin;
    if (origin && origin !== `http://${host}`) return void res.writeHead(403).end('cross-origin requests are refused');
    const url = new URL(req.url ?? '/', `http://${host}`);
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return void res.writeHead(405).end();
      void (async () => {
        let body: Uint8Array;
        try {
          body = encode(await dispatch(opts.api, url.pathname.slice(5), decode<unknown>(await readBody(req, limit))));
        } catch (err) {
          body = encode({ ok: false, error: { message: `Bad request: ${(err as Error).message}` } });
        }
        res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(body);
      })();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405).end();
    void serveStatic(res, opts.staticDirs, url.pathname);
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolvePromise({ server, url: `http://127.0.0.1:${port}/` });
    });
  });
}
