import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildExactKnnGraph } from './knn-graph.js';
import { syntheticPatterns } from './synthetic.js';
import { fuzzySimplicialSet, smoothKnnDistances } from './umap-graph.js';

const data = syntheticPatterns({ n: 300, dim: 32, clusters: 5, seed: 12 });
const knn = buildExactKnnGraph(data.vectors, data.dim, 14);

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

test('duplicates (distance 0) get membership 1 and a finite σ', () => {
  const vectors = new Float32Array([1, 0, 1, 0, 1, 0, 0.9, 0.1, 0, 1, 0.1, 0.9]);
  const small = buildExactKnnGraph(vectors, 2, 5);
  const { sigma, rho } = smoothKnnDistances(small, 5, 6);
  assert.ok(rho[0] > 0 && Number.isFinite(sigma[0]) && sigma[0] > 0);
  const graph = fuzzySimplicialSet(small, 6);
  for (let e = 0; e < graph.head.length; e++) {
    if (graph.head[e] < 3 && graph.tail[e] < 3) assert.equal(graph.weight[e], 1);
  }
});
