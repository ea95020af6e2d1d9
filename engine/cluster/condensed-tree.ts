import type { LinkageTree } from './single-linkage.js';

/**
 * HDBSCAN's condensed tree as an edge list, in Python hdbscan's layout: row r says `child` leaves
 * cluster `parent` at density λ = `lambda[r]` (1 / distance), carrying `childSize` weight. Children
 * below `nPoints` are patterns falling out; children from `nPoints` up are clusters born there.
 * Cluster ids run nPoints (the root) .. nPoints + nClusters − 1, every child numbered after its parent.
 */
export interface CondensedTree {
  nPoints: number;
  nClusters: number;
  parent: Int32Array;
  child: Int32Array;
  lambda: Float64Array;
  childSize: Float64Array;
}

/**
 * Walks the dendrogram from the root, breadth first (Python's order, so cluster ids match it on equal
 * trees). At each merge level, every part weighing at least `minClusterSize` events stays a cluster:
 * one such part continues its parent, two or more split it; lighter parts fall out point by point.
 *
 * Ties: merges at the same distance are one event. A binary dendrogram orders tied merges arbitrarily
 * (Python's depends on its sort), which can glue a light part onto another and fake a split; here the
 * parts are the connected components just below that distance, as in HDBSCAN's level-set definition,
 * so the result does not depend on tie order. Without ties this is the usual binary rule.
 *
 * Weighted leaves: a pattern with weight w stands for w identical events, which in the expanded
 * dendrogram hang together until the pattern's own core distance (mutual reachability among copies
 * = core distance). So a pattern heavy enough to reach a node of its own as a cluster leaves that
 * cluster at λ = 1 / core distance (∞ when the pattern alone outweighs minSamples) — exactly what
 * Python computes on the duplicated input.
 */
export function condenseTree(linkage: LinkageTree, weights: Float64Array, coreDistances: Float64Array, minClusterSize: number): CondensedTree {
  const n = linkage.n;
  const rows = new RowBuilder(3 * n);
  if (n < 2) return rows.finish(n, n === 1 ? 1 : 0);
  const sizeOf = (node: number) => (node < n ? weights[node] : linkage.size[node - n]);
  const rootNode = 2 * n - 2;
  const label = new Int32Array(2 * n - 1);
  label[rootNode] = n;
  let nextCluster = n + 1;
  const queue = new Int32Array(2 * n - 1);
  let head = 0;
  let tail = 0;
  queue[tail++] = rootNode;
  const stack: number[] = [];
  const parts: number[] = [];
  const fallOut = (subtree: number, cluster: number, lambda: number) => {
    stack.push(subtree);
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node < n) rows.add(cluster, node, lambda, weights[node]);
      else stack.push(linkage.right[node - n], linkage.left[node - n]);
    }
  };

  while (head < tail) {
    const node = queue[head++];
    const cluster = label[node];
    if (node < n) {
      rows.add(cluster, node, lambdaOf(coreDistances[node]), weights[node]);
      continue;
    }
    const distance = linkage.distance[node - n];
    const lambda = lambdaOf(distance);
    // The components just below this distance, left to right.
    parts.length = 0;
    stack.push(linkage.right[node - n], linkage.left[node - n]);
    while (stack.length > 0) {
      const part = stack.pop()!;
      if (part >= n && linkage.distance[part - n] === distance) stack.push(linkage.right[part - n], linkage.left[part - n]);
      else parts.push(part);
    }
    // A pattern dissolves into its single events at its own core distance, so at that level it is
    // light however heavy (possible only when minSamples ≥ minClusterSize).
    const isBig = (part: number) => sizeOf(part) >= minClusterSize && !(part < n && coreDistances[part] >= distance);
    let big = 0;
    for (const part of parts) if (isBig(part)) big++;
    for (const part of parts) {
      if (!isBig(part)) {
        fallOut(part, cluster, lambda);
        continue;
      }
      if (big === 1) {
        label[part] = cluster;
      } else {
        label[part] = nextCluster++;
        rows.add(cluster, label[part], lambda, sizeOf(part));
      }
      queue[tail++] = part;
    }
  }
  return rows.finish(n, nextCluster - n);
}

/** λ = 1 / distance, with distance 0 (identical events) at λ = ∞ and ∞ (disconnected) at λ = 0. */
export function lambdaOf(distance: number): number {
  return distance > 0 ? 1 / distance : Infinity;
}

class RowBuilder {
  private readonly parent: Int32Array;
  private readonly child: Int32Array;
  private readonly lambda: Float64Array;
  private readonly childSize: Float64Array;
  private count = 0;

  constructor(capacity: number) {
    this.parent = new Int32Array(capacity);
    this.child = new Int32Array(capacity);
    this.lambda = new Float64Array(capacity);
    this.childSize = new Float64Array(capacity);
  }

  add(parent: number, child: number, lambda: number, childSize: number): void {
    const r = this.count++;
    this.parent[r] = parent;
    this.child[r] = child;
    this.lambda[r] = lambda;
    this.childSize[r] = childSize;
  }

  finish(nPoints: number, nClusters: number): CondensedTree {
    const c = this.count;
    return {
      nPoints,
      nClusters,
      parent: this.parent.slice(0, c),
      child: this.child.slice(0, c),
      lambda: this.lambda.slice(0, c),
      childSize: this.childSize.slice(0, c),
    };
  }
}
