import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { nowNs, type LokiEntry } from './entry.js';
import { LokiError, LokiHttp } from './http.js';
import { startLoki, type LocalLoki } from './loki-harness.js';
import { push } from './push.js';
import { queryRange } from './query-range.js';
import { tail, type TailStatus } from './tail.js';

describe('two tenants on a Loki with auth_enabled', () => {
  let loki: LocalLoki;
  let red: LokiHttp;
  let blue: LokiHttp;
  const t0 = nowNs() - 60n * 1_000_000_000n;

  before(async () => {
    loki = await startLoki({ auth: true });
    red = new LokiHttp({ url: loki.url, tenant: 'red' });
    blue = new LokiHttp({ url: loki.url, tenant: 'blue' });
    // The same stream labels in both tenants: only the tenant tells them apart.
    await push(red, Array.from({ length: 30 }, (_, i) => ({ stream: { app: 'shared' }, tsNs: t0 + BigInt(i), line: `red ${i}` })));
    await push(blue, Array.from({ length: 20 }, (_, i) => ({ stream: { app: 'shared' }, tsNs: t0 + BigInt(i), line: `blue ${i}` })));
  });
  after(() => loki?.stop());

  async function read(http: LokiHttp): Promise<LokiEntry[]> {
    const out: LokiEntry[] = [];
    for await (const b of queryRange(http, { query: '{app="shared"}', startNs: t0, endNs: nowNs(), pageLimit: 7 })) out.push(...b);
    return out;
  }

  it('query_range sees only its own tenant', async () => {
    const r = await read(red);
    const b = await read(blue);
    assert.equal(r.length, 30);
    assert.equal(b.length, 20);
    assert.ok(r.every((e) => e.line.startsWith('red ')));
    assert.ok(b.every((e) => e.line.startsWith('blue ')));
    assert.equal((await read(new LokiHttp({ url: loki.url, tenant: 'green' }))).length, 0);
  });

  it('tail sees only its own tenant', async () => {
    const statuses: TailStatus[] = [];
    const t = tail(blue, { query: '{app="shared"}', onStatus: (s) => statuses.push(s) });
    const got: LokiEntry[] = [];
    const done = (async () => {
      for await (const batch of t) got.push(...batch);
    })();
    while (!statuses.some((s) => s.state === 'connected')) await new Promise((r) => setTimeout(r, 50));
    const now = nowNs();
    await push(red, [{ stream: { app: 'shared' }, tsNs: now, line: 'red live' }]);
    await push(blue, [{ stream: { app: 'shared' }, tsNs: now, line: 'blue live' }]);
    while (got.length < 1) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 1500)); // a leaked red line would show up by now
    await t.close();
    await done;
    assert.deepEqual(got.map((e) => e.line), ['blue live']);
  });

  it('refuses a request without a tenant, with Loki\'s reason', async () => {
    await assert.rejects(read(new LokiHttp({ url: loki.url })), (err: unknown) => {
      assert.ok(err instanceof LokiError);
      assert.equal(err.status, 401);
      assert.match(err.message, /no org id/);
      return true;
    });
  });
});
