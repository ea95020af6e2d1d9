// A log store (a real VictoriaLogs) that is away at start (health degraded, the watch in error, then
// recovery without loss), and one behind a proxy that answers 429, 500 and nothing at all: every line is
// still counted once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PushEntry } from '../loki/push.js';
import { startFaultProxy, startTcpGate } from '../loki/test-proxies.js';
import { startVictoriaLogs } from '../victorialogs/harness.js';
import { startService, waitFor } from './service-fixtures.js';

function lines(n: number, job: string): PushEntry[] {
  const base = BigInt(Date.now() - 3000) * 1_000_000n;
  return Array.from({ length: n }, (_, i) => ({
    stream: { job },
    tsNs: base + BigInt(Math.floor(i / 3)) * 1_000_000n,
    line: i % 2 ? `request ${i} served in ${i % 40} ms` : `user u${i % 5} opened session ${i}`,
  }));
}

test('log store down at start: health degraded and the watch in error, then both recover and nothing is lost', async (t) => {
  const vl = await startVictoriaLogs();
  t.after(() => vl.stop());
  const gate = await startTcpGate(vl.url);
  t.after(() => gate.close());
  gate.shut();
  const svc = await startService({ logStore: { kind: 'victorialogs', url: gate.url }, runner: { defaultBackfillMs: 600_000, lagMs: 2500 } });
  t.after(() => svc.close());
  assert.equal((await svc.call('POST', '/watches', { body: { name: 'w', selector: '{job="down"}' } })).status, 201);

  const degraded = await waitFor('degraded health', async () => {
    const h = await svc.call('GET', '/health', { token: null });
    return h.status === 503 && h.json.model.ok ? h.json : undefined;
  });
  assert.equal(degraded.status, 'degraded');
  assert.equal(degraded.loki.ok, false);
  assert.equal(degraded.logStore, 'victorialogs');
  assert.match(degraded.loki.error, /cannot reach VictoriaLogs/);
  const failing = await waitFor('the watch in error', async () => {
    const w = await svc.call('GET', '/watches/w');
    return w.json.state === 'error' ? w.json : undefined;
  });
  assert.match(failing.error, /VictoriaLogs/);

  await vl.push(lines(40, 'down'));
  gate.open();
  await waitFor('healthy again', async () => ((await svc.call('GET', '/health', { token: null })).status === 200 ? true : undefined));
  await waitFor('all 40 lines', async () => ((await svc.call('GET', '/stats?watch=w')).json.events === 40 ? true : undefined));
  assert.equal((await svc.call('GET', '/watches/w')).json.state, 'following');
});

test('429, 500 and silent log store answers are retried: every line counted once', async (t) => {
  const vl = await startVictoriaLogs();
  t.after(() => vl.stop());
  const proxy = await startFaultProxy(vl.url, ['429', 'pass', '500', 'pass', 'slow', 'pass'], {
    slowMs: 300,
    retryAfter: '0',
    faultPaths: ['/select/logsql/query'],
  });
  t.after(() => proxy.close());
  await vl.push(lines(60, 'faulty'));
  const svc = await startService({ logStore: { kind: 'victorialogs', url: proxy.url }, runner: { defaultBackfillMs: 600_000, pageLimit: 9, lagMs: 2500 } });
  t.after(() => svc.close());
  assert.equal((await svc.call('POST', '/watches', { body: { name: 'f', selector: '{job="faulty"}' } })).status, 201);
  let last = '';
  await waitFor(
    'all 60 lines',
    async () => {
      const [stats, watch] = [(await svc.call('GET', '/stats?watch=f')).json, (await svc.call('GET', '/watches/f')).json];
      last = `${JSON.stringify(stats)} ${JSON.stringify(watch)} proxy: ${proxy.log.map((l) => `${l.path.split('?')[0]} ${l.fault}`).join(', ')}`;
      return stats.events === 60 ? true : undefined;
    },
    120_000,
    () => last,
  );
  await new Promise((r) => setTimeout(r, 1000));
  assert.equal((await svc.call('GET', '/stats?watch=f')).json.events, 60);
  const faults = new Set(proxy.log.filter((l) => l.path.includes('/select/logsql/query')).map((l) => l.fault));
  assert.deepEqual([...faults].sort(), ['429', '500', 'pass', 'slow']);
});
