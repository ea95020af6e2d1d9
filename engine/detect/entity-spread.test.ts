import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EntitySpreadDetector } from './entity-spread.js';

test('one IP across several hosts within the window is a spread, reported once; slow spreads are not', () => {
  const d = new EntitySpreadDetector({ windowMinutes: 10, kinds: ['ip'], minDistinct: { host: 3, user: 5 } });
  const seen = (host: string, t: number) => d.observe('ip', '198.51.100.7', [{ kind: 'ip', value: '198.51.100.7' }, { kind: 'host', value: host }], t);
  assert.equal(seen('a', 0), undefined);
  assert.equal(seen('b', 60_000), undefined);
  const spread = seen('c', 120_000);
  assert.ok(spread);
  assert.equal(spread.across.host, 3);
  assert.equal(seen('d', 180_000), undefined, 'once per window');
  // Hosts an hour apart never make a spread.
  const slow = new EntitySpreadDetector({ windowMinutes: 10, kinds: ['ip'], minDistinct: { host: 3 } });
  for (let i = 0; i < 5; i++) assert.equal(slow.observe('ip', '10.0.0.1', [{ kind: 'host', value: `h${i}` }], i * 3_600_000), undefined);
  assert.equal(d.watches('user'), false);
});
