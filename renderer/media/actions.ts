/** Opening a folder of images, as actions: the desktop dialog (also the File menu), a picked or a dropped folder. */
import { defineAction } from '../actions/types.ts';
import { openDroppedFolder, openFolderWithDialog, openPickedFolder } from './open-folder.ts';

export const openFolderDialog = defineAction({ name: 'open-folder', label: 'Open a folder of images…', perform: async () => { await openFolderWithDialog(); } });
export const openPicked = defineAction<File[]>({ name: 'open-picked-folder', label: 'Open a picked folder', perform: (_s, files) => openPickedFolder(files) });
export const openDropped = defineAction<FileSystemDirectoryEntry>({ name: 'open-dropped-folder', label: 'Open a dropped folder', perform: (_s, entry) => openDroppedFolder(entry) });

export const MEDIA_ACTIONS = [openFolderDialog, openPicked, openDropped];
