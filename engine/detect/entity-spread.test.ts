import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EntitySpreadDetector } from './entity-spread.js';

test('one IP across several hosts within the window is a spread, reported once; slow spreads are not', () => {
  const d = new EntitySpreadDetector({ windowMinutes: 10, kinds: ['ip'], minDistinct: { host: 3, user: 5 } });
  const seen = (host: string, t: number) =>
    d.observe(
      'ip',
      '198.51.100.7',
      [
        { kind: 'ip', value: '198.51.100.7' },
        { kind: 'host', value: host },
      ],
      t,
    );
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

test('its state goes through JSON and on: a restored detector completes a spread and does not repeat one', () => {
  const options = { windowMinutes: 10, kinds: ['ip'], minDistinct: { host: 3 } };
  const seen = (d: EntitySpreadDetector, ip: string, host: string, t: number) => d.observe('ip', ip, [{ kind: 'host', value: host }], t);
  const a = new EntitySpreadDetector(options);
  seen(a, '10.0.0.1', 'a', 0);
  seen(a, '10.0.0.1', 'b', 60_000);
  assert.ok(seen(a, '10.0.0.2', 'a', 0) === undefined && seen(a, '10.0.0.2', 'b', 1000) === undefined && seen(a, '10.0.0.2', 'c', 2000));
  const b = new EntitySpreadDetector(options);
  b.restore(JSON.parse(JSON.stringify(a.state())));
  assert.ok(seen(b, '10.0.0.1', 'c', 120_000), 'the third host completes the spread begun before');
  assert.equal(seen(b, '10.0.0.2', 'd', 3000), undefined, 'reported before: not again within the window');
  // Pruning forgets what fell out of the window, so the state stays bounded by the window.
  b.prune(60 * 60_000);
  assert.deepEqual(b.state(), { seen: [], lastAlertMs: [] });
});
