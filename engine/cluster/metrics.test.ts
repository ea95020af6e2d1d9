import assert from 'node:assert/strict';
import { test } from 'node:test';
import { adjustedRandIndex, samePartition, trustworthiness } from './metrics.js';
import { createRandom } from './rng.js';

test('adjusted Rand index matches sklearn', () => {
  // sklearn.metrics.adjusted_rand_score on the same labelings.
  assert.ok(Math.abs(adjustedRandIndex([0, 0, 1, 1, 2, 2], [0, 0, 1, 2, 2, 2]) - 0.4444444444444444) < 1e-12);
  assert.ok(Math.abs(adjustedRandIndex([0, 0, 0, 1, 1, 1, -1, -1], [1, 1, 1, 0, 0, -1, -1, -1]) - 0.6190476190476191) < 1e-12);
  assert.equal(adjustedRandIndex([0, 1, 2, 3], [0, 0, 0, 0]), 0);
  assert.equal(adjustedRandIndex([5, 5, 7, 7], [1, 1, 0, 0]), 1);
  assert.equal(adjustedRandIndex([0, 0, 0], [3, 3, 3]), 1);
});

test('samePartition: equal up to renaming, noise stays noise', () => {
  assert.ok(samePartition([0, 0, 1, -1], [4, 4, 2, -1]));
  assert.ok(!samePartition([0, 0, 1, -1], [4, 4, 2, 2]));
  assert.ok(!samePartition([0, 0, 1, 1], [4, 4, 4, 4]));
  assert.ok(!samePartition([0, 1, 1, 1], [4, 4, 2, 2]));
});

test('trustworthiness: 1 for a rank-preserving embedding, low for a random one', () => {
  // Directions on a half circle (irregular, so no distance ties); the embedding lays the angles out on
  // a line: the same neighbour ranks.
  const spacing = createRandom(5);
  const angles = Array.from({ length: 60 }, () => spacing() * 3).sort((a, b) => a - b);
  const vectors = Float32Array.from(angles.flatMap((a) => [Math.cos(a), Math.sin(a)]));
  const line = Float32Array.from(angles.flatMap((a) => [a, 0]));
  assert.ok(Math.abs(trustworthiness(vectors, 2, line, 2, 5) - 1) < 1e-12);
  const random = createRandom(1);
  const scattered = Float32Array.from(line, () => random());
  assert.ok(trustworthiness(vectors, 2, scattered, 2, 5) < 0.7);
});
