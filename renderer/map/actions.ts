/**
 * Map commands as actions: selection (lasso, box, click), focus, tools, colouring, point size
 * and opacity, the embedding shown, "similar to this", and labelling with the number keys.
 * The keys 1–9 / 0 mean different things by context, innermost first: the teach queue's
 * current item (renderer/model/teach-actions.ts), else the item card, else the selection.
 */
import { cosineToRows } from '../../ml/embed/similarity.ts';
import { searchRows } from '../../ml/table/search.ts';
import { UNLABELLED } from '../../ml/project/label-delta.ts';
import { defineAction, type ActionResult } from '../actions/types.ts';
import type { ActionState } from '../actions/state.ts';
import { labelRowsResult } from '../labels/labels.ts';
import { findEmbedding, mapUiOf, setActiveEmbedding, type ColourBy, type MapState, type MapTool } from './map-store.ts';

/** The row under the pointer, kept outside React state: it changes on every mouse move. */
export const hovered = { row: -1 };

const onMap = (s: ActionState) => s.dataset !== null && s.app.view === 'map';
const queueOpen = (s: ActionState) => s.queue.kind !== null && s.queue.rows.length > 0;
const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];
const digitClass = (key: string) => (key === '0' ? UNLABELLED : Number(key) - 1);
const empty = new Uint32Array(0);

/** A view change of the map that is also kept with the project (colour, size, opacity). */
const look = (s: ActionState, patch: Partial<MapState>): ActionResult => ({ view: { map: patch, ui: { map: mapUiOf({ ...s.map, ...patch }) } } });

export const labelSelection = defineAction<{ classIndex: number }>({
  name: 'map.label-selection', label: 'Label the selection with class 1–9 (0 removes)', keys: DIGITS, group: 'Map',
  keyContext: (s) => onMap(s) && !queueOpen(s) && s.map.focus < 0,
  keyValue: (_s, key) => ({ classIndex: digitClass(key) }),
  perform: (s, { classIndex }) => labelRowsResult(s, s.map.selection, classIndex),
});

export const labelFocused = defineAction<{ classIndex: number }>({
  name: 'map.label-item', label: 'Label the item in the card with class 1–9 (0 removes)', keys: DIGITS, group: 'Item card',
  keyContext: (s) => onMap(s) && !queueOpen(s) && s.map.focus >= 0,
  keyValue: (_s, key) => ({ classIndex: digitClass(key) }),
  perform: (s, { classIndex }) => labelRowsResult(s, Uint32Array.of(s.map.focus), classIndex),
});

export const select = defineAction<{ rows: Uint32Array }>({
  name: 'map.select', label: 'Select items',
  perform: (_s, { rows }) => ({ view: { map: { selection: rows } } }),
});

export const clearSelection = defineAction({
  name: 'map.clear-selection', label: 'Clear the selection',
  perform: () => ({ view: { map: { selection: empty, focus: -1 } } }),
});

export const focusItem = defineAction<{ row: number }>({
  name: 'map.focus', label: 'Show an item’s card',
  perform: (_s, { row }) => ({ view: { map: { focus: row } } }),
});

const tool = (t: MapTool, key: string, label: string) => defineAction({
  name: `map.tool-${t}`, label, keys: [key], group: 'Map', keyContext: onMap,
  // Pressing a tool's key again goes back to the lasso, like design tools.
  perform: (s) => ({ view: { map: { tool: s.map.tool === t && t !== 'lasso' ? 'lasso' : t } } }),
});
export const lassoTool = tool('lasso', 'l', 'Lasso select');
export const boxTool = tool('box', 'b', 'Box select');
export const panTool = tool('pan', 'h', 'Hand (pan)');

export const setTool = defineAction<MapTool>({ name: 'map.tool', label: 'Selection tool', perform: (_s, t) => ({ view: { map: { tool: t } } }) });

export const fitMap = defineAction({
  name: 'map.fit', label: 'Fit the map', keys: ['f'], group: 'Map', keyContext: onMap,
  perform: (s) => ({ view: { map: { fitVersion: s.map.fitVersion + 1 } } }),
});

export const zoomToSelection = defineAction({
  name: 'map.zoom-selection', label: 'Zoom to the selection', keys: ['z'], group: 'Map', keyContext: onMap,
  perform: (s) => (s.map.selection.length ? { view: { map: { zoomVersion: s.map.zoomVersion + 1 } } } : { toast: 'Select some items first' }),
});

/** The search box: rows whose text or category contains the words (or `column:value`) become the selection. */
export const searchMap = defineAction<{ query: string }>({
  name: 'map.search', label: 'Search the items',
  when: (s) => s.dataset !== null,
  perform: (s, { query }) => {
    const r = searchRows(s.dataset!.table, query);
    if ('error' in r) return { toast: r.error };
    if (!query.trim()) return { view: { map: { selection: empty } } };
    return { view: { map: { selection: r.rows, focus: -1 } }, toast: `${r.rows.length.toLocaleString()} items ${r.where}${r.rows.length ? ' selected — Z zooms to them' : ''}` };
  },
});

export const colourMap = defineAction<ColourBy>({ name: 'map.colour', label: 'Colour the points by', perform: (s, colourBy) => look(s, { colourBy }) });
export const setPointSize = defineAction<number>({ name: 'map.point-size', label: 'Point size', perform: (s, pointSize) => look(s, { pointSize }) });
export const setOpacity = defineAction<number>({ name: 'map.opacity', label: 'Opacity', perform: (s, opacity) => look(s, { opacity }) });

export const showEmbedding = defineAction<{ id: string }>({
  name: 'map.embedding', label: 'Show an embedding on the map',
  perform: (_s, { id }) => setActiveEmbedding(id),
});

/** Colours the map by cosine similarity (in the active embedding) to some rows' mean direction. */
export function similarResult(s: ActionState, rows: Uint32Array, of: string): ActionResult {
  const e = findEmbedding(s.map.embeddingId);
  if (!e || rows.length === 0) return { toast: 'Hover or pick an item first' };
  const values = cosineToRows(e.data, e.data.length / e.dim, e.dim, rows);
  return { view: { map: { similarity: { values, of }, colourBy: { kind: 'similarity' } } } };
}

export const similarTo = defineAction<{ rows: Uint32Array; of: string }>({
  name: 'map.similar', label: 'Colour by similarity', perform: (s, { rows, of }) => similarResult(s, rows, of),
});

/** S: similar to the hovered item, else the one in the card, else the selection. */
export const similarToCurrent = defineAction({
  name: 'map.similar-current', label: 'Colour by similarity to this', keys: ['s'], group: 'Map', keyContext: onMap,
  perform: (s) => {
    const { focus, selection } = s.map;
    if (hovered.row >= 0) return similarResult(s, Uint32Array.of(hovered.row), `item #${hovered.row}`);
    if (focus >= 0) return similarResult(s, Uint32Array.of(focus), `item #${focus}`);
    if (selection.length) return similarResult(s, selection, `the selection (${selection.length.toLocaleString()})`);
    return { toast: 'Hover an item (or select some) and press S' };
  },
});

/** The large view of an image; it shows the item of the card (so the digit keys label it). */
export const openViewer = defineAction<{ row: number }>({
  name: 'map.view-large', label: 'Show the image large',
  perform: (_s, { row }) => ({ view: { map: { viewer: row, focus: row } } }),
});

export const closeViewer = defineAction({ name: 'map.close-large', label: 'Close the large view', perform: () => ({ view: { map: { viewer: -1 } } }) });

/** Arrow keys in the large view: the previous / next item of the selection. */
export const stepViewer = defineAction<{ delta: -1 | 1 }>({
  name: 'map.step-large', label: 'Previous / next image', keys: ['ArrowLeft', 'ArrowRight'], group: 'Large view',
  keyContext: (s) => s.map.viewer >= 0,
  keyValue: (_s, key) => ({ delta: key === 'ArrowLeft' ? -1 : 1 }),
  perform: (s, { delta }) => {
    const list = s.map.selection.length ? s.map.selection : null;
    const i = list ? list.indexOf(s.map.viewer) : -1;
    const next = list && i >= 0 ? list[i + delta] : undefined;
    return next === undefined ? undefined : { view: { map: { viewer: next, focus: next } } };
  },
});

export const MAP_ACTIONS = [openViewer, closeViewer, stepViewer, labelSelection, labelFocused, select, clearSelection, focusItem, lassoTool, boxTool, panTool, setTool, fitMap, zoomToSelection, searchMap,
  colourMap, setPointSize, setOpacity, showEmbedding, similarTo, similarToCurrent];
