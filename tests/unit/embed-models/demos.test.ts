/** The two shipped embedding demos open from datasets/ with consistent shapes, quickly. */
import { describe, expect, it } from 'vitest';
import { openFashionMnist, openSpamAssassin } from '../../../ml/embed/models/demos.node.ts';
import { DATASETS_DIR } from '../../../electron/paths.ts';
import { meanAccuracy } from '../../../scripts/precompute/nearest-centroid.ts';

describe('embedding demos', () => {
  it('Fashion-MNIST: 5,000 images, label + index columns, pixels and MobileNetV2 embeddings', async () => {
    const t0 = performance.now();
    const { table, embeddings, media } = await openFashionMnist(DATASETS_DIR);
    const ms = performance.now() - t0;
    expect(table.n).toBe(5000);
    const label = table.columns.find((c) => c.name === 'label');
    expect(label?.type === 'categorical' && label.dictionary).toEqual(['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot']);
    expect(table.columns.find((c) => c.name === 'index')?.type).toBe('numeric');
    expect(embeddings.map((e) => [e.id, e.dim, e.title])).toEqual([
      ['pixels', 784, 'Raw pixels (784-d)'], ['mobilenet_v2', 1280, 'MobileNetV2 features (1280-d, nsfwjs)'],
    ]);
    for (const e of embeddings) expect(e.data.length).toBe(5000 * e.dim);
    expect(media.kind === 'image' && [media.width, media.height, media.pixels.length]).toEqual([28, 28, 5000 * 784]);
    // Pixels embedding is the image bytes / 255.
    if (media.kind === 'image') expect(embeddings[0].data[400]).toBeCloseTo(media.pixels[400] / 255, 6);
    // The features carry class information (chance is 0.1).
    if (label?.type === 'categorical') expect(meanAccuracy(embeddings[1].data, 1280, label.codes, 10, 20, [1, 2])).toBeGreaterThan(0.4);
    expect(ms).toBeLessThan(3000); // ~0.2–0.5 s here; generous because the machine is shared
  }, 30_000);

  it('SpamAssassin: 6,046 emails, subject/body/label columns, USE-lite and bag-of-words embeddings', async () => {
    const t0 = performance.now();
    const { table, embeddings, media } = await openSpamAssassin(DATASETS_DIR);
    const ms = performance.now() - t0;
    expect(table.n).toBe(6046);
    expect(table.columns.map((c) => [c.name, c.type])).toEqual([['subject', 'text'], ['body', 'text'], ['label', 'categorical']]);
    const label = table.columns[2];
    if (label.type === 'categorical') {
      expect(label.dictionary).toEqual(['ham', 'spam']);
      expect(label.codes.reduce((s, c) => s + c, 0)).toBe(1896);
    }
    expect(embeddings.map((e) => [e.id, e.dim, e.title])).toEqual([
      ['use_lite', 512, 'Universal Sentence Encoder lite (512-d)'], ['bow', 1024, 'Hashed bag of words (1024-d)'],
    ]);
    for (const e of embeddings) expect(e.data.length).toBe(6046 * e.dim);
    expect(media).toEqual({ kind: 'text', column: 'body' });
    if (label.type === 'categorical') for (const e of embeddings) expect(meanAccuracy(e.data, e.dim, label.codes, 2, 20, [1, 2])).toBeGreaterThan(0.7);
    expect(ms).toBeLessThan(3000);
  }, 30_000);
});
