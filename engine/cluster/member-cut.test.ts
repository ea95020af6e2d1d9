import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hdbscan } from './hdbscan.js';
import { buildExactKnnGraph } from './knn-graph.js';
import { detachDistantMembers } from './member-cut.js';

// Two frequent patterns on the unit circle (in 2-D), a rare variant 0.01 rad from the first and a
// rare pattern 0.3 rad from the second: HDBSCAN puts each rare one in the cluster of its neighbour.
const angles = [0, 0.01, 2, 2.3];
const vectors = Float32Array.from(angles.flatMap((a) => [Math.cos(a), Math.sin(a)]));
const weights = [40, 1, 40, 1];
const result = hdbscan({ knn: buildExactKnnGraph(vectors, 2, 3), weights, minClusterSize: 20, minSamples: 2, density: 'events' });

test('HDBSCAN alone keeps the far rare pattern in a cluster', () => {
  assert.equal(result.nClusters, 2);
  assert.equal(result.labels[1], result.labels[0]);
  assert.equal(result.labels[3], result.labels[2]);
  assert.notEqual(result.labels[0], result.labels[2]);
});

test('a member farther than the cut becomes noise; close members and the cluster count stay', () => {
  const cut = detachDistantMembers(result, 0.01); // cosine distances: 0.00005 (variant), 0.045 (far one)
  assert.equal(cut.labels[3], -1);
  assert.equal(cut.probabilities[3], 0);
  assert.equal(cut.nClusters, 2);
  assert.deepEqual([...cut.labels.slice(0, 3)], [...result.labels.slice(0, 3)]);
  assert.ok(result.labels[3] >= 0, 'the input is not changed');
});

test('a cut past every distance changes nothing; a cluster whose members all leave disappears and labels stay dense', () => {
  assert.deepEqual([...detachDistantMembers(result, 10).labels], [...result.labels]);
  // Rare patterns only: clusters of two rare patterns each, which a tiny cut dissolves entirely.
  const rare = hdbscan({ knn: buildExactKnnGraph(vectors, 2, 3), weights: [1, 1, 1, 1], minClusterSize: 2, minSamples: 1, density: 'patterns' });
  assert.equal(rare.nClusters, 2);
  const none = detachDistantMembers(rare, 1e-9);
  assert.equal(none.nClusters, 0);
  assert.ok(none.labels.every((l) => l === -1));
  // Only the far pair dissolves: the close pair keeps label 0.
  const one = detachDistantMembers(rare, 0.01);
  assert.equal(one.nClusters, 1);
  assert.deepEqual([...one.labels], [0, 0, -1, -1]);
});
