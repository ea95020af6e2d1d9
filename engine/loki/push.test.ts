import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { nowNs, type LokiEntry } from './entry.js';
import { LokiError, LokiHttp } from './http.js';
import { fakeOnly, lokiTarget, RUN_ID, type LokiTarget } from './testing/loki-target.js';
import { push, pushBody, type PushEntry } from './push.js';
import { queryRange } from './query-range.js';
import { startFakeLoki } from './testing/fake-loki.js';

describe('pushBody', () => {
  it('groups entries by stream and puts structured metadata third', () => {
    const body = JSON.parse(
      pushBody([
        { stream: { app: 'a' }, tsNs: 2n, line: 'two', structuredMetadata: { user: 'u1' } },
        { stream: { app: 'b' }, tsNs: 1n, line: 'one' },
        { stream: { app: 'a' }, tsNs: 3n, line: 'three', structuredMetadata: {} },
      ]),
    );
    assert.deepEqual(body, {
      streams: [
        {
          stream: { app: 'a' },
          values: [
            ['2', 'two', { user: 'u1' }],
            ['3', 'three'],
          ],
        },
        { stream: { app: 'b' }, values: [['1', 'one']] },
      ],
    });
  });
});

describe(`push against ${process.env.LOKI_URL ? 'a real Loki (LOKI_URL)' : 'the fake Loki'}`, () => {
  let loki: LokiTarget;
  let http: LokiHttp;
  const t0 = nowNs() - 10n * 60n * 1_000_000_000n;

  before(async () => {
    loki = await lokiTarget();
    http = new LokiHttp({ url: loki.url });
  });
  after(() => loki?.close());

  async function read(query: string): Promise<LokiEntry[]> {
    const out: LokiEntry[] = [];
    for await (const b of queryRange(http, { query, startNs: t0, endNs: nowNs() })) out.push(...b);
    return out;
  }

  it('pushes in batches bounded by entry count, and everything arrives', async () => {
    const entries: PushEntry[] = Array.from({ length: 1000 }, (_, i) => ({
      stream: { app: 'push', shard: String(i % 3), run: RUN_ID },
      tsNs: t0 + BigInt(i) * 1000n,
      line: `line ${i}`,
      structuredMetadata: { seq: String(i) },
    }));
    const result = await push(http, entries, { batchEntries: 300 });
    assert.deepEqual(result, { entries: 1000, requests: 4 });
    const back = await read(`{app="push", run="${RUN_ID}"}`);
    assert.equal(back.length, 1000);
    assert.equal(back[999].structuredMetadata.seq, '999');
    assert.equal(back[999].stream.seq, undefined);
  });

  it('pushes in batches bounded by body size, from an async source', async () => {
    async function* source() {
      for (let i = 0; i < 50; i++) yield { stream: { app: 'push-bytes', run: RUN_ID }, tsNs: t0 + BigInt(i), line: 'x'.repeat(1000) };
    }
    const result = await push(http, source(), { batchBytes: 10_000 });
    assert.equal(result.entries, 50);
    assert.ok(result.requests >= 5, `${result.requests} requests`);
    assert.equal((await read(`{app="push-bytes", run="${RUN_ID}"}`)).length, 50);
  });

  it("surfaces Loki's refusal as a LokiError with its message, without retrying", async () => {
    let retries = 0;
    const counting = new LokiHttp({ url: loki.url, onRetry: () => retries++ });
    await assert.rejects(push(counting, [{ stream: { '0bad': 'x' }, tsNs: t0, line: 'bad label name' }]), (err: unknown) => {
      assert.ok(err instanceof LokiError);
      assert.equal(err.status, 400);
      assert.equal(err.path, '/loki/api/v1/push');
      assert.match(err.message, /^Loki POST \/loki\/api\/v1\/push → 400: couldn't parse labels/);
      return true;
    });
    assert.equal(retries, 0);
  });

  it('drops an exact duplicate (same stream, timestamp and line), as Loki does', async () => {
    const e = { stream: { app: 'dup', run: RUN_ID }, tsNs: t0 + 5n, line: 'the same line' };
    await push(http, [e, e]);
    await push(http, [e, { ...e, line: 'another line' }]);
    assert.deepEqual((await read(`{app="dup", run="${RUN_ID}"}`)).map((x) => x.line).sort(), ['another line', 'the same line']);
  });

  it("reports a refused push (413 too large, 429 rate limited) with the status and Loki's words", async (t) => {
    const skip = fakeOnly('injected refusals');
    if (skip) return t.skip(skip);
    loki.fake!.failNext('/loki/api/v1/push', 413, 'request body too large');
    await assert.rejects(
      push(new LokiHttp({ url: loki.url, maxAttempts: 1 }), [{ stream: { app: 'x' }, tsNs: t0, line: 'y' }]),
      /→ 413: request body too large/,
    );
    loki.fake!.failNext('/loki/api/v1/push', 429, 'Ingestion rate limit exceeded', 2);
    const retried: number[] = [];
    await push(new LokiHttp({ url: loki.url, backoff: { baseDelayMs: 1 }, onRetry: (r) => retried.push(r.attempt) }), [
      { stream: { app: 'rate', run: RUN_ID }, tsNs: t0, line: 'after 429s' },
    ]);
    assert.deepEqual(retried, [1, 2]);
    assert.deepEqual(
      (await read(`{app="rate", run="${RUN_ID}"}`)).map((x) => x.line),
      ['after 429s'],
    );
  });
});

describe('push to a Loki that refuses large bodies (fake, maxPushBytes)', { skip: fakeOnly('its body limit set') }, () => {
  it('splits a batch refused with 413 in halves until each fits, losing nothing', async () => {
    const fake = await startFakeLoki({ maxPushBytes: 20_000 });
    try {
      const http = new LokiHttp({ url: fake.url });
      const t0 = nowNs() - 60_000_000_000n;
      const entries: PushEntry[] = Array.from({ length: 64 }, (_, i) => ({ stream: { app: 'big' }, tsNs: t0 + BigInt(i), line: `${i} ${'y'.repeat(1000)}` }));
      const result = await push(http, entries, { batchBytes: 1 << 20 });
      assert.equal(result.entries, 64);
      assert.ok(result.requests >= 4, `${result.requests} accepted requests`);
      const out: LokiEntry[] = [];
      for await (const b of queryRange(http, { query: '{app="big"}', startNs: t0, endNs: nowNs() })) out.push(...b);
      assert.deepEqual(
        out.map((e) => Number(e.line.split(' ')[0])),
        entries.map((_, i) => i),
      );
    } finally {
      await fake.close();
    }
  });

  it('names the one entry that is too large alone', async () => {
    const fake = await startFakeLoki({ maxPushBytes: 2_000 });
    try {
      const http = new LokiHttp({ url: fake.url });
      const t0 = nowNs();
      await assert.rejects(
        push(http, [
          { stream: { app: 'small' }, tsNs: t0, line: 'ok' },
          { stream: { app: 'huge' }, tsNs: t0 + 1n, line: 'z'.repeat(5000) },
        ]),
        (err: unknown) =>
          err instanceof LokiError &&
          err.status === 413 &&
          /one entry alone is too large to push \(stream \{app="huge"\}, \d+ ns, 5000 bytes\)/.test(err.message),
      );
    } finally {
      await fake.close();
    }
  });
});
