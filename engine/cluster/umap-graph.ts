import type { KnnGraph } from './knn-graph.js';

/** A symmetric weighted graph as directed edges (each undirected edge twice), grouped by head. */
export interface FuzzyGraph {
  n: number;
  head: Int32Array;
  tail: Int32Array;
  weight: Float32Array;
}

const SMOOTH_K_TOLERANCE = 1e-5;
const MIN_K_DIST_SCALE = 1e-3;

/**
 * UMAP's fuzzy simplicial set of a kNN graph (umap-learn's `fuzzy_simplicial_set`, local_connectivity 1,
 * set_op_mix_ratio 1): per point, ρ = distance to the nearest neighbour and σ such that
 * Σ exp(−(d − ρ)/σ) = log₂(nNeighbors); membership exp(−(d − ρ)/σ); then the fuzzy union
 * w = a + b − a·b of the two directions. `nNeighbors` counts the point itself, as in umap-learn,
 * so nNeighbors − 1 graph neighbours are used (fewer if the graph has fewer).
 */
export function fuzzySimplicialSet(knn: KnnGraph, nNeighbors: number): FuzzyGraph {
  const { n, k, indices, distances } = knn;
  const used = Math.min(k, nNeighbors - 1);
  const { sigma, rho } = smoothKnnDistances(knn, used, nNeighbors);

  // Directed memberships, keyed by unordered pair so the two directions of an edge sort together.
  const from = new Int32Array(n * used);
  const to = new Int32Array(n * used);
  const strength = new Float64Array(n * used);
  let m = 0;
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < used; r++) {
      const j = indices[i * k + r];
      if (j < 0 || j === i) continue;
      const d = distances[i * k + r] - rho[i];
      from[m] = i;
      to[m] = j;
      strength[m] = d <= 0 || sigma[i] === 0 ? 1 : Math.exp(-d / sigma[i]);
      m++;
    }
  }
  const pairKey = new Float64Array(m);
  const order = new Uint32Array(m);
  for (let e = 0; e < m; e++) {
    pairKey[e] = Math.min(from[e], to[e]) * n + Math.max(from[e], to[e]);
    order[e] = e;
  }
  order.sort((a, b) => pairKey[a] - pairKey[b] || a - b);

  // One weight per unordered pair, emitted in both directions.
  const pairFrom = new Int32Array(m);
  const pairTo = new Int32Array(m);
  const pairWeight = new Float64Array(m);
  let pairs = 0;
  for (let s = 0; s < m; s++) {
    const e = order[s];
    let w = strength[e];
    if (s + 1 < m && pairKey[order[s + 1]] === pairKey[e]) {
      const other = strength[order[++s]];
      w = w + other - w * other;
    }
    pairFrom[pairs] = from[e];
    pairTo[pairs] = to[e];
    pairWeight[pairs] = w;
    pairs++;
  }
  return groupByHead(n, pairFrom.subarray(0, pairs), pairTo.subarray(0, pairs), pairWeight.subarray(0, pairs));
}

/**
 * ρ and σ per point (umap-learn's `smooth_knn_dist`): binary search for σ, 64 steps at most, then
 * floored at 1e-3 × the mean neighbour distance so that a point among duplicates keeps a finite scale.
 * Means include the point itself at distance 0, as umap-learn's rows do.
 */
export function smoothKnnDistances(knn: KnnGraph, used: number, nNeighbors: number): { sigma: Float64Array; rho: Float64Array } {
  const { n, k, indices, distances } = knn;
  const target = Math.log2(nNeighbors);
  const sigma = new Float64Array(n);
  const rho = new Float64Array(n);
  const rowMean = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let r = 0; r < used; r++) if (indices[i * k + r] >= 0) sum += distances[i * k + r];
    rowMean[i] = sum / (used + 1);
    total += sum;
  }
  const globalMean = total / (n * (used + 1));

  for (let i = 0; i < n; i++) {
    for (let r = 0; r < used; r++) {
      const d = distances[i * k + r];
      if (indices[i * k + r] >= 0 && d > 0) {
        rho[i] = d;
        break;
      }
    }
    let lo = 0;
    let hi = Infinity;
    let mid = 1;
    for (let step = 0; step < 64; step++) {
      let psum = 0;
      for (let r = 0; r < used; r++) {
        if (indices[i * k + r] < 0) continue;
        const d = distances[i * k + r] - rho[i];
        psum += d > 0 ? Math.exp(-d / mid) : 1;
      }
      if (Math.abs(psum - target) < SMOOTH_K_TOLERANCE) break;
      if (psum > target) {
        hi = mid;
        mid = (lo + hi) / 2;
      } else {
        lo = mid;
        mid = hi === Infinity ? mid * 2 : (lo + hi) / 2;
      }
    }
    const floor = MIN_K_DIST_SCALE * (rho[i] > 0 ? rowMean[i] : globalMean);
    sigma[i] = Math.max(mid, floor);
  }
  return { sigma, rho };
}

/** Counting sort by head: edges of a point are contiguous, in a deterministic order. */
function groupByHead(n: number, pairFrom: Int32Array, pairTo: Int32Array, pairWeight: Float64Array): FuzzyGraph {
  const m = pairFrom.length;
  const start = new Int32Array(n + 1);
  for (let e = 0; e < m; e++) {
    start[pairFrom[e] + 1]++;
    start[pairTo[e] + 1]++;
  }
  for (let i = 0; i < n; i++) start[i + 1] += start[i];
  const head = new Int32Array(2 * m);
  const tail = new Int32Array(2 * m);
  const weight = new Float32Array(2 * m);
  const next = start.slice(0, n);
  const place = (a: number, b: number, w: number) => {
    const slot = next[a]++;
    head[slot] = a;
    tail[slot] = b;
    weight[slot] = w;
  };
  for (let e = 0; e < m; e++) {
    place(pairFrom[e], pairTo[e], pairWeight[e]);
    place(pairTo[e], pairFrom[e], pairWeight[e]);
  }
  return { n, head, tail, weight };
}
