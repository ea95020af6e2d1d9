import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sphericalKMeans } from './kmeans.js';
import { adjustedRandIndex } from './metrics.js';
import { syntheticPatterns } from './synthetic.js';

test('recovers well-separated clusters exactly, weighted and not', () => {
  const data = syntheticPatterns({ n: 600, dim: 32, clusters: 6, noiseFraction: 0, spread: 0.5, seed: 2 });
  for (const weights of [undefined, data.counts]) {
    for (const seed of [1, 2, 3]) {
      const result = sphericalKMeans(data.vectors, data.dim, { nClusters: 6, weights, seed, nInit: 4 });
      assert.equal(result.nClusters, 6);
      assert.ok(result.converged);
      assert.equal(adjustedRandIndex(result.labels, data.truth), 1, `seed ${seed}, ${weights ? 'weighted' : 'unweighted'}`);
    }
  }
  const result = sphericalKMeans(data.vectors, data.dim, { nClusters: 6 });
  for (let c = 0; c < 6; c++) {
    let norm = 0;
    for (let t = 0; t < data.dim; t++) norm += result.centroids[c * data.dim + t] ** 2;
    assert.ok(Math.abs(norm - 1) < 1e-5, `centroid ${c} has norm² ${norm}`);
  }
});

test('more seedings never end with a worse fit', () => {
  const data = syntheticPatterns({ n: 600, dim: 32, clusters: 12, seed: 6 });
  const one = sphericalKMeans(data.vectors, data.dim, { nClusters: 12, weights: data.counts, seed: 3 });
  const four = sphericalKMeans(data.vectors, data.dim, { nClusters: 12, weights: data.counts, seed: 3, nInit: 4 });
  assert.ok(four.inertia <= one.inertia);
});

test('is deterministic for a seed', () => {
  const data = syntheticPatterns({ n: 500, dim: 24, clusters: 10, seed: 4 });
  const a = sphericalKMeans(data.vectors, data.dim, { nClusters: 8, seed: 7, weights: data.counts });
  const b = sphericalKMeans(data.vectors, data.dim, { nClusters: 8, seed: 7, weights: data.counts });
  assert.deepEqual(a.labels, b.labels);
  assert.deepEqual(a.centroids, b.centroids);
  assert.equal(a.inertia, b.inertia);
});

test('a centroid is the normalized weighted mean of its members', () => {
  // Two directions in the plane; the second weighs 3: the single centroid leans towards it.
  const vectors = new Float32Array([1, 0, 0, 1]);
  const result = sphericalKMeans(vectors, 2, { nClusters: 1, weights: [1, 3] });
  const norm = Math.hypot(1, 3);
  assert.ok(Math.abs(result.centroids[0] - 1 / norm) < 1e-6);
  assert.ok(Math.abs(result.centroids[1] - 3 / norm) < 1e-6);
  const expectedInertia = 1 * (1 - 1 / norm) + 3 * (1 - 3 / norm);
  assert.ok(Math.abs(result.inertia - expectedInertia) < 1e-6);
});

test('more clusters fit better, and k is clamped to the distinct directions', () => {
  const data = syntheticPatterns({ n: 400, dim: 16, clusters: 8, seed: 9 });
  const coarse = sphericalKMeans(data.vectors, data.dim, { nClusters: 2 });
  const fine = sphericalKMeans(data.vectors, data.dim, { nClusters: 8 });
  assert.ok(fine.inertia < coarse.inertia, `${fine.inertia} vs ${coarse.inertia}`);
  const three = new Float32Array([1, 0, 1, 0, 0, 1, -1, 0]);
  const clamped = sphericalKMeans(three, 2, { nClusters: 30 });
  assert.equal(clamped.nClusters, 3);
  assert.equal(clamped.labels[0], clamped.labels[1]);
  assert.equal(new Set(clamped.labels).size, 3);
  assert.equal(clamped.inertia, 0);
});
