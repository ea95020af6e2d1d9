import assert from 'node:assert/strict';
import { test } from 'node:test';
import { condenseTree, type CondensedTree } from './condensed-tree.js';
import type { LinkageTree } from './single-linkage.js';

/** Rows as [parent, child, λ, size] for comparison. */
function rows(tree: CondensedTree): number[][] {
  return Array.from(tree.parent, (p, r) => [p, tree.child[r], tree.lambda[r], tree.childSize[r]]);
}

// Pairs {0,1} and {2,3} form at distance 0.5; point 4 joins {0,1} at 1 and the pairs join at 1 too.
function tiedLinkage(weights: number[]): LinkageTree {
  const w = (i: number) => weights[i];
  return {
    n: 5,
    left: Int32Array.from([0, 2, 5, 7]),
    right: Int32Array.from([1, 3, 4, 6]),
    distance: Float64Array.from([0.5, 0.5, 1, 1]),
    size: Float64Array.from([w(0) + w(1), w(2) + w(3), w(0) + w(1) + w(4), w(0) + w(1) + w(2) + w(3) + w(4)]),
  };
}

test('merges tied at one distance are one level: both pairs split off, the point between falls out', () => {
  const weights = [1, 1, 1, 1, 1];
  const tree = condenseTree(tiedLinkage(weights), Float64Array.from(weights), new Float64Array(5).fill(0.5), 2);
  assert.equal(tree.nClusters, 3);
  assert.deepEqual(rows(tree), [
    [5, 6, 1, 2],
    [5, 4, 1, 1],
    [5, 7, 1, 2],
    [6, 0, 2, 1],
    [6, 1, 2, 1],
    [7, 2, 2, 1],
    [7, 3, 2, 1],
  ]);
});

test('a pattern as heavy as a cluster carries it and leaves at its own core distance', () => {
  const weights = [3, 1, 1, 1, 1];
  const core = Float64Array.from([0.1, 0.5, 0.5, 0.5, 0.5]);
  const tree = condenseTree(tiedLinkage(weights), Float64Array.from(weights), core, 2);
  // At 0.5, pattern 0 (weight 3) continues cluster 6 alone; pattern 1 falls out; 0 leaves at λ = 1/0.1.
  assert.deepEqual(
    rows(tree).filter((r) => r[0] === 6),
    [
      [6, 1, 2, 1],
      [6, 0, 10, 3],
    ],
  );
  // Core distance 0: the pattern's events coincide, λ = ∞ (what Python gives on the duplicated events).
  core[0] = 0;
  const dense = condenseTree(tiedLinkage(weights), Float64Array.from(weights), core, 2);
  assert.deepEqual(
    rows(dense).filter((r) => r[1] === 0),
    [[6, 0, Infinity, 3]],
  );
});

test('a heavy pattern whose core distance is the merge distance comes apart into light events', () => {
  const weights = [3, 1, 1, 1, 1];
  const core = Float64Array.from([0.5, 0.5, 0.5, 0.5, 0.5]);
  const tree = condenseTree(tiedLinkage(weights), Float64Array.from(weights), core, 2);
  assert.deepEqual(
    rows(tree).filter((r) => r[0] === 6),
    [
      [6, 0, 2, 3],
      [6, 1, 2, 1],
    ],
  );
});

test('a root with no part as heavy as minClusterSize is all noise, no clusters', () => {
  const weights = [1, 1, 1, 1, 1];
  const tree = condenseTree(tiedLinkage(weights), Float64Array.from(weights), new Float64Array(5).fill(0.5), 3);
  assert.equal(tree.nClusters, 1);
  assert.deepEqual(
    rows(tree).map((r) => r[0]),
    [5, 5, 5, 5, 5],
  );
  assert.deepEqual(
    rows(tree).map((r) => r[2]),
    [1, 1, 1, 1, 1],
  );
});
