import { test } from 'node:test';
import assert from 'node:assert/strict';
import { adjustedRandScore, groupingAccuracy, normalizedMutualInfo } from './partition-metrics.js';

const truth = ['a', 'a', 'a', 'b', 'b', 'c'];

test('identical partitions score 1 whatever the group names', () => {
  const renamed = ['x', 'x', 'x', 'y', 'y', 'z'];
  assert.equal(groupingAccuracy(renamed, truth), 1);
  assert.equal(adjustedRandScore(renamed, truth), 1);
  assert.ok(Math.abs(normalizedMutualInfo(renamed, truth) - 1) < 1e-12);
});

test('grouping accuracy counts only lines whose group is exactly their event', () => {
  // a is split (3 lines wrong), b and c are merged (3 lines wrong): nothing is right.
  assert.equal(groupingAccuracy(['1', '1', '2', '3', '3', '3'], truth), 0);
  // only c merged into b: the three a lines are right.
  assert.equal(groupingAccuracy(['1', '1', '1', '2', '2', '2'], truth), 0.5);
});

test('ARI and NMI match sklearn on a small case', () => {
  // adjusted_rand_score([0,0,1,1,1,2], [0,0,0,1,1,2]) = 0.31818…, normalized_mutual_info_score = 0.68533… (sklearn formulas)
  const predicted = ['0', '0', '1', '1', '1', '2'];
  assert.ok(Math.abs(adjustedRandScore(predicted, truth) - 0.318181818) < 1e-6);
  assert.ok(Math.abs(normalizedMutualInfo(predicted, truth) - 0.685331479) < 1e-6, String(normalizedMutualInfo(predicted, truth)));
});

test('all lines in one group against several events scores low', () => {
  const one = truth.map(() => 'g');
  assert.equal(groupingAccuracy(one, truth), 0);
  assert.equal(adjustedRandScore(one, truth), 0);
  assert.equal(normalizedMutualInfo(one, truth), 0);
});

test('lengths must agree', () => {
  assert.throws(() => groupingAccuracy(['a'], truth), /1 predicted groups for 6 lines/);
});
