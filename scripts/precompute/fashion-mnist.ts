/**
 * Builds datasets/fashion_mnist/ from the Fashion-MNIST training set in ../shared/datasets:
 * a balanced, seeded subset of 500 images per class (5,000), stored as IDX gzip like the
 * original, plus its MobileNetV2 features (nsfwjs' bundled weights) quantised with
 * ml/embed/codec.ts. Deterministic: same inputs → same bytes. Run:
 *   npx tsx scripts/precompute/fashion-mnist.ts [--source DIR] [--limit N (timing only, writes nothing)]
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { parseIdx, writeIdx } from '../../ml/embed/models/idx.ts';
import { mulberry32, shuffle } from './random.ts';
import { decodeEmbedding, encodeEmbedding } from '../../ml/embed/codec.ts';
import { meanAccuracy, zScore } from './nearest-centroid.ts';
import { embedImages, MOBILENET_DIM } from '../../ml/embed/models/mobilenet.ts';
import { initBackend } from '../../ml/train/backend.node.ts';

export const FASHION_CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];
const PER_CLASS = 500;
const SEED = 20171025; // Fashion-MNIST's arXiv date; any fixed number would do

const root = resolve(import.meta.dirname, '../..');
const arg = (name: string) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : undefined; };
const source = arg('--source') ?? resolve(root, '../shared/datasets/fashion-mnist');
const limit = arg('--limit') ? Number(arg('--limit')) : undefined;
const outDir = join(root, 'datasets/fashion_mnist');
const log = (msg: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${msg}`);

const images = parseIdx(gunzipSync(readFileSync(join(source, 'train-images-idx3-ubyte.gz'))), 'train-images-idx3-ubyte');
const labels = parseIdx(gunzipSync(readFileSync(join(source, 'train-labels-idx1-ubyte.gz'))), 'train-labels-idx1-ubyte');
const [total, height, width] = images.shape;
if (labels.shape[0] !== total) throw new Error(`images (${total}) and labels (${labels.shape[0]}) disagree`);

// Balanced seeded subset, kept in original order so classes are interleaved like the source.
const random = mulberry32(SEED);
const chosen: number[] = [];
for (let c = 0; c < FASHION_CLASSES.length; c++) {
  const members: number[] = [];
  for (let i = 0; i < total; i++) if (labels.data[i] === c) members.push(i);
  chosen.push(...shuffle(members, random).slice(0, PER_CLASS));
}
chosen.sort((a, b) => a - b);
const n = limit ?? chosen.length;
const px = width * height;
const subsetPixels = new Uint8Array(n * px);
const subsetLabels = new Uint8Array(n);
for (let k = 0; k < n; k++) {
  subsetPixels.set(images.data.subarray(chosen[k] * px, (chosen[k] + 1) * px), k * px);
  subsetLabels[k] = labels.data[chosen[k]];
}
log(`subset: ${n} images of ${width}×${height} (${PER_CLASS} per class, seed ${SEED})`);

const backend = (await initBackend('wasm')).name;
const t0 = performance.now();
let last = t0;
const features = await embedImages({ n, width, height, pixels: subsetPixels }, {
  batchSize: 16,
  onProgress: (done, all) => {
    const now = performance.now();
    if (now - last > 10_000 || done === all) { last = now; log(`mobilenet_v2: ${done}/${all} (${((now - t0) / done).toFixed(1)} ms/image)`); }
  },
});
const msPerImage = (performance.now() - t0) / n;
log(`mobilenet_v2 on ${backend}: ${msPerImage.toFixed(1)} ms/image`);
if (limit !== undefined) process.exit(0);

// The quantisation must not change what the features are worth: same probe, raw vs decoded.
const encoded = encodeEmbedding(features, n, MOBILENET_DIM, 'uint8');
const classOf = Int32Array.from(subsetLabels);
const rawAcc = meanAccuracy(zScore(features, n, MOBILENET_DIM), MOBILENET_DIM, classOf, FASHION_CLASSES.length);
const decodedAcc = meanAccuracy(zScore(decodeEmbedding(encoded).data, n, MOBILENET_DIM), MOBILENET_DIM, classOf, FASHION_CLASSES.length);
log(`nearest-centroid (z-scored), 20 labels/class, 10 seeds: raw ${rawAcc.toFixed(4)} vs uint8-decoded ${decodedAcc.toFixed(4)}`);

mkdirSync(outDir, { recursive: true });
// gzip without a file name or mtime in its header, so reruns produce identical bytes.
const gz = (bytes: Uint8Array) => gzipSync(bytes, { level: 9 });
writeFileSync(join(outDir, 'images-idx3-ubyte.gz'), gz(writeIdx([n, height, width], subsetPixels)));
writeFileSync(join(outDir, 'labels-idx1-ubyte.gz'), gz(writeIdx([n], subsetLabels)));
writeFileSync(join(outDir, 'mobilenet_v2.emb.gz'), gz(encoded));
writeFileSync(join(outDir, 'meta.json'), `${JSON.stringify({
  classes: FASHION_CLASSES,
  source: 'Fashion-MNIST train-images-idx3-ubyte / train-labels-idx1-ubyte (Zalando Research, MIT), via Debian dataset-fashion-mnist',
  subset: { perClass: PER_CLASS, seed: SEED, prng: 'mulberry32, Fisher-Yates per class, sorted by source index' },
  embeddings: { mobilenet_v2: { model: 'nsfwjs 4.3.0 MobileNetV2, layer flatten_1 (7×7 average pool)', input: 'grey/255, bilinear align-corners to 224×224, 3 channels', scheme: 'uint8 affine per dimension, gzip', nearestCentroid20: { raw: rawAcc, decoded: decodedAcc }, msPerImage: Math.round(msPerImage * 10) / 10, backend } },
  sourceIndex: chosen,
})}\n`);
log(`wrote ${outDir}`);
