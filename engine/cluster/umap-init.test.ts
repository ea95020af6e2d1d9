import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FuzzyGraph } from './umap-graph.js';
import { randomLayout, spectralLayout } from './umap-init.js';

test('spectral layout separates two communities joined by one weak edge, inside [0, 10]²', () => {
  const edges: Array<[number, number, number]> = [];
  for (const base of [0, 10]) for (let i = 0; i < 10; i++) for (let j = i + 1; j < 10; j++) edges.push([base + i, base + j, 1]);
  edges.push([0, 10, 0.01]);
  const graph: FuzzyGraph = {
    n: 20,
    head: Int32Array.from(edges.flatMap(([a, b]) => [a, b])),
    tail: Int32Array.from(edges.flatMap(([a, b]) => [b, a])),
    weight: Float32Array.from(edges.flatMap(([, , w]) => [w, w])),
  };
  const layout = spectralLayout(graph, 1);
  for (const x of layout) assert.ok(x >= 0 && x <= 10 + 1e-9);
  // The Fiedler direction is one of the two axes: on it the communities do not overlap.
  const separated = [0, 1].some((axis) => {
    const a = Array.from({ length: 10 }, (_, i) => layout[2 * i + axis]);
    const b = Array.from({ length: 10 }, (_, i) => layout[2 * (10 + i) + axis]);
    return Math.max(...a) < Math.min(...b) || Math.max(...b) < Math.min(...a);
  });
  assert.ok(separated);
  assert.deepEqual(spectralLayout(graph, 1), layout);
});

test('random layout is uniform in [−10, 10]² and seeded', () => {
  const layout = randomLayout(500, 4);
  assert.ok(layout.every((x) => x >= -10 && x < 10));
  assert.deepEqual(randomLayout(500, 4), layout);
});
