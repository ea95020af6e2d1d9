import type { KnnGraph } from './knn-graph.js';
import { UnionFind } from './union-find.js';

/** n − 1 edges of a spanning tree, sorted by ascending weight. */
export interface SpanningTree {
  from: Int32Array;
  to: Int32Array;
  weight: Float64Array;
}

/**
 * Minimum spanning tree of the mutual-reachability graph restricted to the kNN edges (Kruskal),
 * mutual reachability(a, b) = max(core[a], core[b], d(a, b)). With k = n − 1 this is HDBSCAN's exact
 * MST; with a smaller k it is the MST of a subgraph, an approximation that is exact whenever the true
 * MST's edges are kNN edges (the usual case: the MST joins near neighbours).
 *
 * A kNN graph can be disconnected (a tight group whose neighbour lists all point inward). Its
 * components are joined by edges of weight +Infinity, i.e. "infinitely far apart": they separate at
 * λ = 0, so a component heavy enough becomes its own cluster and a light one is noise. The joining
 * order is by component weight, heaviest first: the lightest components then hang off the root of the
 * hierarchy and fall out as noise instead of sitting inside a cluster. (The true nearest cross-component
 * edges would need the vectors, which this layer does not have; raise k if this matters.)
 */
export function mutualReachabilityMst(knn: KnnGraph, coreDistances: Float64Array, weights: Float64Array): SpanningTree {
  const { n, k, indices, distances } = knn;
  const edgeCount = n * k;
  const edgeWeight = new Float64Array(edgeCount);
  const order = new Uint32Array(edgeCount);
  let m = 0;
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < k; r++) {
      const e = i * k + r;
      const j = indices[e];
      if (j < 0 || j === i) continue;
      edgeWeight[e] = Math.max(coreDistances[i], coreDistances[j], distances[e]);
      order[m++] = e;
    }
  }
  // Ties by edge position keep the result deterministic; explicit comparisons because ∞ − ∞ is NaN.
  const sorted = order.subarray(0, m).sort((a, b) => {
    const wa = edgeWeight[a];
    const wb = edgeWeight[b];
    return wa < wb ? -1 : wa > wb ? 1 : a - b;
  });

  const tree: SpanningTree = {
    from: new Int32Array(Math.max(0, n - 1)),
    to: new Int32Array(Math.max(0, n - 1)),
    weight: new Float64Array(Math.max(0, n - 1)),
  };
  const sets = new UnionFind(n);
  let added = 0;
  for (let s = 0; s < sorted.length && added < n - 1; s++) {
    const e = sorted[s];
    const i = (e / k) | 0;
    const j = indices[e];
    if (sets.union(i, j) < 0) continue;
    tree.from[added] = i;
    tree.to[added] = j;
    tree.weight[added] = edgeWeight[e];
    added++;
  }
  if (added < n - 1) joinComponents(tree, added, sets, weights);
  return tree;
}

function joinComponents(tree: SpanningTree, added: number, sets: UnionFind, weights: Float64Array): void {
  const n = weights.length;
  const componentWeight = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const root = sets.find(i);
    componentWeight.set(root, (componentWeight.get(root) ?? 0) + weights[i]);
  }
  const roots = [...componentWeight.keys()].sort((a, b) => componentWeight.get(b)! - componentWeight.get(a)! || a - b);
  for (let c = 1; c < roots.length; c++) {
    tree.from[added] = roots[0];
    tree.to[added] = roots[c];
    tree.weight[added] = Infinity;
    added++;
  }
}
