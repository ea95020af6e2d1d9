import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { OutlierRecord } from '../store/watch-store.js';
import { FeedbackScores, NORMAL_CLUSTER_FACTOR } from './feedback-scores.js';

const outlier = (patternId: string): OutlierRecord => ({
  timeMs: 1,
  tsNs: '1000000',
  kind: 'distance',
  score: 0.9,
  reasons: ['far'],
  line: 'x',
  labels: {},
  patternId,
  nearestPatternId: null,
  nearestCanonical: null,
  distance: 0.9,
  cluster: 'c1',
  rule: null,
});

test('suppressed patterns disappear; a cluster marked normal lowers the score and says why', () => {
  const f = new FeedbackScores([
    { id: 'f1', kind: 'suppress_pattern', target: 'p1', note: null, createdMs: 1, patternIds: ['p1'] },
    { id: 'f2', kind: 'normal_cluster', target: 'c4', note: null, createdMs: 2, patternIds: ['p2', 'p3'] },
  ]);
  assert.equal(f.apply(outlier('p1')), undefined);
  const lowered = f.apply(outlier('p3'))!;
  assert.equal(lowered.score, 0.9 * NORMAL_CLUSTER_FACTOR);
  assert.match(lowered.reasons.at(-1)!, /cluster c4 was marked normal \(feedback f2\)/);
  assert.equal(f.apply(outlier('p9'))!.score, 0.9);
});
