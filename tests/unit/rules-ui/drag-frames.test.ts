/**
 * A drag's frames (drawParallel.ts): the drag's buffers are warmed while the pointer rests,
 * frames redraw only the cells that changed, and a frame that changed no cell is not drawn
 * again — yet every pixel put equals drawing that frame's counts from scratch.
 * Canvas stand-in: Node has no canvas; the functions only read width/height and call putImageData.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Table } from '../../../ml/table/types.ts';
import { mulberry32 } from '../../../ml/random.ts';
import { plotLayout, pairsInView } from '../../../renderer/rules/geometry.ts';
import { DragCube } from '../../../renderer/rules/drag-cube.ts';
import { axisEdges, binCount, rowBins } from '../../../renderer/rules/drag-bins.ts';
import { dragEdge } from '../../../renderer/rules/brush-edit.ts';
import { drawDensity, warmDensity, type DensityProps } from '../../../renderer/rules/drawParallel.ts';
import { DRAG_SHIFT } from '../../../renderer/rules/drag-session.ts';
import { fromCodes } from '../../../renderer/rules/colour.ts';
import type { DensityBuffers, PairCounts } from '../../../renderer/rules/density.ts';

class FakeImageData {
  readonly data: Uint8ClampedArray;
  constructor(readonly width: number, readonly height: number) { this.data = new Uint8ClampedArray(width * height * 4); }
}

/** A canvas that keeps what was put on it, and counts the puts. */
function fakeContext(width: number, height: number) {
  const pixels = new Uint8ClampedArray(width * height * 4);
  let puts = 0;
  const ctx = {
    canvas: { width, height },
    putImageData(img: FakeImageData, _dx: number, _dy: number, x: number, y: number, w: number, h: number) {
      puts++;
      for (let r = y; r < y + h; r++) pixels.set(img.data.subarray((r * width + x) * 4, (r * width + x + w) * 4), (r * width + x) * 4);
    },
  };
  return { ctx: ctx as unknown as CanvasRenderingContext2D, pixels, puts: () => puts };
}

function table(n: number): Table {
  const rnd = mulberry32(7);
  const col = () => Float32Array.from({ length: n }, () => (rnd() - 0.5) * 10 * (rnd() < 0.1 ? 4 : 1));
  const codes = Int32Array.from({ length: n }, () => (rnd() < 0.2 ? 1 : 0));
  return { n, columns: [
    { name: 'a', type: 'numeric', values: col() }, { name: 'b', type: 'numeric', values: col() },
    { name: 'c', type: 'numeric', values: col() }, { name: 'k', type: 'categorical', codes, dictionary: ['no', 'yes'] },
  ] };
}

beforeAll(() => { (globalThis as { ImageData?: unknown }).ImageData ??= FakeImageData; });

describe('drag frames', () => {
  it('warm, then frames by their changes (unchanged ones skipped): the canvas equals each frame drawn from scratch', () => {
    const t = table(20_000);
    const L = plotLayout(t, ['a', 'b', 'c', 'k'], {}, 500, 300);
    const k = t.columns[3];
    if (k.type !== 'categorical') throw new Error('k is categorical');
    const colour = fromCodes('k', k.codes, k.dictionary);
    const axis = L.axes[1];
    if (axis.column.type !== 'numeric') throw new Error('b is numeric');
    const edges = axisEdges((y) => dragEdge(L, axis, y, true), L.top, L.bottom);
    const pairs = pairsInView(L, 0, 500);
    const cube = DragCube.buildNow({ quant: L.axes.map((a) => a.quant), pairs, groups: colour.groups, nGroups: 2, shift: DRAG_SHIFT, bins: rowBins(axis.column, axis.quant, edges), nBins: binCount(edges), rows: null, n: t.n })!;
    const W = Math.round(L.width), H = L.height;
    const props = (counts: PairCounts): DensityProps => ({ layout: L, dpr: 1, index: null, n: t.n, colour, shift: DRAG_SHIFT, aMin: 0.3, aMax: 0.95, window: [0, 500], counts });
    // Bin ranges as a drag makes them: the lower edge moves, sometimes within the same bins.
    const ranges: [number, number][] = [[200, 500], [200, 500], [190, 500], [190, 500], [120, 500], [121, 500], [121, 500], [300, 500]];
    const canvas = fakeContext(W, H);
    let buf: DensityBuffers | undefined = warmDensity(W, H, props(cube.counts(260, 500)));
    let shown = false, skipped = 0;
    for (const [b0, b1] of ranges) {
      const before = canvas.puts();
      const counts = cube.counts(b0, b1);
      const expected = fakeContext(W, H);
      drawDensity(expected.ctx, props({ cnt: counts.cnt.slice(), pairStride: counts.pairStride }));
      buf = drawDensity(canvas.ctx, props(counts), buf, shown);
      // The first frame puts the warmed image; later ones put only when a cell changed.
      const unchanged = shown && buf.changed === 0;
      expect(canvas.puts() - before).toBe(unchanged ? 0 : 1);
      if (unchanged) skipped++;
      shown = true;
      expect(Buffer.from(canvas.pixels).equals(Buffer.from(expected.pixels))).toBe(true);
    }
    expect(buf.changed).toBeGreaterThan(0);
    expect(skipped).toBeGreaterThanOrEqual(2);
  });
});
