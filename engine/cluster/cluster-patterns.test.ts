import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clusterPatterns, defaultMinClusterSize, THEME_DEFAULTS } from './cluster-patterns.js';
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

test('defaults: templates are the unit (each once), theme sizes, no member cut; unit events keeps the finer settings', () => {
  const r = clusterPatterns(data.vectors, data.dim, data.counts);
  assert.deepEqual(r.settings, { unit: 'templates', ...THEME_DEFAULTS, density: 'patterns', maxMemberDistance: Infinity });
  assert.equal(defaultMinClusterSize(2000), 2);
  assert.equal(defaultMinClusterSize(20_000), 20);
  assert.equal(defaultMinClusterSize(10_000_000), 50);
  const events = data.counts.reduce((a, b) => a + b, 0);
  const e = clusterPatterns(data.vectors, data.dim, data.counts, { unit: 'events' });
  const mcs = defaultMinClusterSize(events);
  assert.deepEqual(e.settings, { unit: 'events', minClusterSize: mcs, minSamples: Math.min(10, mcs), density: 'events', maxMemberDistance: 0.04 });
});

// Three frequent phrasings (unrelated directions), each with a rare near-duplicate variant, plus one
// rare line halfway between two of them.
const dim8 = 8;
const unit = (v: number[]) => {
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
};
const e8 = (i: number, eps = 0) => unit(Array.from({ length: dim8 }, (_, t) => (t === i ? 1 : 0) + (t === 7 ? eps : 0)));
const phrasings = Float32Array.from([e8(0), e8(0, 0.1), e8(2), e8(2, 0.1), e8(4), e8(4, 0.1), unit(e8(0).map((x, t) => x + e8(2)[t]))].flat());

test('unit events keeps each frequent phrasing apart and turns a rare line far from everything into noise', () => {
  const r = clusterPatterns(phrasings, dim8, [300, 1, 500, 1, 200, 1, 1], { unit: 'events' });
  assert.equal(r.nClusters, 3);
  assert.equal(r.labels[0], r.labels[1]);
  assert.equal(r.labels[2], r.labels[3]);
  assert.equal(r.labels[4], r.labels[5]);
  assert.equal(new Set([r.labels[0], r.labels[2], r.labels[4]]).size, 3);
  assert.equal(r.labels[6], -1);
});

test('unit templates: counts do not make clusters, closeness of templates does', () => {
  // Two themes of three templates each (close directions), one frequent template far from both.
  const theme = (axis: number, k: number) => unit(Array.from({ length: dim8 }, (_, t) => (t === axis ? 1 : 0) + (t === axis + 1 ? 0.05 * k : 0)));
  const rows = [theme(0, 0), theme(0, 1), theme(0, 2), theme(3, 0), theme(3, 1), theme(3, 2), e8(6)];
  const counts = [1, 2, 3, 900, 1, 1, 5000];
  const r = clusterPatterns(Float32Array.from(rows.flat()), dim8, counts);
  assert.equal(r.nClusters, 2);
  assert.equal(new Set(r.labels.slice(0, 3)).size, 1);
  assert.equal(new Set(r.labels.slice(3, 6)).size, 1);
  assert.notEqual(r.labels[0], r.labels[3]);
  assert.ok(r.labels[0] >= 0 && r.labels[3] >= 0);
  // The most frequent template, unlike any other, is a theme of one: noise, whatever its count.
  assert.equal(r.labels[6], -1);
  // With events as the unit the same data makes the frequent templates clusters of their own.
  const byEvents = clusterPatterns(Float32Array.from(rows.flat()), dim8, counts, { unit: 'events' });
  assert.ok(byEvents.labels[6] >= 0);
});
