/**
 * The application menu. Menu commands are forwarded to the renderer as the same actions the
 * toolbar runs, so shortcuts and menus never disagree.
 */
import type { BrowserWindow, Menu, MenuItemConstructorOptions } from 'electron';
import { MENU_CHANNEL } from './ipc.ts';

/** `menu` is Electron's Menu class (passed in, so this module loads without the binary). */
export function buildMenu(menu: typeof Menu, getWindow: () => BrowserWindow | null): Menu {
  const send = (action: string) => () => getWindow()?.webContents.send(MENU_CHANNEL, action);
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'File',
      submenu: [
        { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: send('open-file') },
        { label: 'Start screen', accelerator: 'CmdOrCtrl+Shift+H', click: send('go-home') },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    { label: 'Edit', submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'copy' }, { role: 'paste' }] },
    { label: 'View', submenu: [{ role: 'reload' }, { role: 'toggleDevTools' }, { role: 'togglefullscreen' }] },
  ];
  return menu.buildFromTemplate(template);
}
