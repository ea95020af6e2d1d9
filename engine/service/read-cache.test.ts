import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ReadCache } from './read-cache.js';

test('an answer is kept from its second request and reused until the version changes; the least recently used go first', () => {
  const cache = new ReadCache(2);
  let computed = 0;
  const compute = () => ++computed;
  const twice = (key: string, version: number) => (cache.get(key, version, compute), cache.get(key, version, compute));
  assert.equal(cache.get('a', 1, compute), 1);
  assert.equal(cache.get('a', 1, compute), 2, 'asked once: not kept');
  assert.equal(cache.get('a', 1, compute), 2, 'asked twice: kept');
  assert.equal(cache.get('a', 2, compute), 3, 'a new version recomputes');
  assert.equal(cache.get('a', 2, compute), 4);
  assert.equal(cache.get('a', 2, compute), 4);
  twice('b', 2);
  cache.get('a', 2, compute); // a is now the most recent
  twice('c', 2); // evicts b
  const before = computed;
  cache.get('a', 2, compute);
  assert.equal(computed, before);
  cache.get('b', 2, compute);
  assert.equal(computed, before + 1);
});

test('requests asked once are not kept, however many', () => {
  const cache = new ReadCache(3);
  let computed = 0;
  for (let i = 0; i < 100; i++) cache.get(`once ${i}`, 1, () => ++computed);
  assert.equal(computed, 100);
  // The keys asked once are remembered (up to ten times the entries): the second asking keeps the answer.
  cache.get('once 99', 1, () => ++computed);
  cache.get('once 99', 1, () => ++computed);
  assert.equal(computed, 101);
  // A key asked once at an older version starts over.
  cache.get('once 98', 2, () => ++computed);
  cache.get('once 98', 2, () => ++computed);
  assert.equal(computed, 103);
  cache.get('once 98', 2, () => ++computed);
  assert.equal(computed, 103);
});
