import { describe, expect, it } from 'vitest';
import { CancelledError, directContext, throwIfCancelled, transferablesOf, yieldToEventLoop } from '../../../ml/jobs/job.ts';
import { mulberry32, permutation, sampleIndices } from '../../../ml/random.ts';

describe('seeded randomness', () => {
  it('reproduces a sequence from a seed and differs across seeds', () => {
    const a = mulberry32(7), b = mulberry32(7), c = mulberry32(8);
    const sa = Array.from({ length: 5 }, a), sb = Array.from({ length: 5 }, b), sc = Array.from({ length: 5 }, c);
    expect(sa).toEqual(sb);
    expect(sa).not.toEqual(sc);
    expect(sa.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('permutes every index exactly once and samples distinct indices', () => {
    const p = permutation(1000, mulberry32(1));
    expect(new Set(p).size).toBe(1000);
    expect(Math.max(...p)).toBe(999);
    const s = sampleIndices(50, 20, mulberry32(2));
    expect(s.length).toBe(20);
    expect(new Set(s).size).toBe(20);
  });
});

describe('jobs', () => {
  it('a cancelled job stops at its next check with CancelledError', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const job = async (n: number, ctx = directContext({ signal: controller.signal, onProgress: (p) => seen.push(p.done) })) => {
      for (let i = 0; i < n; i++) {
        throwIfCancelled(ctx.signal);
        ctx.progress({ done: i + 1, total: n });
        if (i === 2) controller.abort();
        await yieldToEventLoop();
      }
      return n;
    };
    await expect(job(10)).rejects.toBeInstanceOf(CancelledError);
    expect(seen).toEqual([1, 2, 3]);
  });

  it('finds whole typed-array buffers to transfer, skipping views into larger buffers', () => {
    const whole = new Float32Array(4);
    const view = new Float32Array(new ArrayBuffer(64), 8, 2);
    const found = transferablesOf({ a: whole, nested: [{ b: view }, 'x'], c: whole });
    expect(found).toEqual([whole.buffer]);
  });
});
