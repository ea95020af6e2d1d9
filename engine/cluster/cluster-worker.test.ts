import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clusterPatterns } from './cluster-patterns.js';
import { clusterPatternsInWorker } from './cluster-worker.js';

/** 300 unit vectors around 6 directions (seeded): a set with clear clusters. */
function synthetic(n = 300, dim = 32): { vectors: Float32Array; weights: number[] } {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const centres = Array.from({ length: 6 }, () => Array.from({ length: dim }, () => random() - 0.5));
  const vectors = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    const c = centres[i % 6];
    let norm = 0;
    for (let d = 0; d < dim; d++) norm += (vectors[i * dim + d] = c[d] + 0.05 * (random() - 0.5)) ** 2;
    for (let d = 0; d < dim; d++) vectors[i * dim + d] /= Math.sqrt(norm);
  }
  return { vectors, weights: Array.from({ length: n }, (_, i) => 1 + (i % 5)) };
}

const OPTIONS = { method: 'hdbscan', project: true, seed: 42 } as const;

test('in a worker thread: the same clusters and layout as in this thread, while this thread goes on', async () => {
  const { vectors, weights } = synthetic();
  const here = clusterPatterns(vectors, 32, weights, OPTIONS);
  let ticks = 0;
  let running = true;
  const tick = () => {
    ticks++;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  const there = await clusterPatternsInWorker(vectors, 32, weights, OPTIONS);
  running = false;
  assert.ok(ticks > 0, 'the event loop turned while the worker clustered');
  assert.ok(here.nClusters >= 2);
  assert.equal(there.nClusters, here.nClusters);
  assert.deepEqual([...there.labels], [...here.labels]);
  assert.deepEqual([...there.layout!], [...here.layout!]);
});

test('stopped: the worker ends and the promise says so; bad input is a clear error', async () => {
  const { vectors, weights } = synthetic();
  const abort = new AbortController();
  const run = clusterPatternsInWorker(vectors, 32, weights, OPTIONS, abort.signal);
  abort.abort();
  await assert.rejects(run, /clustering stopped/);
  await assert.rejects(clusterPatternsInWorker(vectors, 32, weights.slice(1), { method: 'kmeans', nClusters: 0 } as never), /clustering failed|worker/);
});
