import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildExactKnnGraph, buildUsearchKnnGraph, chordalKnnGraph, knnRecall, type KnnGraph } from './knn-graph.js';
import { createRandom } from './rng.js';
import { syntheticPatterns } from './synthetic.js';

function randomVectors(n: number, dim: number, seed: number): Float32Array {
  const random = createRandom(seed);
  return Float32Array.from({ length: n * dim }, () => random() - 0.5);
}

/** The obvious O(n²) reference: every distance, sorted per row. */
function naiveNeighbours(v: Float32Array, dim: number, i: number): Array<{ j: number; d: number }> {
  const n = v.length / dim;
  const out: Array<{ j: number; d: number }> = [];
  for (let j = 0; j < n; j++) {
    if (j === i) continue;
    let dot = 0,
      ni = 0,
      nj = 0;
    for (let t = 0; t < dim; t++) {
      dot += v[i * dim + t] * v[j * dim + t];
      ni += v[i * dim + t] ** 2;
      nj += v[j * dim + t] ** 2;
    }
    out.push({ j, d: 1 - dot / Math.sqrt(ni * nj) });
  }
  return out.sort((a, b) => a.d - b.d || a.j - b.j);
}

function row(graph: KnnGraph, i: number): number[] {
  return Array.from(graph.indices.subarray(i * graph.k, (i + 1) * graph.k));
}

test('exact graph equals brute-force neighbours, nearest first, self excluded (n not a multiple of the tile)', () => {
  const dim = 17;
  const v = randomVectors(103, dim, 7);
  const graph = buildExactKnnGraph(v, dim, 9);
  assert.equal(graph.k, 9);
  for (let i = 0; i < graph.n; i++) {
    const expected = naiveNeighbours(v, dim, i).slice(0, 9);
    assert.deepEqual(
      row(graph, i),
      expected.map((e) => e.j),
      `row ${i}`,
    );
    for (let r = 0; r < 9; r++) assert.ok(Math.abs(graph.distances[i * 9 + r] - expected[r].d) < 1e-5);
    assert.ok(!row(graph, i).includes(i));
  }
});

test('exact graph clamps k to n − 1 and breaks distance ties by index', () => {
  // Four copies of one direction and one opposite: all ties at distance 0 among the copies.
  const v = new Float32Array([1, 0, 1, 0, 1, 0, 1, 0, -1, 0]);
  const graph = buildExactKnnGraph(v, 2, 10);
  assert.equal(graph.k, 4);
  assert.deepEqual(row(graph, 0), [1, 2, 3, 4]);
  assert.deepEqual(row(graph, 2), [0, 1, 3, 4]);
  assert.deepEqual(Array.from(graph.distances.subarray(0, 4)), [0, 0, 0, 2]);
  assert.deepEqual(row(graph, 4), [0, 1, 2, 3]);
});

test('usearch graph: self excluded, rows sorted, recall ≥ 0.95 against the exact graph', () => {
  const data = syntheticPatterns({ n: 1500, dim: 48, clusters: 12, seed: 3 });
  const exact = buildExactKnnGraph(data.vectors, data.dim, 15);
  const approx = buildUsearchKnnGraph(data.vectors, data.dim, 15, { threads: 2 });
  assert.equal(approx.k, 15);
  for (let i = 0; i < approx.n; i++) {
    assert.ok(!row(approx, i).includes(i), `row ${i} contains itself`);
    for (let r = 1; r < 15; r++) assert.ok(approx.distances[i * 15 + r - 1] <= approx.distances[i * 15 + r] + 1e-6);
  }
  const recall = knnRecall(approx, exact);
  assert.ok(recall >= 0.95, `recall ${recall}`);
  // Distances are recomputed in full precision: where the same neighbour was found, they are the exact ones.
  let compared = 0;
  for (let e = 0; e < exact.indices.length; e++) {
    if (approx.indices[e] !== exact.indices[e]) continue;
    assert.ok(Math.abs(approx.distances[e] - exact.distances[e]) < 1e-6);
    compared++;
  }
  assert.ok(compared > 0.9 * exact.indices.length);
  assert.ok(knnRecall(buildUsearchKnnGraph(data.vectors, data.dim, 15, { quantization: 'f32' }), exact) >= 0.95);
});

test('chordal distances are √(2·cosine distance) with the same neighbours', () => {
  const v = randomVectors(40, 5, 11);
  const cosine = buildExactKnnGraph(v, 5, 6);
  const chordal = chordalKnnGraph(cosine);
  assert.deepEqual(chordal.indices, cosine.indices);
  for (let e = 0; e < cosine.distances.length; e++) {
    assert.ok(Math.abs(chordal.distances[e] - Math.sqrt(2 * cosine.distances[e])) < 1e-6);
  }
});

test('usearch graph is the same on every run with threads (the index is built on one thread)', () => {
  const data = syntheticPatterns({ n: 3000, dim: 48, clusters: 12, seed: 11 });
  const a = buildUsearchKnnGraph(data.vectors, data.dim, 10, { threads: 0 });
  const b = buildUsearchKnnGraph(data.vectors, data.dim, 10, { threads: 0 });
  assert.deepEqual(a.indices, b.indices);
  assert.deepEqual(a.distances, b.distances);
});
