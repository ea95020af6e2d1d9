// Tenants on a Loki with auth_enabled (the fake, or a real one at LOKI_URL when LOKI_AUTH=1 says it has
// auth on): each client reads its own tenant only, and a request without X-Scope-OrgID is refused.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { nowNs, type LokiEntry } from './entry.js';
import { LokiError, LokiHttp } from './http.js';
import { push } from './push.js';
import { queryRange } from './query-range.js';
import { lokiTarget, RUN_ID, type LokiTarget } from './testing/loki-target.js';

const skip = process.env.LOKI_URL && !process.env.LOKI_AUTH ? 'a real Loki without LOKI_AUTH=1 may not have auth_enabled' : false;

describe('two tenants on a Loki with auth_enabled', { skip }, () => {
  let loki: LokiTarget;
  let red: LokiHttp;
  let blue: LokiHttp;
  const t0 = nowNs() - 60n * 1_000_000_000n;
  const query = `{app="shared", run="${RUN_ID}"}`;

  before(async () => {
    loki = await lokiTarget({ auth: true });
    red = new LokiHttp({ url: loki.url, tenant: `red-${RUN_ID}` });
    blue = new LokiHttp({ url: loki.url, tenant: `blue-${RUN_ID}` });
    // The same stream labels in both tenants: only the tenant tells them apart.
    await push(
      red,
      Array.from({ length: 30 }, (_, i) => ({ stream: { app: 'shared', run: RUN_ID }, tsNs: t0 + BigInt(i), line: `red ${i}` })),
    );
    await push(
      blue,
      Array.from({ length: 20 }, (_, i) => ({ stream: { app: 'shared', run: RUN_ID }, tsNs: t0 + BigInt(i), line: `blue ${i}` })),
    );
  });
  after(() => loki?.close());

  async function read(http: LokiHttp): Promise<LokiEntry[]> {
    const out: LokiEntry[] = [];
    for await (const b of queryRange(http, { query, startNs: t0, endNs: nowNs(), pageLimit: 7 })) out.push(...b);
    return out;
  }

  it('query_range sees only its own tenant', async () => {
    const r = await read(red);
    const b = await read(blue);
    assert.equal(r.length, 30);
    assert.equal(b.length, 20);
    assert.ok(r.every((e) => e.line.startsWith('red ')));
    assert.ok(b.every((e) => e.line.startsWith('blue ')));
    assert.equal((await read(new LokiHttp({ url: loki.url, tenant: `green-${RUN_ID}` }))).length, 0);
  });

  it("refuses a request without a tenant, with Loki's reason", async () => {
    await assert.rejects(read(new LokiHttp({ url: loki.url })), (err: unknown) => {
      assert.ok(err instanceof LokiError);
      assert.equal(err.status, 401);
      assert.match(err.message, /no org id/);
      return true;
    });
  });
});
