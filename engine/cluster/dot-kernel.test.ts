import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dots4x2, padRows, rowNorms } from './dot-kernel.js';
import { createRandom } from './rng.js';

test('dots4x2 equals eight plain dot products', () => {
  const random = createRandom(2);
  const dim = 13;
  const a = Float32Array.from({ length: 6 * dim }, () => random() - 0.5);
  const b = Float32Array.from({ length: 5 * dim }, () => random() - 0.5);
  const out = new Float64Array(8);
  dots4x2(a, 2 * dim, b, 1 * dim, 4 * dim, dim, out);
  for (let r = 0; r < 4; r++) {
    for (const [c, row] of [
      [0, 1],
      [1, 4],
    ]) {
      let dot = 0;
      for (let t = 0; t < dim; t++) dot += a[(2 + r) * dim + t] * b[row * dim + t];
      assert.ok(Math.abs(out[2 * r + c] - dot) < 1e-9);
    }
  }
});

test('padRows pads with zero rows to a multiple; rowNorms are Euclidean', () => {
  const v = Float32Array.from([3, 4, 1, 0, 0, 2]);
  const padded = padRows(v, 3, 2, 4);
  assert.deepEqual(Array.from(padded), [3, 4, 1, 0, 0, 2, 0, 0]);
  assert.equal(padRows(padded, 4, 2, 4), padded);
  assert.deepEqual(Array.from(rowNorms(v, 3, 2)), [5, 1, 2]);
});
