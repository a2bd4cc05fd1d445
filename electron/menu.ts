/**
 * The application menu. Menu commands are forwarded to the renderer as the same actions the
 * toolbar runs, so shortcuts and menus never disagree.
 */
import type { BrowserWindow, Menu, MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../ml/api.ts';
import { MENU_CHANNEL } from './ipc.ts';

/** `menu` is Electron's Menu class (passed in, so this module loads without the binary). */
export function buildMenu(menu: typeof Menu, getWindow: () => BrowserWindow | null): Menu {
  const send = (command: MenuCommand) => () => getWindow()?.webContents.send(MENU_CHANNEL, command);
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'File',
      submenu: [
        { label: 'Open…', accelerator: 'CmdOrCtrl+O', click: send('open-file') },
        { label: 'Open a folder of images…', accelerator: 'CmdOrCtrl+Shift+O', click: send('open-folder') },
        { label: 'Open project…', click: send('open-project') },
        { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: send('export') },
        { label: 'Start screen', accelerator: 'CmdOrCtrl+Shift+H', click: send('go-home') },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    // Undo/Redo are the app's own (labels, rules, brushes…); inside a text field they undo typing.
    {
      label: 'Edit',
      submenu: [
        { label: 'Undo', accelerator: 'CmdOrCtrl+Z', click: send('undo') },
        { label: 'Redo', accelerator: 'CmdOrCtrl+Shift+Z', click: send('redo') },
        { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' },
      ],
    },
    { label: 'Help', submenu: [{ label: 'Keyboard shortcuts', accelerator: 'Shift+/', click: send('shortcuts') }] },
    { label: 'View', submenu: [{ role: 'reload' }, { role: 'toggleDevTools' }, { role: 'togglefullscreen' }] },
  ];
  return menu.buildFromTemplate(template);
}
