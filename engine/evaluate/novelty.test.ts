import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCanonicalizer } from '../canonical/canonicalizer.js';
import { falseAlertsPerThousand, firstSeenAlerts, sumNovelty } from './novelty.js';
import { canonicalLines } from './template-level.js';

// First half: two known event types. Second half: the known ones again (one with a user name never seen
// before), and a new type.
const log: Array<[string, string]> = [
  ['sshd[1]: Failed password for root from 10.0.0.1 port 22 ssh2', 'E1'],
  ['sshd[2]: Failed password for admin from 10.0.0.2 port 23 ssh2', 'E1'],
  ['sshd[3]: Received disconnect from 10.0.0.3: 11: Bye Bye [preauth]', 'E2'],
  ['sshd[4]: Received disconnect from 10.0.0.4: 11: Bye Bye [preauth]', 'E2'],
  ['sshd[5]: Failed password for root from 10.0.0.5 port 24 ssh2', 'E1'],
  ['sshd[6]: Failed password for zed from 10.0.0.6 port 25 ssh2', 'E1'],
  ['sshd[7]: Accepted publickey for root from 10.0.0.7 port 26 ssh2', 'E3'],
  ['sshd[8]: Accepted publickey for admin from 10.0.0.8 port 27 ssh2', 'E3'],
];
const lines = canonicalLines(
  log.map((l) => l[0]),
  createCanonicalizer(),
);
const ids = log.map((l) => l[1]);

test('the template layer: a known event with a new user name is no alert, a new event type is caught', () => {
  const c = firstSeenAlerts(lines, ids, {});
  assert.deepEqual(c, { knownLines: 2, falseAlerts: 0, newTypes: 1, caught: 1 });
});

test('exact forms: the new user name is a false alert', () => {
  const c = firstSeenAlerts(lines, ids, 'forms');
  assert.deepEqual(c, { knownLines: 2, falseAlerts: 1, newTypes: 1, caught: 1 });
  assert.equal(falseAlertsPerThousand(c), 500);
});

test('sums and rates', () => {
  const total = sumNovelty([
    { knownLines: 1000, falseAlerts: 2, newTypes: 3, caught: 3 },
    { knownLines: 3000, falseAlerts: 0, newTypes: 1, caught: 0 },
  ]);
  assert.deepEqual(total, { knownLines: 4000, falseAlerts: 2, newTypes: 4, caught: 3 });
  assert.equal(falseAlertsPerThousand(total), 0.5);
  assert.equal(falseAlertsPerThousand({ knownLines: 0, falseAlerts: 0, newTypes: 0, caught: 0 }), 0);
  assert.throws(() => firstSeenAlerts(lines, ids.slice(1), {}), /8 lines for 7 event ids/);
});
