import type { SpanningTree } from './mst.js';
import { UnionFind } from './union-find.js';

/**
 * The single-linkage dendrogram in scipy's layout: merge m joins nodes left[m] and right[m] at
 * `distance[m]` into node n + m, whose `size` is the SUM OF WEIGHTS below it (events, not patterns).
 * Leaves are 0..n−1. Built from the MST edges in ascending order, as Python hdbscan's `label()`.
 */
export interface LinkageTree {
  n: number;
  left: Int32Array;
  right: Int32Array;
  distance: Float64Array;
  size: Float64Array;
}

export function singleLinkage(mst: SpanningTree, weights: Float64Array): LinkageTree {
  const n = weights.length;
  const merges = mst.from.length;
  const tree: LinkageTree = {
    n,
    left: new Int32Array(merges),
    right: new Int32Array(merges),
    distance: new Float64Array(merges),
    size: new Float64Array(merges),
  };
  const sets = new UnionFind(n);
  // The dendrogram node that currently stands for each union-find root, and its weight.
  const nodeOfRoot = new Int32Array(n);
  const weightOfRoot = Float64Array.from(weights);
  for (let i = 0; i < n; i++) nodeOfRoot[i] = i;
  for (let m = 0; m < merges; m++) {
    const ra = sets.find(mst.from[m]);
    const rb = sets.find(mst.to[m]);
    tree.left[m] = nodeOfRoot[ra];
    tree.right[m] = nodeOfRoot[rb];
    tree.distance[m] = mst.weight[m];
    const size = weightOfRoot[ra] + weightOfRoot[rb];
    tree.size[m] = size;
    const root = sets.union(ra, rb);
    nodeOfRoot[root] = n + m;
    weightOfRoot[root] = size;
  }
  return tree;
}
