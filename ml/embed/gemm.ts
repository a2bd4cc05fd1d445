/**
 * The one dense kernel PCA needs: out[i·nb + j] = A_i · B_j for row-major A (na×len) and
 * B (nb×len), i.e. A·Bᵀ. Register-blocked four B rows at a time so each element of A is loaded
 * once per four multiply-adds (about twice as fast as plain dot products in V8).
 */
export function gemmNT(A: Float32Array, na: number, B: Float32Array, nb: number, len: number, out: Float32Array = new Float32Array(na * nb)): Float32Array {
  if (A.length < na * len || B.length < nb * len || out.length < na * nb) throw new Error('gemmNT: shape mismatch');
  for (let i = 0; i < na; i++) {
    const oa = i * len, oo = i * nb;
    let j = 0;
    for (; j + 3 < nb; j += 4) {
      const b0 = j * len, b1 = b0 + len, b2 = b1 + len, b3 = b2 + len;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let c = 0; c < len; c++) {
        const x = A[oa + c];
        s0 += x * B[b0 + c];
        s1 += x * B[b1 + c];
        s2 += x * B[b2 + c];
        s3 += x * B[b3 + c];
      }
      out[oo + j] = s0;
      out[oo + j + 1] = s1;
      out[oo + j + 2] = s2;
      out[oo + j + 3] = s3;
    }
    for (; j < nb; j++) {
      const ob = j * len;
      let s = 0;
      for (let c = 0; c < len; c++) s += A[oa + c] * B[ob + c];
      out[oo + j] = s;
    }
  }
  return out;
}

/** Row-major m×n → n×m. */
export function transpose(A: Float32Array, m: number, n: number): Float32Array {
  const out = new Float32Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0, o = i * n; j < n; j++) out[j * m + i] = A[o + j];
  return out;
}
