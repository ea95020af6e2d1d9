/**
 * Sentence-transformers pooling for all-MiniLM-L6-v2: the mean of the token vectors under the
 * attention mask, then L2 normalization. Sums run in float64 so that the order of additions does
 * not move results between batch sizes.
 */

/**
 * `hidden` is `rows × seqLen × dim` (last_hidden_state, row-major); row r's real tokens are its first
 * `lengths[r]` positions (right padding). Returns one unit-length vector per row.
 */
export function meanPoolNormalize(hidden: Float32Array, lengths: readonly number[], seqLen: number, dim: number): Float32Array[] {
  if (hidden.length !== lengths.length * seqLen * dim) {
    throw new RangeError(`hidden has ${hidden.length} values, expected ${lengths.length}×${seqLen}×${dim}`);
  }
  const sum = new Float64Array(dim);
  return lengths.map((length, r) => {
    sum.fill(0);
    const rowBase = r * seqLen * dim;
    for (let t = 0; t < length; t++) {
      const base = rowBase + t * dim;
      for (let d = 0; d < dim; d++) sum[d] += hidden[base + d];
    }
    // sentence-transformers clamps the token count at 1e-9 and the norm at 1e-12 (torch's F.normalize).
    const count = Math.max(length, 1e-9);
    let norm = 0;
    for (let d = 0; d < dim; d++) norm += (sum[d] / count) ** 2;
    const scale = 1 / (count * Math.max(Math.sqrt(norm), 1e-12));
    const vector = new Float32Array(dim);
    for (let d = 0; d < dim; d++) vector[d] = sum[d] * scale;
    return vector;
  });
}
