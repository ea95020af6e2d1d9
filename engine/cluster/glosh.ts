import type { CondensedTree } from './condensed-tree.js';
import { directDeathLambdas } from './cluster-selection.js';

/**
 * GLOSH outlier scores (Campello et al. 2015), as Python hdbscan's `outlier_scores`:
 * 1 − λ_p / λ_max, where λ_p is the density at which the pattern leaves its cluster and λ_max the
 * highest density reached anywhere in that cluster's subtree. 0 = as dense as its densest neighbours,
 * towards 1 = far sparser. Python writes (λ_max − λ_p) / λ_max, which is NaN when λ_max = ∞ (a subtree
 * holding a pattern weighted past minSamples); this form gives the limit, 1, instead.
 */
export function gloshScores(tree: CondensedTree): Float32Array {
  const { nPoints, nClusters, parent, child, lambda } = tree;
  const deepest = directDeathLambdas(tree);
  // Children have larger ids than parents, so one pass from the highest id propagates maxima upward.
  const parentOf = new Int32Array(nClusters).fill(-1);
  for (let r = 0; r < parent.length; r++) if (child[r] >= nPoints) parentOf[child[r] - nPoints] = parent[r] - nPoints;
  for (let c = nClusters - 1; c > 0; c--) {
    if (deepest[c] > deepest[parentOf[c]]) deepest[parentOf[c]] = deepest[c];
  }
  const scores = new Float32Array(nPoints);
  for (let r = 0; r < parent.length; r++) {
    const p = child[r];
    if (p >= nPoints) continue;
    const maxLambda = deepest[parent[r] - nPoints];
    scores[p] = maxLambda === 0 || !Number.isFinite(lambda[r]) ? 0 : 1 - lambda[r] / maxLambda;
  }
  return scores;
}
