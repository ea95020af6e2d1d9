import { test } from 'node:test';
import assert from 'node:assert/strict';
import { distanceVerdict } from './distance-verdict.js';

const known = { canonical: 'user <USER> logged in', count: 12 };

test('farther than the threshold is far; at or under it is near, each with its sentence', () => {
  assert.deepEqual(distanceVerdict(known, 0.8, 0.55), {
    far: true,
    reason: 'unlike anything known: nearest known pattern "user <USER> logged in" (seen 12×) at distance 0.800 > threshold 0.55',
  });
  // Exactly at the threshold is still near: only a larger distance flags.
  assert.deepEqual(distanceVerdict(known, 0.55, 0.55), {
    far: false,
    reason: 'a new kind of event, close to a known one: nearest known pattern "user <USER> logged in" (seen 12×) at distance 0.550 ≤ threshold 0.55',
  });
  assert.equal(distanceVerdict(known, 0.5501, 0.55).far, true);
  // The sentence rounds the distance to three places; the verdict uses the exact value.
  assert.match(distanceVerdict(known, 0.5504, 0.55).reason, /at distance 0\.550 > threshold 0\.55$/);
});

test('with nothing known, or no distance, everything is far', () => {
  for (const v of [distanceVerdict(undefined, undefined, 0.55), distanceVerdict(undefined, 0.1, 0.55), distanceVerdict(known, undefined, 0.55)]) {
    assert.deepEqual(v, { far: true, reason: 'nothing is known to compare with' });
  }
});
