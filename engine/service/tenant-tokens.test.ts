// Tenants bound to tokens, on a real VictoriaLogs: a tenant token reads its own tenant whatever
// X-Scope-OrgID it sends (another tenant's name is 403, its own or none is fine); the engine token still
// names any tenant; a wrong token is 401 everywhere but health.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startVictoriaLogs } from '../victorialogs/harness.js';
import { startService, waitFor } from './service-fixtures.js';

test('a tenant token reads its own tenant only', async (t) => {
  const vl = await startVictoriaLogs();
  t.after(() => vl.stop());
  const base = BigInt(Date.now() - 5000) * 1_000_000n;
  const lines = (who: string, n: number) =>
    Array.from({ length: n }, (_, i) => ({ stream: { job: 'app' }, tsNs: base + BigInt(i) * 1_000_000n, line: `${who} private event ${i}` }));
  await vl.push(lines('alpha', 7), '1');
  await vl.push(lines('beta', 11), '2');
  const svc = await startService({
    logStore: { kind: 'victorialogs', url: vl.url },
    runner: { defaultBackfillMs: 600_000, lagMs: 2500 },
    tenantTokens: [
      { tenant: '1', token: 'alpha-token' },
      { tenant: '2', token: 'beta-token' },
    ],
  });
  t.after(() => svc.close());

  // Each tenant creates its watch with its own token and no header: the token says who it is.
  for (const token of ['alpha-token', 'beta-token']) {
    assert.equal((await svc.call('POST', '/watches', { token, body: { name: 'app', selector: '{job="app"}' } })).status, 201);
  }
  await waitFor('alpha counted', async () => ((await svc.call('GET', '/stats?watch=app', { token: 'alpha-token' })).json.events === 7 ? true : undefined));
  await waitFor('beta counted', async () => ((await svc.call('GET', '/stats?watch=app', { token: 'beta-token' })).json.events === 11 ? true : undefined));

  // Naming its own tenant is fine; naming another is refused, on reads and writes alike.
  assert.equal((await svc.call('GET', '/stats?watch=app', { token: 'alpha-token', tenant: '1' })).json.events, 7);
  for (const [method, path] of [
    ['GET', '/stats?watch=app'],
    ['GET', '/watches'],
    ['DELETE', '/watches/app'],
    ['POST', '/watches'],
  ] as const) {
    const res = await svc.call(method, path, {
      token: 'alpha-token',
      tenant: '2',
      ...(method === 'POST' ? { body: { name: 'x', selector: '{job="app"}' } } : {}),
    });
    assert.equal(res.status, 403, `${method} ${path}`);
    assert.match(res.json.error, /this token is for tenant 1, not 2/);
  }
  assert.equal((await svc.call('GET', '/stats?watch=app', { token: 'beta-token' })).json.events, 11, 'beta kept its watch');
  // The map comes from a clustering in a worker thread: it is there once that clustering is written.
  const scatter = await waitFor('alpha clustered', async () => {
    const points = (await svc.call('GET', '/scatter?watch=app', { token: 'alpha-token' })).json.points as Array<{ canonical: string }>;
    return points.length > 0 ? points : undefined;
  });
  assert.ok(scatter.every((p) => p.canonical.startsWith('alpha')));

  // The engine token names any tenant; a wrong token is 401; health needs none.
  assert.equal((await svc.call('GET', '/stats?watch=app', { tenant: '2' })).json.events, 11);
  assert.equal((await svc.call('GET', '/stats?watch=app', { token: 'gamma-token' })).status, 401);
  assert.equal((await svc.call('GET', '/health', { token: null })).status, 200);
});
