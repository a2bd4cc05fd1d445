/**
 * Node only: opens the two embedding demos shipped in datasets/ (written by
 * scripts/precompute/*.ts) into a table, ready embeddings and media. Cheap embeddings are
 * computed here rather than stored twice (raw pixels from the images; the hashed bag of
 * words from the texts); pretrained ones are decoded from their quantised files.
 */
import { readFile } from 'node:fs/promises';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { join } from 'node:path';
import type { Embedding, Media } from '../../api.ts';
import type { Table } from '../../table/types.ts';
import { decodeEmbedding } from '../codec.ts';
import { parseIdx } from './idx.ts';
import { bagOfWords, BOW_DIM } from './bow.ts';
import { parseEmails } from './emails.ts';
import { listImageFolder } from '../../images/list-folder.node.ts';
import { buildImageTable, folderFingerprint } from '../../images/folder-table.ts';

/** `imageFolder`: image files the backend must serve for this demo's rows (its own folder in datasets/). */
export type DemoContent = { table: Table; embeddings: Embedding[]; media: Media; imageFolder?: { realRoot: string; paths: string[] } };

const unzip = promisify(gunzip);
const readGz = async (path: string) => new Uint8Array(await unzip(await readFile(path)));

/** Reads a quantised embedding file and checks it has one row per item. */
async function readEmbedding(path: string, n: number, id: string, title: string): Promise<Embedding> {
  const { n: rows, dim, data } = decodeEmbedding(await readGz(path));
  if (rows !== n) throw new Error(`${path}: ${rows} rows, the dataset has ${n} items`);
  return { id, title, dim, data };
}

export async function openFashionMnist(dir: string): Promise<DemoContent> {
  const base = join(dir, 'fashion_mnist');
  const [imagesGz, labelsGz, metaText] = await Promise.all([
    readGz(join(base, 'images-idx3-ubyte.gz')), readGz(join(base, 'labels-idx1-ubyte.gz')), readFile(join(base, 'meta.json'), 'utf8'),
  ]);
  const images = parseIdx(imagesGz, 'fashion_mnist/images-idx3-ubyte');
  const labels = parseIdx(labelsGz, 'fashion_mnist/labels-idx1-ubyte');
  const meta = JSON.parse(metaText) as { classes: string[]; sourceIndex: number[] };
  const [n, height, width] = images.shape;
  if (labels.shape[0] !== n || meta.sourceIndex.length !== n) throw new Error(`fashion_mnist: ${n} images but ${labels.shape[0]} labels and ${meta.sourceIndex.length} indices`);
  const pixels = new Float32Array(images.data.length);
  for (let i = 0; i < pixels.length; i++) pixels[i] = images.data[i] / 255;
  const table: Table = {
    n,
    columns: [
      { name: 'label', type: 'categorical', codes: Int32Array.from(labels.data), dictionary: meta.classes },
      { name: 'index', type: 'numeric', values: Float32Array.from(meta.sourceIndex) },
    ],
  };
  const embeddings: Embedding[] = [
    { id: 'pixels', title: `Raw pixels (${width * height}-d)`, dim: width * height, data: pixels },
    await readEmbedding(join(base, 'mobilenet_v2.emb.gz'), n, 'mobilenet_v2', 'MobileNetV2 features (1280-d, nsfwjs)'),
  ];
  return { table, embeddings, media: { kind: 'image', width, height, pixels: images.data } };
}

/** The text the bag of words reads: subject and the whole body as shipped. */
export const bowInput = (subject: string, body: string): string => `${subject}\n${body}`;

export async function openSpamAssassin(dir: string): Promise<DemoContent> {
  const base = join(dir, 'spamassassin');
  const emails = parseEmails(new TextDecoder().decode(await readGz(join(base, 'emails.jsonl.gz'))), 'spamassassin/emails.jsonl');
  const classes = ['ham', 'spam'];
  const codes = Int32Array.from(emails.label, (l) => classes.indexOf(l));
  const table: Table = {
    n: emails.n,
    columns: [
      { name: 'subject', type: 'text', values: emails.subject },
      { name: 'body', type: 'text', values: emails.body },
      { name: 'label', type: 'categorical', codes, dictionary: classes },
    ],
  };
  const use = await readEmbedding(join(base, 'use_lite.emb.gz'), emails.n, 'use_lite', 'Universal Sentence Encoder lite (512-d)');
  const bow: Embedding = {
    id: 'bow', title: `Hashed bag of words (${BOW_DIM}-d)`, dim: BOW_DIM,
    data: bagOfWords(emails.subject.map((s, i) => bowInput(s, emails.body[i])), { dim: BOW_DIM }),
  };
  // The UI shows the body as the item's text; the subject is a column beside it.
  return { table, embeddings: [use, bow], media: { kind: 'text', column: 'body' } };
}

/**
 * The colour emoji demo: an ImageFolder in datasets/emoji/images (one subfolder per class),
 * opened like any user's folder, plus its precomputed MobileNetV2 features. The features were
 * written in the listing's row order; meta.json's paths check that nothing moved since.
 */
export async function openEmoji(dir: string): Promise<DemoContent> {
  const base = join(dir, 'emoji');
  const [listing, metaText] = await Promise.all([listImageFolder(join(base, 'images')), readFile(join(base, 'meta.json'), 'utf8')]);
  const meta = JSON.parse(metaText) as { paths: string[] };
  const paths = listing.entries.map((e) => e.path);
  if (paths.length !== meta.paths.length || paths.some((p, i) => p !== meta.paths[i])) {
    throw new Error(`emoji: the images in ${base}/images (${paths.length}) differ from those its features were computed on (${meta.paths.length}); rerun scripts/precompute/emoji.ts`);
  }
  const { table } = buildImageTable(listing.entries);
  const embeddings = [await readEmbedding(join(base, 'mobilenet_v2.emb.gz'), table.n, 'mobilenet_v2', 'MobileNetV2 features (1280-d, nsfwjs)')];
  return {
    table, embeddings,
    media: { kind: 'image-files', column: 'path', source: 'backend', fingerprint: folderFingerprint(listing.entries) },
    imageFolder: { realRoot: listing.realRoot, paths },
  };
}
