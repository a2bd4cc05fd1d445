/** Map commands shared by buttons and keyboard actions. */
import { toast } from '../store/app.ts';
import { findEmbedding, mapStore } from './map-store.ts';
import { cosineToRows } from '../../ml/embed/similarity.ts';

/** The row under the pointer, kept outside React state: it changes on every mouse move. */
export const hovered = { row: -1 };

/** Colours the map by cosine similarity (in the active embedding) to some rows' mean direction. */
export function similarToRows(rows: Uint32Array, of: string): void {
  const s = mapStore.get();
  const e = findEmbedding(s.embeddingId);
  if (!e || rows.length === 0) { toast('Hover or pick an item first'); return; }
  const n = e.data.length / e.dim;
  const values = cosineToRows(e.data, n, e.dim, rows);
  mapStore.set({ similarity: { values, of }, colourBy: { kind: 'similarity' } });
}

/** S: similar to the hovered item, else the focused one, else the selection. */
export function similarToCurrent(): void {
  const { focus, selection } = mapStore.get();
  if (hovered.row >= 0) similarToRows(Uint32Array.of(hovered.row), `item #${hovered.row}`);
  else if (focus >= 0) similarToRows(Uint32Array.of(focus), `item #${focus}`);
  else if (selection.length) similarToRows(selection, `the selection (${selection.length.toLocaleString()})`);
  else toast('Hover an item (or select some) and press S');
}
