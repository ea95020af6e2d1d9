import { hdbscan, HDBSCAN_DEFAULTS } from './hdbscan.js';
import { sphericalKMeans } from './kmeans.js';
import { buildUsearchKnnGraph, type KnnGraph } from './knn-graph.js';
import { umapLayout, UMAP_DEFAULTS } from './umap.js';

export type ClusterMethod = 'hdbscan' | 'kmeans' | 'none';

export interface PatternClusteringOptions {
  method?: ClusterMethod;
  /** HDBSCAN: smallest cluster in events. */
  minClusterSize?: number;
  /** HDBSCAN: neighbourhood that makes a pattern a core point. */
  minSamples?: number;
  /** k-means: number of clusters (default 30). */
  nClusters?: number;
  /** Also compute a 2-D UMAP layout. */
  project?: boolean;
  seed?: number;
  /** Called at each stage so long jobs can show progress. */
  onStage?: (stage: 'knn' | 'cluster' | 'project') => void;
}

export interface PatternClustering {
  method: ClusterMethod;
  /** Per pattern: cluster 0..nClusters − 1, or −1 for noise (HDBSCAN) / unclustered (none). */
  labels: Int32Array;
  /** Per pattern membership strength in [0, 1] (1 for k-means members). */
  probabilities: Float32Array;
  /** Per pattern GLOSH score in [0, 1] (HDBSCAN only; zeros otherwise). */
  outlierScores: Float32Array;
  nClusters: number;
  /** x0, y0, x1, y1, … when `project` was asked. */
  layout?: Float32Array;
}

export const KMEANS_DEFAULT_CLUSTERS = 30;

/**
 * The one entry point from pattern vectors (L2-normalized, counts as weights) to clusters and a
 * layout: one kNN graph feeds HDBSCAN and UMAP, so the pairwise work is done once.
 */
export function clusterPatterns(
  vectors: Float32Array,
  dim: number,
  weights: ArrayLike<number>,
  options: PatternClusteringOptions = {},
): PatternClustering {
  const n = vectors.length / dim;
  const method = options.method ?? 'hdbscan';
  const minSamples = options.minSamples ?? HDBSCAN_DEFAULTS.minSamples;
  const k = Math.max(minSamples, UMAP_DEFAULTS.nNeighbors);
  let knn: KnnGraph | undefined;
  const graph = (): KnnGraph => {
    if (!knn) {
      options.onStage?.('knn');
      knn = buildUsearchKnnGraph(vectors, dim, k);
    }
    return knn;
  };

  let result: PatternClustering;
  if (method === 'hdbscan') {
    const g = graph();
    options.onStage?.('cluster');
    const h = hdbscan({
      knn: g,
      weights,
      minClusterSize: options.minClusterSize ?? HDBSCAN_DEFAULTS.minClusterSize,
      minSamples,
      density: 'patterns',
    });
    result = { method, labels: h.labels, probabilities: h.probabilities, outlierScores: h.outlierScores, nClusters: h.nClusters };
  } else if (method === 'kmeans') {
    options.onStage?.('cluster');
    const km = sphericalKMeans(vectors, dim, {
      nClusters: Math.min(options.nClusters ?? KMEANS_DEFAULT_CLUSTERS, n),
      weights,
      seed: options.seed,
    });
    result = { method, labels: km.labels, probabilities: new Float32Array(n).fill(1), outlierScores: new Float32Array(n), nClusters: km.nClusters };
  } else {
    result = { method, labels: new Int32Array(n).fill(-1), probabilities: new Float32Array(n), outlierScores: new Float32Array(n), nClusters: 0 };
  }
  if (options.project && n > 0) {
    const g = graph();
    options.onStage?.('project');
    result.layout = umapLayout(g, { seed: options.seed });
  }
  return result;
}
