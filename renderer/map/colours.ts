/**
 * What colour each point gets. Colour is computed once per (colour-by, data) change into a
 * per-row palette index, so drawing batches by colour (one fill per colour, never one
 * fillStyle per point). Categories get a qualitative palette, numbers a 32-step ramp.
 */
import { interpolateViridis, schemeTableau10 } from 'd3-scale-chromatic';
import type { Table } from '../../ml/table/types.ts';
import { findColumn } from '../../ml/table/types.ts';

export type ColourKind = 'truth' | 'human' | 'prediction' | 'confidence' | 'column' | 'similarity';
export type ColourBy = { kind: ColourKind; column?: string };

export type LegendItem = { label: string; colour: string; count: number; index: number };
export type Legend =
  | { kind: 'categories'; title: string; items: LegendItem[] }
  | { kind: 'ramp'; title: string; min: number; max: number; lowLabel?: string; highLabel?: string; stops: string[] };

export type Colouring = {
  /** Per row: index into `palette`. */
  codes: Uint8Array;
  /** Packed RGB, 3 bytes per palette entry (for pixel writes). */
  rgb: Uint8Array;
  /** The same colours as CSS strings (for paths and the legend). */
  css: string[];
  legend: Legend;
};

export const MISSING_COLOUR = '#b9c0cb';
const EXTRA = ['#b07aa1', '#9c755f', '#e15759', '#76b7b2', '#ff9da7', '#bab0ac', '#59a14f', '#edc948', '#4e79a7', '#f28e2b'];
/** Tableau 10, then darker variants: distinct enough for up to 20 classes. */
export const CATEGORY_COLOURS = [...schemeTableau10, ...EXTRA.map((c) => darken(c, 0.72))];
export const RAMP_STEPS = 32;
const RAMP = Array.from({ length: RAMP_STEPS }, (_, i) => hex(interpolateViridis(0.05 + (0.9 * i) / (RAMP_STEPS - 1))));

function parse(css: string): [number, number, number] {
  if (css.startsWith('#')) {
    const v = parseInt(css.slice(1, 7), 16);
    return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
  }
  const m = /rgb\((\d+),\s*(\d+),\s*(\d+)\)/.exec(css);
  return m ? [+m[1], +m[2], +m[3]] : [128, 128, 128];
}
function hex(css: string): string {
  return `#${parse(css).map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}
function darken(css: string, f: number): string {
  return `#${parse(css).map((v) => Math.round(v * f).toString(16).padStart(2, '0')).join('')}`;
}

function pack(css: string[]): Uint8Array {
  const out = new Uint8Array(css.length * 3);
  css.forEach((c, i) => out.set(parse(c), i * 3));
  return out;
}

/**
 * Categories (codes -1 = missing) → colouring; beyond 19 categories the rarest share "other".
 * Classes pass `colourOf` (renderer/classes/colours.ts) so they look the same in every view.
 */
export function categorical(title: string, codes: Int32Array, names: string[], colourOf?: (name: string) => string): Colouring {
  const n = codes.length;
  const counts = new Int32Array(names.length);
  let missing = 0;
  for (let i = 0; i < n; i++) {
    if (codes[i] >= 0 && codes[i] < names.length) counts[codes[i]]++;
    else missing++;
  }
  let order = names.map((_, k) => k);
  const limit = CATEGORY_COLOURS.length;
  const slot = new Int32Array(names.length).fill(-1);
  let other = -1;
  if (names.length > limit) order = order.sort((a, b) => counts[b] - counts[a]).slice(0, limit - 1);
  order.forEach((k, s) => (slot[k] = s));
  const css = order.map((k, s) => (colourOf ? colourOf(names[k]) : CATEGORY_COLOURS[s]));
  const items: LegendItem[] = order.map((k, s) => ({ label: names[k], colour: css[s], count: counts[k], index: s }));
  if (names.length > limit) {
    other = css.length;
    css.push('#8a8f99');
    items.push({ label: `other (${names.length - order.length})`, colour: '#8a8f99', count: 0, index: other });
  }
  const missingIndex = css.length;
  css.push(MISSING_COLOUR);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const k = codes[i];
    if (k < 0 || k >= names.length) out[i] = missingIndex;
    else {
      const s = slot[k] >= 0 ? slot[k] : other;
      out[i] = s;
      if (s === other) items[items.length - 1].count++;
    }
  }
  if (missing > 0) items.push({ label: 'none', colour: MISSING_COLOUR, count: missing, index: missingIndex });
  return { codes: out, rgb: pack(css), css, legend: { kind: 'categories', title, items } };
}

/** Numbers (NaN = missing) → a 32-step ramp between their min and max. */
export function ramp(title: string, values: Float32Array, labels: { low?: string; high?: string; min?: number; max?: number } = {}): Colouring {
  let min = labels.min ?? Infinity, max = labels.max ?? -Infinity;
  if (labels.min === undefined || labels.max === undefined) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v === v) { if (v < min) min = v; if (v > max) max = v; }
    }
  }
  if (!(min <= max)) { min = 0; max = 1; }
  const span = max - min || 1;
  const css = [...RAMP, MISSING_COLOUR];
  const out = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out[i] = v === v ? Math.max(0, Math.min(RAMP_STEPS - 1, Math.floor(((v - min) / span) * RAMP_STEPS))) : RAMP_STEPS;
  }
  return { codes: out, rgb: pack(css), css, legend: { kind: 'ramp', title, min, max, lowLabel: labels.low, highLabel: labels.high, stops: RAMP } };
}

/** One colour for everything (nothing to colour by yet). */
export function uniform(title: string, n: number, colour = '#4e79a7'): Colouring {
  return { codes: new Uint8Array(n), rgb: pack([colour]), css: [colour], legend: { kind: 'categories', title, items: [{ label: 'all items', colour, count: n, index: 0 }] } };
}

/** A table column as a colouring: categorical → categories, numeric → ramp; text is not colourable. */
export function columnColouring(table: Table, name: string): Colouring | null {
  const col = findColumn(table, name);
  if (!col) return null;
  if (col.type === 'categorical') return categorical(name, col.codes, col.dictionary);
  if (col.type === 'numeric') return ramp(name, col.values);
  return null;
}

/** Columns a user may colour by (numeric or categorical). */
export function colourableColumns(table: Table): string[] {
  return table.columns.filter((c) => c.type !== 'text').map((c) => c.name);
}
