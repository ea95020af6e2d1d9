import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clusterName, rankClusters } from './ranked-clusters.js';

test('numbers clusters by event count, largest first, and keeps noise apart', () => {
  const patterns = [
    { canonical: 'a1', count: 5 },
    { canonical: 'b1', count: 50 },
    { canonical: 'a2', count: 7 },
    { canonical: 'n', count: 3 },
    { canonical: 'b2', count: 1 },
  ];
  // HDBSCAN said: cluster 0 = a*, cluster 1 = b*, pattern 3 noise.
  const r = rankClusters('hdbscan', Int32Array.from([0, 1, 0, -1, 1]), 2, patterns);
  assert.equal(r.count, 2);
  assert.deepEqual([...r.ofPattern], [1, 0, 1, -1, 0]);
  assert.deepEqual(r.events, [51, 12, 3]);
  assert.deepEqual(r.members, [[1, 4], [2, 0], [3]]);
  assert.deepEqual(r.labels, ['b1', 'a2']);
  assert.equal(r.totalEvents, 66);
  assert.equal(clusterName(r, -1), 'noise');
  assert.equal(clusterName({ method: 'none' }, -1), 'none');
  assert.equal(clusterName(r, 1), '1');
});

test('empty cluster numbers are dropped', () => {
  const r = rankClusters('kmeans', Int32Array.from([2, 2]), 3, [
    { canonical: 'x', count: 1 },
    { canonical: 'y', count: 1 },
  ]);
  assert.equal(r.count, 1);
  assert.deepEqual([...r.ofPattern], [0, 0]);
});
