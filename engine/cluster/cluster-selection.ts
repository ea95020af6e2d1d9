import type { CondensedTree } from './condensed-tree.js';

/** 'eom': excess of mass, HDBSCAN's default. 'leaf': the leaves of the condensed tree, finer clusters. */
export type ClusterSelectionMethod = 'eom' | 'leaf';

export interface ClusterSelection {
  /** Cluster label per pattern, 0..clusterIds.length − 1, or −1 for noise. */
  labels: Int32Array;
  /** Membership strength in [0, 1]: how long the pattern stays in its cluster relative to the longest. */
  probabilities: Float32Array;
  /** The condensed-tree cluster id behind each label, ascending (Python's label order). */
  clusterIds: Int32Array;
  /** Stability (excess of mass, in events × λ) of each label's cluster. */
  stability: Float64Array;
}

/**
 * Stability of every cluster (index = id − nPoints): Σ over what leaves it of (λ_leave − λ_birth) × weight.
 * Sizes are weights, so a pattern seen 1,000 times counts as 1,000 events.
 */
export function clusterStabilities(tree: CondensedTree): Float64Array {
  const { nPoints, nClusters, parent, child, lambda, childSize } = tree;
  const birth = new Float64Array(nClusters);
  for (let r = 0; r < parent.length; r++) if (child[r] >= nPoints) birth[child[r] - nPoints] = lambda[r];
  const stability = new Float64Array(nClusters);
  for (let r = 0; r < parent.length; r++) {
    const c = parent[r] - nPoints;
    stability[c] += (lambda[r] - birth[c]) * childSize[r];
  }
  return stability;
}

/** The largest λ among the rows leaving each cluster directly (Python's `max_lambdas`). */
export function directDeathLambdas(tree: CondensedTree): Float64Array {
  const deaths = new Float64Array(tree.nClusters);
  for (let r = 0; r < tree.parent.length; r++) {
    const c = tree.parent[r] - tree.nPoints;
    if (tree.lambda[r] > deaths[c]) deaths[c] = tree.lambda[r];
  }
  return deaths;
}

/**
 * Picks the flat clustering from the condensed tree and labels every pattern, following Python
 * hdbscan's `get_clusters` (no epsilon, no max cluster size). Without `allowSingleCluster` the root is
 * never a cluster, so data with no density split at all comes back as noise, as in Python.
 */
export function selectClusters(tree: CondensedTree, method: ClusterSelectionMethod = 'eom', allowSingleCluster = false): ClusterSelection {
  const { nPoints, nClusters, parent, child, lambda } = tree;
  // A cluster's children are born together and numbered consecutively: ids firstChild .. lastChild.
  const firstChild = new Int32Array(nClusters).fill(-1);
  const lastChild = new Int32Array(nClusters).fill(-2);
  const parentOf = new Int32Array(nClusters).fill(-1);
  for (let r = 0; r < parent.length; r++) {
    if (child[r] < nPoints) continue;
    const p = parent[r] - nPoints;
    const c = child[r] - nPoints;
    parentOf[c] = p;
    if (firstChild[p] < 0 || c < firstChild[p]) firstChild[p] = c;
    if (c > lastChild[p]) lastChild[p] = c;
  }
  const stability = clusterStabilities(tree);
  const chosen = new Uint8Array(nClusters);
  if (method === 'eom') {
    const best = stability.slice();
    for (let c = nClusters - 1; c >= (allowSingleCluster ? 0 : 1); c--) {
      // Python sums child stabilities in a C float; mirrored so reference comparisons agree on near-ties.
      let childrenBest = 0;
      for (let ch = firstChild[c]; ch >= 0 && ch <= lastChild[c]; ch++) childrenBest = Math.fround(childrenBest + best[ch]);
      if (childrenBest > best[c]) best[c] = childrenBest;
      else chosen[c] = 1;
    }
  } else {
    for (let c = 1; c < nClusters; c++) if (firstChild[c] < 0) chosen[c] = 1;
  }
  // A chosen cluster absorbs its subtree: keep only chosen clusters with no chosen ancestor.
  const covered = new Uint8Array(nClusters);
  const ids: number[] = [];
  for (let c = 0; c < nClusters; c++) {
    if (c > 0) covered[c] = covered[parentOf[c]] | chosen[parentOf[c]];
    if (chosen[c] && !covered[c]) ids.push(c);
  }

  const labelOfCluster = new Int32Array(nClusters).fill(-1);
  ids.forEach((c, label) => (labelOfCluster[c] = label));
  for (let c = 1; c < nClusters; c++) if (labelOfCluster[c] < 0) labelOfCluster[c] = labelOfCluster[parentOf[c]];

  const deaths = directDeathLambdas(tree);
  const labels = new Int32Array(nPoints).fill(-1);
  const probabilities = new Float32Array(nPoints);
  const rootChosen = ids.length === 1 && ids[0] === 0;
  for (let r = 0; r < parent.length; r++) {
    const p = child[r];
    if (p >= nPoints) continue;
    let label = labelOfCluster[parent[r] - nPoints];
    // A single root cluster keeps only the points that stay to its densest level (Python's rule).
    if (rootChosen && lambda[r] < deaths[0]) label = -1;
    labels[p] = label;
    if (label < 0) continue;
    const maxLambda = deaths[ids[label]];
    probabilities[p] = maxLambda === 0 || !Number.isFinite(lambda[r]) ? 1 : Math.min(lambda[r], maxLambda) / maxLambda;
  }
  return {
    labels,
    probabilities,
    clusterIds: Int32Array.from(ids, (c) => c + nPoints),
    stability: Float64Array.from(ids, (c) => stability[c]),
  };
}
