import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildExactKnnGraph } from './knn-graph.js';
import { trustworthiness } from './metrics.js';
import { syntheticPatterns } from './synthetic.js';
import { umapLayout } from './umap.js';
import { fuzzySimplicialSet, smoothKnnDistances } from './umap-graph.js';
import { findCurveParameters } from './umap-layout.js';

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

test('curve parameters match umap-learn (scipy curve_fit)', () => {
  // find_ab_params(spread, min_dist) from umap-learn 0.5 with scipy 1.17.
  const expected: [number, number, number, number][] = [
    [1, 0.05, 1.75022496, 0.84205539],
    [1, 0.1, 1.57694346, 0.89506088],
    [1, 0.5, 0.58303002, 1.33416699],
    [2, 0.1, 0.54466054, 0.84205543],
  ];
  for (const [spread, minDist, a, b] of expected) {
    const fit = findCurveParameters(spread, minDist);
    assert.ok(Math.abs(fit.a - a) < 1e-4 && Math.abs(fit.b - b) < 1e-4, `${spread}/${minDist}: ${fit.a}, ${fit.b}`);
  }
});

test('fuzzy simplicial set: σ solves Σ exp(−(d − ρ)/σ) = log₂ k; the union is symmetric and in (0, 1]', () => {
  const { sigma, rho } = smoothKnnDistances(knn, 14, 15);
  for (let i = 0; i < knn.n; i += 37) {
    let sum = 0;
    for (let r = 0; r < 14; r++) sum += Math.exp(-Math.max(0, knn.distances[i * 14 + r] - rho[i]) / sigma[i]);
    assert.ok(Math.abs(sum - Math.log2(15)) < 1e-3, `row ${i}: ${sum}`);
    assert.equal(rho[i], knn.distances[i * 14]);
  }
  const graph = fuzzySimplicialSet(knn, 15);
  const weightOf = new Map<string, number>();
  for (let e = 0; e < graph.head.length; e++) weightOf.set(`${graph.head[e]},${graph.tail[e]}`, graph.weight[e]);
  assert.ok(graph.head.length >= 2 * 14 * knn.n * 0.5);
  for (let e = 0; e < graph.head.length; e++) {
    assert.ok(graph.weight[e] > 0 && graph.weight[e] <= 1);
    assert.equal(weightOf.get(`${graph.tail[e]},${graph.head[e]}`), graph.weight[e]);
  }
  // Every point's nearest neighbour is at distance ρ: membership 1.
  assert.equal(weightOf.get(`0,${knn.indices[0]}`), 1);
});

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
  const embedding = umapLayout(knn, { seed: 3, init: 'random' });
  assert.ok(sameClusterShare(embedding, data.truth, 10) > 0.95);
});

test('is deterministic for a seed, and the seed matters', () => {
  const a = umapLayout(knn, { seed: 5, nEpochs: 100 });
  const b = umapLayout(knn, { seed: 5, nEpochs: 100 });
  const c = umapLayout(knn, { seed: 6, nEpochs: 100 });
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
});
