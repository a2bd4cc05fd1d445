/** The pure layout helpers of renderer/media: decode sizes, thumbnail buckets, the contact sheet's window. */
import { describe, expect, it } from 'vitest';
import { fitWithin } from '../../../ml/images/rgba.ts';
import { visibleLines } from '../../../renderer/media/ContactSheet.tsx';
import { bucketOf } from '../../../renderer/media/thumbnails.ts';

describe('media layout helpers', () => {
  it('fits a decode size within an edge, never upscaling', () => {
    expect(fitWithin(4000, 3000, 448)).toEqual({ width: 448, height: 336 });
    expect(fitWithin(20, 10, 448)).toEqual({ width: 20, height: 10 });
    expect(fitWithin(10000, 1, 64)).toEqual({ width: 64, height: 1 });
  });

  it('rounds a thumbnail size up to a shared bucket', () => {
    expect([bucketOf(10), bucketOf(64), bucketOf(65), bucketOf(600), bucketOf(5000)]).toEqual([64, 64, 128, 1024, 1024]);
  });

  it('renders only the grid lines in view plus a screen each way', () => {
    expect(visibleLines(0, 400, 100, 1000)).toEqual({ first: 0, last: 8 });
    expect(visibleLines(50_000, 400, 100, 1000)).toEqual({ first: 496, last: 508 });
    expect(visibleLines(99_800, 400, 100, 1000)).toEqual({ first: 994, last: 999 });
  });
});
