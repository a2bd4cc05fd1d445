/**
 * Preload (sandboxed): exposes exactly the MachineTeacherApi methods on window.machineTeacher.
 * Each returns the dispatch envelope {ok, value | error}; the renderer's IPC client unwraps it
 * (Error objects lose their fields crossing contextBridge, envelopes do not).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { API_METHODS, isMenuCommand, type MenuCommand } from '../ml/api.ts';
import { IPC_CHANNEL, MENU_CHANNEL } from './ipc.ts';

const bridge = Object.fromEntries(
  API_METHODS.map((method) => [method, (...args: unknown[]) => ipcRenderer.invoke(IPC_CHANNEL, method, args)]),
);

contextBridge.exposeInMainWorld('machineTeacher', {
  ...bridge,
  onMenu: (listener: (command: MenuCommand) => void) => {
    ipcRenderer.on(MENU_CHANNEL, (_event, command: unknown) => { if (isMenuCommand(command)) listener(command); });
  },
});
