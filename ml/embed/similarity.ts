/**
 * "Similar to this": cosine similarity of one row, or of a group of rows, to every row of an
 * n×dim embedding. Row norms are computed once per embedding (`rowNorms`) and reused for every
 * query, so a query costs one pass of dot products.
 */

/** L2 norm of every row. */
export function rowNorms(data: Float32Array, n: number, dim: number): Float32Array {
  if (data.length !== n * dim) throw new Error(`rowNorms: data has ${data.length} values, expected ${n}×${dim}`);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let c = 0, o = i * dim; c < dim; c++) s += data[o + c] * data[o + c];
    out[i] = Math.sqrt(s);
  }
  return out;
}

/** Cosine similarity of query vector q (length dim) to every row; 0 for zero-norm rows. */
export function cosineToVector(data: Float32Array, n: number, dim: number, q: ArrayLike<number>, norms: Float32Array = rowNorms(data, n, dim), out: Float32Array = new Float32Array(n)): Float32Array {
  if (q.length !== dim) throw new Error(`query has ${q.length} values, expected ${dim}`);
  const qv = Float32Array.from(q);
  let qn = 0;
  for (let c = 0; c < dim; c++) qn += qv[c] * qv[c];
  qn = Math.sqrt(qn);
  for (let i = 0; i < n; i++) {
    const o = i * dim;
    let s0 = 0, s1 = 0, c = 0;
    for (; c + 1 < dim; c += 2) {
      s0 += data[o + c] * qv[c];
      s1 += data[o + c + 1] * qv[c + 1];
    }
    if (c < dim) s0 += data[o + c] * qv[c];
    const den = norms[i] * qn;
    out[i] = den > 0 ? (s0 + s1) / den : 0;
  }
  return out;
}

/** Cosine similarity of row `row` to every row (itself → 1). */
export function cosineToRow(data: Float32Array, n: number, dim: number, row: number, norms?: Float32Array, out?: Float32Array): Float32Array {
  if (!(row >= 0 && row < n)) throw new Error(`row ${row} is outside 0…${n - 1}`);
  return cosineToVector(data, n, dim, data.subarray(row * dim, row * dim + dim), norms, out);
}

/**
 * Cosine similarity of a group's centroid direction to every row. The centroid is the mean of
 * the rows' unit vectors, so each selected item counts the same whatever its norm.
 */
export function cosineToRows(data: Float32Array, n: number, dim: number, rows: ArrayLike<number>, norms: Float32Array = rowNorms(data, n, dim), out?: Float32Array): Float32Array {
  if (rows.length === 0) throw new Error('cosine similarity to an empty selection');
  const q = new Float64Array(dim);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!(row >= 0 && row < n)) throw new Error(`row ${row} is outside 0…${n - 1}`);
    const inv = norms[row] > 0 ? 1 / norms[row] : 0;
    for (let c = 0, o = row * dim; c < dim; c++) q[c] += data[o + c] * inv;
  }
  return cosineToVector(data, n, dim, q, norms, out);
}
