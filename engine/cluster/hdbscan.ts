import { selectClusters, type ClusterSelectionMethod } from './cluster-selection.js';
import { condenseTree, type CondensedTree } from './condensed-tree.js';
import { weightedCoreDistances } from './core-distance.js';
import { gloshScores } from './glosh.js';
import { checkKnnGraph, type KnnGraph } from './knn-graph.js';
import { mutualReachabilityMst } from './mst.js';
import { singleLinkage, type LinkageTree } from './single-linkage.js';

export interface HdbscanOptions {
  /** Neighbours of every pattern (distances in the metric to cluster with; k ≥ minSamples). */
  knn: KnnGraph;
  /** Events per pattern (default 1 each). The result equals HDBSCAN on the duplicated events. */
  weights?: ArrayLike<number>;
  /** Smallest cluster, in events (weight). Default 50. */
  minClusterSize?: number;
  /** Neighbourhood, in events, that makes a pattern a core point (Python's min_samples). Default 10. */
  minSamples?: number;
  clusterSelectionMethod?: ClusterSelectionMethod;
  /** Let the root be the one cluster when nothing splits (Python's allow_single_cluster). Default false. */
  allowSingleCluster?: boolean;
  /**
   * What a core distance counts. 'events' (default): multiplicities, exactly HDBSCAN on the duplicated
   * events — a pattern seen more than minSamples times is a point of infinite density, so each such
   * pattern that separates from its neighbours tends to become a cluster of its own. 'patterns': each
   * pattern once (density of distinct phrasings), while counts still weigh cluster sizes and stability.
   */
  density?: 'events' | 'patterns';
}

export interface HdbscanResult {
  /** Per pattern: cluster 0..nClusters − 1, or −1 for noise. */
  labels: Int32Array;
  probabilities: Float32Array;
  /** GLOSH: 0 = typical of its cluster, towards 1 = outlying. */
  outlierScores: Float32Array;
  nClusters: number;
  /** Stability (events × λ) per cluster label. */
  clusterStability: Float64Array;
  coreDistances: Float64Array;
  linkage: LinkageTree;
  condensedTree: CondensedTree;
}

export const HDBSCAN_DEFAULTS = { minClusterSize: 50, minSamples: 10 } as const;

/**
 * Count-weighted HDBSCAN over a kNN graph: core distances counting multiplicities, the MST of mutual
 * reachability over the graph's edges, the single-linkage tree, the condensed tree with weight sums
 * as sizes, excess-of-mass (or leaf) selection, membership probabilities and GLOSH scores.
 * Follows Python hdbscan 0.8 except at distance ties, which are one level here (condensed-tree.ts);
 * Python's binary dendrogram orders them arbitrarily. A disconnected graph: see mst.ts.
 * O(n·k·log(n·k)) time, O(n·k) memory: the graph is the only pairwise structure.
 */
export function hdbscan(options: HdbscanOptions): HdbscanResult {
  const { knn } = options;
  checkKnnGraph(knn);
  const n = knn.n;
  const minClusterSize = options.minClusterSize ?? HDBSCAN_DEFAULTS.minClusterSize;
  const minSamples = options.minSamples ?? HDBSCAN_DEFAULTS.minSamples;
  if (!(minClusterSize > 1)) throw new Error(`hdbscan: minClusterSize must be greater than 1, got ${minClusterSize}`);
  if (!Number.isInteger(minSamples) || minSamples < 1) throw new Error(`hdbscan: minSamples must be a positive integer, got ${minSamples}`);
  if (knn.k < Math.min(minSamples, n - 1)) {
    throw new Error(`hdbscan: the kNN graph has k=${knn.k} neighbours, fewer than minSamples=${minSamples}`);
  }
  const weights = checkedWeights(options.weights, n);

  const densityWeights = options.density === 'patterns' ? new Float64Array(n).fill(1) : weights;
  const coreDistances = weightedCoreDistances(knn, densityWeights, minSamples);
  const linkage = singleLinkage(mutualReachabilityMst(knn, coreDistances, weights), weights);
  const condensedTree = condenseTree(linkage, weights, coreDistances, minClusterSize);
  if (n < 2) {
    return {
      labels: new Int32Array(n).fill(-1),
      probabilities: new Float32Array(n),
      outlierScores: new Float32Array(n),
      nClusters: 0,
      clusterStability: new Float64Array(0),
      coreDistances,
      linkage,
      condensedTree,
    };
  }
  const selection = selectClusters(condensedTree, options.clusterSelectionMethod ?? 'eom', options.allowSingleCluster ?? false);
  return {
    labels: selection.labels,
    probabilities: selection.probabilities,
    outlierScores: gloshScores(condensedTree),
    nClusters: selection.clusterIds.length,
    clusterStability: selection.stability,
    coreDistances,
    linkage,
    condensedTree,
  };
}

function checkedWeights(weights: ArrayLike<number> | undefined, n: number): Float64Array {
  if (weights === undefined) return new Float64Array(n).fill(1);
  if (weights.length !== n) throw new Error(`hdbscan: ${weights.length} weights for ${n} patterns`);
  const out = Float64Array.from(weights);
  for (let i = 0; i < n; i++) {
    if (!(out[i] > 0) || !Number.isFinite(out[i])) throw new Error(`hdbscan: weight of pattern ${i} is ${out[i]}; weights must be positive`);
  }
  return out;
}
