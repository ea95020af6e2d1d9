import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hdbscan } from './hdbscan.js';
import { buildExactKnnGraph, emptyKnnGraph } from './knn-graph.js';
import { adjustedRandIndex } from './metrics.js';
import { createRandom } from './rng.js';
import { syntheticPatterns } from './synthetic.js';

/** Unit vectors in the plane at the given angles (radians). */
function circle(angles: number[]): Float32Array {
  return Float32Array.from(angles.flatMap((a) => [Math.cos(a), Math.sin(a)]));
}

const range = (n: number, start: number, step: number) => Array.from({ length: n }, (_, i) => start + i * step);

test('two tight blobs and a far point: two clusters, the far point is the noisiest', () => {
  const angles = [...range(10, 0, 0.01), ...range(10, Math.PI / 2, 0.01), Math.PI];
  const knn = buildExactKnnGraph(circle(angles), 2, 20);
  const result = hdbscan({ knn, minClusterSize: 5, minSamples: 3 });
  assert.equal(result.nClusters, 2);
  const a = result.labels[0];
  const b = result.labels[10];
  assert.notEqual(a, b);
  assert.ok(a >= 0 && b >= 0);
  for (let i = 0; i < 10; i++) assert.equal(result.labels[i], a);
  for (let i = 10; i < 20; i++) assert.equal(result.labels[i], b);
  assert.equal(result.labels[20], -1);
  assert.equal(result.probabilities[20], 0);
  const maxScore = Math.max(...result.outlierScores);
  assert.equal(result.outlierScores[20], maxScore);
  assert.ok(maxScore > 0.9, `far point score ${maxScore}`);
  // Core distance of point 0 with minSamples 3 = its 3rd neighbour (itself excluded), 0.03 rad away.
  assert.ok(Math.abs(result.coreDistances[0] - (1 - Math.cos(0.03))) < 1e-6);
});

test('weights count: a pattern weighted past minSamples has core distance 0; heavy patterns hold a cluster', () => {
  const angles = [...range(6, 0, 0.01), ...range(6, 1, 0.01), 2.5];
  const weights = [...Array(6).fill(3), ...Array(6).fill(1), 1];
  weights[0] = 11;
  const knn = buildExactKnnGraph(circle(angles), 2, 12);
  const result = hdbscan({ knn, weights, minClusterSize: 8, minSamples: 10 });
  assert.equal(result.coreDistances[0], 0);
  // The first blob weighs 26 events, the second 6 (< 8): one cluster, the light blob is noise.
  assert.equal(result.nClusters, 0, 'root is not a cluster without allowSingleCluster');
  const single = hdbscan({ knn, weights, minClusterSize: 8, minSamples: 10, allowSingleCluster: true });
  assert.equal(single.nClusters, 1);
  assert.equal(single.labels[0], 0);
  for (let i = 6; i < 13; i++) assert.equal(single.labels[i], -1);
});

for (const [minClusterSize, minSamples] of [
  [15, 5],
  [6, 12],
]) {
  test(`weighted patterns give the result of the duplicated events (minClusterSize ${minClusterSize}, minSamples ${minSamples})`, () => {
    const random = createRandom(5);
    const angles: number[] = [];
    for (const centre of [0, 1.2, 2.6]) for (let i = 0; i < 25; i++) angles.push(centre + 0.15 * (random() - 0.5));
    for (let i = 0; i < 6; i++) angles.push(3.5 + random() * 2.5);
    const weights = angles.map(() => 1 + Math.floor(random() * 4));
    weights[3] = 9; // past minSamples 5: core distance 0
    weights[40] = 7;
    weights[60] = 20;
    // An isolated pattern with 6 ≤ weight ≤ 12: cluster-sized, yet it joins others at its own core
    // distance, where its events come apart (ms 12 > mcs 6).
    weights[76] = 8;
    const expandedAngles = angles.flatMap((a, i) => Array(weights[i]).fill(a));
    const owner = angles.flatMap((_, i) => Array(weights[i]).fill(i));
    const options = { minClusterSize, minSamples };
    const weighted = hdbscan({ knn: buildExactKnnGraph(circle(angles), 2, angles.length - 1), weights, ...options });
    const expanded = hdbscan({ knn: buildExactKnnGraph(circle(expandedAngles), 2, expandedAngles.length - 1), ...options });
    assert.ok(weighted.nClusters >= 3, `${weighted.nClusters} clusters`);
    assert.equal(weighted.nClusters, expanded.nClusters);
    for (let e = 0; e < owner.length; e++) {
      const p = owner[e];
      assert.equal(weighted.labels[p], expanded.labels[e], `label of pattern ${p}`);
      assert.ok(Math.abs(weighted.probabilities[p] - expanded.probabilities[e]) < 1e-5, `probability of ${p}`);
      assert.ok(Math.abs(weighted.outlierScores[p] - expanded.outlierScores[e]) < 1e-5, `outlier score of ${p}`);
    }
  });
}

test('disconnected kNN graph: heavy components become clusters, a light one is noise', () => {
  // Three groups far apart; with k = 4 no neighbour list leaves its group.
  const angles = [...range(8, 0, 0.01), ...range(8, 2, 0.01), ...range(5, 4, 0.01)];
  const knn = buildExactKnnGraph(circle(angles), 2, 4);
  for (let i = 0; i < angles.length; i++) {
    const group = i < 8 ? 0 : i < 16 ? 1 : 2;
    for (let r = 0; r < 4; r++) {
      const j = knn.indices[i * 4 + r];
      assert.equal(j < 8 ? 0 : j < 16 ? 1 : 2, group);
    }
  }
  const result = hdbscan({ knn, minClusterSize: 6, minSamples: 3 });
  assert.equal(result.nClusters, 2);
  assert.notEqual(result.labels[0], result.labels[8]);
  for (let i = 1; i < 8; i++) assert.equal(result.labels[i], result.labels[0]);
  for (let i = 16; i < 21; i++) {
    assert.equal(result.labels[i], -1);
    assert.equal(result.outlierScores[i], 1);
  }
});

test('leaf selection finds the sub-clusters that excess of mass merges', () => {
  // Two pairs of blobs, each blob densest at its centre (offsets ±0.002·i^1.5); blobs within a pair
  // touch, the pairs are far apart. Python hdbscan gives 2 clusters (eom) and 4 (leaf) on this input.
  const blob = (centre: number) => range(16, 0, 1).map((i) => centre + (i % 2 ? 1 : -1) * 0.002 * Math.pow(1 + (i >> 1), 1.5));
  const angles = [0, 0.1, 2, 2.1].flatMap(blob);
  const knn = buildExactKnnGraph(circle(angles), 2, angles.length - 1);
  const eom = hdbscan({ knn, minClusterSize: 8, minSamples: 4 });
  const leaf = hdbscan({ knn, minClusterSize: 8, minSamples: 4, clusterSelectionMethod: 'leaf' });
  assert.equal(eom.nClusters, 2);
  assert.equal(leaf.nClusters, 4);
  for (let b = 0; b < 4; b++) {
    assert.equal(leaf.labels[b * 16], leaf.labels[b * 16 + 1], `blob ${b} centre`);
    assert.equal(eom.labels[b * 16], eom.labels[(b ^ 1) * 16], `blob ${b} shares its pair's eom cluster`);
  }
  assert.notEqual(eom.labels[0], eom.labels[32]);
});

test("density 'patterns' keeps heavy patterns from splitting off; 'events' is the duplicated-events result", () => {
  // Five clusters of 1,000 patterns with Pareto counts (some in the thousands).
  const data = syntheticPatterns({ n: 1000, dim: 64, clusters: 5, spread: 0.7, seed: 8 });
  const knn = buildExactKnnGraph(data.vectors, data.dim, 15);
  const byPatterns = hdbscan({ knn, weights: data.counts, density: 'patterns' });
  assert.equal(byPatterns.nClusters, 5);
  assert.ok(adjustedRandIndex(byPatterns.labels, data.truth) > 0.99);
  // Patterns seen more than minSamples times are points of infinite density: some become clusters alone.
  const byEvents = hdbscan({ knn, weights: data.counts, density: 'events' });
  const members = new Map<number, number>();
  for (const l of byEvents.labels) members.set(l, (members.get(l) ?? 0) + 1);
  const loneHeavy = [...members].filter(([label, count]) => label >= 0 && count === 1);
  assert.ok(byEvents.nClusters > 5 && loneHeavy.length > 0, `${byEvents.nClusters} clusters, ${loneHeavy.length} of one pattern`);
  for (const [label] of loneHeavy) {
    const p = byEvents.labels.indexOf(label);
    assert.ok(data.counts[p] >= 50 && byEvents.coreDistances[p] === 0);
  }
  // With unit weights the two are the same thing.
  assert.deepEqual(hdbscan({ knn, density: 'patterns' }).labels, hdbscan({ knn }).labels);
});

test('rejects a graph with fewer neighbours than minSamples and non-positive weights', () => {
  const knn = emptyKnnGraph(30, 5);
  assert.throws(() => hdbscan({ knn, minSamples: 10 }), /fewer than minSamples/);
  const ok = buildExactKnnGraph(circle(range(30, 0, 0.01)), 2, 12);
  assert.throws(() => hdbscan({ knn: ok, weights: new Array(30).fill(0), minSamples: 5 }), /weights must be positive/);
  assert.throws(() => hdbscan({ knn: ok, minClusterSize: 1 }), /minClusterSize/);
});
