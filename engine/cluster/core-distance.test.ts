import assert from 'node:assert/strict';
import { test } from 'node:test';
import { weightedCoreDistances } from './core-distance.js';
import { emptyKnnGraph } from './knn-graph.js';
import { LINE } from './graph-fixtures.js';

const ones = new Float64Array(4).fill(1);

test('unit weights: the minSamples-th neighbour, the point itself not counted (Python hdbscan)', () => {
  assert.deepEqual(Array.from(weightedCoreDistances(LINE, ones, 1)), [1, 1, 2, 4]);
  assert.deepEqual(Array.from(weightedCoreDistances(LINE, ones, 2)), [3, 2, 3, 6]);
});

test('weights are multiplicities: a point weighing more than minSamples has core distance 0', () => {
  const weights = Float64Array.from([3, 1, 1, 1]);
  // minSamples 2 needs 3 events: point 0 alone has them; point 1 reaches 4 with point 0 at distance 1.
  assert.deepEqual(Array.from(weightedCoreDistances(LINE, weights, 2)), [0, 1, 3, 6]);
});

test('minSamples is clamped to the total weight − 1, as Python clamps to n − 1', () => {
  const weights = Float64Array.from([3, 1, 1, 1]);
  assert.deepEqual(Array.from(weightedCoreDistances(LINE, weights, 10)), [7, 6, 4, 7]);
});

test('a row that runs out of neighbours gives +Infinity (too isolated to judge)', () => {
  const graph = emptyKnnGraph(3, 2);
  graph.indices.set([1, -1, 0, -1, 0, 1]);
  graph.distances.set([0.5, Infinity, 0.5, Infinity, 0.9, 0.95]);
  const core = weightedCoreDistances(graph, new Float64Array(3).fill(1), 2);
  assert.deepEqual(Array.from(core), [Infinity, Infinity, Math.fround(0.95)]);
});
