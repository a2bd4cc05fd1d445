/**
 * What the desktop main process refuses, as functions over the small parts of Electron's
 * objects they touch (so the tests drive them with plain objects): navigation and new windows
 * outside the app, <webview>, every permission request, and any request to a URL that is not
 * the app's own (no remote content, not even by mistake).
 */
import { APP_ROOT } from './config.ts';
import { isOwnUrl } from '../trust.ts';

type Prevented = { preventDefault(): void };

/** The parts of a WebContents the guards use. */
export type GuardedContents = {
  on(event: 'will-navigate' | 'will-redirect', listener: (e: Prevented, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (e: Prevented) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
};

/** The parts of a Session the guards use. */
export type GuardedSession = {
  setPermissionRequestHandler(handler: (contents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void;
  webRequest: { onBeforeRequest(listener: (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void): void };
};

/** URLs the app itself uses: its own scheme, and data:/blob: it makes itself (images, workers). */
export function isAllowedRequest(url: string): boolean {
  return isOwnUrl(url, APP_ROOT) || url.startsWith('data:') || url.startsWith('blob:app://') || url.startsWith('devtools://');
}

export function guardContents(contents: GuardedContents): void {
  const stay = (e: Prevented, url: string) => { if (!isOwnUrl(url, APP_ROOT)) e.preventDefault(); };
  contents.on('will-navigate', stay);
  contents.on('will-redirect', stay);
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function guardSession(session: GuardedSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url) }));
}
