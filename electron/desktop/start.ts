/**
 * The desktop host, wired: the app:// scheme, the session's guards, the IPC handler, the
 * window with its security settings, the menu. Takes the Electron module as an argument so
 * the tests can run this exact wiring against a recording stand-in (the binary cannot run on
 * the build machines); electron/main.ts passes the real one.
 */
import type * as Electron from 'electron';
import type { BrowserWindow } from 'electron';
import { join } from 'node:path';
import { createBackend } from '../backend/backend.ts';
import { IPC_CHANNEL } from '../ipc.ts';
import { buildMenu } from '../menu.ts';
import { APP_ENTRY, APP_SCHEME, APP_SCHEME_PRIVILEGES, windowOptions } from './config.ts';
import { guardContents, guardSession } from './guards.ts';
import { ipcHandler } from './ipc-handler.ts';
import { handleAppRequest } from './protocol.ts';

export type DesktopOptions = {
  version: string;
  datasetsDir: string;
  dataDir: string;
  /** URL prefix → folder served under app://machine-teacher/ ('/' is the renderer bundle). */
  staticDirs: Record<string, string>;
  preload: string;
  /** Files given on the command line, offered (and opened) at start. */
  startupPaths: string[];
};

/** Call before the app is ready (Electron requires the scheme registration that early). */
export function startDesktop(electron: typeof Electron, opts: DesktopOptions): { window(): BrowserWindow | null } {
  const { app, BrowserWindow: Window, dialog, ipcMain, Menu, protocol, session } = electron;
  let win: BrowserWindow | null = null;

  const pickFile = async (): Promise<string | null> => {
    if (!win) return null;
    const result = await dialog.showOpenDialog(win, {
      properties: ['openFile'],
      filters: [{ name: 'Data', extensions: ['csv', 'tsv', 'txt', 'parquet', 'arrow', 'feather', 'json', 'jsonl', 'npy', 'gz'] }],
    });
    return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0];
  };
  const pickFolder = async (): Promise<string | null> => {
    if (!win) return null;
    const result = await dialog.showOpenDialog(win, { properties: ['openDirectory'] });
    return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0];
  };
  const pickProjectLocation = async (purpose: 'open' | 'save'): Promise<string | null> => {
    if (!win) return null;
    if (purpose === 'open') {
      const r = await dialog.showOpenDialog(win, { title: 'Open project', properties: ['openDirectory'], defaultPath: join(opts.dataDir, 'projects') });
      return r.canceled || r.filePaths.length === 0 ? null : r.filePaths[0];
    }
    const r = await dialog.showSaveDialog(win, { title: 'Save project as', defaultPath: join(opts.dataDir, 'projects', 'Untitled.mtproj') });
    return r.canceled || !r.filePath ? null : r.filePath;
  };

  const api = createBackend({ mode: 'desktop', version: opts.version, datasetsDir: opts.datasetsDir, dataDir: opts.dataDir, pickFile, pickFolder, pickProjectLocation, startupPaths: opts.startupPaths });
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);
  ipcMain.handle(IPC_CHANNEL, ipcHandler(api, () => win?.webContents ?? null));
  // Every web contents, also ones we never make on purpose, gets the same guards.
  app.on('web-contents-created', (_event, contents) => guardContents(contents));

  const createWindow = () => {
    win = new Window(windowOptions(opts.preload));
    void win.loadURL(APP_ENTRY);
    win.on('closed', () => { win = null; });
  };

  void app.whenReady().then(() => {
    protocol.handle(APP_SCHEME, (request) => handleAppRequest(request, opts.staticDirs));
    guardSession(session.defaultSession);
    Menu.setApplicationMenu(buildMenu(Menu, () => win));
    createWindow();
    app.on('activate', () => { if (Window.getAllWindows().length === 0) createWindow(); });
  });
  app.on('window-all-closed', () => { if (process.platform !== 'darwin') app.quit(); });
  return { window: () => win };
}
