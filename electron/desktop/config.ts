/**
 * The desktop window's security settings, as data the tests read (Electron cannot run on the
 * build machines): the renderer is sandboxed and isolated, has no Node, keeps web security,
 * runs no remote content and loads the app from its own `app://` scheme (not file://, which
 * would make every local file same-origin with the app).
 */
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'machine-teacher';
/** Everything the window may load or call from: our own bundle under this root. */
export const APP_ROOT = `${APP_SCHEME}://${APP_HOST}/`;
export const APP_ENTRY = `${APP_ROOT}index.html`;

/** The scheme is registered as standard (relative URLs, ES modules, workers) and secure. */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, codeCache: true } as const;

export function webPreferences(preload: string): WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

export function windowOptions(preload: string): BrowserWindowConstructorOptions {
  return { width: 1440, height: 900, title: 'Machine Teacher', show: true, webPreferences: webPreferences(preload) };
}
