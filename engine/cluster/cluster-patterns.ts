import { hdbscan, HDBSCAN_DEFAULTS } from './hdbscan.js';
import { sphericalKMeans } from './kmeans.js';
import { buildUsearchKnnGraph, type KnnGraph } from './knn-graph.js';
import { detachDistantMembers } from './member-cut.js';
import { umapLayout, UMAP_DEFAULTS } from './umap.js';

export type ClusterMethod = 'hdbscan' | 'kmeans' | 'none';

export interface PatternClusteringOptions {
  method?: ClusterMethod;
  /**
   * HDBSCAN: what one point is. 'templates' (default): each template once, for density and for cluster
   * size, so that a cluster is a theme of several templates whatever their volumes. 'events': each
   * template weighs its count (HDBSCAN on the duplicated events): every frequent template becomes a
   * cluster of its own, the finer level the engine used before templates (see clusterPatterns).
   */
  unit?: 'templates' | 'events';
  /**
   * HDBSCAN: smallest cluster, in `unit`s. Default: THEME_DEFAULTS.minClusterSize templates, or
   * defaultMinClusterSize(total events) with unit 'events'.
   */
  minClusterSize?: number;
  /**
   * HDBSCAN: neighbourhood, in `unit`s, that makes a template a core point. Default:
   * THEME_DEFAULTS.minSamples, or min(10, minClusterSize) with unit 'events'.
   */
  minSamples?: number;
  /** HDBSCAN with unit 'events': what a core distance counts (see hdbscan.ts). Default 'events'. */
  density?: 'events' | 'patterns';
  /**
   * HDBSCAN: a pattern that joins its cluster only at a cosine distance above this is noise instead
   * (member-cut.ts). Default: Infinity (HDBSCAN's own membership) with unit 'templates', 0.04 with
   * unit 'events'.
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
  settings?: { unit: 'templates' | 'events'; minClusterSize: number; minSamples: number; density: 'events' | 'patterns'; maxMemberDistance: number };
}

export const KMEANS_DEFAULT_CLUSTERS = 30;
export const DEFAULT_MAX_MEMBER_DISTANCE = 0.04;

/**
 * HDBSCAN's defaults with unit 'templates' (the macro level: themes): the smallest theme is two
 * templates, and one neighbour makes a template a core point. Chosen by `npm run eval`'s macro level:
 * over min cluster size 2–4 × min samples 1–3, the mean B-cubed F1 of clusters against Loghub's
 * Component (the program or logger class; a proxy for themes, see engine/evaluate/macro-level.ts) is
 * highest here with all nine sets, and 7 of the 9 leave-one-out folds choose it too.
 */
export const THEME_DEFAULTS = { minClusterSize: 2, minSamples: 1 } as const;

/**
 * The default smallest cluster with unit 'events': 0.1 % of the events, at least 2 and at most 50
 * (HDBSCAN_DEFAULTS). On Loghub-2k, before templates, smaller was better at every step measured (mean
 * raw GA 0.897 at 2, 0.887 at 5, 0.858 at 20, 0.813 at 50); past 50,000 events it is the fixed 50.
 */
export function defaultMinClusterSize(totalEvents: number): number {
  return Math.max(2, Math.min(HDBSCAN_DEFAULTS.minClusterSize, Math.round(totalEvents / 1000)));
}

/**
 * The one entry point from template vectors (L2-normalized, counts as weights) to clusters and a
 * layout: one kNN graph feeds HDBSCAN and UMAP, so the pairwise work is done once.
 *
 * The default (unit 'templates') is the macro level: HDBSCAN over the templates, each counted once,
 * so that a cluster gathers templates whose meanings lie close together ("sshd: Failed password for …",
 * "kernel: PCI …") into a theme a person names. Templates are already one event type each (the template
 * layer); counting events again, as unit 'events' does, made every frequent template a cluster of its
 * own (Loghub-2k raw lines: 166 clusters for 499 templates; with these defaults 126 clusters holding
 * 382 of them, 3.0 templates per cluster). A template unlike any other is noise:
 * a theme of one, which the reports show as such. No member cut (maxMemberDistance Infinity): a theme's
 * members are alike, not near-duplicates.
 *
 * Unit 'events' (HDBSCAN on the duplicated events), measured on Loghub-2k before templates existed:
 * - density 'events' (a pattern weighs its count in the core distance too). With 'patterns', a frequent
 *   pattern that is not inside a dense region of other phrasings is noise: 93 % of Loghub lines were
 *   noise at minClusterSize 50 / minSamples 10.
 * - maxMemberDistance 0.04: a rare line chained onto the cluster of a frequent event of another kind
 *   made all of that event's lines count as wrong; results were flat for cuts 0.02–0.05.
 * - minClusterSize relative to the data (defaultMinClusterSize), minSamples min(10, minClusterSize).
 * Consequences: a pattern seen ≥ minClusterSize times is a cluster of its own unless another pattern has
 * the same vector, so clusters are frequent phrasings plus the rare ones within 0.04 of them; and such a
 * pattern has infinite density, so in its cluster probabilities are 1 for it and 0 for rarer members.
 */
export function clusterPatterns(vectors: Float32Array, dim: number, weights: ArrayLike<number>, options: PatternClusteringOptions = {}): PatternClustering {
  const n = vectors.length / dim;
  const method = options.method ?? 'hdbscan';
  const unit = options.unit ?? 'templates';
  let totalEvents = 0;
  for (let i = 0; i < weights.length; i++) totalEvents += weights[i];
  const byEvents = unit === 'events';
  const minClusterSize = options.minClusterSize ?? (byEvents ? defaultMinClusterSize(totalEvents) : THEME_DEFAULTS.minClusterSize);
  const minSamples =
    options.minSamples ?? (byEvents ? Math.max(1, Math.min(HDBSCAN_DEFAULTS.minSamples, Math.round(minClusterSize))) : THEME_DEFAULTS.minSamples);
  const density = byEvents ? (options.density ?? 'events') : 'patterns';
  const maxMemberDistance = options.maxMemberDistance ?? (byEvents ? DEFAULT_MAX_MEMBER_DISTANCE : Infinity);
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
    const h = hdbscan({ knn: g, weights: byEvents ? weights : new Float64Array(n).fill(1), minClusterSize, minSamples, density });
    const kept = Number.isFinite(maxMemberDistance) ? detachDistantMembers(h, maxMemberDistance) : h;
    result = {
      method,
      labels: kept.labels,
      probabilities: kept.probabilities,
      outlierScores: h.outlierScores,
      nClusters: kept.nClusters,
      settings: { unit, minClusterSize, minSamples, density, maxMemberDistance },
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
