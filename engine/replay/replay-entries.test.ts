import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LogEvent } from '../events/event.js';
import { NEW_ERROR_LINE } from './anomalies.js';
import { replayEntries } from './replay-entries.js';
import { lokiLabelName, recordedTimes } from './replay-plan.js';

const ev = (raw: string, sec?: number, labels: Record<string, string> = {}): LogEvent => ({
  raw,
  text: raw,
  labels,
  metadata: {},
  seq: 1,
  origin: 'mem',
  timestampNs: sec === undefined ? undefined : BigInt(sec) * 1_000_000_000n,
});

test('speed max keeps the recorded gaps and ends now; equal timestamps in a stream become distinct', () => {
  const now = 1_800_000_000_000;
  const { entries } = replayEntries([ev('a', 100), ev('b', 100), ev('c', 160, { 'source-file': 'x' })], {
    baseLabels: { job: 'r' },
    speed: 'max',
    nowMs: now,
    inject: [],
  });
  assert.equal(entries.length, 3);
  assert.equal(entries[2].tsNs, BigInt(now) * 1_000_000n);
  assert.equal(entries[0].tsNs, BigInt(now - 60_000) * 1_000_000n);
  assert.equal(entries[1].tsNs, entries[0].tsNs + 1n, 'Loki would drop a second entry with the same stream, time and line shape');
  assert.deepEqual(entries[2].stream, { source_file: 'x', job: 'r' });
  assert.ok(entries.every((e) => e.dueMs === 0));
});

test('speed N plays from now with gaps divided by N; anomalies are added and counted', () => {
  const now = 1_800_000_000_000;
  const { entries, injected } = replayEntries([ev('a', 0), ev('b', 10), ev('c', 20)], {
    baseLabels: { job: 'r' },
    speed: 10,
    nowMs: now,
    inject: ['new-error', 'brute-force'],
  });
  assert.deepEqual(injected, { 'new-error': 1, 'brute-force': 40 });
  assert.equal(entries.length, 3 + 41);
  const c = entries.find((e) => e.line === 'c')!;
  assert.equal(c.dueMs, 2000);
  assert.ok(entries.some((e) => e.line === NEW_ERROR_LINE));
  assert.equal(new Set(entries.filter((e) => e.stream.host).map((e) => e.stream.host)).size, 5, 'brute force over five hosts');
  for (let i = 1; i < entries.length; i++) assert.ok(entries[i].dueMs >= entries[i - 1].dueMs, 'in due order');
});

test('lines without timestamps get a fixed gap; label names become names Loki accepts', () => {
  assert.deepEqual(recordedTimes([ev('a'), ev('b'), ev('c', 5), ev('d', 1)]), [0, 100, 5000, 5000]);
  assert.equal(lokiLabelName('source-file'), 'source_file');
  assert.equal(lokiLabelName('1abc'), '_1abc');
});
