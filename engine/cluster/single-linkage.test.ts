import assert from 'node:assert/strict';
import { test } from 'node:test';
import { singleLinkage } from './single-linkage.js';

test('merges in scipy layout, sizes are sums of weights', () => {
  const mst = { from: Int32Array.from([0, 1, 2]), to: Int32Array.from([1, 2, 3]), weight: Float64Array.from([1, 2, 4]) };
  const tree = singleLinkage(mst, Float64Array.from([2, 1, 1, 5]));
  assert.deepEqual(Array.from(tree.left), [0, 4, 5]);
  assert.deepEqual(Array.from(tree.right), [1, 2, 3]);
  assert.deepEqual(Array.from(tree.distance), [1, 2, 4]);
  assert.deepEqual(Array.from(tree.size), [3, 4, 9]);
});
