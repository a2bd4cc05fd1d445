/**
 * Builds datasets/emoji/: a colour-image demo of Google's Noto emoji (64×64 PNG, Apache-2.0)
 * in six visually distinct classes, as an ImageFolder (`images/<class>/<name>.png`), plus its
 * MobileNetV2 features (the same model, preprocessing and quantisation as the app's own).
 * The images come from the npm package emoji-datasource-google, fetched with `npm pack` into a
 * temporary folder at build time (never a dependency, nothing fetched at run time).
 * Deterministic: same package version → same files and bytes. Run:
 *   npx tsx scripts/precompute/emoji.ts [--package DIR (an unpacked package, skips npm pack)]
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { decodePng } from '../../ml/images/png.ts';
import { comparePaths } from '../../ml/images/paths.ts';
import { embedRgbaImages, loadMobileNetV2, MOBILENET_DIM } from '../../ml/embed/models/mobilenet.ts';
import { decodeEmbedding, encodeEmbedding } from '../../ml/embed/codec.ts';
import { initBackend } from '../../ml/train/backend.node.ts';
import { meanAccuracy, zScore } from './nearest-centroid.ts';
import { mulberry32, shuffle } from './random.ts';

export const PACKAGE = 'emoji-datasource-google@16.0.0';
/** Most images a class keeps (flags alone would be a third of the set). */
const PER_CLASS = 130;
const SEED = 20241010;

type EmojiRecord = { image: string; short_name: string; name: string | null; unified: string; category: string; subcategory: string; sort_order: number; has_img_google: boolean };

/** The six classes, by Unicode subcategory: each looks different at a glance. */
export function emojiClass(e: Pick<EmojiRecord, 'category' | 'subcategory'>): string | null {
  const s = e.subcategory;
  if (e.category === 'Smileys & Emotion' && s.startsWith('face-')) return 'smileys';
  if (s === 'country-flag') return 'flags';
  if (s.startsWith('animal-')) return 'animals';
  if (s.startsWith('food-') || s === 'drink') return 'food';
  if (s.startsWith('transport-')) return 'transport';
  if (['alphanum', 'keycap', 'geometric', 'arrow', 'av-symbol'].includes(s)) return 'symbols';
  return null;
}

const root = resolve(import.meta.dirname, '../..');
const arg = (name: string) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : undefined; };
const outDir = join(root, 'datasets/emoji');
const log = (msg: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${msg}`);

function unpackedPackage(): { dir: string; cleanup: () => void } {
  const given = arg('--package');
  if (given) return { dir: resolve(given), cleanup: () => {} };
  const tmp = mkdtempSync(join(tmpdir(), 'mt-emoji-'));
  log(`npm pack ${PACKAGE} into ${tmp}`);
  const tgz = execFileSync('npm', ['pack', PACKAGE, '--silent', '--pack-destination', tmp], { encoding: 'utf8' }).trim().split('\n').at(-1)!;
  execFileSync('tar', ['xzf', join(tmp, tgz), '-C', tmp]);
  return { dir: join(tmp, 'package'), cleanup: () => rmSync(tmp, { recursive: true, force: true }) };
}

const pkg = unpackedPackage();
try {
  const version = (JSON.parse(readFileSync(join(pkg.dir, 'package.json'), 'utf8')) as { version: string }).version;
  const records = (JSON.parse(readFileSync(join(pkg.dir, 'emoji.json'), 'utf8')) as EmojiRecord[])
    .filter((e) => e.has_img_google && emojiClass(e))
    .sort((a, b) => a.sort_order - b.sort_order);
  const byClass = new Map<string, EmojiRecord[]>();
  for (const e of records) byClass.set(emojiClass(e)!, [...(byClass.get(emojiClass(e)!) ?? []), e]);
  const random = mulberry32(SEED);
  const chosen: { path: string; record: EmojiRecord; cls: string }[] = [];
  for (const cls of [...byClass.keys()].sort()) {
    const members = byClass.get(cls)!;
    const kept = members.length > PER_CLASS ? shuffle([...members], random).slice(0, PER_CLASS) : members;
    for (const record of kept) chosen.push({ path: `${cls}/${record.short_name}.png`, record, cls });
  }
  // Rows in the order the app lists a folder: by path, code-unit order.
  chosen.sort((a, b) => comparePaths(a.path, b.path));
  const classes = [...byClass.keys()].sort();
  log(`${chosen.length} images in ${classes.length} classes: ${classes.map((c) => `${c} ${chosen.filter((x) => x.cls === c).length}`).join(', ')}`);

  rmSync(join(outDir, 'images'), { recursive: true, force: true });
  const images = chosen.map(({ path, record }) => {
    const bytes = readFileSync(join(pkg.dir, 'img/google/64', record.image));
    mkdirSync(join(outDir, 'images', path, '..'), { recursive: true });
    writeFileSync(join(outDir, 'images', path), bytes);
    return decodePng(new Uint8Array(bytes));
  });

  const backend = (await initBackend('wasm')).name;
  const net = await loadMobileNetV2();
  const n = images.length;
  const features = new Float32Array(n * MOBILENET_DIM);
  const t0 = performance.now();
  for (let s = 0; s < n; s += 16) {
    features.set(await embedRgbaImages(images.slice(s, s + 16), net), s * MOBILENET_DIM);
    if ((s / 16) % 10 === 0) log(`mobilenet_v2: ${Math.min(n, s + 16)}/${n}`);
  }
  const msPerImage = (performance.now() - t0) / n;
  const encoded = encodeEmbedding(features, n, MOBILENET_DIM, 'uint8');
  const labels = Int32Array.from(chosen, (c) => classes.indexOf(c.cls));
  const rawAcc = meanAccuracy(zScore(features, n, MOBILENET_DIM), MOBILENET_DIM, labels, classes.length);
  const decodedAcc = meanAccuracy(zScore(decodeEmbedding(encoded).data, n, MOBILENET_DIM), MOBILENET_DIM, labels, classes.length);
  log(`mobilenet_v2 on ${backend}: ${msPerImage.toFixed(1)} ms/image; nearest-centroid, 20 labels/class: raw ${rawAcc.toFixed(4)} vs uint8-decoded ${decodedAcc.toFixed(4)}`);

  writeFileSync(join(outDir, 'mobilenet_v2.emb.gz'), gzipSync(encoded, { level: 9 }));
  cpSync('/usr/share/common-licenses/Apache-2.0', join(outDir, 'LICENSE-Apache-2.0.txt'));
  writeFileSync(join(outDir, 'meta.json'), `${JSON.stringify({
    classes,
    source: `npm ${PACKAGE.replace(/@[^@]*$/, '')} ${version}: img/google/64/*.png (Noto Emoji images, Apache-2.0; flags from noto-emoji's region-flags, public domain)`,
    subset: { classes: 'by Unicode subcategory (scripts/precompute/emoji.ts emojiClass)', perClassCap: PER_CLASS, seed: SEED, prng: 'mulberry32, Fisher-Yates per class' },
    embeddings: { mobilenet_v2: { model: 'nsfwjs 4.3.0 MobileNetV2, layer flatten_1', input: 'RGBA on white, /255, bilinear align-corners to 224×224 (ml/embed/models/mobilenet.ts embedRgbaImages)', scheme: 'uint8 affine per dimension, gzip', nearestCentroid20: { raw: rawAcc, decoded: decodedAcc }, msPerImage: Math.round(msPerImage * 10) / 10, backend } },
    paths: chosen.map((c) => c.path),
    emoji: chosen.map((c) => ({ unified: c.record.unified, name: c.record.name })),
  })}\n`);
  log(`wrote ${outDir}`);
} finally {
  pkg.cleanup();
}
