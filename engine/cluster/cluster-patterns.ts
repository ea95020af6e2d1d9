import { hdbscan, HDBSCAN_DEFAULTS } from './hdbscan.js';
import { sphericalKMeans } from './kmeans.js';
import { buildUsearchKnnGraph, type KnnGraph } from './knn-graph.js';
import { detachDistantMembers } from './member-cut.js';
import { umapLayout, UMAP_DEFAULTS } from './umap.js';

export type ClusterMethod = 'hdbscan' | 'kmeans' | 'none';

export interface PatternClusteringOptions {
  method?: ClusterMethod;
  /** HDBSCAN: smallest cluster in events. Default: defaultMinClusterSize(total events). */
  minClusterSize?: number;
  /** HDBSCAN: neighbourhood, in events, that makes a pattern a core point. Default min(10, minClusterSize). */
  minSamples?: number;
  /** HDBSCAN: what a core distance counts (see hdbscan.ts). Default 'events'; see clusterPatterns for why. */
  density?: 'events' | 'patterns';
  /**
   * HDBSCAN: a pattern that joins its cluster only at a cosine distance above this is noise instead
   * (member-cut.ts). Default 0.04; Infinity keeps HDBSCAN's own membership.
   */
  maxMemberDistance?: number;
  /** k-means: number of clusters (default 30). */
  nClusters?: number;
  /** Also compute a 2-D UMAP layout. */
  project?: boolean;
  seed?: number;
  /** Threads usearch may use for the kNN graph; 0 (default) = all cores. */
  knnThreads?: number;
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
  /** HDBSCAN: the settings used, defaults resolved. */
  settings?: { minClusterSize: number; minSamples: number; density: 'events' | 'patterns'; maxMemberDistance: number };
}

export const KMEANS_DEFAULT_CLUSTERS = 30;
export const DEFAULT_MAX_MEMBER_DISTANCE = 0.04;

/**
 * The default smallest cluster: 0.1 % of the events, at least 2 and at most 50 (HDBSCAN_DEFAULTS).
 * On Loghub-2k (2,000 lines each) smaller was better at every step measured (mean raw GA 0.897 at 2,
 * 0.887 at 5, 0.858 at 20, 0.813 at 50, with the other defaults); past 50,000 events it is the fixed 50.
 */
export function defaultMinClusterSize(totalEvents: number): number {
  return Math.max(2, Math.min(HDBSCAN_DEFAULTS.minClusterSize, Math.round(totalEvents / 1000)));
}

/**
 * The one entry point from pattern vectors (L2-normalized, counts as weights) to clusters and a
 * layout: one kNN graph feeds HDBSCAN and UMAP, so the pairwise work is done once.
 *
 * HDBSCAN defaults, measured with `npm run eval` on Loghub-2k (9 sets, line groups against EventId):
 * - density 'events' (a pattern weighs its count in the core distance too). With 'patterns', a frequent
 *   pattern that is not inside a dense region of other phrasings is noise: 93 % of Loghub lines were
 *   noise at minClusterSize 50 / minSamples 10 (mean ARI 0.04, GA 0.02) against 5.5 % with 'events'
 *   (ARI 0.96, GA 0.52), and 'patterns' stayed below GA 0.05 at every minClusterSize / minSamples tried.
 *   'patterns' recovers blobs of many rare phrasings better (synthetic.ts: ARI 0.99 vs 0.01–0.08), but
 *   real log events are mostly one frequent phrasing each.
 * - maxMemberDistance 0.04: the largest remaining error was a rare line chained onto the cluster of a
 *   frequent event of another kind (one such line makes all of that event's lines count as wrong).
 *   Mean raw GA 0.815 → 0.897 at minClusterSize 2; results were flat for cuts 0.02–0.05 (and for
 *   minSamples 1–3, minClusterSize 2–3), so the value is not a fit to one data set.
 * - minClusterSize relative to the data (defaultMinClusterSize), minSamples min(10, minClusterSize)
 *   (Python hdbscan's min_samples = min_cluster_size, capped at the usual 10).
 * Consequences of 'events': a pattern seen ≥ minClusterSize (and ≥ minSamples) times is a cluster of its
 * own unless another pattern has the same vector, so clusters are frequent phrasings plus the rare ones
 * within 0.04 of them; and such a pattern has infinite density, so in its cluster probabilities are 1
 * for it and 0 for rarer members, GLOSH 0 and 1 (Python hdbscan on the duplicated events does the same,
 * with NaN for GLOSH). `density: 'patterns'` gives coarser groups of phrasings when that is wanted.
 */
export function clusterPatterns(
  vectors: Float32Array,
  dim: number,
  weights: ArrayLike<number>,
  options: PatternClusteringOptions = {},
): PatternClustering {
  const n = vectors.length / dim;
  const method = options.method ?? 'hdbscan';
  let totalEvents = 0;
  for (let i = 0; i < weights.length; i++) totalEvents += weights[i];
  const minClusterSize = options.minClusterSize ?? defaultMinClusterSize(totalEvents);
  const minSamples = options.minSamples ?? Math.max(1, Math.min(HDBSCAN_DEFAULTS.minSamples, Math.round(minClusterSize)));
  const density = options.density ?? 'events';
  const maxMemberDistance = options.maxMemberDistance ?? DEFAULT_MAX_MEMBER_DISTANCE;
  const k = Math.max(minSamples, UMAP_DEFAULTS.nNeighbors);
  let knn: KnnGraph | undefined;
  const graph = (): KnnGraph => {
    if (!knn) {
      options.onStage?.('knn');
      knn = buildUsearchKnnGraph(vectors, dim, k, { threads: options.knnThreads ?? 0 });
    }
    return knn;
  };

  let result: PatternClustering;
  if (method === 'hdbscan') {
    const g = graph();
    options.onStage?.('cluster');
    const h = hdbscan({ knn: g, weights, minClusterSize, minSamples, density });
    const kept = Number.isFinite(maxMemberDistance) ? detachDistantMembers(h, maxMemberDistance) : h;
    result = {
      method,
      labels: kept.labels,
      probabilities: kept.probabilities,
      outlierScores: h.outlierScores,
      nClusters: kept.nClusters,
      settings: { minClusterSize, minSamples, density, maxMemberDistance },
    };
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
