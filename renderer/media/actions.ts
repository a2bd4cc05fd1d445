/** Opening a folder of images, as actions: the desktop dialog (also the File menu), a picked or a dropped folder. */
import { defineAction } from '../actions/types.ts';
import { locateData } from '../project/actions.ts';
import { openDroppedFolder, openFolderWithDialog, openPickedFolder, pageFolderFromPicked } from './open-folder.ts';

export const openFolderDialog = defineAction({ name: 'open-folder', label: 'Open a folder of images…', perform: async () => { await openFolderWithDialog(); } });
export const openPicked = defineAction<File[]>({ name: 'open-picked-folder', label: 'Open a picked folder', perform: (_s, files) => openPickedFolder(files) });
export const openDropped = defineAction<FileSystemDirectoryEntry>({ name: 'open-dropped-folder', label: 'Open a dropped folder', perform: (_s, entry) => openDroppedFolder(entry) });

/** The open project's folder of images, picked again in the page: its labels follow their files (matched by path). */
export const locatePickedFolder = defineAction<{ files: File[]; matchByPosition: boolean }>({
  name: 'project.locate-picked-folder', label: 'Locate the folder of images', when: locateData.when,
  perform: async (s, { files, matchByPosition }) => { await locateData.perform(s, { where: { page: await pageFolderFromPicked(files) }, matchByPosition }); },
});

export const MEDIA_ACTIONS = [openFolderDialog, openPicked, openDropped, locatePickedFolder];
