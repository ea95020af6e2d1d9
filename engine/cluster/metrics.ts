/** Agreement and projection-quality measures used by the tests and the benchmark. */

/**
 * Adjusted Rand index between two labelings (Hubert & Arabie; sklearn's `adjusted_rand_score`):
 * 1 = identical partitions, ~0 = chance. Every label value, −1 included, is one group, as in sklearn.
 */
export function adjustedRandIndex(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`adjustedRandIndex: ${a.length} vs ${b.length} labels`);
  const n = a.length;
  const pairs = (x: number) => (x * (x - 1)) / 2;
  const joint = new Map<string, number>();
  const rows = new Map<number, number>();
  const cols = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const key = `${a[i]},${b[i]}`;
    joint.set(key, (joint.get(key) ?? 0) + 1);
    rows.set(a[i], (rows.get(a[i]) ?? 0) + 1);
    cols.set(b[i], (cols.get(b[i]) ?? 0) + 1);
  }
  let index = 0;
  for (const c of joint.values()) index += pairs(c);
  let sumRows = 0;
  for (const c of rows.values()) sumRows += pairs(c);
  let sumCols = 0;
  for (const c of cols.values()) sumCols += pairs(c);
  const expected = n < 2 ? 0 : (sumRows * sumCols) / pairs(n);
  const max = (sumRows + sumCols) / 2;
  // Both labelings trivial (one group, or all singletons): identical iff equal, as sklearn returns 1.
  if (max === expected) return 1;
  return (index - expected) / (max - expected);
}

/** True when the labelings are equal up to renaming clusters, with noise (−1) fixed as noise. */
export function samePartition(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  const forward = new Map<number, number>();
  const backward = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    if (a[i] < 0 !== b[i] < 0) return false;
    if (a[i] < 0) continue;
    const fa = forward.get(a[i]);
    const fb = backward.get(b[i]);
    if (fa === undefined && fb === undefined) {
      forward.set(a[i], b[i]);
      backward.set(b[i], a[i]);
    } else if (fa !== b[i] || fb !== a[i]) {
      return false;
    }
  }
  return true;
}

/**
 * Trustworthiness of an embedding (Venna & Kaski; sklearn's `trustworthiness`): penalizes points that
 * are among a point's k nearest in the embedding but not in the original space, by how far they rank
 * there. 1 = no intrusions. Original space: cosine distance; embedding: Euclidean. O(n²): small n only.
 */
export function trustworthiness(vectors: Float32Array, dim: number, embedding: Float32Array, embeddingDim: number, k: number): number {
  const n = vectors.length / dim;
  const rank = new Int32Array(n);
  const order = new Int32Array(n);
  const distance = new Float64Array(n);
  let penalty = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) distance[j] = j === i ? -Infinity : cosineDistance(vectors, dim, i, j);
    sortByDistance(order, distance);
    for (let r = 0; r < n; r++) rank[order[r]] = r; // rank 0 is i itself
    for (let j = 0; j < n; j++) distance[j] = j === i ? -Infinity : squaredEuclidean(embedding, embeddingDim, i, j);
    sortByDistance(order, distance);
    for (let r = 1; r <= k; r++) {
      const j = order[r];
      if (rank[j] > k) penalty += rank[j] - k;
    }
  }
  return 1 - (2 / (n * k * (2 * n - 3 * k - 1))) * penalty;
}

function sortByDistance(order: Int32Array, distance: Float64Array): void {
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => distance[a] - distance[b] || a - b);
}

function cosineDistance(v: Float32Array, dim: number, i: number, j: number): number {
  let dot = 0,
    ni = 0,
    nj = 0;
  for (let t = 0; t < dim; t++) {
    const x = v[i * dim + t];
    const y = v[j * dim + t];
    dot += x * y;
    ni += x * x;
    nj += y * y;
  }
  return 1 - dot / Math.sqrt(ni * nj);
}

function squaredEuclidean(v: Float32Array, dim: number, i: number, j: number): number {
  let s = 0;
  for (let t = 0; t < dim; t++) {
    const d = v[i * dim + t] - v[j * dim + t];
    s += d * d;
  }
  return s;
}
