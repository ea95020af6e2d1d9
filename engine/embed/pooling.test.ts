import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { meanPoolNormalize } from './pooling.js';

describe('meanPoolNormalize', () => {
  it('averages only the real tokens of each row and normalizes to unit length', () => {
    // 2 rows × 3 positions × 2 dims; row 1 has one padded position holding garbage.
    const hidden = new Float32Array([1, 0, 3, 0, 2, 0, /* row 1 */ 0, 2, 0, 4, 99, 99]);
    const [a, b] = meanPoolNormalize(hidden, [3, 2], 3, 2);
    assert.deepEqual([...a], [1, 0]);
    assert.deepEqual([...b], [0, 1]);
  });

  it('keeps direction and gives unit norm for a general vector', () => {
    const [v] = meanPoolNormalize(new Float32Array([3, 4, 3, 4]), [2], 2, 2);
    assert.ok(Math.abs(v[0] - 0.6) < 1e-7 && Math.abs(v[1] - 0.8) < 1e-7);
  });

  it('returns a zero vector (not NaN) for an all-zero row, like torch F.normalize', () => {
    const [v] = meanPoolNormalize(new Float32Array(4), [2], 2, 2);
    assert.deepEqual([...v], [0, 0]);
  });

  it('checks the shape', () => {
    assert.throws(() => meanPoolNormalize(new Float32Array(5), [2], 2, 2), RangeError);
  });
});
