import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BurstDetector } from './burst-detector.js';
import { WindowCounter } from './window-counter.js';

const MIN = 60_000;

test('a window counts only the events inside it and pruning keeps the span', () => {
  const c = new WindowCounter(10 * MIN);
  for (let i = 0; i < 10; i++) c.add('k', i * MIN);
  assert.equal(c.count('k', 9 * MIN, 3 * MIN), 3);
  assert.equal(c.count('k', 9 * MIN, 100 * MIN), 10);
  c.add('k', 30 * MIN);
  c.prune();
  assert.equal(c.count('k', 30 * MIN, 100 * MIN), 1);
});

test('a burst is N events within W minutes, well above the usual rate, reported once per window', () => {
  const b = new BurstDetector({ windowMinutes: 5, minEvents: 20, factor: 5, historyMinutes: 60 });
  // A steady key: 10 per minute for an hour is busy but not a burst.
  for (let m = 0; m < 60; m++) for (let i = 0; i < 10; i++) b.add('steady', m * MIN + i * 1000);
  assert.equal(b.check('steady', 60 * MIN), undefined);
  // A quiet key that suddenly has 30 events in two minutes.
  b.add('quiet', 5 * MIN);
  for (let i = 0; i < 30; i++) b.add('quiet', 58 * MIN + i * 4000);
  const burst = b.check('quiet', 60 * MIN);
  assert.ok(burst);
  assert.equal(burst.count, 30);
  assert.equal(b.check('quiet', 61 * MIN), undefined, 'one alert per window');
  assert.equal(b.check('never-seen', 60 * MIN), undefined);
});

test('its state goes through JSON and on: counts and the last alert of each key', () => {
  const options = { windowMinutes: 5, minEvents: 10, factor: 5, historyMinutes: 60 };
  const a = new BurstDetector(options);
  for (let i = 0; i < 6; i++) a.add('k', i * 1000);
  assert.equal(a.check('k', 5000), undefined);
  const b = new BurstDetector(options);
  b.restore(JSON.parse(JSON.stringify(a.state())));
  for (let i = 6; i < 10; i++) b.add('k', i * 1000);
  assert.equal(b.check('k', 9000)?.count, 10, 'the events before the restore count');
  const c = new BurstDetector(options);
  c.restore(JSON.parse(JSON.stringify(b.state())));
  c.add('k', 10_000);
  assert.equal(c.check('k', 10_000), undefined, 'alerted before the restore: not again within the window');
});
