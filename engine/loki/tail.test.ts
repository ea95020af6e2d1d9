import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { entryKey, nowNs, type LokiEntry } from './entry.js';
import { LokiError, LokiHttp } from './http.js';
import { startLoki, type LocalLoki } from './loki-harness.js';
import { push, type PushEntry } from './push.js';
import { tail, type LokiTail, type TailStatus } from './tail.js';
import { closedPort, startTcpGate } from './test-proxies.js';

/** Collects what a tail delivers, and lets a test wait for a count or a status. */
function collect(t: LokiTail, statuses: TailStatus[]) {
  const got: LokiEntry[] = [];
  let failure: unknown;
  const done = (async () => {
    try {
      for await (const batch of t) got.push(...batch);
    } catch (err) {
      failure = err;
    }
  })();
  const until = async (what: string, ok: () => boolean, timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!ok()) {
      if (failure) throw failure;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; got ${got.length} entries, statuses ${JSON.stringify(statuses, (_k, v) => (typeof v === 'bigint' ? String(v) : v))}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  return {
    got,
    done,
    failure: () => failure,
    waitForEntries: (n: number) => until(`${n} entries`, () => got.length >= n),
    waitForConnection: (n: number) => until(`connection ${n}`, () => statuses.some((s) => s.state === 'connected' && s.connection === n)),
  };
}

function batchOf(app: string, tag: string, n: number): PushEntry[] {
  const t = nowNs();
  // Every third entry shares its timestamp with the one before: identities differ only by line.
  return Array.from({ length: n }, (_, i) => ({
    stream: { app, part: tag },
    tsNs: t + BigInt(i - (i % 3 === 2 ? 1 : 0)) * 1000n,
    line: `${tag} ${i}`,
    structuredMetadata: { tag },
  }));
}

// Loki adds service_name (from `app`: discover_service_name) to the stream labels it stores.
const keyOf = (e: PushEntry) => entryKey({ ...e, stream: { ...e.stream, service_name: e.stream.app }, structuredMetadata: {}, parsed: {} });

describe('tail against a real Loki', () => {
  let loki: LocalLoki;
  let http: LokiHttp;

  before(async () => {
    loki = await startLoki();
    http = new LokiHttp({ url: loki.url, backoff: { baseDelayMs: 100, maxDelayMs: 500 } });
  });
  after(() => loki?.stop());

  it('delivers lines pushed after it starts, with structured metadata apart', async () => {
    const statuses: TailStatus[] = [];
    const t = tail(http, { query: '{app="live"}', delayForSec: 1, onStatus: (s) => statuses.push(s) });
    const c = collect(t, statuses);
    await c.waitForConnection(1);
    const sent = batchOf('live', 'a', 30);
    await push(http, sent);
    await c.waitForEntries(30);
    await t.close();
    await c.done;
    assert.equal(c.got.length, 30);
    assert.deepEqual(new Set(c.got.map(entryKey)), new Set(sent.map(keyOf)));
    assert.deepEqual(c.got[0].stream, { app: 'live', part: 'a', service_name: 'live' });
    assert.deepEqual(c.got[0].structuredMetadata, { tag: 'a', detected_level: 'unknown' }); // Loki adds detected_level
    assert.equal(t.newestTsNs, sent[sent.length - 1].tsNs);
  });

  it('backfills from startNs before going live (resuming a watch from its cursor)', async () => {
    const earlier = batchOf('resume', 'old', 12);
    await push(http, earlier);
    // A small page and queue: the backfill has to wait for the consumer.
    const t = tail(http, { query: '{app="resume"}', startNs: earlier[3].tsNs, pageLimit: 4, highWaterMark: 5 });
    const c = collect(t, []);
    await c.waitForEntries(9);
    const later = batchOf('resume', 'new', 5);
    await push(http, later);
    await c.waitForEntries(14);
    await new Promise((r) => setTimeout(r, 1500)); // anything extra would show up by now
    await t.close();
    const expected = [...earlier.filter((e) => e.tsNs >= earlier[3].tsNs), ...later].map(keyOf);
    assert.equal(c.got.length, expected.length);
    assert.deepEqual(new Set(c.got.map(entryKey)), new Set(expected));
  });

  it('reconnects after Loki restarts and backfills the gap: every line exactly once', async () => {
    const gate = await startTcpGate(loki.url);
    const statuses: TailStatus[] = [];
    const via = new LokiHttp({ url: gate.url, maxAttempts: 2, backoff: { baseDelayMs: 50, maxDelayMs: 200 } });
    const t = tail(via, { query: '{app="restart"}', minReconnectDelayMs: 200, maxReconnectDelayMs: 500, settleMs: 300, onStatus: (s) => statuses.push(s) });
    const c = collect(t, statuses);
    try {
      await c.waitForConnection(1);
      const a = batchOf('restart', 'a', 20);
      await push(http, a);
      await c.waitForEntries(20);

      // Keep the tail away while Loki restarts and lines arrive, so they can only come from the backfill.
      gate.shut();
      await loki.restart();
      const b = batchOf('restart', 'b', 20);
      await push(http, b);
      assert.ok(statuses.some((s) => s.state === 'disconnected'), 'the tail noticed the restart');
      gate.open();

      await c.waitForConnection(2);
      await c.waitForEntries(40);
      const c3 = batchOf('restart', 'c', 20);
      await push(http, c3);
      await c.waitForEntries(60);
      await new Promise((r) => setTimeout(r, 1500)); // duplicates, if any, would arrive by now

      const expected = [...a, ...b, ...c3].map(keyOf);
      assert.equal(c.got.length, 60);
      assert.deepEqual(new Set(c.got.map(entryKey)), new Set(expected));
      const backfilledAfterReconnect = statuses
        .slice(statuses.findIndex((s) => s.state === 'connected' && s.connection === 2))
        .filter((s) => s.state === 'backfilled')
        .reduce((n, s) => n + (s.state === 'backfilled' ? s.entries : 0), 0);
      // b was pushed while the gate was shut: it can only have come from a backfill (c may have too).
      assert.ok(backfilledAfterReconnect >= 20, `backfilled ${backfilledAfterReconnect} after reconnecting`);
    } finally {
      await t.close();
      await gate.close();
    }
  });

  it('loses nothing to a consumer that falls behind (the socket pauses)', async () => {
    const statuses: TailStatus[] = [];
    const t = tail(http, { query: '{app="slow"}', highWaterMark: 10, onStatus: (s) => statuses.push(s) });
    const iterator = t[Symbol.asyncIterator]();
    while (!statuses.some((s) => s.state === 'connected')) await new Promise((r) => setTimeout(r, 50));
    const sent: PushEntry[] = [];
    for (let i = 0; i < 30; i++) {
      const batch = batchOf('slow', `s${i}`, 10);
      sent.push(...batch);
      await push(http, batch);
    }
    const got: LokiEntry[] = [];
    while (got.length < sent.length) {
      const { value } = await iterator.next();
      got.push(...value);
      await new Promise((r) => setTimeout(r, 5));
    }
    await new Promise((r) => setTimeout(r, 1500));
    await t.close();
    for (let r = await iterator.next(); !r.done; r = await iterator.next()) got.push(...r.value);
    assert.equal(got.length, sent.length);
    assert.deepEqual(new Set(got.map(entryKey)), new Set(sent.map(keyOf)));
  });

  it('fails at once, with Loki\'s message, for a query Loki refuses', async () => {
    const t = tail(http, { query: '{app=}' });
    const c = collect(t, []);
    await c.done;
    const err = c.failure();
    assert.ok(err instanceof LokiError, String(err));
    assert.equal(err.status, 400);
    assert.match(err.message, /\/loki\/api\/v1\/tail → 400: .*parse error/);
  });

  it('gives up with a clear error when Loki cannot be reached', async () => {
    const port = await closedPort();
    const down = new LokiHttp({ url: `http://127.0.0.1:${port}` });
    const t = tail(down, { query: '{app="x"}', maxReconnectAttempts: 2, minReconnectDelayMs: 10 });
    const c = collect(t, []);
    await c.done;
    assert.match(String(c.failure()), new RegExp(`gave up after 2 reconnects: cannot reach Loki at http://127\\.0\\.0\\.1:${port} \\(tail websocket: connect ECONNREFUSED`));
  });

  it('ends the iteration when closed, and close() is idempotent', async () => {
    const t = tail(http, { query: '{app="nothing"}' });
    const c = collect(t, []);
    await t.close();
    await t.close();
    await c.done;
    assert.equal(c.got.length, 0);
    assert.equal(c.failure(), undefined);
  });
});
