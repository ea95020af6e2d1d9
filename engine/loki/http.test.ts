import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { entryKey, nowNs, type LokiEntry } from './entry.js';
import { LokiError, LokiHttp } from './http.js';
import { lokiTarget, RUN_ID, type LokiTarget } from './testing/loki-target.js';
import { push, type PushEntry } from './push.js';
import { queryRange } from './query-range.js';
import { closedPort, startFaultProxy } from './test-proxies.js';

describe(`LokiHttp against ${process.env.LOKI_URL ? 'a real Loki (LOKI_URL)' : 'the fake Loki'}`, () => {
  let loki: LokiTarget;
  let http: LokiHttp;
  const t0 = nowNs() - 5n * 60n * 1_000_000_000n;

  before(async () => {
    loki = await lokiTarget();
    http = new LokiHttp({ url: loki.url });
  });
  after(() => loki?.close());

  it("turns Loki's plain-text error into a LokiError with status, path and Loki's message", async () => {
    await assert.rejects(http.getJson('/loki/api/v1/query_range', { query: '{app=}', limit: 10 }), (err: unknown) => {
      assert.ok(err instanceof LokiError);
      assert.equal(err.status, 400);
      assert.equal(err.path, '/loki/api/v1/query_range');
      assert.equal(err.retryable, false);
      assert.match(err.lokiMessage, /^parse error at line 1, col \d+/);
      assert.match(err.message, /^Loki GET \/loki\/api\/v1\/query_range → 400: parse error/);
      return true;
    });
  });

  it('sends the tenant, basic auth, bearer auth and custom headers', async () => {
    const proxy = await startFaultProxy(loki.url, ['pass']);
    try {
      const basic = new LokiHttp({ url: proxy.url, tenant: 'team-a', auth: { username: 'u', password: 'p:w' }, headers: { 'X-Extra': '1' } });
      await basic.request('/ready');
      assert.equal(proxy.lastHeaders?.['x-scope-orgid'], 'team-a');
      assert.equal(proxy.lastHeaders?.authorization, `Basic ${Buffer.from('u:p:w').toString('base64')}`);
      assert.equal(proxy.lastHeaders?.['x-extra'], '1');
      await new LokiHttp({ url: proxy.url, auth: { bearerToken: 'tok' } }).request('/ready');
      assert.equal(proxy.lastHeaders?.authorization, 'Bearer tok');
      assert.equal(proxy.lastHeaders?.['x-scope-orgid'], undefined);
    } finally {
      await proxy.close();
    }
  });

  it('honours Retry-After on 429', async () => {
    const proxy = await startFaultProxy(loki.url, ['429', 'pass'], { retryAfter: '1' });
    const delays: number[] = [];
    try {
      const client = new LokiHttp({ url: proxy.url, backoff: { baseDelayMs: 10 }, onRetry: (r) => delays.push(r.delayMs) });
      const started = Date.now();
      assert.equal((await client.request('/ready')).trim(), 'ready');
      assert.ok(Date.now() - started >= 950, `waited ${Date.now() - started} ms`);
      assert.deepEqual(delays, [1000]);
    } finally {
      await proxy.close();
    }
  });

  it('retries through 429, 500 and hung responses, and the counts stay exact', async () => {
    const proxy = await startFaultProxy(loki.url, ['429', 'pass', '500', 'pass', 'slow', 'pass', 'pass'], { retryAfter: '0', slowMs: 1500 });
    const retries: string[] = [];
    const client = new LokiHttp({ url: proxy.url, timeoutMs: 700, backoff: { baseDelayMs: 20, maxDelayMs: 100 }, onRetry: (r) => retries.push(r.reason) });
    try {
      const sent: PushEntry[] = Array.from({ length: 120 }, (_, i) => ({
        stream: { app: 'faults', n: String(i % 4), run: RUN_ID },
        tsNs: t0 + BigInt(Math.floor(i / 6)) * 1000n, // six entries per timestamp
        line: `fault test ${i}`,
      }));
      await push(client, sent, { batchEntries: 15 });
      const got: LokiEntry[] = [];
      for await (const b of queryRange(client, { query: `{app="faults", run="${RUN_ID}"}`, startNs: t0, endNs: nowNs(), pageLimit: 7 })) got.push(...b);
      assert.equal(got.length, 120);
      assert.equal(new Set(got.map(entryKey)).size, 120);
      assert.ok(
        retries.some((r) => r.includes('→ 429')),
        'saw a 429',
      );
      assert.ok(
        retries.some((r) => r.includes('→ 500: internal error (injected)')),
        'saw a 500',
      );
      assert.ok(
        retries.some((r) => r.includes('no answer within 700 ms')),
        'saw a timeout',
      );
    } finally {
      await proxy.close();
    }
  });

  it('gives up after the configured attempts on persistent 5xx, with the last message', async () => {
    const proxy = await startFaultProxy(loki.url, ['500']);
    try {
      const client = new LokiHttp({ url: proxy.url, maxAttempts: 3, backoff: { baseDelayMs: 5 } });
      await assert.rejects(client.request('/ready'), /→ 500: internal error \(injected\) \(after 3 attempts\)$/);
      assert.equal(proxy.log.length, 3);
    } finally {
      await proxy.close();
    }
  });

  it('gives one clear error naming the URL when Loki is down', async () => {
    const port = await closedPort();
    const down = new LokiHttp({ url: `http://127.0.0.1:${port}`, maxAttempts: 3, backoff: { baseDelayMs: 5 } });
    await assert.rejects(down.request('/loki/api/v1/labels'), (err: unknown) => {
      assert.ok(err instanceof LokiError);
      assert.equal(err.status, undefined);
      assert.equal(
        err.message,
        `cannot reach Loki at http://127.0.0.1:${port} (GET /loki/api/v1/labels: connect ECONNREFUSED 127.0.0.1:${port}) (after 3 attempts)`,
      );
      return true;
    });
  });

  it('stops at once when the caller aborts, without retrying', async () => {
    const proxy = await startFaultProxy(loki.url, ['slow'], { slowMs: 5000 });
    try {
      const client = new LokiHttp({ url: proxy.url });
      const ac = new AbortController();
      setTimeout(() => ac.abort(new Error('caller gave up')), 100);
      await assert.rejects(client.request('/ready', { signal: ac.signal }), /caller gave up/);
      assert.equal(proxy.log.length, 1);
    } finally {
      await proxy.close();
    }
  });

  it('refuses a URL that is not http(s)', () => {
    assert.throws(() => new LokiHttp({ url: 'localhost:3100' }), /not an http\(s\) Loki URL|not a Loki URL/);
  });
});
