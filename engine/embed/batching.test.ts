import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { padBatch, planBatches } from './batching.js';

describe('planBatches', () => {
  it('groups by token count, shortest first, every input exactly once', () => {
    const counts = [9, 3, 7, 3, 12, 5, 1];
    const batches = planBatches(counts, 3);
    assert.deepEqual(batches, [[6, 1, 3], [5, 2, 0], [4]]);
    assert.deepEqual(
      batches.flat().sort((a, b) => a - b),
      counts.map((_, i) => i),
    );
  });

  it('keeps input order among equal lengths and handles no input', () => {
    assert.deepEqual(planBatches([4, 4, 4, 4], 2), [
      [0, 1],
      [2, 3],
    ]);
    assert.deepEqual(planBatches([], 8), []);
  });

  it('rejects a batch size below 1', () => {
    assert.throws(() => planBatches([1], 0), RangeError);
  });
});

describe('padBatch', () => {
  it('right-pads to the longest row with the pad id and masks the padding out', () => {
    const padded = padBatch(
      [
        [101, 7, 102],
        [101, 102],
      ],
      0,
    );
    assert.equal(padded.rows, 2);
    assert.equal(padded.seqLen, 3);
    assert.deepEqual([...padded.inputIds], [101n, 7n, 102n, 101n, 102n, 0n]);
    assert.deepEqual([...padded.attentionMask], [1n, 1n, 1n, 1n, 1n, 0n]);
    assert.deepEqual([...padded.tokenTypeIds], [0n, 0n, 0n, 0n, 0n, 0n]);
    assert.deepEqual(padded.lengths, [3, 2]);
  });
});
