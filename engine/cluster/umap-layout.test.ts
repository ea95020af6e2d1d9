import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findCurveParameters, optimizeLayout } from './umap-layout.js';
import type { FuzzyGraph } from './umap-graph.js';

test('curve parameters match umap-learn (scipy curve_fit)', () => {
  // find_ab_params(spread, min_dist) from umap-learn 0.5 with scipy 1.17.
  const expected: Array<[number, number, number, number]> = [
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

test('SGD pulls connected points together and pushes the rest apart', () => {
  // Two triangles of strong edges, nothing between them; start interleaved on a line.
  const edges = [
    [0, 1],
    [1, 2],
    [0, 2],
    [3, 4],
    [4, 5],
    [3, 5],
  ];
  const graph: FuzzyGraph = {
    n: 6,
    head: Int32Array.from(edges.flatMap(([a, b]) => [a, b])),
    tail: Int32Array.from(edges.flatMap(([a, b]) => [b, a])),
    weight: new Float32Array(12).fill(1),
  };
  const embedding = Float64Array.from([0, 0, 2, 0, 4, 0, 1, 0, 3, 0, 5, 0]);
  const { a, b } = findCurveParameters(1, 0.05);
  optimizeLayout(embedding, graph, { nEpochs: 200, a, b, negativeSampleRate: 5, learningRate: 1, repulsionStrength: 1, seed: 1 });
  const distance = (i: number, j: number) => Math.hypot(embedding[2 * i] - embedding[2 * j], embedding[2 * i + 1] - embedding[2 * j + 1]);
  const within = Math.max(distance(0, 1), distance(1, 2), distance(0, 2), distance(3, 4), distance(4, 5), distance(3, 5));
  let across = Infinity;
  for (const i of [0, 1, 2]) for (const j of [3, 4, 5]) across = Math.min(across, distance(i, j));
  assert.ok(across > 2 * within, `within ${within}, across ${across}`);
});
