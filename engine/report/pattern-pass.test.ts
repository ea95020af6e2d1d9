import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCanonicalizer } from '../canonical/index.js';
import type { LogEvent } from '../events/event.js';
import { patternPass } from './pattern-pass.js';

function ev(raw: string, seq: number, extra: Partial<LogEvent> = {}): LogEvent {
  return { raw, text: raw, labels: {}, metadata: {}, seq, origin: 'mem', ...extra };
}

async function* batchesOf(events: LogEvent[], size: number): AsyncGenerator<LogEvent[]> {
  for (let i = 0; i < events.length; i += size) yield events.slice(i, i + size);
}

test("remembers each event's pattern in input order, first events, columns and the time range", async () => {
  const events: LogEvent[] = [];
  for (let i = 0; i < 100_000; i++) {
    const kind = i % 3;
    const raw =
      kind === 0
        ? `Failed password for root from 10.0.${i % 200}.${i % 250} port ${1000 + (i % 5000)}`
        : kind === 1
          ? `disk /dev/sda${i % 9} is ${i % 100}% full`
          : `job ${i} done`;
    events.push(
      ev(raw, i + 1, {
        metadata: kind === 1 ? { host: `h${i % 4}` } : {},
        labels: { source: 'syslog' },
        timestampNs: kind === 2 ? BigInt(1_600_000_000_000 + i) * 1_000_000n : undefined,
      }),
    );
  }
  const pass = await patternPass(batchesOf(events, 4_096), createCanonicalizer({}));
  assert.equal(pass.events, 100_000);
  assert.equal(pass.patterns.length, 3);
  assert.deepEqual([...pass.eventPattern.subarray(0, 6)], [0, 1, 2, 0, 1, 2]);
  assert.equal(pass.eventPattern.length, 100_000);
  assert.equal(pass.patterns[1].count, 33_333);
  assert.equal(pass.firstEvents[1].raw, events[1].raw);
  assert.deepEqual(pass.firstEvents[1].fields, { source: 'syslog', host: 'h1' });
  assert.deepEqual(pass.columns.sort(), ['host', 'source']);
  assert.equal(pass.timedEvents, 33_333);
  assert.equal(pass.minMs, 1_600_000_000_002);
  assert.equal(pass.maxMs, 1_600_000_000_000 + 99_998);
});
