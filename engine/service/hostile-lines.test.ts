// One hostile line never stops a watch: lines nested 5,000 deep, megabyte lines, invalid UTF-8 and NULs
// pushed to a real VictoriaLogs between ordinary lines are counted like the others, and the watch follows on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PushEntry } from '../loki/push.js';
import { startVictoriaLogs } from '../victorialogs/harness.js';
import { startService, waitFor } from './service-fixtures.js';

const HOSTILE = [
  '{"a":'.repeat(5000) + '1' + '}'.repeat(5000),
  '{"msg":"x","a":' + '['.repeat(5000) + ']'.repeat(5000) + '}',
  'word '.repeat(200_000),
  'bad \ud800 surrogate \udfff and NUL \u0000 bytes',
  '='.repeat(100_000),
];

test('hostile lines between ordinary ones: all counted, the watch keeps following', async (t) => {
  const vl = await startVictoriaLogs();
  t.after(() => vl.stop());
  const base = BigInt(Date.now() - 3000) * 1_000_000n;
  const entries: PushEntry[] = [];
  for (let i = 0; i < 30; i++) {
    const line = i % 6 === 3 ? HOSTILE[Math.floor(i / 6)] : `user u${i % 4} opened session ${i}`;
    entries.push({ stream: { job: 'hostile' }, tsNs: base + BigInt(i) * 1_000_000n, line });
  }
  await vl.push(entries);
  const svc = await startService({ logStore: { kind: 'victorialogs', url: vl.url }, runner: { defaultBackfillMs: 600_000, lagMs: 2500 } });
  t.after(() => svc.close());
  assert.equal((await svc.call('POST', '/watches', { body: { name: 'h', selector: '{job="hostile"}' } })).status, 201);
  await waitFor('all 30 lines', async () => ((await svc.call('GET', '/stats?watch=h')).json.events === 30 ? true : undefined));
  const watch = (await svc.call('GET', '/watches/h')).json;
  assert.equal(watch.state, 'following', JSON.stringify(watch));

  // A line written after them (stamped now: the watch reads up to now − lag) is counted too.
  const later = BigInt(Date.now()) * 1_000_000n;
  await vl.push([{ stream: { job: 'hostile' }, tsNs: later, line: 'user u1 opened session 99' }]);
  await waitFor('the line after them', async () => ((await svc.call('GET', '/stats?watch=h')).json.events === 31 ? true : undefined));
});
