import { beforeEach, describe, expect, it } from 'vitest';
import { closeQueue, currentRow, openQueue, queueActive, queueStore, step } from '../../../renderer/model/queue-store.ts';
import { lossCeiling } from '../../../renderer/model/draw-curves.ts';

describe('queue cursor', () => {
  beforeEach(() => closeQueue());

  it('steps through a snapshot of rows, clamped at both ends', () => {
    expect(queueActive()).toBe(false);
    expect(currentRow()).toBe(-1);
    openQueue('least-confident', Uint32Array.from([40, 7, 19]), 3);
    expect(queueActive()).toBe(true);
    expect(currentRow()).toBe(40);
    expect(step(1)).toBe(7);
    expect(step(1)).toBe(19);
    expect(step(1)).toBe(19);
    expect(queueStore.get().pos).toBe(2);
    expect(step(-5)).toBe(40);
    expect(queueStore.get().version).toBe(3);
  });

  it('an empty queue is open but has no current item', () => {
    openQueue('label-disagrees', new Uint32Array(0), 1);
    expect(queueStore.get().kind).toBe('label-disagrees');
    expect(queueActive()).toBe(false);
    expect(step(1)).toBe(-1);
  });
});

describe('curve scale', () => {
  it('fits the largest finite loss, ignores NaN validation', () => {
    expect(lossCeiling([])).toBe(1);
    expect(lossCeiling([{ epoch: 1, loss: 2, acc: 0.5, valLoss: NaN, valAcc: NaN }, { epoch: 2, loss: 1, acc: 0.7, valLoss: 3, valAcc: 0.6 }])).toBeCloseTo(3.3);
  });
});
