import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UnparsedTally } from './unparsed-tally.js';

test('the tally counts failed events only and keeps the first reason', () => {
  const tally = new UnparsedTally();
  assert.deepEqual(tally.summary(), { unparsed: 0 });
  tally.note({ seq: 1 }, undefined);
  tally.note({ seq: 2 }, 'canonicalizer: too deep');
  tally.note({ seq: 3 }, undefined);
  tally.note({ seq: 4 }, 'template layer: too long');
  assert.deepEqual(tally.summary(), { unparsed: 2, firstFailure: 'event 2: canonicalizer: too deep' });
});
