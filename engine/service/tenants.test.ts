// Two tenants of a VictoriaLogs (AccountID 1, and AccountID 2 ProjectID 5): each tenant's watches read the
// store as that tenant, and through the API neither sees the other's watches, counts, outliers or jobs
// (another tenant's name is a 404). A tenant name VictoriaLogs cannot carry is refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startVictoriaLogs } from '../victorialogs/harness.js';
import { startService, waitFor } from './service-fixtures.js';

const TENANT = { alpha: '1', beta: '2:5' } as const;

test('two tenants never see each other through the API', async (t) => {
  const vl = await startVictoriaLogs();
  t.after(() => vl.stop());
  const base = BigInt(Date.now() - 5000) * 1_000_000n;
  const make = (tenant: string, n: number) =>
    Array.from({ length: n }, (_, i) => ({
      stream: { job: 'app' },
      tsNs: base + BigInt(i) * 1_000_000n,
      line: `${tenant} secret event ${i} for ${tenant}-customer`,
    }));
  await vl.push(make('alpha', 12), TENANT.alpha);
  await vl.push(make('beta', 17), TENANT.beta);
  // The default tenant reads VictoriaLogs' default (0:0), where a third party's lines are.
  await vl.push(make('gamma', 5));

  const svc = await startService({ logStore: { kind: 'victorialogs', url: vl.url }, runner: { defaultBackfillMs: 600_000, lagMs: 2500 } });
  t.after(() => svc.close());
  for (const tenant of [TENANT.alpha, TENANT.beta]) {
    assert.equal((await svc.call('POST', '/watches', { tenant, body: { name: 'app', selector: '{job="app"}' } })).status, 201);
  }
  assert.equal((await svc.call('POST', '/watches', { tenant: TENANT.beta, body: { name: 'only-beta', selector: '{job="app"}' } })).status, 201);

  for (const [tenant, n] of [
    [TENANT.alpha, 12],
    [TENANT.beta, 17],
  ] as const) {
    await waitFor(`${tenant} counted`, async () => ((await svc.call('GET', '/stats?watch=app', { tenant })).json.events === n ? true : undefined));
  }
  // A line unlike anything known, in each tenant, once the watches follow: an outlier in each.
  for (const [who, tenant] of Object.entries(TENANT)) {
    await vl.push(
      [{ stream: { job: 'app' }, tsNs: BigInt(Date.now()) * 1_000_000n, line: `${who} kernel panic: fatal exception in interrupt handler, system halted` }],
      tenant,
    );
  }
  const outliersOf = async (tenant: string) => {
    const t = Date.now();
    return (await svc.call('GET', `/outliers?watch=app&from=${t - 600_000}&to=${t + 1000}`, { tenant })).json.outliers as Array<{ line: string }>;
  };
  // Beta's outlier exists first, so that alpha not seeing it means something.
  await waitFor('an outlier in beta', async () => ((await outliersOf(TENANT.beta)).some((x) => x.line.startsWith('beta kernel panic')) ? true : undefined));
  const alphaOutliers = await waitFor('an outlier in alpha', async () => {
    const o = await outliersOf(TENANT.alpha);
    return o.some((x) => x.line.startsWith('alpha kernel panic')) ? o : undefined;
  });
  assert.ok(
    alphaOutliers.every((o) => !o.line.includes('beta')),
    JSON.stringify(alphaOutliers),
  );
  const now = Date.now();
  // The map comes from a clustering in a worker thread: it is there once that clustering is written.
  const alphaScatter = await waitFor('alpha clustered', async () => {
    const points = (await svc.call('GET', '/scatter?watch=app', { tenant: TENANT.alpha })).json.points as Array<{ canonical: string }>;
    return points.length > 0 ? points : undefined;
  });
  assert.ok(alphaScatter.every((p) => p.canonical.startsWith('alpha')));
  const similar = await svc.call('POST', '/similar', { tenant: TENANT.alpha, body: { watch: 'app', line: 'beta secret event 3 for beta-customer', k: 100 } });
  assert.ok(similar.json.results.length > 0 && similar.json.results.every((r: { canonical: string }) => r.canonical.startsWith('alpha')));

  assert.deepEqual(
    (await svc.call('GET', '/watches', { tenant: TENANT.alpha })).json.watches.map((w: { name: string }) => w.name),
    ['app'],
  );
  for (const [method, path] of [
    ['GET', '/watches/only-beta'],
    ['GET', '/stats?watch=only-beta'],
    ['GET', '/clusters?watch=only-beta'],
    ['DELETE', '/watches/only-beta'],
  ]) {
    const res = await svc.call(method, path, { tenant: TENANT.alpha });
    assert.equal(res.status, 404, `${method} ${path} as alpha`);
    assert.match(res.json.error, /no watch named only-beta/);
  }
  // Beta's 17 lines and its kernel panic line.
  await waitFor('only-beta counted', async () =>
    (await svc.call('GET', '/stats?watch=only-beta', { tenant: TENANT.beta })).json.events === 18 ? true : undefined,
  );
  // The default tenant (no header) has neither; its own watch reads only the default tenant's lines.
  assert.equal((await svc.call('GET', '/stats?watch=app')).status, 404);
  assert.equal((await svc.call('POST', '/watches', { body: { name: 'app', selector: '{job="app"}' } })).status, 201);
  await waitFor('default tenant counted', async () => ((await svc.call('GET', '/stats?watch=app')).json.events === 5 ? true : undefined));
  // A tenant name VictoriaLogs cannot carry, or a query it cannot run, is the request's fault.
  const badTenant = await svc.call('POST', '/watches', { tenant: 'acme', body: { name: 'app', selector: '{job="app"}' } });
  assert.equal(badTenant.status, 400);
  assert.match(badTenant.json.error, /AccountID or AccountID:ProjectID/);
  const badQuery = await svc.call('POST', '/watches', { tenant: TENANT.alpha, body: { name: 'parsed', selector: '{job="app"} | json' } });
  assert.equal(badQuery.status, 400);
  assert.match(badQuery.json.error, /only a stream selector and line filters/);

  const job = await svc.call('POST', '/jobs', { tenant: TENANT.beta, body: { selector: '{job="app"}', from: now - 600_000, to: now } });
  assert.equal(job.status, 202);
  assert.equal((await svc.call('GET', `/jobs/${job.json.id}`, { tenant: TENANT.alpha })).status, 404);
  const done = await waitFor('beta job', async () => {
    const j = await svc.call('GET', `/jobs/${job.json.id}`, { tenant: TENANT.beta });
    return j.json.state === 'done' || j.json.state === 'failed' ? j.json : undefined;
  });
  assert.equal(done.result.events, 18, 'the job read the store as beta (its 17 lines and the panic line)');
});
