import type { KnnGraph } from './knn-graph.js';

/**
 * Count-weighted HDBSCAN core distances: the distance from a pattern to its `minSamples`-th nearest
 * event when the pattern stands for `weights[p]` identical events.
 *
 * Convention of the Python `hdbscan` package (core distance = entry `min_samples` of the sorted
 * distance column, which starts with the point itself at 0): a point is its own nearest sample, so
 * the core distance is where the cumulative weight, starting with the pattern's own `weights[p]`
 * at distance 0, first reaches `minSamples + 1`. A pattern seen more than `minSamples` times
 * therefore has core distance 0. As in Python, `minSamples` is clamped to (total weight − 1).
 *
 * If a row runs out of neighbours before reaching that weight (missing entries in an approximate
 * graph), the core distance is +Infinity: the pattern is treated as too isolated to judge, i.e. noise.
 */
export function weightedCoreDistances(knn: KnnGraph, weights: Float64Array, minSamples: number): Float64Array {
  const { n, k, indices, distances } = knn;
  let totalWeight = 0;
  for (let i = 0; i < n; i++) totalWeight += weights[i];
  const needed = Math.max(1, Math.min(minSamples, totalWeight - 1)) + 1;
  const core = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    let seen = weights[p];
    if (seen >= needed) continue; // core[p] = 0
    let distance = Infinity;
    for (let r = 0; r < k; r++) {
      const q = indices[p * k + r];
      if (q < 0) break;
      seen += weights[q];
      if (seen >= needed) {
        distance = distances[p * k + r];
        break;
      }
    }
    core[p] = distance;
  }
  return core;
}
