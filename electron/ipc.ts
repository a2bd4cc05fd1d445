/** The IPC channels between preload and main: backend calls, and menu commands to the renderer. */
export const IPC_CHANNEL = 'machine-teacher:call';
export const MENU_CHANNEL = 'machine-teacher:menu';
