import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonDepthAtMost, MAX_JSON_DEPTH } from './json-depth.js';

const nested = (depth: number, open: string, close: string, leaf = '1') => JSON.parse(open.repeat(depth) + leaf + close.repeat(depth));

test('counts levels of objects and arrays without recursion, even 100,000 deep', () => {
  assert.equal(jsonDepthAtMost(1), true);
  assert.equal(jsonDepthAtMost({ a: [1, { b: 2 }] }, 3), true);
  assert.equal(jsonDepthAtMost({ a: [1, { b: 2 }] }, 2), false);
  assert.equal(jsonDepthAtMost(nested(MAX_JSON_DEPTH, '[', ']')), true);
  assert.equal(jsonDepthAtMost(nested(MAX_JSON_DEPTH + 1, '[', ']')), false);
  assert.equal(jsonDepthAtMost(nested(100_000, '{"a":', '}')), false);
  // A wide value is not deep.
  assert.equal(jsonDepthAtMost({ list: Array.from({ length: 10_000 }, (_, i) => ({ i })) }, 3), true);
});
