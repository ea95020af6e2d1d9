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
 * trees). At each merge, a side weighing at least `minClusterSize` events stays a cluster; when both
 * do, the cluster splits in two; a lighter side falls out point by point.
 *
 * Weighted leaves: a pattern with weight w stands for w identical events, which in the expanded
 * dendrogram hang together until the pattern's own core distance (mutual reachability among copies
 * = core distance). So a pattern heavy enough to reach a node of its own as a cluster leaves that
 * cluster at λ = 1 / core distance (∞ when the pattern alone outweighs minSamples) — exactly what
 * Python computes on the duplicated input.
 */
export function condenseTree(
  linkage: LinkageTree,
  weights: Float64Array,
  coreDistances: Float64Array,
  minClusterSize: number,
): CondensedTree {
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
  const fallOutStack: number[] = [];
  const fallOut = (subtree: number, cluster: number, lambda: number) => {
    fallOutStack.push(subtree);
    while (fallOutStack.length > 0) {
      const node = fallOutStack.pop()!;
      if (node < n) rows.add(cluster, node, lambda, weights[node]);
      else fallOutStack.push(linkage.left[node - n], linkage.right[node - n]);
    }
  };

  while (head < tail) {
    const node = queue[head++];
    const cluster = label[node];
    if (node < n) {
      rows.add(cluster, node, lambdaOf(coreDistances[node]), weights[node]);
      continue;
    }
    const m = node - n;
    const left = linkage.left[m];
    const right = linkage.right[m];
    const lambda = lambdaOf(linkage.distance[m]);
    const leftBig = sizeOf(left) >= minClusterSize;
    const rightBig = sizeOf(right) >= minClusterSize;
    if (leftBig && rightBig) {
      for (const side of [left, right]) {
        label[side] = nextCluster++;
        rows.add(cluster, label[side], lambda, sizeOf(side));
        queue[tail++] = side;
      }
    } else if (!leftBig && !rightBig) {
      fallOut(left, cluster, lambda);
      fallOut(right, cluster, lambda);
    } else {
      const [kept, dropped] = leftBig ? [left, right] : [right, left];
      label[kept] = cluster;
      fallOut(dropped, cluster, lambda);
      queue[tail++] = kept;
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
