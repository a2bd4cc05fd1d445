import { describe, expect, it } from 'vitest';
import { CREDITCARD_ROWS, generateCreditCard } from '../../../ml/table/generate-creditcard.ts';
import { inferSchema } from '../../../ml/table/index.ts';
import { cat, num } from './helpers.ts';

describe('generateCreditCard (synthetic)', () => {
  const t0 = performance.now();
  const t = generateCreditCard({ seed: 1 });
  const ms = performance.now() - t0;

  it('has the exact credit-card fraud shape', () => {
    expect(t.n).toBe(CREDITCARD_ROWS);
    expect(t.columns.map((c) => c.name)).toEqual(['Time', ...Array.from({ length: 28 }, (_, i) => `V${i + 1}`), 'Amount', 'Class']);
    for (const c of t.columns.slice(0, 30)) expect(c.type).toBe('numeric');
    const cls = cat(t, 'Class');
    expect(cls.dictionary).toEqual(['0', '1']);
    expect(cls.codes.reduce((a, b) => a + b, 0)).toBe(492);
    expect(inferSchema(t).labelColumn).toBe('Class');
    // About 0.5 s on an idle core; the bound only catches pathological slowness on a busy machine.
    expect(ms).toBeLessThan(15_000);
  });

  it('is deterministic per seed', () => {
    const again = generateCreditCard({ seed: 1 });
    expect(num(again, 'V14')).toEqual(num(t, 'V14'));
    expect(cat(again, 'Class').codes).toEqual(cat(t, 'Class').codes);
    const other = generateCreditCard({ seed: 2, n: 1000 });
    expect(num(other, 'V14')).not.toEqual(num(t, 'V14').subarray(0, 1000));
  });

  it('has Time rising from 0 to 172,792 s and positive log-normal amounts', () => {
    const time = num(t, 'Time');
    expect(time[0]).toBe(0);
    expect(time[t.n - 1]).toBe(172792);
    for (let i = 1; i < t.n; i++) if (time[i] < time[i - 1]) throw new Error(`Time decreases at row ${i}`);
    const amount = Float32Array.from(num(t, 'Amount')).sort();
    expect(amount[0]).toBeGreaterThanOrEqual(0);
    expect(amount[Math.floor(t.n / 2)]).toBeGreaterThan(10);
    expect(amount[Math.floor(t.n / 2)]).toBeLessThan(40);
    expect(amount[t.n - 1]).toBeLessThanOrEqual(25691.17);
  });

  it('separates positives on V14, V17, V12, V10 but not on V20, with heavy tails', () => {
    const cls = cat(t, 'Class').codes;
    const mean = (name: string, k: number) => {
      const v = num(t, name);
      let s = 0, m = 0;
      for (let i = 0; i < t.n; i++) if (cls[i] === k) { s += v[i]; m++; }
      return s / m;
    };
    for (const name of ['V14', 'V17', 'V12', 'V10']) expect(mean(name, 1) - mean(name, 0)).toBeLessThan(-3);
    expect(Math.abs(mean('V20', 1) - mean('V20', 0))).toBeLessThan(0.5);
    // A rule "V14 < -3" catches most frauds and few ordinary rows.
    const v14 = num(t, 'V14');
    let tp = 0, fp = 0;
    for (let i = 0; i < t.n; i++) if (v14[i] < -3) { if (cls[i]) tp++; else fp++; }
    expect(tp / 492).toBeGreaterThan(0.6);
    expect(tp / 492).toBeLessThan(0.98);
    expect(fp / (t.n - 492)).toBeLessThan(0.01);
    // Heavy tails: excess kurtosis well above a normal's 0.
    const v1 = num(t, 'V1');
    let m2 = 0, m4 = 0;
    for (const x of v1) { m2 += x * x; m4 += x ** 4; }
    m2 /= t.n; m4 /= t.n;
    expect(m4 / (m2 * m2) - 3).toBeGreaterThan(1);
  });
});
