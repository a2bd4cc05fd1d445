/**
 * Desktop host: the Electron main process. One window, sandboxed renderer (contextIsolation
 * on, sandbox on, nodeIntegration off, strict CSP), the backend behind one IPC channel that
 * answers only the app's own window. Built to dist/electron/main.js by electron/build.mjs.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, session, type IpcMainInvokeEvent } from 'electron';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createBackend } from './backend/backend.ts';
import { dispatch } from './backend/dispatch.ts';
import { CSP } from './browser-host.ts';
import { DATASETS_DIR, RENDERER_DIR, VERSION, dataDir } from './paths.ts';
import { IPC_CHANNEL } from './ipc.ts';
import { buildMenu } from './menu.ts';
import { isOwnUrl, isTrustedSender } from './trust.ts';

const rendererUrl = pathToFileURL(join(RENDERER_DIR, 'index.html')).href;
const rendererRoot = pathToFileURL(RENDERER_DIR).href;
let win: BrowserWindow | null = null;

async function pickFile() {
  const result = win
    ? await dialog.showOpenDialog(win, {
        properties: ['openFile'],
        filters: [{ name: 'Data', extensions: ['csv', 'tsv', 'txt', 'parquet', 'arrow', 'feather', 'json', 'jsonl', 'npy'] }],
      })
    : { canceled: true, filePaths: [] };
  if (result.canceled || result.filePaths.length === 0) return null;
  const path = result.filePaths[0];
  return { name: basename(path), bytes: new Uint8Array(await readFile(path)), path };
}

async function pickProjectLocation(purpose: 'open' | 'save'): Promise<string | null> {
  if (!win) return null;
  if (purpose === 'open') {
    const r = await dialog.showOpenDialog(win, { title: 'Open project', properties: ['openDirectory'], defaultPath: join(dataDir(), 'projects') });
    return r.canceled || r.filePaths.length === 0 ? null : r.filePaths[0];
  }
  const r = await dialog.showSaveDialog(win, { title: 'Save project as', defaultPath: join(dataDir(), 'projects', 'Untitled.mtproj') });
  return r.canceled || !r.filePath ? null : r.filePath;
}

async function pickFolder() {
  const result = win ? await dialog.showOpenDialog(win, { properties: ['openDirectory'] }) : { canceled: true, filePaths: [] };
  return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0];
}

const api = createBackend({ mode: 'desktop', version: VERSION, datasetsDir: DATASETS_DIR, dataDir: dataDir(), pickFile, pickFolder, pickProjectLocation });

/** Only our own renderer, loaded from our own files, may call the backend. */
const trusted = (event: IpcMainInvokeEvent) =>
  isTrustedSender({ frameUrl: event.senderFrame?.url, sender: event.sender }, win?.webContents ?? null, rendererRoot);

ipcMain.handle(IPC_CHANNEL, async (event, method: unknown, args: unknown) => {
  if (!trusted(event)) return { ok: false, error: { message: 'Refused: the request did not come from the app window.' } };
  return dispatch(api, method, args);
});

function createWindow() {
  win = new BrowserWindow({
    width: 1440,
    height: 900,
    title: 'Machine Teacher',
    webPreferences: {
      preload: fileURLToPath(new URL('./preload.cjs', import.meta.url)),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  // Navigation and new windows stay inside the app.
  win.webContents.on('will-navigate', (e, url) => { if (!isOwnUrl(url, rendererRoot)) e.preventDefault(); });
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  void win.loadURL(rendererUrl);
  win.on('closed', () => { win = null; });
}

void app.whenReady().then(() => {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
  Menu.setApplicationMenu(buildMenu(() => win));
  createWindow();
  app.on('activate', () => { if (BrowserWindow.getAllWindows().length === 0) createWindow(); });
});

app.on('window-all-closed', () => { if (process.platform !== 'darwin') app.quit(); });
