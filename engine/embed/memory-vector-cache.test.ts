import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryVectorCache } from './memory-vector-cache.js';

describe('MemoryVectorCache', () => {
  it('returns only stored texts, keyed by model and dtype as well as text', () => {
    const cache = new MemoryVectorCache();
    const v = new Float32Array([1, 0]);
    cache.putMany('m', 'q8', [['a', v]]);
    assert.deepEqual([...cache.getMany('m', 'q8', ['a', 'b']).keys()], ['a']);
    assert.equal(cache.getMany('m', 'q8', ['a']).get('a'), v);
    assert.equal(cache.getMany('m', 'fp32', ['a']).size, 0);
    assert.equal(cache.getMany('other', 'q8', ['a']).size, 0);
    assert.equal(cache.size, 1);
  });
});
