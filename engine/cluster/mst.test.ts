import assert from 'node:assert/strict';
import { test } from 'node:test';
import { weightedCoreDistances } from './core-distance.js';
import { mutualReachabilityMst } from './mst.js';
import { createRandom } from './rng.js';
import { knnFromDistances, LINE } from './graph-fixtures.js';

test('MST of mutual reachability on the line 0, 1, 3, 7 (minSamples 1)', () => {
  const weights = new Float64Array(4).fill(1);
  const tree = mutualReachabilityMst(LINE, weightedCoreDistances(LINE, weights, 1), weights);
  assert.deepEqual(Array.from(tree.weight), [1, 2, 4]);
  const edges = Array.from(tree.from, (a, e) => [Math.min(a, tree.to[e]), Math.max(a, tree.to[e])]);
  assert.deepEqual(edges, [
    [0, 1],
    [1, 2],
    [2, 3],
  ]);
});

test('total weight equals Prim on the full mutual-reachability matrix (random points)', () => {
  const random = createRandom(3);
  const points = Array.from({ length: 40 }, () => [random(), random()]);
  const d = points.map((p) => points.map((q) => Math.hypot(p[0] - q[0], p[1] - q[1])));
  const graph = knnFromDistances(d);
  const weights = Float64Array.from(points, () => 1 + Math.floor(random() * 3));
  const core = weightedCoreDistances(graph, weights, 4);
  const tree = mutualReachabilityMst(graph, core, weights);
  const mr = (i: number, j: number) => Math.max(core[i], core[j], Math.fround(d[i][j]));
  // Prim, O(n²).
  const inTree = new Set([0]);
  const best = points.map((_, j) => mr(0, j));
  let primTotal = 0;
  while (inTree.size < points.length) {
    let next = -1;
    for (let j = 0; j < points.length; j++) if (!inTree.has(j) && (next < 0 || best[j] < best[next])) next = j;
    primTotal += best[next];
    inTree.add(next);
    for (let j = 0; j < points.length; j++) best[j] = Math.min(best[j], mr(next, j));
  }
  const total = tree.weight.reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(total - primTotal) < 1e-9, `${total} vs ${primTotal}`);
  for (let e = 1; e < tree.weight.length; e++) assert.ok(tree.weight[e - 1] <= tree.weight[e]);
});

test('components of a disconnected graph are joined at +Infinity, heaviest first', () => {
  // Pairs {0,1}, {2,3}, {4,5}, each pair its own component in a k = 1 graph.
  const graph = { n: 6, k: 1, indices: Int32Array.from([1, 0, 3, 2, 5, 4]), distances: new Float32Array(6).fill(0.1) };
  const weights = Float64Array.from([1, 1, 5, 5, 2, 2]);
  const tree = mutualReachabilityMst(graph, new Float64Array(6), weights);
  assert.deepEqual(Array.from(tree.weight.slice(3)), [Infinity, Infinity]);
  const joined = [tree.to[3], tree.to[4]].map((v) => Math.floor(v / 2));
  assert.equal(Math.floor(tree.from[3] / 2), 1, 'the heaviest component anchors the joins');
  assert.deepEqual(joined, [2, 0], 'then the others, heaviest first');
});
