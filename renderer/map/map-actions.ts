/** Keyboard and toolbar commands of the map, registered while the map is on screen. */
import { registerActions } from '../actions/registry.ts';
import { projectStore } from '../project/store.ts';
import { labelRows, UNLABELLED } from '../labels/labels.ts';
import { clearSelection, mapStore } from './map-store.ts';
import { similarToCurrent } from './map-commands.ts';

const classCount = () => projectStore.get().project.labels?.classes.length ?? 0;

export function registerMapActions(): () => void {
  const labelActions = Array.from({ length: 9 }, (_, k) => ({
    id: `map-label-${k + 1}`,
    label: `Label the selection with class ${k + 1}`,
    keys: [String(k + 1)],
    enabled: () => classCount() > k,
    perform: () => { labelRows(mapStore.get().selection, k); },
  }));
  return registerActions([
    ...labelActions,
    { id: 'map-unlabel', label: 'Remove labels from the selection', keys: ['0'], perform: () => { labelRows(mapStore.get().selection, UNLABELLED); } },
    { id: 'map-clear-selection', label: 'Clear the selection', keys: ['Escape'], perform: clearSelection },
    { id: 'map-tool-lasso', label: 'Lasso select', keys: ['l'], perform: () => mapStore.set({ tool: 'lasso' }) },
    { id: 'map-tool-box', label: 'Box select', keys: ['b'], perform: () => mapStore.set((s) => ({ tool: s.tool === 'box' ? 'lasso' : 'box' })) },
    { id: 'map-tool-pan', label: 'Hand (pan)', keys: ['h'], perform: () => mapStore.set((s) => ({ tool: s.tool === 'pan' ? 'lasso' : 'pan' })) },
    { id: 'map-similar', label: 'Colour by similarity to this', keys: ['s'], perform: similarToCurrent },
    { id: 'map-fit', label: 'Fit the map', keys: ['f'], perform: () => mapStore.set((s) => ({ fitVersion: s.fitVersion + 1 })) },
  ]);
}
