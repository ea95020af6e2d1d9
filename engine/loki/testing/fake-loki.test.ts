// The fake Loki itself, checked against the documented behaviours it claims (see fake-loki.ts), with
// raw HTTP so that the client's own handling does not hide a fake that drifted.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LokiError, LokiHttp } from '../http.js';
import { queryRange } from '../query-range.js';
import { startFakeLoki, type FakeLoki } from './fake-loki.js';

const T0 = 1_700_000_000_000_000_000n;

describe('the fake Loki', () => {
  let fake: FakeLoki;
  before(async () => {
    fake = await startFakeLoki();
    const values = Array.from({ length: 150 }, (_, i) => [String(T0 + BigInt(i) * 1_000_000_000n), `line ${i}`]);
    const res = await fetch(`${fake.url}/loki/api/v1/push`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        streams: [
          { stream: { app: 'a', host: 'h1' }, values },
          { stream: { app: 'b' }, values: [[String(T0), 'other', { trace_id: 'x' }]] },
        ],
      }),
    });
    assert.equal(res.status, 204);
  });
  after(() => fake?.close());

  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${fake.url}${path}`, { headers });
    return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
  };
  const range = (q: string, extra = '') => get(`/loki/api/v1/query_range?query=${encodeURIComponent(q)}&start=${T0}&end=${T0 + 1_000_000_000_000n}${extra}`);

  it('answers the streams shape with nanosecond strings, limit 100 by default, newest first by default', async () => {
    const r = await range('{app="a"}');
    assert.equal(r.status, 200);
    const body = JSON.parse(r.body);
    assert.equal(body.status, 'success');
    assert.equal(body.data.resultType, 'streams');
    assert.deepEqual(body.data.result[0].stream, { app: 'a', host: 'h1' });
    const values = body.data.result[0].values as string[][];
    assert.equal(values.length, 100);
    assert.deepEqual(values[0], [String(T0 + 149n * 1_000_000_000n), 'line 149']);
    const forward = JSON.parse((await range('{app="a"}', '&direction=forward&limit=3')).body).data.result[0].values;
    assert.deepEqual(
      forward.map((v: string[]) => v[1]),
      ['line 0', 'line 1', 'line 2'],
    );
  });

  it('limits across all streams, start inclusive, end exclusive, seconds or nanoseconds', async () => {
    const both = JSON.parse((await range('{app=~"a|b"}', '&direction=forward&limit=2')).body).data.result;
    assert.equal(
      both.reduce((n: number, s: { values: unknown[] }) => n + s.values.length, 0),
      2,
    );
    const s = Number(T0 / 1_000_000_000n);
    const bySeconds = JSON.parse(
      (await get(`/loki/api/v1/query_range?query=${encodeURIComponent('{app="a"}')}&start=${s + 10}&end=${s + 12}&direction=forward`)).body,
    );
    assert.deepEqual(
      bySeconds.data.result[0].values.map((v: string[]) => v[1]),
      ['line 10', 'line 11'],
    );
  });

  it('carries structured metadata as the third element (categorize-labels)', async () => {
    const other = JSON.parse((await range('{app="b"}')).body).data.result[0].values[0];
    assert.deepEqual(other, [String(T0), 'other', { structuredMetadata: { trace_id: 'x' } }]);
  });

  it("refuses a limit over max_entries_limit_per_query and a query it cannot parse, in text/plain with Loki's words", async () => {
    const big = await range('{app="a"}', '&limit=5001');
    assert.equal(big.status, 400);
    assert.match(big.type, /^text\/plain/);
    assert.equal(big.body, 'max entries limit per query exceeded, limit > max_entries_limit_per_query (5001 > 5000)');
    const bad = await range('{app=}');
    assert.equal(bad.status, 400);
    assert.match(bad.body, /^parse error at line 1, col \d+: syntax error/);
    assert.match((await range('sum(rate({app="a"}[1m]))')).body, /^parse error/);
  });

  it('answers /labels, /series and /ready', async () => {
    assert.deepEqual(JSON.parse((await get(`/loki/api/v1/labels?start=${T0}&end=${T0 + 1_000_000_000_000n}`)).body).data, ['app', 'host']);
    const series = JSON.parse((await get(`/loki/api/v1/series?match[]=${encodeURIComponent('{app="a"}')}&start=${T0}&end=${T0 + 1n}`)).body);
    assert.deepEqual(series.data, [{ app: 'a', host: 'h1' }]);
    assert.equal((await get('/ready')).body, 'ready');
  });

  it('with auth on, a request without X-Scope-OrgID is 401 "no org id" and tenants are apart', async () => {
    const authed = await startFakeLoki({ auth: true });
    try {
      assert.deepEqual(await get.call(null, '/ready'), await get('/ready'));
      const res = await fetch(`${authed.url}/loki/api/v1/labels`);
      assert.equal(res.status, 401);
      assert.equal(await res.text(), 'no org id');
    } finally {
      await authed.close();
    }
  });

  it('injected 504s reach the client as retryable Loki errors with the text body', async () => {
    fake.failNext('/loki/api/v1/query_range', 504, 'context deadline exceeded', 3);
    const client = new LokiHttp({ url: fake.url, maxAttempts: 2, backoff: { baseDelayMs: 1 } });
    await assert.rejects(
      (async () => {
        for await (const _ of queryRange(client, { query: '{app="a"}', startNs: T0, endNs: T0 + 1n })) void _;
      })(),
      (err: unknown) =>
        err instanceof LokiError && err.status === 504 && err.retryable && /→ 504: context deadline exceeded \(after 2 attempts\)/.test(err.message),
    );
    // the third injected failure is used by this retry-free request; then the fake answers normally
    await assert.rejects(new LokiHttp({ url: fake.url, maxAttempts: 1 }).request('/loki/api/v1/query_range', { query: { query: '{app="a"}' } }), /504/);
    assert.equal(
      JSON.parse(await new LokiHttp({ url: fake.url }).request('/loki/api/v1/query_range', { query: { query: '{app="a"}', start: T0, end: T0 + 1n } })).status,
      'success',
    );
  });
});
