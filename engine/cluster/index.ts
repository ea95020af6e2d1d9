/** Public API of engine/cluster: kNN graphs, count-weighted HDBSCAN, spherical k-means, UMAP. */
export {
  buildExactKnnGraph,
  buildUsearchKnnGraph,
  checkKnnGraph,
  chordalKnnGraph,
  emptyKnnGraph,
  knnRecall,
  type KnnGraph,
  type UsearchKnnOptions,
} from './knn-graph.js';
export { hdbscan, HDBSCAN_DEFAULTS, type HdbscanOptions, type HdbscanResult } from './hdbscan.js';
export type { ClusterSelectionMethod } from './cluster-selection.js';
export type { CondensedTree } from './condensed-tree.js';
export type { LinkageTree } from './single-linkage.js';
export { sphericalKMeans, type KMeansOptions, type KMeansResult } from './kmeans.js';
export { defaultEpochs, umapLayout, UMAP_DEFAULTS, type UmapOptions } from './umap.js';
export { adjustedRandIndex, samePartition, trustworthiness } from './metrics.js';
export { detachDistantMembers } from './member-cut.js';
export { clusterLabel, distinctLabels, LABEL_MAX_CHARS, type LabelledTemplate } from './cluster-label.js';
export { describeClusters, type ClusterDescription, type ClusterEntity, type DescribeClustersOptions } from './describe-clusters.js';
export {
  clusterPatterns,
  defaultMinClusterSize,
  DEFAULT_MAX_MEMBER_DISTANCE,
  THEME_DEFAULTS,
  KMEANS_DEFAULT_CLUSTERS,
  type ClusterMethod,
  type PatternClustering,
  type PatternClusteringOptions,
} from './cluster-patterns.js';
