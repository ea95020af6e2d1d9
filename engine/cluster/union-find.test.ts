import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UnionFind } from './union-find.js';

test('union joins sets once; find names one root per set', () => {
  const sets = new UnionFind(6);
  assert.ok(sets.union(0, 1) >= 0);
  assert.ok(sets.union(2, 3) >= 0);
  assert.ok(sets.union(1, 3) >= 0);
  assert.equal(sets.union(0, 2), -1);
  assert.equal(sets.find(0), sets.find(3));
  assert.notEqual(sets.find(0), sets.find(4));
  assert.notEqual(sets.find(4), sets.find(5));
});
