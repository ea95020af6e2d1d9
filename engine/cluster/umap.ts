import type { KnnGraph } from './knn-graph.js';
import { fuzzySimplicialSet } from './umap-graph.js';
import { randomLayout, spectralLayout } from './umap-init.js';
import { findCurveParameters, optimizeLayout } from './umap-layout.js';

export interface UmapOptions {
  /** Neighbourhood size counting the point itself, as umap-learn: uses nNeighbors − 1 graph neighbours. Default 15. */
  nNeighbors?: number;
  /** How tightly points may pack in 2-D. Default 0.05. */
  minDist?: number;
  spread?: number;
  /** Default: 500 up to 10,000 points (as umap-learn), above that defaultEpochs(n). */
  nEpochs?: number;
  negativeSampleRate?: number;
  learningRate?: number;
  repulsionStrength?: number;
  init?: 'spectral' | 'random';
  /** Equal seeds give identical layouts. Default 42. */
  seed?: number;
}

export const UMAP_DEFAULTS = {
  nNeighbors: 15,
  minDist: 0.05,
  spread: 1,
  negativeSampleRate: 5,
  learningRate: 1,
  repulsionStrength: 1,
  init: 'spectral' as 'spectral' | 'random',
  seed: 42,
} as const;

/**
 * SGD epochs above 10,000 points: 2,000,000 / n, between 50 and 200 (umap-learn uses 200), so the
 * layout's cost stops growing with n. The spectral start already holds the structure: at n = 20k
 * (synthetic, sampled trustworthiness k = 15) the spectral start scored 0.908, then 50 epochs 0.9865,
 * 100 epochs 0.9864, 150 epochs 0.9885, 200 epochs 0.9880 — and each epoch cost ~50 ms there.
 */
export function defaultEpochs(n: number): number {
  return n <= 10_000 ? 500 : Math.max(50, Math.min(200, Math.round(2_000_000 / n)));
}

/**
 * 2-D UMAP layout of the points of a kNN graph (the metric is whatever the graph's distances are;
 * cosine for pattern vectors). Returns n × 2 coordinates, interleaved (x0, y0, x1, y1, ...).
 * A focused re-implementation of umap-learn's fit for a precomputed graph: fuzzy simplicial set,
 * spectral init, SGD with negative sampling; TypedArrays throughout, single-threaded, seeded.
 */
export function umapLayout(knn: KnnGraph, options: UmapOptions = {}): Float32Array {
  const n = knn.n;
  const nNeighbors = options.nNeighbors ?? UMAP_DEFAULTS.nNeighbors;
  const seed = options.seed ?? UMAP_DEFAULTS.seed;
  if (!Number.isInteger(nNeighbors) || nNeighbors < 2) throw new Error(`umap: nNeighbors must be an integer ≥ 2, got ${nNeighbors}`);
  // One or two points: nothing to optimize, place them on a line.
  if (n <= 2) return Float32Array.from({ length: 2 * n }, (_, i) => (i === 2 ? 1 : 0));
  const graph = fuzzySimplicialSet(knn, nNeighbors);
  const init = options.init ?? UMAP_DEFAULTS.init;
  const embedding = init === 'random' ? randomLayout(n, seed) : spectralLayout(graph, seed);
  const { a, b } = findCurveParameters(options.spread ?? UMAP_DEFAULTS.spread, options.minDist ?? UMAP_DEFAULTS.minDist);
  optimizeLayout(embedding, graph, {
    nEpochs: options.nEpochs ?? defaultEpochs(n),
    a,
    b,
    negativeSampleRate: options.negativeSampleRate ?? UMAP_DEFAULTS.negativeSampleRate,
    learningRate: options.learningRate ?? UMAP_DEFAULTS.learningRate,
    repulsionStrength: options.repulsionStrength ?? UMAP_DEFAULTS.repulsionStrength,
    seed,
  });
  return Float32Array.from(embedding);
}
