import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LogEvent } from '../events/event.js';
import { EventSpool } from './event-spool.js';

test('replays every event in order with its time and fields, then removes its file', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'logatlas-spool-')), 'spool.jsonl');
  const spool = new EventSpool(path);
  const events: LogEvent[] = [];
  for (let i = 1; i <= 5_000; i++) {
    events.push({
      raw: i === 7 ? 'tab\tand\nnewline "quoted"' : `line ${i}`,
      text: `line ${i}`,
      timestampNs: i % 2 ? BigInt(i) * 1_000_000_000_000n + 123n : undefined,
      labels: { source: 'app' },
      metadata: i === 3 ? { host: 'h1' } : {},
      seq: i,
      origin: '-',
    });
  }
  for (const e of events) spool.add(e);
  const back = [];
  for await (const batch of spool.replay(1_000)) back.push(...batch);
  assert.equal(back.length, events.length);
  assert.equal(back[6].raw, 'tab\tand\nnewline "quoted"');
  assert.equal(back[0].timestampNs, 1_000_000_000_123n);
  assert.equal(back[1].timestampNs, undefined);
  assert.deepEqual(back[2].fields, { source: 'app', host: 'h1' });
  assert.equal(back[4999].seq, 5_000);
  // A second replay gives the same.
  let again = 0;
  for await (const batch of spool.replay()) again += batch.length;
  assert.equal(again, events.length);
  spool.remove();
  assert.equal(existsSync(path), false);
});
