import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EntityTally } from './entity-tally.js';

test('counts values per kind up to a bound and refuses new values past it', () => {
  const tally = new EntityTally({ user: { root: 4 } });
  assert.equal(tally.add('user', 'root', 2), true);
  assert.equal(tally.add('user', 'deploy', 2), true);
  assert.equal(tally.add('user', 'admin', 2), false);
  assert.equal(tally.add('user', 'deploy', 2), true);
  assert.deepEqual(tally.toRecord(), { user: { root: 5, deploy: 2 } });
});

test('the plain record follows changes', () => {
  const tally = new EntityTally();
  tally.add('ip', '10.0.0.1', 10);
  const before = tally.toRecord();
  assert.deepEqual(before, { ip: { '10.0.0.1': 1 } });
  tally.add('ip', '10.0.0.1', 10);
  assert.deepEqual(tally.toRecord(), { ip: { '10.0.0.1': 2 } });
});
