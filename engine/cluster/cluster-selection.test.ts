import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clusterStabilities, selectClusters } from './cluster-selection.js';
import type { CondensedTree } from './condensed-tree.js';

/**
 * Eight points, root 8. Cluster 10 = points 6, 7 (born λ 1); cluster 9 = points 0..5 (born λ 1),
 * splitting at λ 2 into 11 = {0, 1, 2} and 12 = {3, 4, 5}, whose points leave at `leave11` and 3.
 */
function tree(leave11: number): CondensedTree {
  const table = [
    [8, 9, 1, 6],
    [8, 10, 1, 2],
    [10, 6, 1.5, 1],
    [10, 7, 1.2, 1],
    [9, 11, 2, 3],
    [9, 12, 2, 3],
    [11, 0, leave11, 1],
    [11, 1, leave11, 1],
    [11, 2, leave11, 1],
    [12, 3, 3, 1],
    [12, 4, 3, 1],
    [12, 5, 3, 1],
  ];
  return {
    nPoints: 8,
    nClusters: 5,
    parent: Int32Array.from(table, (r) => r[0]),
    child: Int32Array.from(table, (r) => r[1]),
    lambda: Float64Array.from(table, (r) => r[2]),
    childSize: Float64Array.from(table, (r) => r[3]),
  };
}

test('stability is Σ (λ_leave − λ_birth) × weight per cluster', () => {
  const stability = Array.from(clusterStabilities(tree(3)));
  const expected = [8, 6, 0.5 + 0.2, 3, 3];
  stability.forEach((s, c) => assert.ok(Math.abs(s - expected[c]) < 1e-12, `cluster ${c + 8}: ${s}`));
});

test('excess of mass keeps a parent whose children together are not more stable (ties go to the parent)', () => {
  const selection = selectClusters(tree(3), 'eom');
  assert.deepEqual(Array.from(selection.clusterIds), [9, 10]);
  assert.deepEqual(Array.from(selection.labels), [0, 0, 0, 0, 0, 0, 1, 1]);
  assert.equal(selection.stability[0], 6);
  // Points 0..5 outlive their cluster's own direct λ (2): probability 1. Point 7 leaves at 1.2 of 1.5.
  assert.deepEqual(Array.from(selection.probabilities.slice(0, 6)), [1, 1, 1, 1, 1, 1]);
  assert.ok(Math.abs(selection.probabilities[7] - 0.8) < 1e-6);
});

test('excess of mass takes the children when they are more stable; leaf always takes the leaves', () => {
  const split = selectClusters(tree(4), 'eom');
  assert.deepEqual(Array.from(split.clusterIds), [10, 11, 12]);
  assert.deepEqual(Array.from(split.labels), [1, 1, 1, 2, 2, 2, 0, 0]);
  const leaf = selectClusters(tree(3), 'leaf');
  assert.deepEqual(Array.from(leaf.clusterIds), [10, 11, 12]);
});

test('the root is a cluster only with allowSingleCluster', () => {
  // One cluster under the root, no split: without allowSingleCluster everything is noise.
  const single: CondensedTree = {
    nPoints: 3,
    nClusters: 1,
    parent: Int32Array.from([3, 3, 3]),
    child: Int32Array.from([0, 1, 2]),
    lambda: Float64Array.from([1, 2, 2]),
    childSize: Float64Array.from([1, 1, 1]),
  };
  assert.deepEqual(Array.from(selectClusters(single).labels), [-1, -1, -1]);
  // With it, Python keeps the points that stay to the root's densest level.
  assert.deepEqual(Array.from(selectClusters(single, 'eom', true).labels), [-1, 0, 0]);
});
