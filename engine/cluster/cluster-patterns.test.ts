import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clusterPatterns } from './cluster-patterns.js';
import { adjustedRandIndex } from './metrics.js';
import { syntheticPatterns } from './synthetic.js';

const data = syntheticPatterns({ n: 600, dim: 32, clusters: 6, seed: 7 });

test('hdbscan over patterns recovers planted clusters and projects every pattern', () => {
  const stages: string[] = [];
  const r = clusterPatterns(data.vectors, data.dim, data.counts, { project: true, onStage: (s) => stages.push(s) });
  assert.deepEqual(stages, ['knn', 'cluster', 'project']);
  assert.ok(r.nClusters >= 2, `found ${r.nClusters} clusters`);
  const clustered = [...r.labels].filter((l) => l >= 0).length;
  assert.ok(clustered > data.n / 2, `only ${clustered} of ${data.n} patterns clustered`);
  assert.ok(adjustedRandIndex(r.labels, data.truth) > 0.5);
  assert.equal(r.layout?.length, 2 * data.n);
  assert.ok([...r.layout!].every(Number.isFinite));
});

test('kmeans gives exactly the asked number of clusters, none leaves every pattern unclustered', () => {
  const km = clusterPatterns(data.vectors, data.dim, data.counts, { method: 'kmeans', nClusters: 6 });
  assert.equal(km.nClusters, 6);
  assert.equal(new Set(km.labels).size, 6);
  assert.equal(km.layout, undefined);
  const none = clusterPatterns(data.vectors, data.dim, data.counts, { method: 'none' });
  assert.ok(none.labels.every((l) => l === -1));
});
