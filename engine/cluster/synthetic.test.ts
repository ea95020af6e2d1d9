import assert from 'node:assert/strict';
import { test } from 'node:test';
import { syntheticPatterns } from './synthetic.js';

test('unit vectors, counts ≥ 1 with a heavy tail, truth labels, deterministic for a seed', () => {
  const data = syntheticPatterns({ n: 2000, dim: 24, clusters: 6, seed: 3, noiseFraction: 0.1 });
  for (let i = 0; i < data.n; i++) {
    let norm = 0;
    for (let t = 0; t < data.dim; t++) norm += data.vectors[i * data.dim + t] ** 2;
    assert.ok(Math.abs(norm - 1) < 1e-5);
    assert.ok(Number.isInteger(data.counts[i]) && data.counts[i] >= 1 && data.counts[i] <= 10_000);
    assert.ok(data.truth[i] >= -1 && data.truth[i] < 6);
  }
  const noise = data.truth.filter((t) => t < 0).length / data.n;
  assert.ok(noise > 0.07 && noise < 0.13, `noise share ${noise}`);
  assert.ok(Math.max(...data.counts) >= 100, 'a heavy tail');
  assert.ok(data.counts.filter((c) => c === 1).length > data.n / 2, 'most patterns are rare');
  assert.deepEqual(syntheticPatterns({ n: 2000, dim: 24, clusters: 6, seed: 3, noiseFraction: 0.1 }).vectors, data.vectors);
});
