import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeNewPattern } from './novelty.js';

const near = { nearestCanonical: 'user <USER> logged in', nearestCount: 12 };

test('far new patterns are outliers with the distance in words; near ones only once the watch is live', () => {
  const far = judgeNewPattern({ ...near, distance: 0.8, knownPatterns: 40, live: false }, 0.475);
  assert.ok(far);
  assert.equal(far.kind, 'distance');
  assert.ok(far.score > 0.5 && far.score <= 1);
  assert.match(far.reasons[0], /unlike anything known: nearest known pattern "user <USER> logged in" \(seen 12×\) at distance 0\.800 > threshold 0\.475/);
  assert.equal(judgeNewPattern({ ...near, distance: 0.2, knownPatterns: 40, live: false }, 0.475), undefined, 'backfill: near is normal');
  const novel = judgeNewPattern({ ...near, distance: 0.2, knownPatterns: 40, live: true }, 0.475);
  assert.ok(novel);
  assert.equal(novel.kind, 'novelty');
  assert.equal(novel.reasons[0], 'first seen pattern');
  assert.ok(novel.score < far.score);
  assert.equal(judgeNewPattern({ ...near, distance: 0.9, knownPatterns: 2, live: false }), undefined, 'too little known to judge');
});

test('detect, watches and range jobs say why in the same words (one distance verdict)', async () => {
  const { distanceVerdict } = await import('./distance-verdict.js');
  const v = distanceVerdict({ canonical: 'user <USER> logged in', count: 12 }, 0.8, 0.475);
  const novel = judgeNewPattern({ ...near, distance: 0.8, knownPatterns: 40, live: false }, 0.475)!;
  assert.equal(novel.reasons[0], v.reason);
  assert.deepEqual(distanceVerdict({ canonical: 'x', count: 1 }, 0.2, 0.475), {
    far: false,
    reason: 'a new kind of event, close to a known one: nearest known pattern "x" (seen 1×) at distance 0.200 ≤ threshold 0.475',
  });
  assert.deepEqual(distanceVerdict(undefined, undefined, 0.5), { far: true, reason: 'nothing is known to compare with' });
});
