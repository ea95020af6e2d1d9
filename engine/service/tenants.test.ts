// Two tenants of a Loki with auth_enabled: each tenant's watches read Loki as that tenant, and through
// the API neither sees the other's watches, counts, outliers or jobs (another tenant's name is a 404).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LokiHttp } from '../loki/http.js';
import { startLoki } from '../loki/loki-harness.js';
import { push } from '../loki/push.js';
import { startService, waitFor } from './service-fixtures.js';

test('two tenants never see each other through the API', async (t) => {
  const loki = await startLoki({ auth: true });
  t.after(() => loki.stop());
  const base = BigInt(Date.now() - 5000) * 1_000_000n;
  const make = (tenant: string, n: number) =>
    Array.from({ length: n }, (_, i) => ({ stream: { job: 'app' }, tsNs: base + BigInt(i) * 1_000_000n, line: `${tenant} secret event ${i} for ${tenant}-customer` }));
  await push(new LokiHttp({ url: loki.url, tenant: 'alpha' }), make('alpha', 12));
  await push(new LokiHttp({ url: loki.url, tenant: 'beta' }), make('beta', 17));

  const svc = await startService({ lokiUrl: loki.url, runner: { defaultBackfillMs: 600_000 } });
  t.after(() => svc.close());
  for (const tenant of ['alpha', 'beta']) {
    assert.equal((await svc.call('POST', '/watches', { tenant, body: { name: 'app', selector: '{job="app"}' } })).status, 201);
  }
  assert.equal((await svc.call('POST', '/watches', { tenant: 'beta', body: { name: 'only-beta', selector: '{job="app"}' } })).status, 201);

  for (const [tenant, n] of [['alpha', 12], ['beta', 17]] as const) {
    await waitFor(`${tenant} counted`, async () => ((await svc.call('GET', '/stats?watch=app', { tenant })).json.events === n ? true : undefined));
  }
  const now = Date.now();
  const alphaOutliers = (await svc.call('GET', `/outliers?watch=app&from=${now - 600_000}&to=${now + 1000}`, { tenant: 'alpha' })).json.outliers as Array<{ line: string }>;
  assert.ok(alphaOutliers.every((o) => !o.line.includes('beta')));
  const alphaScatter = (await svc.call('GET', '/scatter?watch=app', { tenant: 'alpha' })).json.points as Array<{ canonical: string }>;
  assert.ok(alphaScatter.length > 0 && alphaScatter.every((p) => p.canonical.startsWith('alpha')));
  const similar = await svc.call('POST', '/similar', { tenant: 'alpha', body: { watch: 'app', line: 'beta secret event 3 for beta-customer', k: 100 } });
  assert.ok(similar.json.results.length > 0 && similar.json.results.every((r: { canonical: string }) => r.canonical.startsWith('alpha')));

  assert.deepEqual((await svc.call('GET', '/watches', { tenant: 'alpha' })).json.watches.map((w: { name: string }) => w.name), ['app']);
  for (const [method, path] of [['GET', '/watches/only-beta'], ['GET', '/stats?watch=only-beta'], ['GET', '/clusters?watch=only-beta'], ['DELETE', '/watches/only-beta']]) {
    const res = await svc.call(method, path, { tenant: 'alpha' });
    assert.equal(res.status, 404, `${method} ${path} as alpha`);
    assert.match(res.json.error, /no watch named only-beta/);
  }
  assert.equal((await svc.call('GET', '/stats?watch=only-beta', { tenant: 'beta' })).json.events, 17);
  // The default tenant (no header) has neither.
  assert.equal((await svc.call('GET', '/stats?watch=app')).status, 404);

  const job = await svc.call('POST', '/jobs', { tenant: 'beta', body: { selector: '{job="app"}', from: now - 600_000, to: now } });
  assert.equal(job.status, 202);
  assert.equal((await svc.call('GET', `/jobs/${job.json.id}`, { tenant: 'alpha' })).status, 404);
  const done = await waitFor('beta job', async () => {
    const j = await svc.call('GET', `/jobs/${job.json.id}`, { tenant: 'beta' });
    return j.json.state === 'done' || j.json.state === 'failed' ? j.json : undefined;
  });
  assert.equal(done.result.events, 17, 'the job read Loki as beta');
});
