import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stratifiedHoldout } from '../../../ml/train/validation.ts';

/**
 * tests/fixtures/sklearn/teach.json (scripts/fixtures/teach-sklearn.py) re-implements the
 * bench's seeded test split in Python; if the split changes here, the reference is stale.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

describe('scikit-learn teach reference', () => {
  it('was run on the test split bench/teach.ts draws (seed 1, 20% stratified)', () => {
    const ref = JSON.parse(readFileSync(join(root, 'tests/fixtures/sklearn/teach.json'), 'utf8')) as { testSize: number; testChecksum: number; results: { strategy: string }[] };
    const raw = gunzipSync(readFileSync(join(root, 'datasets/fashion_mnist/labels-idx1-ubyte.gz')));
    const y = Int32Array.from(raw.subarray(8));
    expect(y.length).toBe(5000);
    const { val } = stratifiedHoldout(y, 10, 1, 0.2);
    let checksum = 0;
    val.forEach((r, i) => (checksum += r * (i + 1)));
    expect(val.length).toBe(ref.testSize);
    expect(checksum).toBe(ref.testChecksum);
    expect(ref.results.map((r) => r.strategy)).toEqual(['random', 'least-confident', 'smallest-margin', 'entropy', 'margin-diversity']);
  });
});
