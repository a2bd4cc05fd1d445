/**
 * The SentencePiece unigram tokenizer Universal Sentence Encoder lite was trained with:
 * NFKC, spaces → '▁' with a leading '▁', then the Viterbi segmentation that maximises the
 * sum of piece log-probabilities from the model's 8k vocabulary. Characters no piece starts
 * with become the unknown id 0 (scored below every real piece, as SentencePiece does), and
 * runs of unknowns merge into one.
 */

/** [piece, log-probability]; the first 6 entries are reserved (unk, <s>, </s>, 3 extras). */
export type UseVocabulary = [string, number][];

const SEPARATOR = '\u2581';
const RESERVED = 6;

type TrieNode = { children: Map<string, TrieNode>; id: number; score: number; length: number };

const node = (): TrieNode => ({ children: new Map(), id: -1, score: 0, length: 0 });

export class UseTokenizer {
  private readonly root = node();
  private readonly unkScore: number;

  constructor(vocabulary: UseVocabulary) {
    let min = 0;
    for (let id = RESERVED; id < vocabulary.length; id++) {
      const [piece, score] = vocabulary[id];
      let at = this.root;
      const symbols = Array.from(piece);
      for (const s of symbols) {
        let next = at.children.get(s);
        if (!next) { next = node(); at.children.set(s, next); }
        at = next;
      }
      at.id = id;
      at.score = score;
      at.length = symbols.length;
      if (score < min) min = score;
    }
    this.unkScore = min - 10;
  }

  /** Token ids of one text (empty text → no tokens). */
  encode(text: string): number[] {
    const normalized = text.normalize('NFKC');
    if (normalized.length === 0) return [];
    const symbols = Array.from(SEPARATOR + normalized.replace(/ /g, SEPARATOR));
    const n = symbols.length;
    const best = new Float64Array(n + 1).fill(-Infinity);
    const bestId = new Int32Array(n + 1);
    const bestLen = new Int32Array(n + 1);
    best[0] = 0;
    for (let start = 0; start < n; start++) {
      const base = best[start];
      let at = this.root.children.get(symbols[start]);
      if (!at) {
        relax(start + 1, base + this.unkScore, 0, 1);
        continue;
      }
      let matched = false;
      for (let end = start + 1; at; end++) {
        if (at.id >= 0) { relax(end, base + at.score, at.id, at.length); matched = true; }
        if (end >= n) break;
        at = at.children.get(symbols[end]);
      }
      if (!matched) relax(start + 1, base + this.unkScore, 0, 1);
    }
    const ids: number[] = [];
    for (let end = n; end > 0; end -= bestLen[end]) {
      const id = bestId[end];
      if (!(id === 0 && ids.length > 0 && ids[ids.length - 1] === 0)) ids.push(id);
    }
    return ids.reverse();

    function relax(end: number, score: number, id: number, length: number) {
      if (score > best[end]) { best[end] = score; bestId[end] = id; bestLen[end] = length; }
    }
  }
}
