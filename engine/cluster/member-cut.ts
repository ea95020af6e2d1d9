import type { HdbscanResult } from './hdbscan.js';

/**
 * Turns into noise every clustered pattern that separates from the rest of its cluster at a
 * (mutual-reachability) distance above `maxDistance`, and renumbers the clusters left so labels stay
 * 0..nClusters − 1 (a cluster whose members all leave disappears). HDBSCAN keeps such a pattern in its
 * cluster however far it hangs; on Loghub-2k the one-off line chained at cosine 0.1–0.3 onto a
 * frequent event of another kind was the largest source of wrong groups (see cluster-patterns.ts).
 * Returns new arrays; `result` is not changed.
 */
export function detachDistantMembers(
  result: Pick<HdbscanResult, 'labels' | 'probabilities' | 'condensedTree'>,
  maxDistance: number,
): { labels: Int32Array; probabilities: Float32Array; nClusters: number } {
  const labels = Int32Array.from(result.labels);
  const probabilities = Float32Array.from(result.probabilities);
  const { nPoints, child, lambda } = result.condensedTree;
  for (let r = 0; r < child.length; r++) {
    const p = child[r];
    // λ = 1 / distance at which p leaves the (sub)cluster holding it; λ ≥ 1/maxDistance means close enough.
    if (p >= nPoints || labels[p] < 0 || lambda[r] * maxDistance >= 1) continue;
    labels[p] = -1;
    probabilities[p] = 0;
  }
  // Keep the clusters' order: the i-th surviving cluster becomes i.
  const kept = [...new Set(labels)].filter((l) => l >= 0).sort((a, b) => a - b);
  const renumber = new Map(kept.map((old, i) => [old, i]));
  for (let p = 0; p < labels.length; p++) if (labels[p] >= 0) labels[p] = renumber.get(labels[p])!;
  return { labels, probabilities, nClusters: kept.length };
}
