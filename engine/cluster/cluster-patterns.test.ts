import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clusterPatterns, defaultMinClusterSize } from './cluster-patterns.js';
import { adjustedRandIndex } from './metrics.js';
import { syntheticPatterns } from './synthetic.js';

const data = syntheticPatterns({ n: 600, dim: 32, clusters: 6, seed: 7 });

test('hdbscan over pattern density recovers planted blobs of many phrasings and projects every pattern', () => {
  const stages: string[] = [];
  const r = clusterPatterns(data.vectors, data.dim, data.counts, {
    project: true,
    onStage: (s) => stages.push(s),
    density: 'patterns',
    minClusterSize: 50,
    minSamples: 10,
    maxMemberDistance: Infinity,
  });
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

test('defaults: min cluster size follows the data, min samples follows it, events density, member cut', () => {
  assert.equal(defaultMinClusterSize(2000), 2);
  assert.equal(defaultMinClusterSize(20_000), 20);
  assert.equal(defaultMinClusterSize(10_000_000), 50);
  const events = data.counts.reduce((a, b) => a + b, 0);
  const r = clusterPatterns(data.vectors, data.dim, data.counts);
  const mcs = defaultMinClusterSize(events);
  assert.deepEqual(r.settings, { minClusterSize: mcs, minSamples: Math.min(10, mcs), density: 'events', maxMemberDistance: 0.04 });
});

test('defaults keep each frequent phrasing apart and turn a rare line far from everything into noise', () => {
  // Three frequent phrasings (unrelated directions), each with a rare near-duplicate variant, plus one
  // rare line halfway between two of them: the variants join their phrasing, the rare line is noise.
  const dim = 8;
  const unit = (v: number[]) => { const n = Math.hypot(...v); return v.map((x) => x / n); };
  const e = (i: number, eps = 0) => unit(Array.from({ length: dim }, (_, t) => (t === i ? 1 : 0) + (t === 7 ? eps : 0)));
  const rows = [e(0), e(0, 0.1), e(2), e(2, 0.1), e(4), e(4, 0.1), unit(e(0).map((x, t) => x + e(2)[t]))];
  const counts = [300, 1, 500, 1, 200, 1, 1];
  const r = clusterPatterns(Float32Array.from(rows.flat()), dim, counts);
  assert.equal(r.nClusters, 3);
  assert.equal(r.labels[0], r.labels[1]);
  assert.equal(r.labels[2], r.labels[3]);
  assert.equal(r.labels[4], r.labels[5]);
  assert.equal(new Set([r.labels[0], r.labels[2], r.labels[4]]).size, 3);
  assert.equal(r.labels[6], -1);
});
