/**
 * Colour sources for the lines: a per-row group (Uint8, 255 = drawn grey/not at all), its
 * colours and names. Sources: the label column, any column, the rule set's verdict, the model's
 * prediction (renderer/model/model-store.ts), or none. Small groups draw on top so a 0.2 %
 * class stays visible.
 */
import { color as d3color, interpolateViridis } from 'd3';
import type { Table } from '../../ml/table/types.ts';
import type { Rgb } from './density.ts';
import { axisData } from './geometry.ts';

export type ColourSource = {
  title: string;
  groups: Uint8Array | null;
  nGroups: number;
  colours: Rgb[];
  names: string[];
  /** Draw order: largest group first, smallest last (on top). */
  order: number[];
};

export const PALETTE = ['#3b5bdb', '#e8590c', '#2b8a3e', '#ae3ec9', '#c92a2a', '#1098ad', '#f59f00', '#5c940d'];
export const OTHER = '#9aa3b2';
const MAX_GROUPS = 8;

export const rgb = (hex: string): Rgb => {
  const c = d3color(hex)?.rgb();
  return c ? [c.r, c.g, c.b] : [128, 128, 128];
};

export const single = (hex = PALETTE[0], title = 'all rows'): ColourSource => ({ title, groups: null, nGroups: 1, colours: [rgb(hex)], names: [title], order: [0] });

function bySize(groups: Uint8Array, k: number): number[] {
  const size = new Float64Array(k);
  for (let i = 0; i < groups.length; i++) if (groups[i] < k) size[groups[i]]++;
  return Array.from({ length: k }, (_, g) => g).sort((a, b) => size[b] - size[a]);
}

/**
 * Class codes (label, rule verdicts or predictions) → groups, coloured by the app's one class →
 * colour mapping (`colourOf`); without it (plain categorical columns) by size rank.
 */
export function fromCodes(title: string, codes: Int32Array, names: string[], colourOf?: (name: string) => string): ColourSource {
  const counts = new Float64Array(names.length);
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0 && codes[i] < names.length) counts[codes[i]]++;
  const ranked = names.map((_, c) => c).sort((a, b) => counts[b] - counts[a]);
  const kept = ranked.slice(0, names.length > MAX_GROUPS ? MAX_GROUPS - 1 : MAX_GROUPS);
  const groupOf = new Uint8Array(names.length).fill(names.length > MAX_GROUPS ? kept.length : 255);
  kept.forEach((c, g) => { groupOf[c] = g; });
  const groups = new Uint8Array(codes.length);
  for (let i = 0; i < codes.length; i++) groups[i] = codes[i] >= 0 && codes[i] < names.length ? groupOf[codes[i]] : 255;
  const gNames = kept.map((c) => names[c]);
  const colours = kept.map((c, g) => rgb(colourOf ? colourOf(names[c]) : PALETTE[g]));
  if (names.length > MAX_GROUPS) { gNames.push('other'); colours.push(rgb(OTHER)); }
  return { title, groups, nGroups: gNames.length, colours, names: gNames, order: bySize(groups, gNames.length) };
}

/** Any axis column: categories as above, numbers in 6 quantile bands of a sequential palette. */
export function fromColumn(table: Table, name: string): ColourSource {
  const col = table.columns.find((c) => c.name === name);
  if (!col || col.type === 'text') return single();
  if (col.type === 'categorical') return fromCodes(name, col.codes, col.dictionary);
  const { quant } = axisData(table, name, 'quantile');
  const K = 6;
  const groups = new Uint8Array(table.n);
  for (let i = 0; i < table.n; i++) groups[i] = quant[i] === 255 ? 255 : Math.min(K - 1, Math.floor((quant[i] / 255) * K));
  const sc = axisData(table, name, 'quantile').scale;
  const names = Array.from({ length: K }, (_, g) => `${sc.fromUnit(g / K).toPrecision(3)} – ${sc.fromUnit((g + 1) / K).toPrecision(3)}`);
  const colours = Array.from({ length: K }, (_, g) => rgb(interpolateViridis(0.05 + (0.85 * g) / (K - 1))));
  // Numeric bands: keep the natural order (high values on top) rather than by size.
  return { title: name, groups, nGroups: K, colours, names, order: Array.from({ length: K }, (_, g) => g) };
}

export const toCss = ([r, g, b]: Rgb, a = 1) => `rgba(${r | 0},${g | 0},${b | 0},${a})`;
