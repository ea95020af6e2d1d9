import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildExactKnnGraph } from './knn-graph.js';
import { trustworthiness } from './metrics.js';
import { syntheticPatterns } from './synthetic.js';
import { defaultEpochs, umapLayout } from './umap.js';

const data = syntheticPatterns({ n: 600, dim: 64, clusters: 8, noiseFraction: 0, seed: 12 });
const knn = buildExactKnnGraph(data.vectors, data.dim, 14);

/** Mean share of each point's k nearest 2-D neighbours that come from its own cluster. */
function sameClusterShare(embedding: Float32Array, truth: Int32Array, k: number): number {
  const n = truth.length;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const order = Array.from({ length: n }, (_, j) => j)
      .filter((j) => j !== i)
      .map((j) => ({ j, d: (embedding[2 * i] - embedding[2 * j]) ** 2 + (embedding[2 * i + 1] - embedding[2 * j + 1]) ** 2 }))
      .sort((x, y) => x.d - y.d);
    total += order.slice(0, k).filter(({ j }) => truth[j] === truth[i]).length / k;
  }
  return total / n;
}

test('clusters far apart in 64-d stay apart in 2-D (trustworthiness, neighbour purity)', () => {
  const embedding = umapLayout(knn, { seed: 3 });
  assert.equal(embedding.length, 2 * data.n);
  assert.ok(embedding.every(Number.isFinite));
  const trust = trustworthiness(data.vectors, data.dim, embedding, 2, 10);
  assert.ok(trust > 0.93, `trustworthiness ${trust}`);
  const purity = sameClusterShare(embedding, data.truth, 10);
  assert.ok(purity > 0.97, `same-cluster share of 2-D neighbours ${purity}`);
});

test('random initialization also separates the clusters', () => {
  const embedding = umapLayout(knn, { seed: 3, init: 'random', nEpochs: 200 });
  assert.ok(sameClusterShare(embedding, data.truth, 10) > 0.95);
});

test('is deterministic for a seed, and the seed matters', () => {
  const a = umapLayout(knn, { seed: 5, nEpochs: 100 });
  const b = umapLayout(knn, { seed: 5, nEpochs: 100 });
  const c = umapLayout(knn, { seed: 6, nEpochs: 100 });
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
});

test('epochs: 500 up to 10,000 points, then fewer as n grows, never below 50', () => {
  assert.equal(defaultEpochs(600), 500);
  assert.equal(defaultEpochs(10_000), 500);
  assert.equal(defaultEpochs(10_001), 200);
  assert.equal(defaultEpochs(20_000), 100);
  assert.equal(defaultEpochs(1_000_000), 50);
});
