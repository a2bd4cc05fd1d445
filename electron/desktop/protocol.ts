/**
 * The `app://machine-teacher/` scheme: the renderer bundle (and the tfjs wasm under /wasm/)
 * served with the app's CSP, by the same path-segment-safe resolver as browser mode. Any
 * other host, a bad path or a file outside the folders is refused. Uses only the web
 * Request/Response types, so the tests call it directly.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { CSP } from '../browser-host.ts';
import { resolveStatic } from '../http/static-files.ts';
import { APP_HOST, APP_SCHEME } from './config.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
  '.wasm': 'application/wasm', '.png': 'image/png', '.svg': 'image/svg+xml', '.ico': 'image/x-icon',
};

export async function handleAppRequest(request: Request, dirs: Record<string, string>): Promise<Response> {
  const url = new URL(request.url);
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return new Response('not found', { status: 404 });
  if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('GET only', { status: 405 });
  const found = await resolveStatic(dirs, url.pathname);
  if (!('file' in found)) return new Response(found.why, { status: found.status });
  const body = await readFile(found.file);
  return new Response(request.method === 'HEAD' ? null : body, {
    status: 200,
    headers: { 'content-type': TYPES[extname(found.file)] ?? 'application/octet-stream', 'content-security-policy': CSP, 'x-content-type-options': 'nosniff' },
  });
}
