/**
 * LSD radix sort of uint32 keys carrying an int32 payload, in place: three passes of 11, 11
 * and 10 bits with all histograms counted in one read, and a pass skipped when every key has
 * the same digit there (common for the top bits). Linear in n, stable, and several times faster
 * than a comparison sort of row indices — what ranking 31 columns of 285k rows needs.
 */
const SHIFTS = [0, 11, 22];
const BUCKETS = 2048;

export function radixSort(keys: Uint32Array, payload: Int32Array): void {
  const n = keys.length;
  if (payload.length !== n) throw new Error(`radixSort: ${n} keys but ${payload.length} payloads`);
  if (n < 2) return;
  const hist = new Int32Array(3 * BUCKETS);
  for (let i = 0; i < n; i++) {
    const v = keys[i];
    hist[v & 0x7ff]++;
    hist[BUCKETS + ((v >>> 11) & 0x7ff)]++;
    hist[2 * BUCKETS + (v >>> 22)]++;
  }
  let srcK: Uint32Array = keys;
  let srcP: Int32Array = payload;
  let dstK: Uint32Array = new Uint32Array(n);
  let dstP: Int32Array = new Int32Array(n);
  for (let pass = 0; pass < 3; pass++) {
    const h = hist.subarray(pass * BUCKETS, (pass + 1) * BUCKETS);
    const shift = SHIFTS[pass];
    if (h[(srcK[0] >>> shift) & 0x7ff] === n) continue; // one digit for all: order unchanged
    let sum = 0;
    for (let b = 0; b < BUCKETS; b++) {
      const c = h[b];
      h[b] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const d = (srcK[i] >>> shift) & 0x7ff;
      const to = h[d]++;
      dstK[to] = srcK[i];
      dstP[to] = srcP[i];
    }
    [srcK, dstK] = [dstK, srcK];
    [srcP, dstP] = [dstP, srcP];
  }
  if (srcK !== keys) {
    keys.set(srcK);
    payload.set(srcP);
  }
}
