/**
 * SYNTHETIC data. A deterministic generator for a table of the exact shape of the public
 * credit-card fraud data set (which cannot be obtained here): 284,807 rows, columns Time,
 * V1..V28, Amount (numeric) and Class (categorical "0"/"1") with exactly 492 positives.
 * It imitates the published summary statistics, not the real transactions: V columns are
 * heavy-tailed (normal/Laplace mixtures) with shrinking spread like PCA components, Time
 * rises over two days with a day/night rhythm, Amount is log-normal, and V14, V17, V12, V10
 * (pulled down) and V4, V11 (pushed up) separate most positives, as in the real data, while
 * some positives hide among the negatives. For benchmarks, scale tests and demos only;
 * everything that shows it says "synthetic".
 */
import { laplace, mulberry32, normalSource } from './random.ts';
import type { Column, Table } from './types.ts';

export const CREDITCARD_ROWS = 284_807;
export const CREDITCARD_POSITIVES = 492;
const LAST_SECOND = 172_792;
const MAX_AMOUNT = 25_691.16;

/** Mean shift of positives per V column (1-based), after the real data's class means. */
const FRAUD_SHIFT: Record<number, number> = { 3: -4.5, 4: 4.2, 10: -5.5, 11: 3.8, 12: -6.2, 14: -6.8, 17: -6.4 };
/** Share of positives that look like ordinary transactions (so no rule catches them all). */
const HIDDEN_SHARE = 0.12;

export type CreditCardOptions = { seed: number; n?: number; positives?: number };

export function generateCreditCard(opts: CreditCardOptions): Table {
  const n = opts.n ?? CREDITCARD_ROWS;
  const positives = Math.min(n, opts.positives ?? Math.round((CREDITCARD_POSITIVES * n) / CREDITCARD_ROWS));
  const rand = mulberry32(opts.seed);
  const normal = normalSource(rand);

  // Exactly `positives` distinct fraud rows (Floyd's sampling), some of them "hidden".
  const cls = new Int32Array(n);
  for (let j = n - positives; j < n; j++) {
    const t = Math.floor(rand() * (j + 1));
    cls[cls[t] ? j : t] = 1;
  }
  const hidden = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (cls[i] && rand() < HIDDEN_SHARE) hidden[i] = 1;

  const columns: Column[] = [{ name: 'Time', type: 'numeric', values: timeColumn(n, rand) }];
  for (let k = 1; k <= 28; k++) {
    const values = new Float32Array(n);
    // PCA-like: V1 spreads about 2, V28 about 0.33.
    const scale = 2 - (1.67 * (k - 1)) / 27;
    const shift = FRAUD_SHIFT[k] ?? 0;
    for (let i = 0; i < n; i++) {
      // 97% normal core, 3% wide Laplace tails: heavy-tailed like the real V's (kurtosis ≫ 3).
      let v = rand() < 0.97 ? normal() * scale * 0.9 : laplace(rand) * scale * 2;
      if (cls[i]) v = hidden[i] ? v + 0.15 * shift : shift + v * 1.8 + (shift ? normal() * Math.abs(shift) * 0.35 : 0);
      values[i] = v;
    }
    columns.push({ name: `V${k}`, type: 'numeric', values });
  }

  const amount = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    // Medians about 22 (ordinary) and 9 (fraud), cents, capped at the real maximum.
    const x = cls[i] ? Math.exp(2.2 + 2 * normal()) : Math.exp(3.1 + 1.5 * normal());
    amount[i] = Math.min(MAX_AMOUNT, Math.round(x * 100) / 100);
  }
  columns.push({ name: 'Amount', type: 'numeric', values: amount });
  columns.push({ name: 'Class', type: 'categorical', codes: cls, dictionary: ['0', '1'] });
  return { n, columns };
}

/** Whole seconds from 0 to 172,792 over two days, denser by day than by night. */
function timeColumn(n: number, rand: () => number): Float32Array {
  const t = new Float64Array(n);
  let acc = 0;
  for (let i = 1; i < n; i++) {
    const phase = (2 * Math.PI * i) / (n / 2);
    const rate = 1 + 0.7 * Math.sin(phase - Math.PI / 2);
    acc += -Math.log(1 - rand()) / Math.max(0.15, rate + 0.5);
    t[i] = acc;
  }
  const out = new Float32Array(n);
  const scale = n > 1 ? LAST_SECOND / acc : 0;
  for (let i = 0; i < n; i++) out[i] = Math.round(t[i] * scale);
  return out;
}
