/**
 * Binned counts of the selection for every axis pair, kept up to date *incrementally* while a
 * brush is dragged. Counting every selected row on every pointer move was most of a frame
 * (142k rows × 30 pairs ≈ 20 ms at a 50 % selection); a drag step changes only the rows
 * between the old and the new brush edge, so each step scans the mask for rows that changed
 * (a byte compare) and moves just those between cells. Drawing then reads the counts.
 * Pure (no DOM); one instance per drag, thrown away when the drag ends.
 */
import { binning, countPair, type Binning, type DensityInput } from './density.ts';

export class DragCounts {
  readonly bn: Binning;
  /** Per pair: nGroups × cells counts, pairs one after another. */
  readonly cnt: Uint32Array;
  readonly pairStride: number;
  /** The selection the counts describe (1 = counted). */
  private readonly counted: Uint8Array;

  constructor(private readonly quant: Uint8Array[], private readonly groups: Uint8Array | null, readonly nGroups: number, readonly shift: number, readonly n: number, mask: Uint8Array) {
    this.bn = binning(shift);
    this.pairStride = this.bn.cells * nGroups;
    this.cnt = new Uint32Array(Math.max(0, quant.length - 1) * this.pairStride);
    this.counted = mask.slice(0, n);
    let m = 0;
    for (let i = 0; i < n; i++) m += this.counted[i];
    const index = new Uint32Array(m);
    for (let i = 0, k = 0; i < n; i++) if (this.counted[i]) index[k++] = i;
    const input: DensityInput = { quant, index, n, groups, nGroups, shift };
    for (let a = 0; a + 1 < quant.length; a++) countPair(this.cnt, a * this.pairStride, this.bn, input, a);
  }

  /** Brings the counts to `mask`: rows that entered are added, rows that left are removed. Returns how many changed. */
  sync(mask: Uint8Array): number {
    const { counted, quant, groups, cnt, pairStride } = this;
    const { NB, cells, binOf } = this.bn;
    const pairs = quant.length - 1;
    let changed = 0;
    for (let i = 0; i < this.n; i++) {
      const now = mask[i];
      if (now === counted[i]) continue;
      counted[i] = now;
      changed++;
      const g = groups ? groups[i] : 0;
      if (g === 255) continue;
      const d = now ? 1 : -1;
      const off = g * cells;
      for (let a = 0; a < pairs; a++) cnt[a * pairStride + off + binOf[quant[a][i]] * NB + binOf[quant[a + 1][i]]] += d;
    }
    return changed;
  }
}
