/** App-wide actions: undo/redo, going home, opening a file; menu commands map onto these. */
import { appStore, toast } from '../store/app.ts';
import { redo, undo } from '../store/history.ts';
import { onMenu } from '../api/client.ts';
import { openWithDialog } from '../dataset/open.ts';
import { registerActions, runAction } from './registry.ts';

export function registerAppActions(): () => void {
  const off = registerActions([
    { id: 'undo', label: 'Undo', keys: ['mod+z'], perform: () => { const l = undo(); toast(l ? `Undid: ${l}` : 'Nothing to undo'); } },
    { id: 'redo', label: 'Redo', keys: ['mod+shift+z', 'mod+y'], perform: () => { const l = redo(); toast(l ? `Redid: ${l}` : 'Nothing to redo'); } },
    { id: 'go-home', label: 'Start screen', perform: () => appStore.set({ dataset: null }) },
    { id: 'open-file', label: 'Open…', perform: async () => { await openWithDialog(); } },
  ]);
  onMenu((action) => runAction(action));
  return off;
}
