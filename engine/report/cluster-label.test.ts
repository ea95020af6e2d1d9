import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clusterLabel, LABEL_MAX_CHARS } from './cluster-label.js';

test('names a cluster after its most frequent pattern, shortened', () => {
  assert.equal(clusterLabel([{ canonical: 'rare one', count: 2 }, { canonical: 'Failed  password for <USER>', count: 40 }]), 'Failed password for <USER>');
  const long = clusterLabel([{ canonical: 'x'.repeat(500), count: 1 }]);
  assert.equal(long.length, LABEL_MAX_CHARS);
  assert.ok(long.endsWith('…'));
  assert.equal(clusterLabel([]), '');
});
