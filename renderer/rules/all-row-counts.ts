/**
 * Pair counts of *all* rows at 255 bins, kept from the first paint (which counts them anyway):
 * a settled highlight of most of the table is then "all rows minus the rows left out", counting
 * only the smaller side — a 99 % selection of a million rows counts 10,000 rows per pair, not
 * 990,000. Per colouring (groups identity) and pair of quantised columns; ~0.5 MB per pair with
 * two colour groups (16 MB for 31 axes), dropped with the layout's columns.
 */
import type { Binning } from './density.ts';
import type { ColourSource } from './colour.ts';
import type { PlotLayout } from './geometry.ts';
import { noteAllRowCounts } from './drag-session.ts';

const cache = new WeakMap<object, WeakMap<Uint8Array, WeakMap<Uint8Array, Uint32Array>>>();
const ONE_GROUP = {};

/** The all-row counts of pair (QA, QB) at 255 bins (shift 0), if the first paint kept them. */
export const allRowCounts = (groups: Uint8Array | null, QA: Uint8Array, QB: Uint8Array): Uint32Array | undefined =>
  cache.get(groups ?? ONE_GROUP)?.get(QA)?.get(QB);

/** A DensityInput.onPairCounts for a density of every row with `colour`: keeps a copy of each pair's counts. */
export function keepAllRowCounts(layout: PlotLayout, colour: ColourSource): (a: number, cnt: Uint32Array, bn: Binning) => void {
  const quant = layout.axes.map((x) => x.quant);
  const nGroups = colour.groups ? colour.nGroups : 1;
  return (a, cnt, bn) => {
    if (bn.shift !== 0 || allRowCounts(colour.groups, quant[a], quant[a + 1])) return;
    let byA = cache.get(colour.groups ?? ONE_GROUP);
    if (!byA) cache.set(colour.groups ?? ONE_GROUP, (byA = new WeakMap()));
    let byB = byA.get(quant[a]);
    if (!byB) byA.set(quant[a], (byB = new WeakMap()));
    byB.set(quant[a + 1], cnt.slice(0, bn.cells * nGroups));
  };
}

/** One onPairCounts for a density of all rows: occupancy for drags, counts for big selections. */
export function allRowsNoted(L: PlotLayout, colour: ColourSource): (a: number, cnt: Uint32Array, bn: Binning) => void {
  const occupancy = noteAllRowCounts(L, colour);
  const counts = keepAllRowCounts(L, colour);
  return (a, cnt, bn) => { occupancy(a, cnt, bn); counts(a, cnt, bn); };
}

/** The rows left out of a selection (mask 0), with the all-row counts the first paint kept. */
export function complementOf(L: PlotLayout, colour: ColourSource, mask: Uint8Array, count: number): { rows: Uint32Array; all: (a: number) => Uint32Array | undefined } {
  const rows = new Uint32Array(count);
  for (let i = 0, k = 0; k < count; i++) if (!mask[i]) rows[k++] = i;
  return { rows, all: (a) => allRowCounts(colour.groups, L.axes[a].quant, L.axes[a + 1].quant) };
}
