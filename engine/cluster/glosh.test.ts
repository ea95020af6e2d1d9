import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CondensedTree } from './condensed-tree.js';
import { gloshScores } from './glosh.js';

function treeOf(table: number[][], nPoints: number, nClusters: number): CondensedTree {
  return {
    nPoints,
    nClusters,
    parent: Int32Array.from(table, (r) => r[0]),
    child: Int32Array.from(table, (r) => r[1]),
    lambda: Float64Array.from(table, (r) => r[2]),
    childSize: Float64Array.from(table, (r) => r[3]),
  };
}

test('score = 1 − λ_point / (deepest λ in the subtree of the cluster it leaves)', () => {
  // Root 4: point 3 leaves it at λ 0.5; cluster 5 (born λ 1) holds 0, 1, 2 leaving at 4, 4, 2.
  const tree = treeOf(
    [
      [4, 3, 0.5, 1],
      [4, 5, 1, 3],
      [5, 0, 4, 1],
      [5, 1, 4, 1],
      [5, 2, 2, 1],
    ],
    4,
    2,
  );
  const scores = Array.from(gloshScores(tree));
  assert.deepEqual(scores, [0, 0, 0.5, 1 - 0.5 / 4]);
});

test('infinite densities: a point at λ = ∞ scores 0; a finite point under an infinite subtree scores 1', () => {
  const tree = treeOf(
    [
      [3, 2, 1, 1],
      [3, 4, 1, 2],
      [4, 0, Infinity, 5],
      [4, 1, 3, 1],
    ],
    3,
    2,
  );
  assert.deepEqual(Array.from(gloshScores(tree)), [0, 1, 1]);
});
