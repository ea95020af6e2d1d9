import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ReadCache } from './read-cache.js';

test('an answer is reused until the version changes; the least recently used go first', () => {
  const cache = new ReadCache(2);
  let computed = 0;
  const compute = () => ++computed;
  assert.equal(cache.get('a', 1, compute), 1);
  assert.equal(cache.get('a', 1, compute), 1);
  assert.equal(cache.get('a', 2, compute), 2, 'a new version recomputes');
  cache.get('b', 2, compute);
  cache.get('a', 2, compute); // a is now the most recent
  cache.get('c', 2, compute); // evicts b
  const before = computed;
  cache.get('a', 2, compute);
  assert.equal(computed, before);
  cache.get('b', 2, compute);
  assert.equal(computed, before + 1);
});
